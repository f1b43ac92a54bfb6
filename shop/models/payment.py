"""Stripe events already processed: the unique id makes a redelivery a no-op."""
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow


class PaymentEvent(db.Model):
    """A Stripe webhook event, recorded in the same transaction as the change it made."""

    __tablename__ = "payment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    stripe_event_id: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    type: Mapped[str] = mapped_column(String(80), nullable=False)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)
