import pytest

from shop.errors import InvalidTransition
from shop.models import Order, OrderEvent
from shop.models.order import (
    ORDER_CANCELLED,
    ORDER_COMPLETED,
    ORDER_FULFILLED,
    ORDER_PAID,
    ORDER_PENDING_PAYMENT,
    ORDER_PLACED,
)
from shop.services.orders.flow import transition_order
from tests.factories import make_user


def new_order(db, status, payment_method="card"):
    order = Order(number=f"T{status[:6]}", contact_name="Hoa", email="hoa@example.com", phone="0912345678",
                  delivery_method="province", payment_method=payment_method, subtotal=100000,
                  shipping_fee=0, total=100000, status=status)
    db.session.add(order)
    db.session.flush()
    return order


def test_a_card_order_moves_from_pending_to_paid_with_an_event(db):
    admin = make_user(role="admin")
    order = new_order(db, ORDER_PENDING_PAYMENT)
    transition_order(order, ORDER_PAID, admin, "webhook")
    db.session.commit()
    assert order.status == ORDER_PAID and order.paid_at is not None
    event = db.session.query(OrderEvent).one()
    assert (event.from_status, event.to_status, event.actor_id) == (ORDER_PENDING_PAYMENT, ORDER_PAID, admin.id)


def test_a_cash_order_is_paid_when_completed(db):
    order = new_order(db, ORDER_PLACED, "cod")
    transition_order(order, ORDER_FULFILLED)
    assert order.paid_at is None
    transition_order(order, ORDER_COMPLETED)
    assert order.paid_at is not None


@pytest.mark.parametrize("start, target", [
    (ORDER_PENDING_PAYMENT, ORDER_FULFILLED),
    (ORDER_CANCELLED, ORDER_PAID),
    (ORDER_PAID, ORDER_PENDING_PAYMENT),
    (ORDER_COMPLETED, ORDER_CANCELLED),
])
def test_moves_outside_the_table_are_refused_and_change_nothing(db, start, target):
    order = new_order(db, start)
    with pytest.raises(InvalidTransition):
        transition_order(order, target)
    assert order.status == start
    assert db.session.query(OrderEvent).count() == 0
