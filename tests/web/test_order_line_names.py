"""Order lines keep what the buyer saw: the product's name in the order's language beside the Vietnamese one.

The customer's order page, e-mails and card payment page show the buyer's name; producers and the office
read the Vietnamese."""
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from shop.models import OrderLine
from shop.services.orders.access import order_token
from shop.services.payments.stripe_checkout import checkout_session_params
from tests.factories import make_producer_owner, make_product, make_user, place_test_order


@pytest.fixture
def squid(db):
    owner, producer = make_producer_owner(name="HTX Hải sản Hòn Gai", email="htx@example.com")
    product = make_product(producer, stock=9, name_vi="Chả mực Hạ Long", name_en="Ha Long squid cakes")
    product.name_zh = "下龙墨鱼饼"
    db.session.commit()
    return product


@pytest.mark.parametrize("locale, shown", [("zh", "下龙墨鱼饼"), ("ko", "Ha Long squid cakes"),
                                           ("en", "Ha Long squid cakes"), ("vi", "Chả mực Hạ Long")])
def test_a_line_stores_the_name_in_the_buyers_language_and_the_vietnamese(db, squid, locale, shown):
    order = place_test_order({squid: 1}, locale=locale)
    line = db.session.query(OrderLine).filter_by(order_id=order.id).one()
    assert (line.product_name, line.buyer_product_name, line.name_for_buyer) == ("Chả mực Hạ Long", shown, shown)


def test_a_renamed_product_leaves_the_name_the_buyer_saw(db, squid):
    order = place_test_order({squid: 1}, locale="zh")
    squid.name_zh = "鱿鱼饼"
    db.session.commit()
    assert order.lines[0].name_for_buyer == "下龙墨鱼饼"


def test_a_line_older_than_the_buyers_name_shows_the_vietnamese(db, squid):
    order = place_test_order({squid: 1}, locale="zh")
    order.lines[0].buyer_product_name = ""
    assert order.lines[0].name_for_buyer == "Chả mực Hạ Long"


def test_the_chinese_buyer_reads_chinese_and_the_producer_and_office_read_vietnamese(client, db, login, squid,
                                                                                    smtp_inbox):
    order = place_test_order({squid: 2}, locale="zh", email="khach@example.com")
    db.session.commit()
    mails = {rcpt[0]: message for rcpt, message in smtp_inbox.messages}
    to_buyer = mails["khach@example.com"]
    assert "下龙墨鱼饼" in to_buyer.get_body(("plain",)).get_content()
    assert "下龙墨鱼饼" in to_buyer.get_body(("html",)).get_content()
    to_producer = mails["htx@example.com"].get_body(("plain",)).get_content()
    assert "Chả mực Hạ Long" in to_producer and "下龙墨鱼饼" not in to_producer

    page = BeautifulSoup(client.get(f"/zh/orders/{order.number}?t={order_token(order)}").get_data(as_text=True),
                         "html.parser").get_text(" ", strip=True)
    assert "下龙墨鱼饼" in page and "Chả mực Hạ Long" not in page

    login(squid.producer.owner)
    shipment = order.shipments[0]
    portal = client.get(f"/producer/shipments/{shipment.id}").get_data(as_text=True)
    assert "Chả mực Hạ Long" in portal and "下龙墨鱼饼" not in portal
    client.post("/auth/logout")
    login(make_user(role="admin"))
    office = client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    assert "Chả mực Hạ Long" in office and "下龙墨鱼饼" not in office


def test_stripe_checkout_names_the_items_as_the_buyer_saw_them(db, squid):
    order = place_test_order({squid: 1}, locale="zh")
    params = checkout_session_params(order, "https://x/s", "https://x/c", datetime(2026, 12, 4, 12, 0))
    assert params["line_items"][0]["price_data"]["product_data"]["name"] == "下龙墨鱼饼"
