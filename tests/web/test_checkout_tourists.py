"""Checkout for visitors from abroad: phone numbers of any country, delivery to a hotel, and every
error shown on its field at once with what was typed kept."""
import re
from datetime import timedelta
from email import message_from_bytes, policy

import pytest

from shop.models import Order, Shipment
from shop.services.localtime import local_today
from tests.checkout_helpers import mail_files
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")


def hotel_form(**values):
    form = {"name": "Kim Ji-woo", "email": "jiwoo@example.kr", "phone": "+82 10 1234 5678",
            "delivery_method": "province", "destination": "hotel", "hotel_name": "Vinpearl Resort Hạ Long",
            "hotel_room": "512", "leaves_on": (local_today() + timedelta(days=4)).isoformat(), "address": "",
            "note": "", "payment_method": "cod"}
    form.update(values)
    return form


@pytest.fixture
def owner(db):
    return make_user(role="producer", email="hoa@example.com")


@pytest.fixture
def product(db, owner):
    product = make_product(producer=make_producer(owner=owner), price=150_000, stock=5, name_en="Squid cake")
    db.session.commit()
    return product


@pytest.fixture
def cart(client, product):
    assert client.post("/cart/add", data={"product_id": product.id, "quantity": "1"}).status_code == 302


def field_markup(page, name):
    """Return the `<input>`/`<textarea>` tag of the field `name` and the text of its error, if any."""
    tag = re.search(rf'<(?:input|textarea)[^>]*\bname="{name}"[^>]*>', page).group(0)
    error = re.search(rf'<p id="{name}-error" class="field-error">([^<]*)</p>', page)
    return tag, error.group(1) if error else None


def test_a_korean_visitor_orders_to_their_hotel_and_the_producer_and_office_see_it(
        app, client, db, login, cart, owner):
    before = len(mail_files(app))
    response = client.post("/checkout", data=hotel_form())
    assert response.status_code == 302
    order = db.session.query(Order).one()
    assert (order.phone, order.destination, order.hotel_name, order.hotel_room) == (
        "+821012345678", "hotel", "Vinpearl Resort Hạ Long", "512")
    assert order.leaves_on == local_today() + timedelta(days=4) and order.address == ""
    customer_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Vinpearl Resort Hạ Long, room 512" in customer_page and "Leaves the hotel on" in customer_page
    mails = [message_from_bytes(mail, policy=policy.default) for mail in mail_files(app)[before:]]
    bodies = [mail.get_body(("plain",)).get_content() for mail in mails]
    assert len(bodies) == 2  # the customer's in English, the producer's in Vietnamese
    assert all(re.search(r"Vinpearl Resort Hạ Long, (room|phòng) 512", body) for body in bodies)
    assert not any("Pick-up" in body for body in bodies)

    login(owner)
    shipment = db.session.query(Shipment).one()
    producer_page = client.get(f"/producer/shipments/{shipment.id}").get_data(as_text=True)
    assert "Vinpearl Resort Hạ Long, room 512" in producer_page and "+821012345678" in producer_page
    client.post("/auth/logout")
    login(make_user(role="admin", email="office@example.com"))
    office_page = client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    assert "Vinpearl Resort Hạ Long, room 512" in office_page and "Leaves the hotel on" in office_page


def test_a_chinese_number_is_accepted_and_stored_in_e164(client, db, cart):
    client.post("/checkout", data=hotel_form(phone="+86 138 0013 8000"))
    assert db.session.query(Order).one().phone == "+8613800138000"


def test_an_empty_checkout_shows_every_error_on_its_field_at_once(client, db, cart):
    page = client.post("/checkout", data={"delivery_method": "province", "destination": "home",
                                          "payment_method": "cod"}).get_data(as_text=True)
    for name, message in [("name", "Enter your name."), ("email", "Enter a valid e-mail address"),
                          ("phone", "with its country code"), ("address", "Enter the delivery address")]:
        tag, error = field_markup(page, name)
        assert error and message in error, name
        assert 'aria-invalid="true"' in tag and f"{name}-error" in re.search(r'aria-describedby="([^"]*)"', tag)[1]
    assert "Please correct the marked fields" in page
    assert db.session.query(Order).count() == 0


