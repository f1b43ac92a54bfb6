"""Booked visits (OCOP group 6, tourism): a producer's calendar of slots and the e-vouchers sold for them."""
from datetime import date, datetime, time

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow
from shop.models.statuses import OrderStatus, VoucherState


class VisitSlot(db.Model):
    """One visit a producer offers: a day, a starting time and how many people it takes.

    `booked` counts the places held by orders not cancelled; it never goes below zero nor above
    the capacity (CHECK constraints), and changes only through shop.services.bookings.capacity.
    """

    __tablename__ = "visit_slot"
    __table_args__ = (
        UniqueConstraint("product_id", "day", "starts_at", name="uq_visit_slot_product_day_time"),
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="booked_within_capacity"),
        Index("ix_visit_slot_product_day", "product_id", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False)
    day: Mapped[date] = mapped_column(Date, nullable=False)
    starts_at: Mapped[time] = mapped_column(Time, nullable=False)
    capacity: Mapped[int] = mapped_column(nullable=False)
    booked: Mapped[int] = mapped_column(nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    product = db.relationship("Product")

    @property
    def places_left(self):
        """How many more people this slot takes."""
        return max(self.capacity - self.booked, 0)

    def __repr__(self):
        return f"<VisitSlot {self.product_id} {self.day} {self.starts_at:%H:%M} {self.booked}/{self.capacity}>"


class Booking(db.Model):
    """The e-voucher of one booked visit: its order line, its slot, how many people, its code and check-in."""

    __tablename__ = "booking"
    __table_args__ = (CheckConstraint("people > 0", name="people_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False, index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id", ondelete="CASCADE"), nullable=False,
                                               unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("visit_slot.id"), nullable=False, index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.id"), nullable=False, index=True)
    people: Mapped[int] = mapped_column(nullable=False)
    # The voucher's code (in its QR code, typed at the entrance): drawn with `secrets`, never guessable.
    code: Mapped[str] = mapped_column(String(16), nullable=False, unique=True)
    # Whether the order's places were given back (cancelled, expired, refunded): released once.
    released: Mapped[bool] = mapped_column(nullable=False, default=False)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    order = db.relationship("Order", backref=db.backref("bookings", order_by="Booking.id", viewonly=True))
    order_line = db.relationship("OrderLine")
    slot = db.relationship("VisitSlot", lazy="joined")
    producer = db.relationship("Producer")
    checked_in_by = db.relationship("User")

    @property
    def state(self):
        """The voucher's VoucherState: from its check-in first, then from its order's status."""
        if self.checked_in_at is not None:
            return VoucherState.USED
        status = self.order.status
        if status in (OrderStatus.CANCELLED, OrderStatus.REFUNDED) or self.released:
            return VoucherState.CANCELLED
        if status == OrderStatus.PENDING_PAYMENT:
            return VoucherState.RESERVED
        return VoucherState.VALID

    @property
    def display_code(self):
        """The code in groups of four, easier to read out and type ("VQ7K-X2M9-PA3B")."""
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    def __repr__(self):
        return f"<Booking {self.code} {self.people} people>"
