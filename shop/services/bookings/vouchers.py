"""E-vouchers: found by their code (scanned or typed at the entrance), checked in once, listed per day.

A voucher's QR code holds the address of its check-in page in the producers' portal, so the
producer's phone camera opens it; typing the code finds the same page. Checking in is done once,
under the voucher's row lock: a second scan is told when the voucher was used. Checking in
completes the order (a cash booking is paid then, at the site).
"""
import io
import re
from dataclasses import dataclass
from datetime import datetime

import qrcode
import qrcode.constants
from flask import current_app, has_request_context, url_for
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from shop.errors import InvalidTransition, NotFound
from shop.extensions import db
from shop.i18n import N_
from shop.models import Booking, Product, VisitSlot, utcnow
from shop.models.statuses import OrderStatus, VoucherState
from shop.services import moves
from shop.services.audit import record_audit
from shop.services.catalog.qrcodes import qr_svg
from shop.services.producers.profiles import require_approved
from shop.services.transaction import transaction

_NOT_CODE = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True)
class CheckIn:
    """What checking a voucher in did: the voucher, and whether it had been used already (and when)."""

    booking: Booking
    already_used_at: datetime | None = None

    @property
    def was_already_used(self):
        return self.already_used_at is not None


def clean_code(raw):
    """Return a typed or scanned code as stored (upper case, no spaces or dashes); "" when it cannot be one."""
    code = _NOT_CODE.sub("", str(raw or "").upper())
    return code if 8 <= len(code) <= 16 else ""


def own_voucher(producer, raw_code):
    """Return the producer's voucher of this code; NotFound for a code of no voucher of theirs."""
    code = clean_code(raw_code)
    booking = db.session.scalar(
        select(Booking).where(Booking.code == code, Booking.producer_id == producer.id)
    ) if code else None
    if booking is None:
        raise NotFound(_("No voucher of yours has this code: check it and type it again."))
    return booking


def check_in(producer, raw_code, actor):
    """Check the producer's voucher in, once; a voucher used already is reported with its time, unchanged.

    Refused (InvalidTransition) while the order waits for its payment, and for a cancelled one.
    The order moves to completed (a cash booking is paid at the site). Commits.
    """
    require_approved(producer)
    booking = own_voucher(producer, raw_code)
    with transaction():
        _lock_booking(booking.id)
        db.session.refresh(booking)
        db.session.refresh(booking.order)
        state = booking.state
        if state == VoucherState.USED:
            return CheckIn(booking, already_used_at=booking.checked_in_at)
        if state == VoucherState.RESERVED:
            raise InvalidTransition(_("This voucher is not paid yet: it cannot be used."))
        if state == VoucherState.CANCELLED:
            raise InvalidTransition(_("This voucher was cancelled: it cannot be used."))
        booking.checked_in_at, booking.checked_in_by_id = utcnow(), getattr(actor, "id", None)
        _complete(booking.order, actor)
        record_audit(actor, "booking.check_in", booking, {"checked_in_at": None},
                     {"checked_in_at": booking.checked_in_at.isoformat(timespec="seconds")})
    current_app.logger.info("voucher of order %s checked in", booking.order.number)
    return CheckIn(booking)


def _lock_booking(booking_id):
    """Lock the voucher's row (SELECT booking.id … FOR UPDATE; SQLite: its write lock). Does not commit."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(update(Booking).where(Booking.id == booking_id).values(id=Booking.id)
                           .execution_options(synchronize_session=False))
    db.session.execute(select(Booking.id).where(Booking.id == booking_id).with_for_update()).one()


def _complete(order, actor):
    """A visit that took place completes its order: paid ones fulfilled then completed, cash ones paid too."""
    if order.status in (OrderStatus.PAID, OrderStatus.PLACED):
        moves.move(order, OrderStatus.FULFILLED, actor, N_("voucher checked in"))
    if order.status == OrderStatus.FULFILLED:
        moves.move(order, OrderStatus.COMPLETED, actor, N_("voucher checked in"))


def bookings_of_day(producer, day):
    """Return the producer's slots of `day` with their vouchers: [(slot, [booking, …]), …] by time."""
    slots = db.session.scalars(
        select(VisitSlot).join(Product).where(Product.producer_id == producer.id, VisitSlot.day == day)
        .order_by(VisitSlot.starts_at, Product.name_vi)
    ).all()
    bookings = db.session.scalars(
        select(Booking).where(Booking.slot_id.in_([slot.id for slot in slots]))
        .options(selectinload(Booking.order)).order_by(Booking.id)
    ).all() if slots else []
    by_slot = {}
    for booking in bookings:
        by_slot.setdefault(booking.slot_id, []).append(booking)
    return [(slot, by_slot.get(slot.id, [])) for slot in slots]


def check_in_url(booking):
    """Return the absolute address of the voucher's check-in page (what its QR code holds).

    At PUBLIC_BASE_URL (or the request's address in development); a command run with neither (a
    payment settled by reconcile-payments on a machine without it) gives the path alone.
    """
    config = current_app.config
    if has_request_context() or config.get("PUBLIC_BASE_URL") or config.get("SERVER_NAME"):
        return url_for("producer.voucher", code=booking.code, _external=True)
    return f"/producer/vouchers/{booking.code}"


def voucher_qr_svg(booking):
    """Return the voucher's QR code as inline SVG (its check-in address)."""
    return qr_svg(check_in_url(booking), label=_("QR code of voucher %(code)s", code=booking.display_code))


def voucher_qr_png(booking):
    """Return the voucher's QR code as PNG bytes (the e-mail's picture; mail readers do not show SVG)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2, box_size=8)
    code.add_data(check_in_url(booking))
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return buffer.getvalue()
