"""A producer's calendar of visits: slots (a day, a starting time, how many people) of their tourism products.

The producer opens slots for a range of days at one or more times; a slot's capacity may be
changed but never below the places already booked, and a slot is removed only while nobody
booked it. Customers see the slots to come that still have places (`open_slots`).
"""
import re
from datetime import datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from shop.errors import InvalidInput, NotFound
from shop.extensions import db
from shop.models import Booking, Category, Product, VisitSlot
from shop.models.product_sets import TOURISM_GROUP
from shop.services.audit import record_audit
from shop.services.bookings.capacity import lock_slot
from shop.services.catalog.products import own_product
from shop.services.localtime import local_now, local_today
from shop.services.numbers import NotAWholeNumber, OutOfRange, parse_id, parse_whole_number
from shop.services.producers.profiles import require_approved
from shop.services.transaction import commits

MAX_CAPACITY = 1000  # people in one slot: more than any OCOP site takes at once
MAX_DAYS = 92  # days opened in one go (a season)
MAX_TIMES = 8  # starting times in one day
BOOKABLE_DAYS = 120  # how far ahead customers see the calendar
_TIME = re.compile(r"([01]?[0-9]|2[0-3])[:h.]([0-5][0-9])")


def parse_capacity(raw, minimum=1):
    """Return `raw` as a number of people (minimum to MAX_CAPACITY), or raise InvalidInput on its field."""
    try:
        return parse_whole_number(raw, minimum=minimum, maximum=MAX_CAPACITY)
    except (NotAWholeNumber, OutOfRange):
        raise InvalidInput(_("Give the number of people as a whole number from %(min)d to %(max)d.",
                             min=minimum, max=MAX_CAPACITY), field="capacity") from None


def parse_times(raw):
    """Return the starting times typed as "08:00, 14:30" (sorted, without repeats), or raise InvalidInput."""
    parts = [part for part in re.split(r"[,;\s]+", str(raw or "").strip()) if part]
    times = set()
    for part in parts:
        match = _TIME.fullmatch(part)
        if match is None:
            raise InvalidInput(_("Give the starting times like 08:00, 14:30."), field="times")
        times.add(time(int(match.group(1)), int(match.group(2))))
    if not times or len(times) > MAX_TIMES:
        raise InvalidInput(_("Give from 1 to %(n)d starting times, like 08:00, 14:30.", n=MAX_TIMES), field="times")
    return sorted(times)


def bookable_product(producer, product_id):
    """Return the producer's tourism product `product_id`; NotFound when it is not theirs or not a visit."""
    product = own_product(producer, parse_id(product_id) or 0)
    if not product.is_bookable:
        raise NotFound(_("Only tourism services (group 6) have a calendar of visits."))
    return product


def bookable_products(producer):
    """Return the producer's tourism products (the ones with a calendar), by name."""
    products = db.session.scalars(
        select(Product).where(Product.producer_id == producer.id).order_by(Product.name_vi, Product.id)
    ).all()
    return [product for product in products if product.is_bookable]


def has_visits(producer):
    """Whether the producer sells a tourism service (the portal then shows its calendar and bookings)."""
    return db.session.scalar(
        select(Product.id).join(Category).where(Product.producer_id == producer.id, Category.slug == TOURISM_GROUP)
        .limit(1)
    ) is not None


