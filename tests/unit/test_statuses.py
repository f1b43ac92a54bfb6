"""The labels test: every status and kind has one home (shop.models.statuses), with its labels and its moves.

- every member of every enum has a label for each audience that reads it, in English and in Vietnamese;
- no other module or template keeps its own names for statuses (one wording per status per audience);
- every allowed move goes through `shop.services.moves.move`, every other one is refused and changes nothing;
- templates ask questions instead of comparing status strings.
"""
import ast
import itertools
import pathlib
import re

import pytest
from flask_babel import force_locale

from shop.errors import InvalidTransition
from shop.extensions import db
from shop.models import AuditEvent, BankTransfer, OrderEvent, PaymentAttempt
from shop.models.statuses import (
    LABELLED_ENUMS,
    AttemptStatus,
    Audience,
    BankTransferStatus,
    CertificationStatus,
    OrderStatus,
    ProducerStatus,
    ProductStatus,
    ShipmentStatus,
)
from shop.services.moves import LIFECYCLES, can_move, move
from tests.factories import make_certification, make_order, make_producer, make_product, make_user

ROOT = pathlib.Path(__file__).resolve().parents[2]
# Labels whose Vietnamese is the same word on purpose (none today: add one here with the reason).
SAME_IN_VIETNAMESE = set()


def _every_label():
    for enum in LABELLED_ENUMS:
        for member, audience in itertools.product(enum, enum.audiences()):
            yield pytest.param(member, audience, id=f"{enum.__name__}.{member.name}-{audience}")


@pytest.mark.parametrize(("member", "audience"), list(_every_label()))
def test_every_member_has_a_label_for_each_audience_in_english_and_vietnamese(app, member, audience):
    label = member.label_for(audience)
    with app.test_request_context():
        with force_locale("en"):
            english = str(label)
        with force_locale("vi"):
            vietnamese = str(label)
    assert english.strip() and vietnamese.strip()
    assert english == label._args[0]  # the English text is the message id
    assert vietnamese != english or english in SAME_IN_VIETNAMESE, f"{member!r} for {audience} is not translated"


def test_an_enum_answers_only_for_its_own_audiences():
    with pytest.raises(ValueError, match="no labels"):
        ProductStatus.DRAFT.label_for(Audience.CUSTOMER)
    assert ShipmentStatus.PENDING.label_for("producer") is ShipmentStatus.PENDING.producer_label


def test_audiences_that_share_words_share_one_label_and_the_known_disagreements_are_settled(app):
    with app.test_request_context(), force_locale("en"):
        assert [str(ShipmentStatus.PENDING.label_for(a)) for a in Audience] == [
            "Being prepared", "To pack", "Waiting for the producer"]
        assert {str(ShipmentStatus.PACKED.label_for(a)) for a in Audience} == {"Packed"}
        from shop.models.statuses import DeliveryMethod
        assert {str(DeliveryMethod.PROVINCE.label_for(a)) for a in Audience} == {"Delivery within Quảng Ninh"}


def test_members_are_their_stored_values_and_the_check_constraints_list_them():
    assert OrderStatus.PAID == "paid" and f"{OrderStatus.PAID}" == "paid"
    assert OrderStatus.values() == ("pending_payment", "placed", "paid", "fulfilled", "completed", "cancelled",
                                    "refunded")
    for enum in LABELLED_ENUMS:
        assert all(type(value) is str for value in enum.values())


# Dicts keyed by such values that are not names of statuses, with why.
NOT_STATUS_NAMES = {
    "shop/producer/routes/orders.py": "STEP_MESSAGES: what the producer is told after a step, not a status's name",
    "templates/admin/audit.html": "entity_labels: the audited tables (product, producer…), not statuses",
}


def _status_values():
    return {value for enum in LABELLED_ENUMS for value in enum.values()}


def test_no_other_module_names_the_statuses():
    """A dict from status values (or members) to translated names anywhere but the enums is a second home."""
    found = []
    for path in (ROOT / "shop").rglob("*.py"):
        if path.name == "statuses.py" and path.parent.name == "models":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Dict):
                continue
            keys = [ast.unparse(key) for key in node.keys if key is not None]
            named = [key for key in keys if key.strip("'\"") in _status_values()
                     or re.fullmatch(r"(\w+(Status|Method|Role|Type|Reason))\.[A-Z_]+", key)]
            labelled = [value for value in node.values if isinstance(value, ast.Call)
                        and getattr(value.func, "id", "") in ("_", "_l", "lazy_gettext", "gettext")]
            if len(named) >= 2 and labelled:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix in (".html", ".txt"):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                for value in _status_values():
                    if re.search(rf"""["']{value}["']\s*:\s*_\(""", line):
                        found.append(f"{path.relative_to(ROOT)}:{number}")
    for gone in ("shop/labels.py", "shop/admin/labels.py", "shop/producer/labels.py"):
        assert not (ROOT / gone).exists(), gone
    found = [place for place in found if place.split(":")[0] not in NOT_STATUS_NAMES]
    assert not found, found


# --- moves -------------------------------------------------------------------------------------------------

