import pytest

from shop.errors import InvalidInput, InvalidTransition
from shop.models import AuditEvent, Refund, StockMovement
from shop.services.orders.flow import transition_order
from shop.services.orders.refunds import cancel_order, refund_order, refundable_amount
from shop.services.stock import ledger_balance
from tests.factories import make_product, make_user, place_test_order

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def admin(db):
    return make_user(role="admin")


@pytest.fixture
def delivered_cash_order(db):
    """A cash order for 3 units at 100,000 ₫ (plus 25,000 ₫ delivery), delivered and paid."""
    product = make_product(stock=10, price=100_000)
    order = place_test_order({product: 3})
    transition_order(order, "fulfilled")
    transition_order(order, "completed")
    db.session.commit()
    return order


def test_an_office_cancels_a_cash_order_and_its_stock_returns(db, admin):
    product = make_product(stock=5)
    order = place_test_order({product: 4})
    cancel_order(order, admin, "customer phoned")
    db.session.refresh(product)
    assert order.status == "cancelled" and product.stock == 5 == ledger_balance(product.id)
    event = order.events[-1]
    assert (event.to_status, event.actor_id, event.note) == ("cancelled", admin.id, "customer phoned")
    assert db.session.query(AuditEvent).filter_by(action="order.status", actor_id=admin.id).count() == 1


def test_an_unpaid_card_order_can_be_cancelled(db, admin, card_enabled):
    product = make_product(stock=5)
    order = place_test_order({product: 2}, payment_method="card")
    cancel_order(order, admin, "duplicate order")
    assert order.status == "cancelled"


@pytest.mark.parametrize("status", ["fulfilled", "completed"])
def test_a_shipped_order_cannot_be_cancelled(db, admin, status):
    product = make_product(stock=5)
    order = place_test_order({product: 2})
    transition_order(order, "fulfilled")
    if status == "completed":
        transition_order(order, "completed")
    db.session.commit()
    with pytest.raises(InvalidTransition):
        cancel_order(order, admin, "too late")
    db.session.refresh(product)
    assert order.status == status and product.stock == 3


def test_a_partial_then_full_cash_refund(db, admin, delivered_cash_order):
    order = delivered_cash_order
    assert refundable_amount(order) == 325_000
    refund_order(order, 100_000, admin, "one jar broken")
    assert order.refunded_amount == 100_000 and order.status == "completed"
    refund_order(order, 225_000, admin, "customer unhappy")
    assert order.refunded_amount == 325_000 and order.status == "refunded"
    assert refundable_amount(order) == 0
    assert [r.amount for r in db.session.query(Refund).order_by(Refund.id)] == [100_000, 225_000]
    assert db.session.query(AuditEvent).filter_by(action="order.refund").count() == 2
    with pytest.raises(InvalidTransition):
        refund_order(order, 1, admin, "again")


@pytest.mark.parametrize("amount", [0, -5, 325_001, "abc", 1.5, None, True])
def test_a_refund_outside_1_to_what_is_left_is_refused(db, admin, delivered_cash_order, amount):
    with pytest.raises(InvalidInput):
        refund_order(delivered_cash_order, amount, admin, "bad amount")
    assert delivered_cash_order.refunded_amount == 0
    assert db.session.query(Refund).count() == 0


def test_refunding_with_restock_returns_the_goods_once(db, admin, delivered_cash_order):
    order = delivered_cash_order
    product = order.lines[0].product
    refund_order(order, 100_000, admin, "returned", restock=True)
    refund_order(order, 100_000, admin, "goodwill", restock=True)
    db.session.refresh(product)
    assert product.stock == 10 == ledger_balance(product.id)
    assert order.lines[0].refunded_quantity == 3
    assert db.session.query(StockMovement).filter_by(reason="refund", order_id=order.id).one().quantity == 3


@pytest.mark.parametrize("status", ["placed", "fulfilled"])
def test_an_unpaid_cash_order_cannot_be_refunded(db, admin, status):
    order = place_test_order({make_product(stock=5): 1})
    if status == "fulfilled":
        transition_order(order, "fulfilled")
    with pytest.raises(InvalidTransition):
        refund_order(order, 1000, admin, "nothing was paid")


def test_an_unpaid_card_order_cannot_be_refunded(db, admin, card_enabled):
    order = place_test_order({make_product(stock=5): 1}, payment_method="card")
    with pytest.raises(InvalidTransition):
        refund_order(order, 1000, admin, "nothing was paid")
