"""One way to change the status of any row: its enum says whether it may, then the move is stamped and written down.

Orders, shipments, products, producers and certifications each have a lifecycle here: the
enum of their statuses (shop.models.statuses), the times a move stamps, the history row it
writes (OrderEvent for orders and shipments) and the audit action (all but shipments). `move` checks the move
against the enum's allowed moves and raises InvalidTransition, changing nothing, when it is
not one. It never commits: the caller's transaction carries the move with whatever caused it.
"""
from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from shop.errors import InvalidTransition
from shop.extensions import db
from shop.models import (
    BankTransfer,
    Certification,
    Order,
    OrderEvent,
    PaymentAttempt,
    Producer,
    Product,
    Shipment,
    utcnow,
)
from shop.models.statuses import (
    OFFICE,
    PRODUCER,
    AttemptStatus,
    BankTransferStatus,
    CertificationStatus,
    OrderStatus,
    ProducerStatus,
    ProductStatus,
    ShipmentStatus,
    StatusEnum,
)
from shop.services.audit import record_audit


@dataclass(frozen=True)
class Lifecycle:
    """How the rows of one model move: their statuses and what a move writes besides the status."""

    statuses: type[StatusEnum]
    audit_action: str | None  # None: no audit row (a shipment's moves are told by its order's history)
    refusal: Callable  # (row, from label, to label) → the translated message of a refused move
    audience: str = OFFICE  # whose words the refusal uses
    snapshot: Callable = lambda row: {"status": row.status}  # the audit row's before and after
    stamp: Callable = lambda row, before, after, now: None  # set the times the move stamps
    history: Callable = lambda row, before, after, actor, note: None  # add the row's own event


def move(row, to_status, actor=None, note="", *, changes=None, audit_action=None):
    """Move `row` to `to_status` if its enum allows it: stamp it, write its event and audit rows; return it.

    `changes` are other attributes set with the move (a review note, a reason); `audit_action`
    names the audit row when it is not the lifecycle's usual one. Raises InvalidTransition,
    changing nothing, for a move the enum does not allow. Does not commit.
    """
    life = LIFECYCLES[type(row)]
    before, after = life.statuses(row.status), require_move(row, to_status)
    snapshot = life.snapshot(row)
    row.status = after.value
    for name, value in (changes or {}).items():
        setattr(row, name, value)
    life.stamp(row, before, after, utcnow())
    life.history(row, before, after, actor, note)
    if audit_action or life.audit_action:
        record_audit(actor, audit_action or life.audit_action, row, snapshot, life.snapshot(row), note)
    return row


def require_move(row, to_status):
    """Return `to_status` as a member of the row's enum if the row may move there; raise InvalidTransition if not."""
    life = LIFECYCLES[type(row)]
    before = life.statuses(row.status)
    after = _member(life.statuses, to_status)
    if after is None or not before.can_move_to(after):
        raise InvalidTransition(life.refusal(
            row, before.label_for(life.audience), after.label_for(life.audience) if after else to_status))
    return after


def can_move(row, to_status):
    """Whether `row` may move to `to_status` now."""
    statuses = LIFECYCLES[type(row)].statuses
    after = _member(statuses, to_status)
    return after is not None and statuses(row.status).can_move_to(after)


def _member(statuses, value):
    try:
        return statuses(value)
    except ValueError:
        return None


def _stamp_order(order, _before, after, now):
    if after == OrderStatus.PAID or (after == OrderStatus.COMPLETED and order.paid_at is None):
        order.paid_at = now  # cash orders are paid on delivery
    if after == OrderStatus.CANCELLED:
        order.cancelled_at = now


def _order_event(order, before, after, actor, note):
    db.session.add(OrderEvent(order=order, from_status=before.value, to_status=after.value,
                              actor_id=getattr(actor, "id", None), note=note[:500]))


_SHIPMENT_STAMPS = {ShipmentStatus.PACKED: "packed_at", ShipmentStatus.SHIPPED: "shipped_at",
                    ShipmentStatus.DELIVERED: "delivered_at"}


