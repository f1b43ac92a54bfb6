"""Failures in the middle of placing an order leave nothing behind (SQLite and PostgreSQL)."""
import pytest
from sqlalchemy import select

from shop.models import Order, OrderLine, Product, Shipment, StockMovement
from shop.services.orders import placing as orders
from shop.services.stock import ledger_balance
from tests.factories import checkout_details, make_product


class InjectedFailure(RuntimeError):
    """The failure a test forces inside place_order."""


@pytest.fixture
def two_products(db):
    first, second = make_product(stock=10), make_product(stock=5)
    db.session.commit()
    return first.id, second.id


def break_after_the_stock_update(monkeypatch, product_ids):
    """Make place_order fail when it writes the order's event, after every line's stock was taken.

    Returns the stock levels seen, inside the failing transaction, just before the failure.
    """
    seen = {}

    def failing_event(**_values):
        rows = orders.db.session.execute(select(Product.id, Product.stock).where(Product.id.in_(product_ids)))
        seen.update(dict(rows.all()))
        raise InjectedFailure("the database went away after the stock update")

    monkeypatch.setattr(orders, "OrderEvent", failing_event)
    return seen


@pytest.mark.parametrize("payment_method", ["cod", "card"])
def test_a_failure_after_the_stock_update_leaves_no_order_and_no_stock_change(
        app, db, two_products, monkeypatch, payment_method):
    first, second = two_products
    if payment_method == "card":
        monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_failure")
    seen = break_after_the_stock_update(monkeypatch, [first, second])
    with pytest.raises(InjectedFailure):
        orders.place_order({first: 3, second: 2}, checkout_details(payment_method=payment_method))
    assert seen == {first: 7, second: 3}  # the failure really came after the stock was taken
    db.session.expire_all()
    assert (db.session.get(Product, first).stock, db.session.get(Product, second).stock) == (10, 5)
    assert ledger_balance(first) == 10 and ledger_balance(second) == 5
    for model in (Order, OrderLine, Shipment):
        assert db.session.query(model).count() == 0, model.__name__
    assert db.session.query(StockMovement).filter_by(reason="sale").count() == 0


def test_the_session_is_usable_again_after_the_failure(app, db, two_products, monkeypatch):
    first, _second = two_products
    break_after_the_stock_update(monkeypatch, [first])
    with pytest.raises(InjectedFailure):
        orders.place_order({first: 1}, checkout_details())
    monkeypatch.undo()
    order = orders.place_order({first: 1}, checkout_details())
    db.session.expire_all()
    assert db.session.get(Product, first).stock == 9 and order.status == "placed"
