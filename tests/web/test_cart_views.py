import pytest

from shop.models import CartItem
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")


def cart_of(client):
    with client.session_transaction() as session:
        return dict(session.get("cart", {}))


def test_an_empty_cart_says_so(client):
    response = client.get("/cart")
    assert response.status_code == 200
    assert "Your cart is empty" in response.get_data(as_text=True)


def test_a_guest_adds_a_product_and_sees_it_priced_from_the_database(client, db):
    product = make_product(price=85_000, stock=10, name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake",
                           slug="cha-muc")
    db.session.commit()
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "2"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/cart")
    assert cart_of(client) == {str(product.id): 2}
    page = client.get("/cart").get_data(as_text=True)
    assert "Ha Long squid cake" in page and 'href="/en/products/cha-muc"' in page
    assert "₫170,000" in page
    assert '<span class="badge-count">2</span>' in page


@pytest.mark.parametrize("quantity, message", [
    ("0", "at least 1"), ("-3", "at least 1"), ("abc", "whole number"), ("", "whole number"),
    ("2.5", "whole number"), ("99999999999999999999", "Only 10"), ("1000000", "in stock"),
])
def test_bad_quantities_get_a_message_and_change_nothing(client, db, quantity, message):
    product = make_product(stock=10)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": quantity}, follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert cart_of(client) == {str(product.id): 1}


def test_a_missing_quantity_or_product_gets_a_message(client, db):
    product = make_product(stock=10)
    db.session.commit()
    page = client.post("/cart/add", data={"product_id": product.id}, follow_redirects=True).get_data(as_text=True)
    assert "whole number" in page
    page = client.post("/cart/add", data={"quantity": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "not on sale" in page
    assert cart_of(client) == {}


@pytest.mark.parametrize("state", [
    "unknown", "draft", "pending_review", "hidden", "producer_pending", "producer_suspended",
])
def test_products_not_on_sale_cannot_be_added(client, db, state):
    product = make_product(stock=10)
    product_id = product.id
    if state == "unknown":
        product_id += 1000
    elif state.startswith("producer_"):
        product.producer.status = state.split("_", 1)[1]
    else:
        product.status = state
    db.session.commit()
    response = client.post("/cart/add", data={"product_id": product_id, "quantity": "1"}, follow_redirects=True)
    assert "not on sale" in response.get_data(as_text=True)
    assert cart_of(client) == {}


def test_update_and_remove(client, db):
    product = make_product(stock=5, price=100_000)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    client.post("/cart/update", data={"product_id": product.id, "quantity": "4"})
    assert cart_of(client) == {str(product.id): 4}
    page = client.post("/cart/update", data={"product_id": product.id, "quantity": "6"},
                       follow_redirects=True).get_data(as_text=True)
    assert "Only 5" in page and cart_of(client) == {str(product.id): 4}
    client.post("/cart/remove", data={"product_id": product.id})
    assert cart_of(client) == {}


def test_add_goes_back_to_a_safe_next_page_only(client, db):
    product = make_product(stock=5, slug="tra-hoa-vang")
    db.session.commit()
    response = client.post("/cart/add",
                           data={"product_id": product.id, "quantity": "1", "next": "/products/tra-hoa-vang"})
    assert response.headers["Location"] == "/products/tra-hoa-vang"
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "1", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/en/cart"


def test_cart_forms_need_the_csrf_token_when_protection_is_on(app, client, db, monkeypatch):
    product = make_product(stock=5)
    db.session.commit()
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    assert response.status_code == 400
    assert cart_of(client) == {}


def test_the_cart_page_flags_products_that_became_unavailable(client, db):
    product = make_product(stock=5)
    sold_out = make_product(stock=5)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "3"})
    client.post("/cart/add", data={"product_id": sold_out.id, "quantity": "1"})
    product.stock = 2
    sold_out.status = "hidden"
    db.session.commit()
    page = client.get("/cart").get_data(as_text=True)
    assert "Only 2 left" in page and "No longer on sale" in page
    assert client.get("/checkout").headers["Location"].endswith("/cart")


def test_signing_in_merges_the_guest_cart_capped_at_stock(client, db, login):
    user = make_user()
    producer = make_producer()
    tea = make_product(producer=producer, stock=4)
    squid = make_product(producer=producer, stock=10)
    db.session.add(CartItem(user_id=user.id, product_id=tea.id, quantity=3))
    db.session.commit()
    client.post("/cart/add", data={"product_id": tea.id, "quantity": "3"})
    client.post("/cart/add", data={"product_id": squid.id, "quantity": "2"})
    login(user)
    rows = {item.product_id: item.quantity for item in db.session.query(CartItem).filter_by(user_id=user.id)}
    assert rows == {tea.id: 4, squid.id: 2}
    assert cart_of(client) == {}
    page = client.get("/cart").get_data(as_text=True)
    assert '<span class="badge-count">6</span>' in page


def test_the_product_pages_script_gets_the_confirmation_and_the_new_count_without_a_flash(client, db):
    product = make_product(price=85_000, stock=10, name_en="Ha Long squid cake")
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"}, headers={"Accept": "application/json"})
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "2"},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json() == {"ok": True, "message": "Ha Long squid cake is in your cart.", "count": 3}
    assert cart_of(client) == {str(product.id): 3}
    with client.session_transaction() as session:
        assert "_flashes" not in session  # the sheet said it; the next page does not say it again


def test_a_refusal_to_the_script_is_its_message_and_changes_nothing(client, db):
    product = make_product(stock=4)
    db.session.commit()
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "5"},
                           headers={"Accept": "application/json"})
    answer = response.get_json()
    assert response.status_code == 200 and answer["ok"] is False and "Only 4" in answer["message"]
    assert cart_of(client) == {}
    with client.session_transaction() as session:
        assert "_flashes" not in session


def test_a_browser_without_scripts_still_gets_the_cart_page(client, db):
    product = make_product(stock=4)
    db.session.commit()
    response = client.post("/cart/add", data={"product_id": product.id, "quantity": "1"},
                           headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/cart")


def test_the_cart_keeps_its_total_and_button_in_a_bar_for_phones(client, db):
    product = make_product(price=85_000, stock=10)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "2"})
    html = client.get("/cart").get_data(as_text=True)
    bar = html.split('<div class="checkout-bar">')[1].split("</div>")[0]
    assert "₫195,000" in bar and 'href="/en/checkout"' in bar  # 170,000 + 25,000 delivery
    assert 'class="has-buy-bar"' in html
