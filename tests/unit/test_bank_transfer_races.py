"""Bank notifications racing each other and the expiry (PostgreSQL row locks): money counted once, stock sold once."""
import json
from datetime import timedelta

from sqlalchemy import func, select

from shop.extensions import db as _db
from shop.models import BankTransfer, Order, OrderEvent, Product
from shop.models.statuses import BankTransferStatus, OrderStatus, TransferIssue
from shop.services.payments.expiry import expire_overdue_orders
from tests.unit.test_wallet_races import RACERS, race
from tests.wallet_helpers import STOCK, place


def paid_events(order):
    """The order's moves to paid (its history's notes about a queued transfer are not moves)."""
    return _db.session.scalar(select(func.count()).select_from(OrderEvent).where(
        OrderEvent.order_id == order.id, OrderEvent.from_status == OrderStatus.PENDING_PAYMENT,
        OrderEvent.to_status == OrderStatus.PAID))


def deliver(app, sepay, body):
    """Deliver `body` to the shop from a fresh client, as SePay's own connection would; return the status."""
    return lambda: app.test_client().post("/webhooks/bank", data=json.dumps(body), headers=sepay.headers()).status_code


def test_one_notification_delivered_six_times_at_once_pays_once(app, client, db, sepay, product, postgres_only):
    _response, order = place(client, product, "bank_transfer")
    body = sepay.transaction(f"OCOP {order.number}", order.total)
    assert race(app, [deliver(app, sepay, body)] * RACERS) == [200] * RACERS
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1
    assert db.session.scalar(select(func.count()).select_from(BankTransfer)) == 1


def test_two_transfers_for_one_order_at_once_pay_it_once_and_queue_the_other(app, client, db, sepay, product,
                                                                            postgres_only):
    _response, order = place(client, product, "bank_transfer")
    bodies = [sepay.transaction(f"OCOP {order.number}", order.total) for _ in range(2)]
    race(app, [deliver(app, sepay, body) for body in bodies])
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1
    assert sorted((t.status, t.issue or "") for t in db.session.scalars(select(BankTransfer))) == [
        (BankTransferStatus.APPLIED, ""), (BankTransferStatus.TO_RECONCILE, TransferIssue.ALREADY_PAID)]


def test_a_transfer_racing_the_expiry_either_pays_or_waits_for_the_office(app, client, db, sepay, product,
                                                                         postgres_only):
    _response, order = place(client, product, "bank_transfer", quantity=2)
    body = sepay.transaction(f"OCOP {order.number}", order.total)
    later = order.reservation_expires_at + timedelta(minutes=1)
    race(app, [deliver(app, sepay, body), lambda: expire_overdue_orders(now=later)])
    db.session.expire_all()
    order = db.session.get(Order, order.id)
    [transfer] = db.session.scalars(select(BankTransfer)).all()
    stock = db.session.get(Product, product.id).stock
    if order.status == OrderStatus.PAID:  # the money came first: the stock stays sold
        assert transfer.status == BankTransferStatus.APPLIED and stock == STOCK - 2
    else:  # the expiry came first: the stock is back, the money waits for the office
        assert order.status == OrderStatus.CANCELLED and transfer.issue == TransferIssue.LATE and stock == STOCK
