import re
from datetime import timedelta

import pytest
from sqlalchemy import event

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.models import Order, OrderEvent, OrderLine, Shipment, StockMovement, utcnow
from shop.models.statuses import ProductStatus
from shop.services.orders.access import find_order_for, order_token
from shop.services.orders.contact import normalize_phone
from shop.services.orders.placing import NUMBER_ALPHABET, release_order
from shop.services.payments.expiry import expire_overdue_orders
from shop.services.stock import ledger_balance
from tests.checkout_helpers import mail_files
from tests.factories import make_producer, make_product, make_user, place_test_order

pytestmark = pytest.mark.usefixtures("english")


def mail_count(app):
    return len(mail_files(app))


@pytest.mark.parametrize("raw, expected", [
    ("0912345678", "+84912345678"), ("091 234 5678", "+84912345678"), ("0912.345.678", "+84912345678"),
    ("+84 912 345 678", "+84912345678"), ("+84-389-123-456", "+84389123456"), ("(070) 123 4567", "+84701234567"),
    ("0084 912 345 678", "+84912345678"),
])
def test_vietnamese_mobile_numbers_are_stored_in_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("+82 10 1234 5678", "+821012345678"), ("+86 138 0013 8000", "+8613800138000"),
    ("+1 650 555 0100", "+16505550100"), ("0082-10-1234-5678", "+821012345678"), ("+44 7911 123456", "+447911123456"),
])
def test_international_numbers_of_any_country_are_accepted_in_e164(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "12345", "0212345678", "091234567", "09123456789", "84912345678",
                                 "+84 212 345 678", "+82 10 1234", "+999 1234 5678", "010 1234 5678",
                                 "09123456７8", "abc0912345678", "+82 10 1234 5678 ext 2"])
def test_other_phone_numbers_are_refused(raw):
    with pytest.raises(InvalidInput):
        normalize_phone(raw)


def test_a_cash_order_is_placed_with_lines_shipments_stock_and_mail(app, db):
    hoa, minh = make_producer(email="hoa@example.com"), make_producer(email="minh@example.com")
    tea = make_product(producer=hoa, price=120_000, stock=10, name_vi="Trà hoa vàng")
    squid = make_product(producer=minh, price=350_000, stock=3)
    before = mail_count(app)
    order = place_test_order({tea: 2, squid: 1})

    assert re.fullmatch(rf"QN[{NUMBER_ALPHABET}]{{8}}", order.number)
    assert order.status == "placed" and order.reservation_expires_at is None
    assert (order.subtotal, order.shipping_fee, order.total) == (590_000, 25_000, 615_000)
    assert order.phone == "+84912345678" and order.locale == "vi"
    lines = {line.product_id: line for line in order.lines}
    line = lines[tea.id]
    assert (line.product_name, line.unit_price, line.line_total) == ("Trà hoa vàng", 120_000, 240_000)
    assert sorted(s.producer_id for s in order.shipments) == sorted([hoa.id, minh.id])
    db.session.refresh(tea)
    db.session.refresh(squid)
    assert (tea.stock, squid.stock) == (8, 2)
    assert ledger_balance(tea.id) == 8
    sales = db.session.query(StockMovement).filter_by(reason="sale", order_id=order.id).all()
    assert sorted(m.quantity for m in sales) == [-2, -1]
    assert db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="placed").count() == 1
    assert mail_count(app) == before + 3  # the customer and two producers


def test_a_card_order_waits_for_payment_with_its_stock_reserved(app, db, card_enabled):
    product = make_product(stock=5)
    before = mail_count(app)
    order = place_test_order({product: 2}, payment_method="card", locale="en")
    assert order.status == "pending_payment" and order.locale == "en"
    minutes = app.config["RESERVATION_MINUTES"]
    assert abs(order.reservation_expires_at - (utcnow() + timedelta(minutes=minutes))) < timedelta(seconds=30)
    db.session.refresh(product)
    assert product.stock == 3
    assert mail_count(app) == before  # card orders are confirmed by mail once paid


def test_card_payment_is_refused_without_a_stripe_key(db):
    product = make_product(stock=5)
    with pytest.raises(InvalidInput, match="cash on delivery"):
        place_test_order({product: 1}, payment_method="card")
    assert db.session.query(Order).count() == 0


def test_when_one_line_cannot_be_served_nothing_is_written(db):
    plenty = make_product(stock=10)
    scarce = make_product(stock=2, name_vi="Ngọc trai Hạ Long")
    db.session.commit()
    with pytest.raises(OutOfStock) as error:
        place_test_order({plenty: 3, scarce: 5})
    assert error.value.message == "Sorry, only 2 of Ngọc trai Hạ Long left: please lower the quantity in your cart."
    assert error.value.available == 2
    assert db.session.query(Order).count() == 0
    assert db.session.query(OrderLine).count() == 0
    assert db.session.query(Shipment).count() == 0
    assert db.session.query(StockMovement).filter_by(reason="sale").count() == 0
    db.session.refresh(plenty)
    assert plenty.stock == 10 == ledger_balance(plenty.id)