def test_a_half_filled_checkout_keeps_what_was_typed_and_marks_only_what_is_wrong(client, db, cart):
    form = hotel_form(email="jiwoo@", hotel_name="", note="Ring room 512")
    page = client.post("/checkout", data=form).get_data(as_text=True)
    for name in ("email", "hotel_name"):
        assert field_markup(page, name)[1], name
    for name in ("name", "phone", "hotel_room", "leaves_on"):
        tag, error = field_markup(page, name)
        assert error is None and 'aria-invalid' not in tag, name
    assert 'value="Kim Ji-woo"' in page and 'value="+82 10 1234 5678"' in page and 'value="jiwoo@"' in page
    assert 'value="512"' in page and "Ring room 512</textarea>" in page
    assert re.search(r'<input[^>]*value="hotel"[^>]*checked|<input[^>]*checked[^>]*value="hotel"', page)


@pytest.mark.parametrize("changes, field, message", [
    ({"leaves_on": ""}, "leaves_on", "Enter the day you leave the hotel."),
    ({"leaves_on": (local_today() - timedelta(days=1)).isoformat()}, "leaves_on", "cannot be in the past"),
    ({"leaves_on": "next friday"}, "leaves_on", "Not a valid date value."),
    ({"hotel_name": "  "}, "hotel_name", "Enter the name of your hotel."),
    ({"hotel_room": "x" * 21}, "hotel_room", "longer than 20 characters"),
    ({"destination": "boat"}, "destination", "Not a valid choice"),
    ({"phone": "+82 10 1234"}, "phone", "with its country code"),
])
def test_hotel_details_are_checked_on_their_fields(client, db, cart, changes, field, message):
    page = client.post("/checkout", data=hotel_form(**changes)).get_data(as_text=True)
    error = re.search(rf'<p id="{field}-error" class="field-error">([^<]*)</p>', page)
    assert error and message in error.group(1)
    assert db.session.query(Order).count() == 0


def test_a_home_delivery_ignores_the_hotel_fields_and_pick_up_ignores_both(client, db, cart, product):
    client.post("/checkout", data=hotel_form(destination="home", address="5 Hạ Long, Bãi Cháy", hotel_name=""))
    order = db.session.query(Order).one()
    assert (order.destination, order.hotel_name, order.leaves_on, order.address) == (
        "home", "", None, "5 Hạ Long, Bãi Cháy")
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    client.post("/checkout", data=hotel_form(delivery_method="pickup", address="somewhere"))
    picked = db.session.query(Order).order_by(Order.id.desc()).first()
    assert (picked.destination, picked.hotel_name, picked.address) == ("home", "", "")


def test_a_guest_who_leaves_before_the_slowest_delivery_is_warned(client, db, cart):
    tomorrow = (local_today() + timedelta(days=1)).isoformat()
    page = client.post("/checkout", data=hotel_form(delivery_method="nationwide", leaves_on=tomorrow,
                                                    hotel_name="")).get_data(as_text=True)
    assert re.search(r'<p class="notice warning" id="leaves-warning" role="status">', page)
    calm = client.post("/checkout", data=hotel_form(hotel_name="", leaves_on=(
        local_today() + timedelta(days=9)).isoformat())).get_data(as_text=True)
    assert re.search(r'id="leaves-warning" role="status" hidden', calm)


def test_the_form_carries_the_constraints_the_browser_checks_before_sending(client, cart):
    page = client.get("/checkout").get_data(as_text=True)
    name, _error = field_markup(page, "name")
    assert "required" in name and 'maxlength="120"' in name and 'data-missing="Enter your name."' in name
    email, _error = field_markup(page, "email")
    assert 'type="email"' in email and "required" in email
    phone, _error = field_markup(page, "phone")
    assert 'type="tel"' in phone and 'pattern="' in phone and "data-invalid=" in phone
    leaves, _error = field_markup(page, "leaves_on")
    assert 'type="date"' in leaves and f'min="{local_today().isoformat()}"' in leaves
    assert "novalidate" not in page  # without the script the browser itself checks them
