import pytest

from shop.errors import InvalidTransition
from shop.models import Order, OrderEvent
from shop.models.statuses import OrderStatus
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
    order = new_order(db, OrderStatus.PENDING_PAYMENT)
    transition_order(order, OrderStatus.PAID, admin, "webhook")
    db.session.commit()
    assert order.status == OrderStatus.PAID and order.paid_at is not None
    event = db.session.query(OrderEvent).one()
    assert (event.from_status, event.to_status, event.actor_id) == (
        OrderStatus.PENDING_PAYMENT, OrderStatus.PAID, admin.id)


def test_a_cash_order_is_paid_when_completed(db):
    order = new_order(db, OrderStatus.PLACED, "cod")
    transition_order(order, OrderStatus.FULFILLED)
    assert order.paid_at is None
    transition_order(order, OrderStatus.COMPLETED)
    assert order.paid_at is not None


@pytest.mark.parametrize("start, target", [
    (OrderStatus.PENDING_PAYMENT, OrderStatus.FULFILLED),
    (OrderStatus.CANCELLED, OrderStatus.PAID),
    (OrderStatus.PAID, OrderStatus.PENDING_PAYMENT),
    (OrderStatus.COMPLETED, OrderStatus.CANCELLED),
])
def test_moves_outside_the_table_are_refused_and_change_nothing(db, start, target):
    order = new_order(db, start)
    with pytest.raises(InvalidTransition):
        transition_order(order, target)
    assert order.status == start
    assert db.session.query(OrderEvent).count() == 0