def _row(model, status):
    """A row of `model` in `status`, with what its moves need (an order for a shipment, a product for a rating)."""
    if model is OrderStatus:
        return make_order([(make_product(stock=5), 1)], status=status)
    if model is ShipmentStatus:
        return make_order([(make_product(stock=5), 1)], status=OrderStatus.PAID, shipment_status=status).shipments[0]
    if model is ProductStatus:
        return make_product(status=status)
    if model is ProducerStatus:
        return make_producer(status=status)
    if model is AttemptStatus:
        order = make_order([(make_product(stock=5), 1)], status=OrderStatus.PENDING_PAYMENT)
        attempt = PaymentAttempt(order=order, provider=order.payment_method, reference=f"T{order.id}-{status}",
                                 amount=order.total, status=status)
        db.session.add(attempt)
        db.session.flush()
        return attempt
    if model is BankTransferStatus:
        transfer = BankTransfer(sepay_id=f"T-{status}", content="", amount=1000, status=status)
        db.session.add(transfer)
        db.session.flush()
        return transfer
    return make_certification(make_product(), stars=None if status == CertificationStatus.SUBMITTED else 4,
                              status=status)


STATUS_ENUMS = (OrderStatus, ShipmentStatus, ProductStatus, ProducerStatus, CertificationStatus, AttemptStatus,
                BankTransferStatus)


def _pairs(allowed):
    for enum in STATUS_ENUMS:
        for before, after in itertools.product(enum, enum):
            if before.can_move_to(after) == allowed:
                yield pytest.param(enum, before, after, id=f"{enum.__name__}:{before}->{after}")


def test_every_status_enum_has_a_lifecycle():
    assert {life.statuses for life in LIFECYCLES.values()} == set(STATUS_ENUMS)


@pytest.mark.parametrize(("enum", "before", "after"), list(_pairs(allowed=True)))
def test_every_allowed_move_goes_through(db, enum, before, after):
    row = _row(enum, before)
    office = make_user(email=f"office-{enum.__name__}@example.com")
    db.session.commit()
    assert can_move(row, after)
    move(row, after, office, "test")
    db.session.commit()
    db.session.refresh(row)
    assert row.status == after
    audit = db.session.query(AuditEvent).filter_by(entity_type=type(row).__tablename__, entity_id=row.id).all()
    if enum is ShipmentStatus:  # told by the order's history, not audited (as before)
        assert not audit
        assert db.session.query(OrderEvent).filter(OrderEvent.note.contains(f"{before} → {after}")).count() == 1
    else:
        assert [(a.before["status"], a.after["status"], a.actor_id) for a in audit] == [(before, after, office.id)]
    if enum is OrderStatus:
        assert db.session.query(OrderEvent).filter_by(order_id=row.id, from_status=before, to_status=after).count() == 1


@pytest.mark.parametrize(("enum", "before", "after"), list(_pairs(allowed=False)))
def test_every_other_move_is_refused_and_changes_nothing(app, db, enum, before, after):
    row = _row(enum, before)
    db.session.commit()
    events, audits = db.session.query(OrderEvent).count(), db.session.query(AuditEvent).count()
    assert not can_move(row, after)
    with app.test_request_context(), force_locale("en"):
        with pytest.raises(InvalidTransition) as refused:
            move(row, after, None, "test")
        assert str(before.label_for(LIFECYCLES[type(row)].audience)) in refused.value.message  # named, in words
    assert row.status == before
    assert (db.session.query(OrderEvent).count(), db.session.query(AuditEvent).count()) == (events, audits)


def test_a_value_that_is_no_status_is_refused(app, db):
    order = _row(OrderStatus, OrderStatus.PAID)
    with app.test_request_context(), pytest.raises(InvalidTransition):
        move(order, "lost")
    assert order.status == OrderStatus.PAID


def test_stamps_follow_the_move(db):
    order = _row(OrderStatus, OrderStatus.PENDING_PAYMENT)
    move(order, OrderStatus.CANCELLED)
    assert order.cancelled_at is not None and order.paid_at is None
    product = _row(ProductStatus, ProductStatus.PENDING_REVIEW)
    move(product, ProductStatus.PUBLISHED)
    assert product.published_at is not None
    producer = _row(ProducerStatus, ProducerStatus.PENDING)
    move(producer, ProducerStatus.APPROVED)
    assert producer.approved_at is not None


# --- templates ---------------------------------------------------------------------------------------------

COMPARED = re.compile(r"""(status|_method|payment|delivery) *(==|!=|in|not in) *["'(\[]""")
STATUS_LITERAL = re.compile(
    r"""["'](pending|paid|placed|published|draft|hidden|approved|suspended|verified|rejected|submitted|packed|"""
    r"""shipped|delivered|cancelled|refunded|completed|fulfilled|pending_payment|pending_review)["']""")
HTML_HIDDEN_INPUT = re.compile(r"""type=["']hidden["']""")  # <input type="hidden">: HTML, not a status


def test_templates_ask_questions_instead_of_comparing_status_strings():
    """Statuses, payment and delivery methods are asked (order.is_cash_on_delivery, Status.PAID), never spelled."""
    found = []
    for path in (ROOT / "templates").rglob("*"):
        if path.suffix not in (".html", ".txt"):
            continue
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if COMPARED.search(line) or STATUS_LITERAL.search(HTML_HIDDEN_INPUT.sub("", line)):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
