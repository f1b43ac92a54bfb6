"""Journeys: a guest buys with cash on delivery, and a visitor pays by card on the (emulated) Stripe page."""
import re

from shop.models import Order
from tests.e2e.conftest import check_accessibility_basics, shoot
from tests.factories import make_producer, make_product


def stock_up(db):
    producer = make_producer(name="HTX Trà hoa vàng Ba Chẽ", email="bache@example.com")
    product = make_product(producer=producer, price=185_000, stock=6, name_vi="Trà hoa vàng Ba Chẽ",
                           name_en="Ba Che golden camellia tea", slug="tra-hoa-vang-ba-che")
    db.session.commit()
    return product


def add_to_cart(page, live_server, product, quantity):
    """Post the add-to-cart form as the product page does (token from a page of the shop)."""
    page.goto(live_server + "/auth/login")
    token = page.locator("input[name=csrf_token]").first.get_attribute("value")
    response = page.request.post(live_server + "/cart/add", form={
        "product_id": str(product.id), "quantity": str(quantity), "csrf_token": token,
    })
    assert response.ok


def test_a_guest_orders_with_cash_on_delivery(page, live_server, db):
    product = stock_up(db)
    add_to_cart(page, live_server, product, 1)
    page.goto(live_server + "/cart")
    assert page.locator(".badge-count").inner_text() == "1"
    page.locator(".qty-form input[name=quantity]").fill("2")
    page.locator(".qty-form button").click()
    assert page.locator(".badge-count").inner_text() == "2"
    check_accessibility_basics(page)
    shoot(page, "checkout-cart")

    page.locator(".cart-summary a.button").click()
    assert page.url.endswith("/checkout")
    page.locator("#name").fill("Nguyễn Văn An")
    page.locator("#email").fill("an@example.com")
    page.locator("#phone").fill("091 234 5678")
    page.locator("input[name=delivery_method][value=nationwide]").check()
    assert page.locator("[data-role=total] .price").inner_text() == "415.000 ₫"  # 2 × 185.000 + 45.000
    page.locator("input[name=delivery_method][value=pickup]").check()
    assert page.locator("#address-block").is_hidden()
    page.locator("input[name=delivery_method][value=province]").check()
    page.locator("#address").fill("5 Hạ Long, Bãi Cháy")
    check_accessibility_basics(page)
    shoot(page, "checkout-form")
    page.locator(".checkout-submit").click()

    order = db.session.query(Order).one()
    assert re.search(rf"/orders/{order.number}\?t=", page.url)
    assert order.number in page.locator("h1").inner_text()
    assert order.total == 395_000 and order.phone == "0912345678"
    check_accessibility_basics(page)
    shoot(page, "checkout-order-cash")


def test_a_visitor_pays_by_card_on_the_stripe_page(page, live_server, db, e2e_app, stripe_emulator, monkeypatch):
    monkeypatch.setitem(e2e_app.config, "STRIPE_SECRET_KEY", stripe_emulator.api_key)
    monkeypatch.setitem(e2e_app.config, "STRIPE_WEBHOOK_SECRET", stripe_emulator.webhook_secret)
    monkeypatch.setitem(e2e_app.config, "STRIPE_API_BASE", stripe_emulator.base_url)
    stripe_emulator.webhook_url = live_server + "/webhooks/stripe"
    # The emulator's hosted page is not the shop: its favicon request would only log a 401.
    page.route(stripe_emulator.base_url + "/favicon.ico", lambda route: route.fulfill(status=204))
    product = stock_up(db)
    page.goto(live_server + "/language/en")
    add_to_cart(page, live_server, product, 1)
    page.goto(live_server + "/checkout")
    page.locator("#name").fill("Emma Walker")
    page.locator("#email").fill("emma@example.com")
    page.locator("#phone").fill("+84 912 345 678")
    page.locator("#address").fill("12 Hàng Bạc, Hà Nội")
    page.locator("input[name=payment_method][value=card]").check()
    page.locator(".checkout-submit").click()

    assert page.url.startswith(stripe_emulator.base_url + "/c/pay/")
    page.locator("#card_number").fill("4000 0000 0000 0002")
    page.get_by_role("button", name=re.compile("^Pay")).click()
    assert "declined" in page.locator("[role=alert]").inner_text()
    page.locator("#card_number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile("^Pay")).click()

    order = db.session.query(Order).one()
    assert f"/orders/{order.number}" in page.url
    page.wait_for_selector("text=Your payment is confirmed")
    db.session.refresh(order)
    assert order.status == "paid"
    check_accessibility_basics(page)
    shoot(page, "checkout-order-card")