@pytest.mark.parametrize("change", ["hidden", "suspended", "missing"])
def test_a_product_no_longer_on_sale_stops_the_order(db, change):
    product = make_product(stock=5)
    product_id = product.id
    if change == "hidden":
        product.status = ProductStatus.HIDDEN
    elif change == "suspended":
        product.producer.status = "suspended"
    else:
        product_id = product.id + 500
    db.session.commit()
    with pytest.raises(OutOfStock, match="no longer on sale"):
        place_test_order({product_id: 1})
    assert db.session.query(Order).count() == 0


@pytest.mark.parametrize("details, message", [
    ({"phone": "12345"}, "mobile number"),
    ({"address": "  "}, "address"),
    ({"name": ""}, "name"),
    ({"email": "not-an-email"}, "e-mail"),
    ({"delivery_method": "drone"}, "delivery"),
    ({"payment_method": "bitcoin"}, "pay"),
])
def test_bad_details_are_refused(db, details, message):
    product = make_product(stock=5)
    with pytest.raises(InvalidInput, match=message):
        place_test_order({product: 1}, **details)
    assert db.session.query(Order).count() == 0


@pytest.mark.parametrize("items", [{}, {"p": 0}, {"p": -2}, {"p": 1.5}, {"p": True}])
def test_bad_items_are_refused(db, items):
    product = make_product(stock=5)
    with pytest.raises(InvalidInput):
        place_test_order({product if key == "p" else key: quantity for key, quantity in items.items()})
    assert db.session.query(Order).count() == 0


def test_pick_up_needs_no_address_and_costs_nothing(db):
    product = make_product(stock=5, price=200_000)
    order = place_test_order({product: 1}, delivery_method="pickup", address="ignored for pick-up")
    assert order.shipping_fee == 0 and order.total == 200_000 and order.address == ""


def test_products_are_locked_and_updated_in_id_order(db):
    producer = make_producer()
    first, second, third = (make_product(producer=producer, stock=5) for _i in range(3))
    db.session.commit()
    updates, locks = [], []

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("UPDATE PRODUCT "):  # not product_listing
            updates.append((statement, parameters))
        if "FOR UPDATE" in statement and "FROM product" in statement:
            locks.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        place_test_order({third: 1, first: 1, second: 1})
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    touched = [_product_id(statement, params) for statement, params in updates]
    assert touched == [first.id, second.id, third.id]
    if db.engine.dialect.name == "postgresql":  # SQLite has no row locks
        assert len(locks) == 1 and "ORDER BY product.id" in locks[0] and "FOR UPDATE OF product" in locks[0]


def _product_id(statement, params):
    """The id in `UPDATE product SET stock=stock - :q … WHERE product.id = :id AND stock >= :q`."""
    if isinstance(params, dict):
        return next(value for key, value in params.items() if key.startswith("id"))
    return params[statement[:statement.index("product.id = ?")].count("?")]


def test_releasing_an_order_returns_its_stock_once(db):
    product = make_product(stock=5)
    order = place_test_order({product: 3})
    assert release_order(order, "test") is True
    assert release_order(order, "test again") is False
    db.session.refresh(product)
    assert product.stock == 5 == ledger_balance(product.id)
    assert order.status == "cancelled" and order.cancelled_at is not None
    assert all(s.status == "cancelled" for s in order.shipments)
    assert db.session.query(StockMovement).filter_by(reason="release", order_id=order.id).count() == 1


def test_expiry_cancels_only_overdue_unpaid_card_orders_and_is_safe_to_repeat(app, db, card_enabled, monkeypatch):
    product = make_product(stock=10)
    overdue = place_test_order({product: 2}, payment_method="card")
    fresh = place_test_order({product: 3}, payment_method="card")
    cash = place_test_order({product: 1})
    overdue.reservation_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "")  # no session at Stripe to expire first

    assert expire_overdue_orders() == 1
    assert expire_overdue_orders() == 0
    assert (overdue.status, fresh.status, cash.status) == ("cancelled", "pending_payment", "placed")
    db.session.refresh(product)
    assert product.stock == 10 - 3 - 1 == ledger_balance(product.id)


def test_an_order_is_visible_to_its_customer_an_admin_and_its_link_only(db):
    customer, stranger, admin = make_user(), make_user(), make_user(role="admin")
    product = make_product(stock=5)
    order = place_test_order({product: 1}, customer=customer)
    assert find_order_for(order.number, customer) is order
    assert find_order_for(order.number, admin) is order
    assert find_order_for(order.number, None, order_token(order)) is order
    for user, token in [(stranger, ""), (None, ""), (None, "forged"), (None, order_token(order) + "x")]:
        with pytest.raises(NotFound):
            find_order_for(order.number, user, token)
    other = place_test_order({product: 1})
    with pytest.raises(NotFound):
        find_order_for(other.number, None, order_token(order))
