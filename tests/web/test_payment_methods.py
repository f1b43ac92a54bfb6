"""The checkout offers only the configured payment methods, each with its name and a one-line explanation."""
import pytest

from tests.factories import make_producer, make_product


@pytest.fixture
def cart(client, db):
    product = make_product(producer=make_producer(), price=150_000, stock=5)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    return product


def test_without_settings_only_cash_is_offered_with_its_explanation(client, cart, english):
    page = client.get("/checkout").get_data(as_text=True)
    assert "Pay the courier in cash when your order arrives." in page
    assert "on Stripe's secure page" not in page.split("Payment method")[1].split("</fieldset>")[0]
    assert 'value="bank_transfer"' not in page and 'value="vnpay"' not in page and 'value="momo"' not in page


def test_a_configured_card_is_offered_with_its_explanation_in_vietnamese(client, cart, card_enabled):
    page = client.get("/checkout").get_data(as_text=True)
    assert 'value="card"' in page and 'value="cod"' in page
    assert "Trả tiền mặt cho người giao hàng khi nhận hàng." in page
    assert "trang bảo mật của Stripe" in page


def test_a_posted_method_that_is_not_offered_places_nothing(client, cart, db, english):
    from shop.models import Order
    form = {"name": "An", "email": "an@example.com", "phone": "0912345678", "delivery_method": "pickup",
            "payment_method": "bank_transfer"}
    response = client.post("/checkout", data=form)
    assert response.status_code == 200 and "Not a valid choice" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0