def _stamp_shipment(shipment, _before, after, now):
    if after in _SHIPMENT_STAMPS:
        setattr(shipment, _SHIPMENT_STAMPS[after], now)


def _shipment_event(shipment, before, after, actor, note):
    """Note the shipment's move in its order's history (the order's own status stays)."""
    order = shipment.order
    text = f"shipment of {shipment.producer.name}: {before.value} → {after.value}" + (f" ({note})" if note else "")
    db.session.add(OrderEvent(order=order, from_status=order.status, to_status=order.status,
                              actor_id=getattr(actor, "id", None), note=text[:500]))


def _stamp_product(product, before, after, now):
    if after == ProductStatus.PUBLISHED and (before == ProductStatus.PENDING_REVIEW or product.published_at is None):
        product.published_at = now


def _stamp_producer(producer, _before, after, now):
    if after == ProducerStatus.APPROVED:
        producer.approved_at = now


def _stamp_attempt(attempt, _before, after, now):
    if after != AttemptStatus.PENDING:
        attempt.settled_at = now


def _certification_snapshot(cert):
    return {
        "stars": cert.stars, "status": cert.status, "decision_number": cert.decision_number,
        "issuing_body": cert.issuing_body, "decision_date": cert.decision_date.isoformat(),
        "expires_on": cert.expires_on.isoformat(), "traceability_url": cert.traceability_url,
        "score": cert.score, "kind": cert.kind, "replaces_id": cert.replaces_id,
        "potential_five_star": cert.potential_five_star,
    }


LIFECYCLES = {
    Order: Lifecycle(
        OrderStatus, "order.status", stamp=_stamp_order, history=_order_event,
        refusal=lambda order, before, after: _("Order %(number)s cannot go from “%(from)s” to “%(to)s”.",
                                               number=order.number, **{"from": before, "to": after})),
    Shipment: Lifecycle(
        ShipmentStatus, None, audience=PRODUCER, stamp=_stamp_shipment, history=_shipment_event,
        refusal=lambda _shipment, before, after: _("This shipment cannot go from “%(from)s” to “%(to)s” now.",
                                                   **{"from": before, "to": after})),
    Product: Lifecycle(
        ProductStatus, "product.status", stamp=_stamp_product,
        snapshot=lambda product: {"status": product.status, "review_note": product.review_note},
        refusal=lambda product, before, after: _("%(name)s cannot go from “%(from)s” to “%(to)s”.",
                                                 name=product.name_vi, **{"from": before, "to": after})),
    Producer: Lifecycle(
        ProducerStatus, "producer.status", stamp=_stamp_producer,
        snapshot=lambda producer: {"status": producer.status, "status_reason": producer.status_reason},
        refusal=lambda producer, before, after: (
            _("%(name)s is already “%(status)s”.", name=producer.name, status=after) if before == after
            else _("%(name)s cannot go from “%(from)s” to “%(to)s”.", name=producer.name,
                   **{"from": before, "to": after}))),
    Certification: Lifecycle(
        CertificationStatus, "certification.status", snapshot=_certification_snapshot,
        refusal=lambda cert, before, after: _("Certification %(number)s cannot go from “%(from)s” to “%(to)s”.",
                                              number=cert.decision_number, **{"from": before, "to": after})),
    PaymentAttempt: Lifecycle(
        AttemptStatus, "payment.attempt", stamp=_stamp_attempt,
        snapshot=lambda attempt: {"status": attempt.status, "transaction": attempt.provider_transaction_id},
        refusal=lambda attempt, before, after: _("Payment %(reference)s cannot go from “%(from)s” to “%(to)s”.",
                                                 reference=attempt.reference, **{"from": before, "to": after})),
    BankTransfer: Lifecycle(
        BankTransferStatus, "bank_transfer.status",
        snapshot=lambda transfer: {"status": transfer.status, "order_id": transfer.order_id},
        refusal=lambda transfer, before, after: _("Bank transfer %(reference)s cannot go from “%(from)s” to "
                                                  "“%(to)s”.", reference=transfer.reference_code or transfer.sepay_id,
                                                  **{"from": before, "to": after})),
}
