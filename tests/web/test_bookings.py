"""Booking a visit through the pages: the calendar, the e-voucher on the order page, the portal's check-in."""
import pytest

from shop.models import Booking, Order, VisitSlot
from shop.models.statuses import OrderStatus
from tests.factories import book_test_visit, make_producer_owner, make_product, make_slot, make_tour
from tests.html import parse
from tests.security_world import sign_in

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def farm(db):
    user, producer = make_producer_owner(email="farm@example.com")
    tour = make_tour(producer, name_vi="Thiên đường hoa", slug="thien-duong-hoa", price=50_000)
    db.session.commit()
    return user, tour


def test_the_product_page_of_a_visit_offers_booking_instead_of_the_cart(client, farm):
    _user, tour = farm
    page = parse(client.get(f"/en/products/{tour.slug}").get_data(as_text=True))
    assert page.find("a", string="Book a visit")["href"] == f"/en/products/{tour.slug}/book"
    assert page.find("form", class_="add-to-cart") is None


def test_a_guest_books_a_slot_and_sees_the_voucher_with_its_qr_code(client, db, farm):
    _user, tour = farm
    slot = make_slot(tour, capacity=5)
    full = make_slot(tour, days_ahead=4, capacity=2, booked=2)
    db.session.commit()
    page = parse(client.get(f"/en/products/{tour.slug}/book").get_data(as_text=True))
    offered = [radio["value"] for radio in page.find_all("input", attrs={"name": "slot_id"})]
    assert offered == [str(slot.id)]  # a full slot is not offered
    assert full.id not in offered

    response = client.post(f"/en/products/{tour.slug}/book", data={
        "slot_id": str(slot.id), "people": "3", "name": "Kim Min-ji", "email": "minji@example.com",
        "phone": "+82 10 1234 5678", "payment_method": "cod"})
    assert response.status_code == 302
    order = db.session.query(Order).one()
    assert order.locale == "en" and order.total == 150_000 and order.status == OrderStatus.PLACED
    page = parse(client.get(response.headers["Location"]).get_data(as_text=True))
    voucher = page.find("section", class_="voucher")
    booking = db.session.query(Booking).one()
    assert booking.display_code in voucher.get_text() and voucher.find("svg") is not None
    assert "People" in voucher.get_text() and "3" in voucher.get_text()
    assert page.find(id="shipments-heading") is None


def test_too_many_people_get_the_form_back_with_how_many_are_left(client, db, farm):
    _user, tour = farm
    slot = make_slot(tour, capacity=5, booked=4)
    db.session.commit()
    response = client.post(f"/en/products/{tour.slug}/book", data={
        "slot_id": str(slot.id), "people": "2", "name": "An", "email": "an@example.com", "phone": "0912 345 678",
        "payment_method": "cod"})
    assert response.status_code == 409
    assert "only 1 places are left" in response.get_data(as_text=True)
    assert db.session.query(Order).count() == 0 and db.session.get(VisitSlot, slot.id).booked == 4


def test_the_cart_refuses_a_visit(client, db, farm):
    _user, tour = farm
    goods = make_product(name_vi="Chả mực")
    db.session.commit()
    client.post("/en/cart/add", data={"product_id": str(tour.id), "quantity": "1"})
    client.post("/en/cart/add", data={"product_id": str(goods.id), "quantity": "1"})
    with client.session_transaction() as session:
        assert session["cart"] == {str(goods.id): 1}


def test_the_producer_sees_the_days_bookings_and_checks_a_voucher_in_once(app, db, farm):
    user, tour = farm
    slot = make_slot(tour, capacity=10)
    db.session.commit()
    book_test_visit(slot, people=2, name="Lê Minh Anh")
    booking = db.session.query(Booking).one()
    client = app.test_client()
    sign_in(client, user)

    day = parse(client.get(f"/producer/bookings?day={slot.day.isoformat()}").get_data(as_text=True))
    assert booking.display_code in day.get_text() and "Lê Minh Anh" in day.get_text()
    found = client.post("/producer/vouchers", data={"code": booking.display_code.lower()})
    assert found.headers["Location"] == f"/producer/vouchers/{booking.code}"
    assert client.post("/producer/vouchers", data={"code": "NOPE-NOPE-NOPE"}).status_code == 404

    first = client.post(f"/producer/vouchers/{booking.code}/check-in", follow_redirects=True)
    assert "Checked in: 2 people" in first.get_data(as_text=True)
    second = client.post(f"/producer/vouchers/{booking.code}/check-in", follow_redirects=True)
    assert "Already used: this voucher was checked in on" in second.get_data(as_text=True)
    scanned = parse(client.get(f"/producer/vouchers/{booking.code}").get_data(as_text=True))
    assert scanned.find(id="used-at") is not None and scanned.find("button", string="Check in 2 people") is None
    db.session.expire_all()
    assert db.session.get(Order, booking.order_id).status == OrderStatus.COMPLETED


def test_the_producer_opens_visits_from_the_calendar_page(app, db, farm):
    user, tour = farm
    client = app.test_client()
    sign_in(client, user)
    page = parse(client.get("/producer/slots").get_data(as_text=True))
    assert page.find("select", attrs={"name": "product_id"}).find("option")["value"] == str(tour.id)
    from shop.services.localtime import local_today

    today = local_today().isoformat()
    response = client.post("/producer/slots", data={"product_id": str(tour.id), "first_day": today,
                                                    "last_day": today, "times": "23:58", "capacity": "12"})
    assert response.status_code == 302
    assert [(slot.capacity, slot.starts_at.strftime("%H:%M")) for slot in db.session.query(VisitSlot)] == [
        (12, "23:58")]
    refused = client.post("/producer/slots", data={"product_id": str(tour.id), "first_day": today,
                                                   "last_day": today, "times": "noon", "capacity": "12"})
    assert refused.status_code == 400 and "Give the starting times like 08:00" in refused.get_data(as_text=True)
