"""Booked visits: the producer's calendar, booking places (never oversold), e-vouchers, check-in once, expiry."""
import threading
from datetime import timedelta

import pytest
import time_machine

from shop.errors import InvalidInput, InvalidTransition, NotFound, OutOfStock
from shop.extensions import db as _db
from shop.models import AuditEvent, Booking, Order, Product, Shipment, StockMovement, VisitSlot, utcnow
from shop.models.statuses import DeliveryMethod, OrderStatus, PaymentMethod, VoucherState
from shop.services.bookings import slots as calendar
from shop.services.bookings import vouchers
from shop.services.bookings.placing import place_booking
from shop.services.localtime import local_today
from shop.services.orders.cart import SessionCart, add_to_cart
from shop.services.orders.placing import mark_paid_locked
from shop.services.orders.refunds import cancel_order, refund_order
from shop.services.payments.expiry import expire_overdue_orders
from tests.factories import book_test_visit, checkout_details, make_producer_owner, make_slot, make_tour, make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def tour(db):
    user, producer = make_producer_owner(email="farm@example.com")
    product = make_tour(producer, name_vi="Thiên đường hoa Quảng La", price=50_000)
    db.session.commit()
    return user, product


def slot_row(slot_id):
    _db.session.expire_all()
    return _db.session.get(VisitSlot, slot_id)


# --- the calendar ------------------------------------------------------------------------------------------

def test_a_producer_opens_visits_for_days_and_times_and_existing_ones_stay(db, tour):
    user, product = tour
    first = local_today() + timedelta(days=1)
    added = calendar.open_slots_for(product.producer, user, product.id, first, first + timedelta(days=2),
                                    "14:30, 08:00", "25")
    assert added == 6
    again = calendar.open_slots_for(product.producer, user, product.id, first, first + timedelta(days=3),
                                    "08:00", "40")
    assert again == 1  # only the fourth day's morning is new
    rows = db.session.query(VisitSlot).order_by(VisitSlot.day, VisitSlot.starts_at).all()
    assert [(row.day, row.starts_at.strftime("%H:%M"), row.capacity) for row in rows[:2]] == [
        (first, "08:00", 25), (first, "14:30", 25)]
    assert rows[-1].capacity == 40
    assert db.session.query(AuditEvent).filter_by(action="slots.open").count() == 2


@pytest.mark.parametrize(("times", "capacity", "days", "field"), [
    ("8 o'clock", "10", 1, "times"), ("25:00", "10", 1, "times"), ("08:00", "0", 1, "capacity"),
    ("08:00", "1001", 1, "capacity"), ("08:00", "2147483648", 1, "capacity"), ("08:00", "ten", 1, "capacity"),
    ("08:00", "10", 200, "last_day"), ("08:00", "10", -1, "last_day"),
])
def test_a_calendar_with_bad_values_is_refused_on_its_field_and_writes_nothing(db, tour, times, capacity, days,
                                                                                field):
    user, product = tour
    first = local_today()
    with pytest.raises(InvalidInput) as refused:
        calendar.open_slots_for(product.producer, user, product.id, first, first + timedelta(days=days), times,
                                capacity)
    assert refused.value.field == field
    assert db.session.query(VisitSlot).count() == 0


def test_only_tourism_products_of_ones_own_have_a_calendar(db, tour):
    user, product = tour
    other_user, other = make_producer_owner(email="other@example.com")
    from tests.factories import make_product

    goods = make_product(product.producer, name_vi="Chả mực")
    db.session.commit()
    today = local_today()
    with pytest.raises(NotFound):
        calendar.open_slots_for(product.producer, user, goods.id, today, today, "08:00", "5")
    with pytest.raises(NotFound):
        calendar.open_slots_for(other, other_user, product.id, today, today, "08:00", "5")
    with pytest.raises(InvalidInput):
        calendar.open_slots_for(product.producer, user, product.id, today - timedelta(days=1), today, "08:00", "5")


def test_the_capacity_never_goes_below_the_places_booked_and_a_booked_slot_stays(db, tour):
    user, product = tour
    slot = make_slot(product, capacity=10)
    db.session.commit()
    book_test_visit(slot, people=4)
    with pytest.raises(InvalidInput, match="4 places are already booked"):
        calendar.change_capacity(product.producer, user, slot.id, "3")
    assert slot_row(slot.id).capacity == 10
    calendar.change_capacity(product.producer, user, slot.id, "4")
    assert slot_row(slot.id).capacity == 4 and slot_row(slot.id).places_left == 0
    with pytest.raises(InvalidInput, match="has bookings"):
        calendar.remove_slot(product.producer, user, slot.id)
    empty = make_slot(product, days_ahead=5)
    db.session.commit()
    calendar.remove_slot(product.producer, user, empty.id)
    assert slot_row(empty.id) is None


# --- booking ---------------------------------------------------------------------------------------------

