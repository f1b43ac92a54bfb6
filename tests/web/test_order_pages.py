import pytest

from shop.services.orders.access import order_token
from tests.factories import make_producer, make_product, make_user, place_test_order

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def order(db):
    producer = make_producer(name="HTX Trà Đông Triều")
    product = make_product(producer=producer, stock=5, price=90_000, name_vi="Trà hoa vàng")
    order = place_test_order({product: 2}, note="Giao buổi sáng")
    db.session.commit()
    return order


def test_a_guest_opens_the_order_with_its_signed_link(client, order):
    response = client.get(f"/orders/{order.number}?t={order_token(order)}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Trà hoa vàng" in page and "HTX Trà Đông Triều" in page and "Giao buổi sáng" in page
    assert "Being prepared" in page and "₫205,000" in page


@pytest.mark.parametrize("query", ["", "?t=", "?t=forged", "?t=InFOO.bar"])
def test_without_a_valid_link_the_order_does_not_exist(client, order, query):
    assert client.get(f"/orders/{order.number}{query}").status_code == 404
    assert client.get(f"/orders/{order.number}/status{query}").status_code == 404


def test_a_link_opens_only_its_own_order(client, db, order):
    other = place_test_order({order.lines[0].product_id: 1})
    assert client.get(f"/orders/{other.number}?t={order_token(order)}").status_code == 404
    assert client.get(f"/orders/QNXXXXXXXX?t={order_token(order)}").status_code == 404


def test_the_customer_and_an_admin_see_it_another_customer_does_not(client, db, login):
    customer, stranger, admin = make_user(), make_user(), make_user(role="admin")
    order = place_test_order({make_product(stock=5): 1}, customer=customer)
    db.session.commit()
    login(stranger)
    assert client.get(f"/orders/{order.number}").status_code == 404
    client.post("/auth/logout")
    login(customer)
    assert client.get(f"/orders/{order.number}").status_code == 200
    assert client.get(f"/orders/{order.number}/status").get_json()["status"] == "placed"
    client.post("/auth/logout")
    login(admin)
    assert client.get(f"/orders/{order.number}").status_code == 200


def test_my_orders_needs_a_sign_in_and_lists_only_mine(client, db, login):
    customer, other = make_user(), make_user()
    product = make_product(stock=10)
    mine = place_test_order({product: 1}, customer=customer)
    theirs = place_test_order({product: 1}, customer=other)
    db.session.commit()
    assert client.get("/account/orders").status_code == 302
    login(customer)
    page = client.get("/account/orders").get_data(as_text=True)
    assert mine.number in page and theirs.number not in page


def test_an_unpaid_card_order_offers_to_pay_or_cancel(client, db, card_enabled):
    order = place_test_order({make_product(stock=5): 1}, payment_method="card")
    page = client.get(f"/orders/{order.number}?t={order_token(order)}").get_data(as_text=True)
    assert "Pay now" in page and "Cancel order" in page
    page = client.get(f"/checkout/cancelled/{order.number}?t={order_token(order)}").get_data(as_text=True)
    assert "Payment not completed" in page and "Pay now" in page
    assert client.get(f"/checkout/cancelled/{order.number}").status_code == 404


def test_cancelling_an_unpaid_order_returns_stock_and_refills_the_cart(client, db, card_enabled):
    product = make_product(stock=5)
    order = place_test_order({product: 2}, payment_method="card")
    response = client.post(f"/checkout/cancel/{order.number}", data={"t": order_token(order)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/cart")
    db.session.refresh(order)
    db.session.refresh(product)
    assert order.status == "cancelled" and product.stock == 5
    with client.session_transaction() as session:
        assert session["cart"] == {str(product.id): 2}


def test_a_stranger_cannot_cancel_or_pay(client, db, card_enabled):
    order = place_test_order({make_product(stock=5): 1}, payment_method="card")
    assert client.post(f"/checkout/cancel/{order.number}", data={"t": "nope"}).status_code == 404
    assert client.post(f"/checkout/pay/{order.number}", data={}).status_code == 404
    db.session.refresh(order)
    assert order.status == "pending_payment"


def test_a_cash_order_cannot_be_cancelled_from_the_payment_page(client, db, order):
    response = client.post(f"/checkout/cancel/{order.number}", data={"t": order_token(order)}, follow_redirects=True)
    assert "not waiting for a payment" in response.get_data(as_text=True)
    db.session.refresh(order)
    assert order.status == "placed"
