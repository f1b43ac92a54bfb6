"""A slot's places: taken by a booking and given back by its cancellation, never below zero nor above capacity.

Every change locks the slot's row first with a plain ``SELECT visit_slot.id … FOR UPDATE`` (on
PostgreSQL; SQLite takes its database write lock with a no-op UPDATE of the row), so two
customers booking the last places of a slot at once are served one after the other: the second
sees what the first took. The UPDATE itself is guarded too (``booked + :n <= capacity``) and the
table's CHECK constraints stand behind both.
"""
from sqlalchemy import select, update

from shop.extensions import db
from shop.models import Booking, VisitSlot
from shop.services.audit import record_audit


def lock_slot(slot_id):
    """Lock the slot's row until the transaction ends and return its figures (None when there is no such slot).

    Does not commit: the caller's transaction carries the lock.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(VisitSlot).where(VisitSlot.id == slot_id).values(id=VisitSlot.id)
            .execution_options(synchronize_session=False)
        )
    return db.session.execute(
        select(VisitSlot.id, VisitSlot.product_id, VisitSlot.day, VisitSlot.starts_at, VisitSlot.capacity,
               VisitSlot.booked).where(VisitSlot.id == slot_id).with_for_update()
    ).one_or_none()


def take_places(slot_id, people):
    """Hold `people` places of a locked slot; False (nothing changed) when fewer are left. Does not commit."""
    result = db.session.execute(
        update(VisitSlot)
        .where(VisitSlot.id == slot_id, VisitSlot.booked + people <= VisitSlot.capacity)
        .values(booked=VisitSlot.booked + people)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def release_places(order, actor=None, reason=""):
    """Give back the places of the order's bookings not yet released nor used; return their order line ids.

    A voucher already checked in keeps its place (the visit happened). Safe to call twice: a
    booking is released once. Does not commit: the caller's transaction carries it.
    """
    line_ids = set()
    for booking in db.session.scalars(select(Booking).where(Booking.order_id == order.id).order_by(Booking.slot_id)):
        line_ids.add(booking.order_line_id)
        if booking.released or booking.checked_in_at is not None:
            continue
        lock_slot(booking.slot_id)
        db.session.execute(
            update(VisitSlot).where(VisitSlot.id == booking.slot_id, VisitSlot.booked >= booking.people)
            .values(booked=VisitSlot.booked - booking.people).execution_options(synchronize_session=False)
        )
        booking.released = True
        record_audit(actor, "booking.release", booking, {"people": booking.people}, {"released": True}, reason)
    return line_ids
