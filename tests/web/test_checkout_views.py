from email import message_from_bytes, policy
from urllib.parse import parse_qs, urlsplit

import pytest

from shop.models import CartItem, Order
from tests.checkout_helpers import mail_files
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")

FORM = {
    "name": "Nguyễn Văn An", "email": "an@example.com", "phone": "+84 912 345 678",
    "delivery_method": "province", "address": "5 Hạ Long, Bãi Cháy", "note": "Gọi trước khi giao",
    "payment_method": "cod",
}


@pytest.fixture
def product(db):
    producer = make_producer(owner=make_user(role="producer", email="hoa@example.com"))
    product = make_product(producer=producer, price=150_000, stock=5, name_en="Golden camellia tea")
    db.session.commit()
    return product


def fill_cart(client, product, quantity=2):
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": str(quantity)})
    assert response.status_code == 302


def test_checkout_with_an_empty_cart_goes_back_to_the_cart(client):
    response = client.get("/checkout")
    assert response.status_code == 302 and response.headers["Location"].endswith("/cart")


def test_the_form_offers_cash_only_without_stripe(client, product):
    fill_cart(client, product)
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="cod"' in page and 'value="card"' not in page
    assert "Golden camellia tea" in page


def test_the_form_offers_card_with_stripe(client, product, card_enabled):
    fill_cart(client, product)
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="cod"' in page and 'value="card"' in page


def test_a_cash_order_is_placed_and_the_cart_emptied(app, client, db, product):
    fill_cart(client, product)
    before = len(mail_files(app))
    response = client.post("/checkout", data=FORM)
    assert response.status_code == 302
    order = db.session.query(Order).one()
    location = urlsplit(response.headers["Location"])
    assert location.path == f"/en/orders/{order.number}" and parse_qs(location.query)["t"]
    assert (order.status, order.total, order.phone) == ("placed", 325_000, "+84912345678")
    with client.session_transaction() as session:
        assert not session.get("cart")
    db.session.refresh(product)
    assert product.stock == 3
    mails = [message_from_bytes(mail, policy=policy.default) for mail in mail_files(app)[before:]]
    assert len(mails) == 2
    assert any(mail["To"] == "an@example.com" and order.number in mail["Subject"] for mail in mails)
    assert any(mail["To"] == "hoa@example.com" for mail in mails)  # the producer's owner
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert order.number in page and "Placed (cash on delivery)" in page and "₫325,000" in page


def test_the_order_language_is_the_customer_language(client, db, product):
    client.get("/language/en")
    fill_cart(client, product)
    client.post("/checkout", data=FORM)
    assert db.session.query(Order).one().locale == "en"


def test_a_price_sent_with_the_form_is_ignored(client, db, product):
    fill_cart(client, product)
    client.post("/checkout", data=dict(FORM, price="1", unit_price="1", total="1", subtotal="1", shipping_fee="0"))
    order = db.session.query(Order).one()
    assert (order.subtotal, order.shipping_fee, order.total) == (300_000, 25_000, 325_000)
    assert order.lines[0].unit_price == 150_000


@pytest.mark.parametrize("changes, message", [
    ({"name": ""}, "Enter your name"),
    ({"email": "nobody"}, "Enter a valid e-mail address"),
    ({"phone": "12345"}, "with its country code"),
    ({"phone": ""}, "with its country code"),
    ({"address": ""}, "delivery address"),
    ({"delivery_method": "drone"}, "Not a valid choice"),
    ({"payment_method": "card"}, "Not a valid choice"),
])
def test_bad_or_missing_fields_are_refused_and_nothing_is_ordered(client, db, product, changes, message):
    fill_cart(client, product)
    response = client.post("/checkout", data=dict(FORM, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0
    db.session.refresh(product)
    assert product.stock == 5


def test_pick_up_needs_no_address(client, db, product):
    fill_cart(client, product)
    client.post("/checkout", data=dict(FORM, delivery_method="pickup", address=""))
    order = db.session.query(Order).one()
    assert order.shipping_fee == 0 and order.address == ""


def test_stock_sold_in_the_meantime_sends_the_customer_back_to_the_cart(client, db, product):
    fill_cart(client, product, 2)
    page = client.get("/checkout")
    assert page.status_code == 200
    product.stock = 1
    db.session.commit()
    response = client.post("/checkout", data=FORM, follow_redirects=True)
    assert "Only 1 left" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0


def test_a_signed_in_customer_orders_from_the_stored_cart(client, db, login, product):
    user = make_user(name="Trần Thu", email="thu@example.com")
    db.session.commit()
    login(user)
    fill_cart(client, product, 1)
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="Trần Thu"' in page and 'value="thu@example.com"' in page
    client.post("/checkout", data=FORM)
    order = db.session.query(Order).one()
    assert order.customer_id == user.id
    assert db.session.query(CartItem).count() == 0
    orders_page = client.get("/account/orders").get_data(as_text=True)
    assert order.number in orders_page
    assert client.get(f"/orders/{order.number}").status_code == 200
