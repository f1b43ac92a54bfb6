"""Journey: a buyer pays by VietQR bank transfer; the bank's notification (SePay, emulated) turns the page paid.

The live shop has a bank account configured; the SePay emulator reads the QR code's payload as a banking
app does, makes the transfer (its note rewritten as Vietcombank writes it) and POSTs the webhook to the
live shop, whose order page, polling, shows the order paid.
"""
import re

import pytest
from playwright.sync_api import expect

from shop.models import Order
from tests.e2e.conftest import add_to_cart, check_accessibility_basics, shoot, use_english
from tests.e2e.test_card_journey import stock_up
from tests.sepay_emulator import SepayEmulator, http_sink
from tests.sepay_emulator.fixtures import BANK_SETTINGS


@pytest.fixture
def bank_payments(e2e_app, live_server, monkeypatch):
    """The live shop with a bank account, and a SePay emulator whose webhooks reach it over HTTP."""
    for name, value in BANK_SETTINGS.items():
        monkeypatch.setitem(e2e_app.config, name, value)
    emulator = SepayEmulator(account_number=BANK_SETTINGS["BANK_ACCOUNT_NUMBER"], bank_bin=BANK_SETTINGS["BANK_BIN"],
                             api_key=BANK_SETTINGS["BANK_WEBHOOK_API_KEY"])
    emulator.sink = http_sink(live_server + "/webhooks/bank")
    return emulator


def test_a_buyer_scans_the_vietqr_code_and_sees_the_order_paid_once_the_bank_says_so(
        page, live_server, db, bank_payments):
    product = stock_up(db, stock=6)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{live_server}/products/{product.slug}")
    use_english(page)
    page.get_by_label("Quantity").fill("2")
    add_to_cart(page)
    page.get_by_role("link", name="Check out").click()
    page.wait_for_url("**/checkout")
    page.get_by_label("Full name").fill("Trần Thu Hà")
    page.get_by_label("E-mail").fill("ha@example.com")
    page.get_by_label("Mobile phone").fill("0912 345 678")
    page.get_by_label("Delivery address").fill("25 Lê Thánh Tông, Hạ Long")
    page.get_by_role("radio", name=re.compile("^Bank transfer by VietQR")).check()
    page.get_by_role("button", name="Place order").click()
    page.wait_for_url(re.compile(r"/orders/QN[0-9A-Z]{8}\?t="))
    order = db.session.query(Order).order_by(Order.id.desc()).first()

    expect(page.locator(".order-status .status-pill")).to_have_text("Awaiting payment")
    expect(page.locator(".vietqr svg")).to_be_visible()
    expect(page.locator('[data-field="account"]')).to_have_text("0011001932418")
    expect(page.locator('[data-field="note"]')).to_have_text(f"OCOP {order.number}")
    expect(page.locator(".countdown")).to_have_text(re.compile(r"^\((29|30):\d\d\)$"))
    page.locator('[data-copy="transfer-note"]').click()
    expect(page.locator(".copy-feedback")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == f"OCOP {order.number}"
    check_accessibility_basics(page)
    shoot(page, "vietqr-order")

    payload = page.locator(".vietqr").get_attribute("data-payload")
    bank_payments.pay_qr(payload, rewrite="vietcombank")
    assert bank_payments.deliveries[-1]["success"]
    # the page polled the order's status and reloaded
    expect(page.locator(".order-status .status-pill")).to_have_text("Paid", timeout=15_000)
    expect(page.get_by_text("Your payment is confirmed.")).to_be_visible()
    expect(page.locator(".vietqr")).to_have_count(0)
    shoot(page, "vietqr-paid")
    db.session.expire_all()
    assert db.session.get(Order, order.id).is_paid