@commits
def open_slots_for(producer, actor, product_id, first_day, last_day, raw_times, raw_capacity):
    """Open slots of a tourism product for every day from `first_day` to `last_day` at each time; return how many.

    Slots that already exist are left as they are. Commits.
    """
    require_approved(producer)
    product = bookable_product(producer, product_id)
    times, capacity = parse_times(raw_times), parse_capacity(raw_capacity)
    today = local_today()
    if first_day is None or last_day is None:
        raise InvalidInput(_("Give the first and the last day."), field="first_day")
    if first_day < today:
        raise InvalidInput(_("The first day cannot be in the past."), field="first_day")
    if last_day < first_day or (last_day - first_day).days >= MAX_DAYS:
        raise InvalidInput(_("The last day must be on or after the first, at most %(n)d days later.", n=MAX_DAYS - 1),
                           field="last_day")
    existing = set(db.session.execute(
        select(VisitSlot.day, VisitSlot.starts_at)
        .where(VisitSlot.product_id == product.id, VisitSlot.day.between(first_day, last_day))
    ).all())
    added = 0
    for offset in range((last_day - first_day).days + 1):
        day = first_day + timedelta(days=offset)
        for starts_at in times:
            if (day, starts_at) not in existing:
                db.session.add(VisitSlot(product_id=product.id, day=day, starts_at=starts_at, capacity=capacity))
                added += 1
    record_audit(actor, "slots.open", product, None,
                 {"from": first_day.isoformat(), "to": last_day.isoformat(), "slots": added, "capacity": capacity})
    return added


def own_slot(producer, slot_id):
    """Return the producer's slot `slot_id`; NotFound when it is not theirs."""
    slot = db.session.scalar(
        select(VisitSlot).join(Product).where(VisitSlot.id == (parse_id(slot_id) or 0),
                                              Product.producer_id == producer.id)
    )
    if slot is None:
        raise NotFound(_("Slot not found."))
    return slot


@commits
def change_capacity(producer, actor, slot_id, raw_capacity):
    """Set a slot's capacity; never below the places already booked. Commits."""
    require_approved(producer)
    slot = own_slot(producer, slot_id)
    capacity = parse_capacity(raw_capacity, minimum=0)
    locked = lock_slot(slot.id)
    result = db.session.execute(
        update(VisitSlot).where(VisitSlot.id == slot.id, VisitSlot.booked <= capacity)
        .values(capacity=capacity).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise InvalidInput(_("%(n)d places are already booked: the capacity cannot be lower.", n=locked.booked),
                           field="capacity")
    record_audit(actor, "slot.capacity", slot, {"capacity": locked.capacity}, {"capacity": capacity})
    db.session.refresh(slot)
    return slot


@commits
def remove_slot(producer, actor, slot_id):
    """Remove a slot nobody ever booked (a booked one keeps its vouchers: set its capacity to its bookings). Commits."""
    require_approved(producer)
    slot = own_slot(producer, slot_id)
    lock_slot(slot.id)
    if db.session.scalar(select(Booking.id).where(Booking.slot_id == slot.id).limit(1)) is not None:
        raise InvalidInput(_("This slot has bookings: it cannot be removed. Lower its capacity to close it."))
    record_audit(actor, "slot.remove", slot, {"day": slot.day.isoformat(), "capacity": slot.capacity}, None)
    db.session.delete(slot)


def producer_slots(producer, first_day, days=14):
    """Return the producer's slots from `first_day` for `days` days, by day and time."""
    return db.session.scalars(
        select(VisitSlot).join(Product).where(
            Product.producer_id == producer.id,
            VisitSlot.day.between(first_day, first_day + timedelta(days=days - 1)),
        ).order_by(VisitSlot.day, VisitSlot.starts_at, Product.name_vi)
    ).all()


def starts_at(slot):
    """Return when the slot begins, as the shop's local wall-clock time."""
    return datetime.combine(slot.day, slot.starts_at)


def has_started(slot, now=None):
    """Whether the slot's visit has begun (it can no longer be booked)."""
    return starts_at(slot) <= local_now(now)


def open_slots(product, now=None):
    """Return the product's slots customers may book: not begun, with places left, within BOOKABLE_DAYS."""
    today = local_today(now)
    slots = db.session.scalars(
        select(VisitSlot).where(
            VisitSlot.product_id == product.id, VisitSlot.day.between(today, today + timedelta(days=BOOKABLE_DAYS)),
            VisitSlot.booked < VisitSlot.capacity,
        ).order_by(VisitSlot.day, VisitSlot.starts_at)
    ).all()
    return [slot for slot in slots if not has_started(slot, now)]
