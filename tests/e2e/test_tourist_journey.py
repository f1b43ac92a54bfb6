"""Journeys of a visitor from abroad on a phone: a Korean tourist orders to her hotel with a +82 number;
an empty and a half-filled checkout show every error on its field and keep what was typed."""
import re
from datetime import timedelta

from playwright.sync_api import expect

from shop.extensions import db as _db
from shop.models import Order
from shop.services.localtime import local_today
from tests.e2e.conftest import add_to_cart, check_accessibility_basics, shoot, use_english, with_photo
from tests.factories import make_producer, make_product


def seed_squid_cake():
    squid = make_product(make_producer(name="Công ty CP Chả mực Hạ Long"), "Chả mực Hạ Long", slug="cha-muc-ha-long",
                         name_en="Ha Long squid cake", price=320_000, stars=5, unit_vi="hộp 500 g",
                         unit_en="box of 500 g")
    with_photo(squid, "#c98a4b")
    _db.session.commit()
    return squid


def open_checkout(page, live_server):
    page.goto(live_server + "/products/cha-muc-ha-long")
    use_english(page)
    add_to_cart(page)
    page.get_by_role("link", name="Check out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Checkout")


def error_of(page, label):
    """Return the field labelled `label` after checking it is marked invalid and described by its message."""
    field = page.get_by_label(label, exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby") or ""
    error_id = field.get_attribute("id") + "-error"
    assert error_id in described.split(), (label, described)
    return page.locator(f"#{error_id}")


def test_a_korean_tourist_with_a_plus_82_number_orders_to_her_hotel(page, live_server, db):
    seed_squid_cake()
    open_checkout(page, live_server)
    page.get_by_label("Full name").fill("Kim Ji-woo")
    page.get_by_label("E-mail").fill("jiwoo@example.kr")
    page.get_by_label("Mobile phone").fill("+82 10 1234 5678")
    expect(page.get_by_label("Hotel", exact=True)).to_be_hidden()
    page.get_by_role("radio", name="To my hotel").check()
    expect(page.get_by_label("Hotel", exact=True)).to_be_visible()
    page.get_by_label("Hotel", exact=True).fill("Vinpearl Resort Hạ Long")
    page.get_by_label("Room (optional)").fill("512")
    tomorrow = local_today() + timedelta(days=1)
    page.get_by_label("I leave the hotel on").fill(tomorrow.isoformat())
    page.get_by_role("radio", name=re.compile("^Delivery elsewhere in Vietnam")).check()
    warning = page.get_by_text("You may leave before this delivery arrives")
    expect(warning).to_be_visible()
    page.get_by_role("radio", name=re.compile("^Delivery within Quảng Ninh")).check()
    leaving = local_today() + timedelta(days=3)
    page.get_by_label("I leave the hotel on").fill(leaving.isoformat())
    expect(warning).to_be_hidden()
    expect(page.locator(".submit-total [data-role=total] .price")).to_have_text("₫345,000")
    check_accessibility_basics(page)
    shoot(page, "tourist-hotel-checkout")
    page.get_by_role("button", name="Place order").click()

    page.wait_for_url(re.compile(r"/orders/\w+\?t="))
    order = _db.session.query(Order).one()
    assert (order.phone, order.destination, order.hotel_name, order.hotel_room, order.leaves_on) == (
        "+821012345678", "hotel", "Vinpearl Resort Hạ Long", "512", leaving)
    expect(page.get_by_text("Vinpearl Resort Hạ Long, room 512")).to_be_visible()
    expect(page.get_by_text("+821012345678")).to_be_visible()
    check_accessibility_basics(page)
    shoot(page, "tourist-hotel-order")


def test_an_empty_checkout_is_marked_field_by_field_before_sending(page, live_server, db):
    seed_squid_cake()
    open_checkout(page, live_server)
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Place order").click()
    expect(error_of(page, "Full name")).to_have_text("Enter your name.")
    expect(error_of(page, "E-mail")).to_contain_text("Enter a valid e-mail address")
    expect(error_of(page, "Mobile phone")).to_contain_text("+82 10 1234 5678")
    expect(error_of(page, "Delivery address")).to_contain_text("Enter the delivery address")
    expect(page.get_by_label("Full name")).to_be_focused()
    assert posts == []  # nothing was sent
    check_accessibility_basics(page)
    shoot(page, "tourist-checkout-empty")

    page.get_by_label("Full name").fill("Kim Ji-woo")
    page.get_by_label("Mobile phone").fill("12345")
    page.get_by_role("button", name="Place order").click()
    expect(page.get_by_label("Full name")).not_to_have_attribute("aria-invalid", "true")
    expect(error_of(page, "Mobile phone")).to_contain_text("with its country code")
    expect(page.get_by_label("E-mail")).to_be_focused()
    page.get_by_role("radio", name="To my hotel").check()
    page.get_by_role("button", name="Place order").click()
    expect(error_of(page, "Hotel")).to_have_text("Enter the name of your hotel.")
    expect(error_of(page, "I leave the hotel on")).to_have_text("Enter the day you leave the hotel.")
    expect(page.get_by_label("Delivery address")).not_to_have_attribute("aria-invalid", "true")
    assert posts == []


def test_a_half_filled_checkout_comes_back_from_the_server_with_every_error_and_what_was_typed(
        browser, live_server, db):
    seed_squid_cake()
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    try:
        open_checkout(page, live_server)
        page.get_by_label("Full name").fill("Kim Ji-woo")
        page.get_by_label("E-mail").fill("jiwoo@example.kr")
        page.get_by_label("Mobile phone").fill("+82 10 1234")  # passes the browser's pattern, not the server
        page.get_by_label("Note for the producers (optional)").fill("Please call before coming")
        page.get_by_role("button", name="Place order").click()
        expect(page.get_by_text("Please correct the marked fields")).to_be_visible()
        expect(error_of(page, "Mobile phone")).to_contain_text("with its country code")
        expect(error_of(page, "Delivery address")).to_contain_text("Enter the delivery address")
        expect(page.get_by_label("Full name")).to_have_value("Kim Ji-woo")
        expect(page.get_by_label("E-mail")).to_have_value("jiwoo@example.kr")
        expect(page.get_by_label("Mobile phone")).to_have_value("+82 10 1234")
        expect(page.get_by_label("Note for the producers (optional)")).to_have_value("Please call before coming")
        expect(page.get_by_label("Full name")).not_to_have_attribute("aria-invalid", "true")
        assert _db.session.query(Order).count() == 0
        check_accessibility_basics(page)
        shoot(page, "tourist-checkout-half-filled")
    finally:
        context.close()
