"""Prices in the visitor's currency: VND everywhere, an approximate USD, CNY or KRW beside it, charged in VND."""
import pytest
from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import Order
from tests.html import parse
from tests.wallet_helpers import query_of

# 185,000 ₫ at the test rates (TestConfig: USD_RATE 26,000, CNY_RATE 3,650, KRW_RATE 18.5 đồng per unit).
SHOWN = {
    "": ("185.000 ₫", None),
    "/en": ("₫185,000", "(≈ US$7.12)"),
    "/zh": ("₫185,000", "(≈ ¥50.68)"),
    "/ko": ("₫185,000", "(≈ ₩10,000)"),
}
CUSTOMER = {"name": "Wang Fang", "email": "fang@example.com", "phone": "+86 138 0013 8000",
            "delivery_method": "pickup"}


@pytest.fixture
def tea(db):
    from tests.factories import make_producer, make_product

    product = make_product(make_producer(), "Trà hoa vàng", slug="tra-hoa-vang", price=185_000, stock=9)
    db.session.commit()
    return product


def price_of(html):
    """Return (the VND price, the approximate amount or None) of a product page's summary."""
    summary = parse(html).select_one(".product-summary")
    approx = summary.select_one(".price-usd")
    return summary.select_one(".price").get_text(), approx.get_text() if approx else None


@pytest.mark.parametrize("prefix", list(SHOWN))
def test_the_product_page_shows_vnd_and_the_visitors_currency_approximately(client, tea, prefix):
    assert price_of(client.get(f"{prefix}/products/tra-hoa-vang").get_data(as_text=True)) == SHOWN[prefix]


def test_the_listing_shows_the_approximate_amount_on_every_card(client, tea):
    cards = parse(client.get("/ko/products").get_data(as_text=True)).select(".price-usd")
    assert [card.get_text() for card in cards] == ["(≈ ₩10,000)"]


def note(html):
    found = parse(html).select_one(".price-note")
    return found.get_text(" ", strip=True) if found else None


def test_totals_say_the_amount_is_charged_in_vnd_and_the_rate(client, tea):
    client.post("/zh/cart/add", data={"product_id": tea.id, "quantity": 2})
    cart = client.get("/zh/cart").get_data(as_text=True)
    assert note(cart) == "您将以越南盾（VND）付款。以人民币显示的金额仅供参考（1 CNY ≈ ₫3,650）。"
    total = parse(cart).select_one("[data-role=total]").get_text(" ", strip=True)
    assert total == "₫395,000 (≈ ¥108.22)"  # 2 × 185,000 + 25,000 delivery within the province
    korean = client.get("/ko/checkout").get_data(as_text=True)
    assert note(korean) == ("결제는 베트남 동(VND)으로 이루어집니다. "
                            "대한민국 원 금액은 참고용 환산액입니다(1 KRW ≈ ₫18.5).")
    pickup = parse(korean).select_one("label[data-total-usd] input[value=pickup]").parent
    assert pickup["data-total"] == "₫370,000" and pickup["data-total-usd"] == "(≈ ₩20,000)"  # the script's figures
    assert note(client.get("/cart").get_data(as_text=True)) is None  # Vietnamese: VND only


def test_a_rate_set_to_nothing_shows_vnd_only(client, tea, app, monkeypatch):
    monkeypatch.setitem(app.config, "CNY_RATE", 0)
    assert price_of(client.get("/zh/products/tra-hoa-vang").get_data(as_text=True)) == ("₫185,000", None)


def _order(client, prefix, tea, method):
    client.post(f"{prefix}/cart/add", data={"product_id": tea.id, "quantity": 1})
    response = client.post(f"{prefix}/checkout", data={**CUSTOMER, "payment_method": method})
    return response, _db.session.scalars(select(Order).order_by(Order.id.desc())).first()


@pytest.mark.parametrize(("prefix", "locale"), [("/zh", "zh"), ("/ko", "ko")])
def test_stripe_checkout_speaks_the_customers_language_and_charges_vnd(client, db, tea, stripe_shop, prefix, locale):
    response, order = _order(client, prefix, tea, "card")
    session = stripe_shop.sessions[order.stripe_session_id]
    assert response.status_code == 303 and session["locale"] == locale
    assert (session["currency"], session["amount_total"]) == ("vnd", order.total) and order.total == 185_000


@pytest.mark.parametrize(("prefix", "sent"), [("", "vn"), ("/en", "en"), ("/zh", "en"), ("/ko", "en")])
def test_vnpay_gets_the_customers_language_or_english(client, db, tea, vnpay_shop, prefix, sent):
    response, order = _order(client, prefix, tea, "vnpay")
    params = query_of(response.headers["Location"])
    assert params["vnp_Locale"] == sent  # VNPay's page speaks Vietnamese and English only
    assert params["vnp_CurrCode"] == "VND" and params["vnp_Amount"] == str(order.total * 100)