def test_a_cash_booking_holds_its_places_and_writes_an_order_a_line_and_a_voucher_but_no_shipment(db, tour):
    _user, product = tour
    slot = make_slot(product, capacity=10)
    db.session.commit()
    order = book_test_visit(slot, people=3, payment_method="cod")

    assert order.status == OrderStatus.PLACED and order.delivery_method == DeliveryMethod.VOUCHER
    assert (order.subtotal, order.shipping_fee, order.total) == (150_000, 0, 150_000)
    assert order.address == "" and order.reservation_expires_at is None
    assert [(line.quantity, line.unit_price) for line in order.lines] == [(3, 50_000)]
    assert db.session.query(Shipment).filter_by(order_id=order.id).count() == 0
    assert db.session.query(StockMovement).count() == 0
    booking = db.session.query(Booking).one()
    assert booking.people == 3 and booking.state == VoucherState.VALID and len(booking.code) == 12
    assert slot_row(slot.id).booked == 3


def test_more_people_than_places_left_are_refused_with_how_many_are_left(db, tour):
    _user, product = tour
    slot = make_slot(product, capacity=5, booked=3)
    db.session.commit()
    with pytest.raises(OutOfStock, match="only 2 places are left") as refused:
        book_test_visit(slot, people=3)
    assert refused.value.details["available"] == 2
    full = make_slot(product, days_ahead=4, capacity=2, booked=2)
    db.session.commit()
    with pytest.raises(OutOfStock, match="fully booked"):
        book_test_visit(full, people=1)
    assert db.session.query(Order).count() == 0 and slot_row(slot.id).booked == 3


@pytest.mark.parametrize("people", ["0", "-1", "51", "2147483648", "two", ""])
def test_a_number_of_people_out_of_bounds_is_refused_on_its_field(db, tour, people):
    _user, product = tour
    slot = make_slot(product)
    db.session.commit()
    with pytest.raises(InvalidInput) as refused:
        book_test_visit(slot, people=people)
    assert refused.value.field == "people" and db.session.query(Order).count() == 0


def test_a_slot_of_another_product_or_one_begun_cannot_be_booked(db, tour):
    _user, product = tour
    other = make_tour(name_vi="Làng chài")
    theirs = make_slot(other)
    begun = make_slot(product, days_ahead=0, at="00:00")
    db.session.commit()
    for slot_id in (theirs.id, "999999", "2147483648", "x"):
        with pytest.raises(InvalidInput) as refused:
            place_booking(product, slot_id, "1", checkout_details())
        assert refused.value.field == "slot_id"
    with pytest.raises(InvalidInput, match="already begun"):
        book_test_visit(begun, people=1)
    assert db.session.query(Order).count() == 0


def test_a_visit_cannot_go_into_a_cart(db, tour):
    _user, product = tour
    with pytest.raises(InvalidInput, match="is a visit"):
        add_to_cart(SessionCart({}), str(product.id), "1")


def test_an_online_payment_holds_the_places_until_the_reservation_ends_then_gives_them_back(app, db, tour,
                                                                                          card_enabled):
    _user, product = tour
    slot = make_slot(product, capacity=4)
    db.session.commit()
    order = book_test_visit(slot, people=4, payment_method="card")
    assert order.status == OrderStatus.PENDING_PAYMENT and order.reservation_expires_at is not None
    assert db.session.query(Booking).one().state == VoucherState.RESERVED
    assert slot_row(slot.id).booked == 4

    later = utcnow() + timedelta(minutes=app.config["RESERVATION_MINUTES"] + 1)
    assert expire_overdue_orders(now=later) == 1
    assert expire_overdue_orders(now=later) == 0  # twice is safe: the places come back once
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.CANCELLED
    assert slot_row(slot.id).booked == 0
    booking = db.session.query(Booking).one()
    assert booking.released and booking.state == VoucherState.CANCELLED
    assert db.session.get(Product, product.id).stock == 0  # no stock was taken nor given back


def test_cancelling_and_refunding_give_the_places_back(db, tour, card_enabled, monkeypatch):
    monkeypatch.setattr("shop.services.payments.card.refund_at_stripe", lambda order, amount: "re_booking_1")
    user, product = tour
    slot = make_slot(product, capacity=6)
    db.session.commit()
    cash = book_test_visit(slot, people=2)
    cancel_order(cash, user, "changed plans")
    assert slot_row(slot.id).booked == 0
    paid = book_test_visit(slot, people=3, payment_method="card")
    with _db.session.begin_nested():
        mark_paid_locked(db.session.get(Order, paid.id), "pi_1", "paid")
    db.session.commit()
    refund_order(db.session.get(Order, paid.id), paid.total, make_user(role="admin"), "rain", restock=True)
    db.session.expire_all()
    assert db.session.get(Order, paid.id).status == OrderStatus.REFUNDED
    assert slot_row(slot.id).booked == 0
    assert db.session.get(Product, product.id).stock == 0


# --- vouchers --------------------------------------------------------------------------------------------

