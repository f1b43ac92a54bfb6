"""Booking a visit: one order for one slot and a number of people, paid by any offered method, with its e-voucher.

One transaction, like placing an order of goods: the slot is locked (shop.services.bookings.capacity),
its places are taken, and the order, its line and its voucher are written; nothing is shipped and
no stock moves. An order paid online holds the places until its reservation ends (the expiry
gives them back with the order); a cash booking is paid at the site.
"""
import secrets
from dataclasses import replace

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.extensions import db
from shop.i18n import localized
from shop.models import Booking, OrderLine, Product
from shop.models.statuses import DeliveryMethod, OrderStatus
from shop.services.bookings.capacity import lock_slot, take_places
from shop.services.bookings.slots import has_started
from shop.services.numbers import NotAWholeNumber, OutOfRange, parse_id, parse_whole_number
from shop.services.orders.cart import sellable_product
from shop.services.orders.mail import send_order_mails
from shop.services.orders.placing import new_order, note_placed, validate_details
from shop.services.transaction import transaction

MAX_PEOPLE = 50  # in one booking: a larger group books with the producer directly
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no look-alikes (0/O, 1/I/L)
CODE_LENGTH = 12


def parse_people(raw):
    """Return `raw` as a number of people (1 to MAX_PEOPLE), or raise InvalidInput on its field."""
    try:
        return parse_whole_number(raw, minimum=1, maximum=MAX_PEOPLE)
    except (NotAWholeNumber, OutOfRange):
        raise InvalidInput(_("Give the number of people as a whole number from 1 to %(n)d.", n=MAX_PEOPLE),
                           field="people") from None


def bookable_listing(slug_or_product):
    """Return the product if it is a tourism service on sale (published, approved producer); NotFound otherwise."""
    product = slug_or_product
    if isinstance(slug_or_product, str):
        product_id = db.session.scalar(select(Product.id).where(Product.slug == slug_or_product))
        product = sellable_product(product_id or 0)
    if not product.is_bookable:
        raise NotFound(_("This product is not a visit to book."))
    return product


def new_voucher_code():
    """Return an unused voucher code of CODE_LENGTH characters, drawn with `secrets`."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        if db.session.scalar(select(Booking.id).where(Booking.code == code)) is None:
            return code


def place_booking(product, raw_slot_id, raw_people, details, customer=None, locale="vi"):
    """Book `raw_people` places of the product's slot `raw_slot_id`: the order, its line and its e-voucher.

    Prices come from the database. Refused, changing nothing, when the slot is not the product's,
    has begun or has fewer places left (the customer is told how many). Commits.
    """
    people = parse_people(raw_people)
    details = validate_details(replace(details, delivery_method=DeliveryMethod.VOUCHER, address="",
                                       hotel_name="", hotel_room="", leaves_on=None))
    slot_id = parse_id(raw_slot_id)
    with transaction():
        slot = lock_slot(slot_id) if slot_id else None
        if slot is None or slot.product_id != product.id:
            raise InvalidInput(_("Choose a day and time from the calendar."), field="slot_id")
        product = bookable_listing(sellable_product(product.id))
        _check_places(slot, people, localized(product, "name", locale))
        take_places(slot.id, people)
        order = new_order(details, customer, locale, product.price * people, 0)
        line = OrderLine(order=order, product_id=product.id, producer_id=product.producer_id,
                         product_name=product.name_vi, buyer_product_name=localized(product, "name", order.locale),
                         unit_price=product.price, quantity=people,
                         line_total=product.price * people)
        db.session.add(line)
        db.session.flush()
        db.session.add(Booking(order=order, order_line_id=line.id, slot_id=slot.id, producer_id=product.producer_id,
                               people=people, code=new_voucher_code()))
        note_placed(order)
        if order.status == OrderStatus.PLACED:
            send_order_mails(order)  # in the outbox, with the booking
    current_app.logger.info("booking %s placed (%s, %d people, %d VND)", order.number, order.payment_method,
                            people, order.total)
    return order


def _check_places(slot, people, name):
    if has_started(slot):
        raise InvalidInput(_("This visit has already begun: choose a later one."), field="slot_id")
    left = slot.capacity - slot.booked
    if left <= 0:
        raise OutOfStock(_("Sorry, %(name)s is fully booked at that time: choose another.", name=name),
                         product_name=name, available=0)
    if people > left:
        raise OutOfStock(
            _("Sorry, only %(n)d places are left for %(name)s on %(day)s at %(time)s: book fewer people or "
              "another time.", n=left, name=name, day=format_date(slot.day, "long"),
              time=slot.starts_at.strftime("%H:%M")),
            product_name=name, available=left)
