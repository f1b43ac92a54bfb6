"""Hostile input on the bank's webhook and on the office's reconciliation forms: never a 500, nothing half-done."""
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shop.extensions import db
from shop.models import BankTransfer, Order
from shop.models.statuses import BankTransferStatus, OrderStatus, PaymentMethod, Role, TransferIssue
from tests.factories import make_order, make_product, make_user
from tests.sepay_emulator.fixtures import BANK_SETTINGS, use_bank
from tests.web.test_fuzzing import FUZZ, HOSTILE_VALUES, check_answer, field, form, fresh_client, post_and_check

JSON_VALUES = st.one_of(HOSTILE_VALUES, st.integers(), st.floats(allow_nan=False), st.none(), st.booleans(),
                        st.lists(st.integers(), max_size=3))
SEPAY_FIELDS = ("id", "gateway", "transactionDate", "accountNumber", "code", "content", "transferType",
                "transferAmount", "accumulated", "subAccount", "referenceCode", "description")


@pytest.fixture
def queue(app, db, monkeypatch):
    """An administrator, an order awaiting a transfer and a queued transfer that names no order."""
    use_bank(app, monkeypatch)
    admin = make_user(role=Role.ADMIN, email="admin@example.com")
    order = make_order([(make_product(stock=50), 1)], status=OrderStatus.PENDING_PAYMENT,
                       payment_method=PaymentMethod.BANK_TRANSFER, number="QNFUZZ77", reserve=True)
    transfer = BankTransfer(sepay_id="1", content="tien an", amount=order.total, status=BankTransferStatus.TO_RECONCILE,
                            issue=TransferIssue.NO_ORDER.value)
    db.session.add(transfer)
    db.session.commit()
    return {"admin": admin, "order": order, "transfer": transfer}


def test_the_bank_webhook_takes_any_body_without_a_server_error(app, queue):
    headers = {"Authorization": f"Apikey {BANK_SETTINGS['BANK_WEBHOOK_API_KEY']}", "Content-Type": "application/json"}

    @FUZZ
    @given(body=st.fixed_dictionaries({}, optional={name: JSON_VALUES for name in SEPAY_FIELDS}))
    def fuzz(body):
        response = fresh_client(app).post("/webhooks/bank", data=json.dumps(body), headers=headers)
        check_answer(response)
        assert response.status_code in (200, 400)
        db.session.expire_all()
        assert db.session.get(Order, queue["order"].id).status in (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID)

    fuzz()


def test_the_reconciliation_forms(app, queue):
    transfer_id = queue["transfer"].id
    actions = {
        f"/admin/bank-transfers/{transfer_id}/match": form(order_number=field("QNFUZZ77", "qnfuzz77", "QN22222222"),
                                                          accept_difference=field("y", ""), note=field("")),
        f"/admin/bank-transfers/{transfer_id}/refund": form(note=field("sent back")),
        f"/admin/bank-transfers/{transfer_id}/dismiss": form(note=field("not ours")),
    }

    @FUZZ
    @given(action=st.sampled_from(sorted(actions)).flatmap(lambda path: st.tuples(st.just(path), actions[path])))
    def fuzz(action):
        path, data = action
        response, before, after = post_and_check(fresh_client(app, queue["admin"]), path, data)
        assert response.status_code in (302, 400)
        db.session.expire_all()
        transfer = db.session.get(BankTransfer, transfer_id)
        order = db.session.get(Order, queue["order"].id)
        paid = order.status == OrderStatus.PAID
        assert paid == (transfer.status == BankTransferStatus.MATCHED)  # matched exactly when it paid the order
        if transfer.status == BankTransferStatus.TO_RECONCILE:
            assert after == before

    fuzz()