def test_a_voucher_is_checked_in_once_and_a_second_scan_says_when(db, tour):
    user, product = tour
    slot = make_slot(product)
    db.session.commit()
    order = book_test_visit(slot, people=2, payment_method="cod")
    booking = db.session.query(Booking).one()

    first = vouchers.check_in(product.producer, booking.display_code.lower(), user)  # typed: dashes, lower case
    assert not first.was_already_used
    db.session.expire_all()
    done = db.session.get(Order, order.id)
    assert done.status == OrderStatus.COMPLETED and done.paid_at is not None  # cash taken at the site
    used_at = db.session.get(Booking, booking.id).checked_in_at
    assert used_at is not None

    second = vouchers.check_in(product.producer, booking.code, user)
    assert second.was_already_used and second.already_used_at == used_at
    assert db.session.query(AuditEvent).filter_by(action="booking.check_in").count() == 1


def test_an_unpaid_or_cancelled_voucher_cannot_be_used_and_a_code_of_another_producer_is_not_found(db, tour,
                                                                                                    card_enabled):
    user, product = tour
    slot = make_slot(product)
    db.session.commit()
    book_test_visit(slot, people=1, payment_method="card")
    booking = db.session.query(Booking).one()
    with pytest.raises(InvalidTransition, match="not paid yet"):
        vouchers.check_in(product.producer, booking.code, user)
    other_user, other = make_producer_owner(email="other@example.com")
    db.session.commit()
    for code in (booking.code, "NOTACODE99", "", "x" * 200):
        with pytest.raises(NotFound):
            vouchers.check_in(other, code, other_user)
    assert db.session.get(Booking, booking.id).checked_in_at is None


def test_the_day_lists_each_slot_with_its_vouchers(db, tour):
    _user, product = tour
    morning, afternoon = make_slot(product, at="08:00"), make_slot(product, at="14:00")
    db.session.commit()
    book_test_visit(morning, people=2)
    book_test_visit(morning, people=1, email="b@example.com")
    day = vouchers.bookings_of_day(product.producer, morning.day)
    assert [(slot.id, [b.people for b in bookings]) for slot, bookings in day] == [(morning.id, [2, 1]),
                                                                                    (afternoon.id, [])]
    assert vouchers.bookings_of_day(product.producer, morning.day + timedelta(days=1)) == []


def test_open_slots_show_only_visits_to_come_with_places(db, tour):
    _user, product = tour
    make_slot(product, days_ahead=2, capacity=3, booked=3)
    later = make_slot(product, days_ahead=2, at="15:00")
    make_slot(product, days_ahead=0, at="00:00")
    db.session.commit()
    assert [slot.id for slot in calendar.open_slots(product)] == [later.id]


def test_the_voucher_mail_carries_its_code_day_and_qr_in_the_customers_language(app, db, tour, smtp_inbox):
    _user, product = tour
    slot = make_slot(product)
    db.session.commit()
    with time_machine.travel(utcnow(), tick=False):
        order = book_test_visit(slot, people=2, payment_method="cod", email="guest@example.com", locale="vi")
    booking = db.session.query(Booking).one()
    received = {rcpt[0]: message for rcpt, message in smtp_inbox.messages}
    voucher = received["guest@example.com"]
    text = voucher.get_body(("plain",)).get_content()
    assert booking.display_code in text and "Số người: 2" in text and slot.starts_at.strftime("%H:%M") in text
    assert f"/orders/{order.number}?t=" in text
    pictures = [part for part in voucher.walk() if part.get_content_type() == "image/png"]
    assert len(pictures) == 1 and pictures[0].get_content().startswith(b"\x89PNG")
    assert 'src="cid:voucher-qr"' in voucher.get_body(("html",)).get_content()
    assert "farm@example.com" in received  # the producer's notice


# --- concurrency (PostgreSQL) ----------------------------------------------------------------------------

def test_forty_visitors_racing_for_ten_places_book_exactly_ten(app, db, postgres_only):
    product = make_tour()
    slot = make_slot(product, capacity=10)
    product_id, slot_id = product.id, slot.id
    db.session.commit()
    start = threading.Barrier(40)
    booked, refused, errors = [], [], []

    def book(n):
        with app.app_context():
            try:
                start.wait(timeout=30)
                place_booking(_db.session.get(Product, product_id), slot_id, str(1 + n % 2),
                              checkout_details(email=f"v{n}@example.com", payment_method=PaymentMethod.COD))
                booked.append(1 + n % 2)
            except OutOfStock:
                refused.append(n)
            except Exception as error:  # anything else is a failure of the test
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(booked) <= 10 and slot_row(slot_id).booked == sum(booked)
    assert sum(booking.people for booking in db.session.query(Booking)) == sum(booked)
    assert sum(booked) >= 9  # the places are sold out (an odd last place may be left for a pair)


def test_the_voucher_link_is_absolute_at_the_public_address_and_a_path_without_one(app, db, tour, monkeypatch):
    _user, product = tour
    slot = make_slot(product)
    db.session.commit()
    book_test_visit(slot, people=1)
    booking = db.session.query(Booking).one()
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "")
    monkeypatch.setitem(app.config, "SERVER_NAME", None)
    assert vouchers.check_in_url(booking) == f"/producer/vouchers/{booking.code}"
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ocop.example.vn")
    with app.test_request_context("/", base_url="http://forged.example.com"):  # the Host changes nothing
        assert vouchers.check_in_url(booking) == f"https://ocop.example.vn/producer/vouchers/{booking.code}"
