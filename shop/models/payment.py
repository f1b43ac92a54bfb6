"""Payments: provider notifications stored once, payment attempts, and the Stripe events already processed."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import TimestampMixin, utcnow
from shop.models.statuses import AttemptStatus, PaymentMethod, is_status, member_of


class PaymentEvent(db.Model):
    """A Stripe webhook event, recorded in the same transaction as the change it made."""

    __tablename__ = "payment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    stripe_event_id: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    type: Mapped[str] = mapped_column(String(80), nullable=False)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)


class PaymentAttempt(TimestampMixin, db.Model):
    """One try at paying an order through a provider; `reference` is what the provider knows it by.

    A provider that needs its own reference per try (VNPay's vnp_TxnRef, MoMo's orderId) gets a
    new attempt each time the customer starts paying; all attempts of an order point at it.
    """

    __tablename__ = "payment_attempt"
    __table_args__ = (
        CheckConstraint(f"provider IN {PaymentMethod.values()}", name="provider"),
        CheckConstraint(f"status IN {AttemptStatus.values()}", name="status"),
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False, index=True)
    provider: Mapped[str] = mapped_column(String(16), nullable=False)
    amount: Mapped[int] = mapped_column(nullable=False)  # integer VND asked of the provider
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=AttemptStatus.PENDING.value)
    provider_transaction_id: Mapped[str | None] = mapped_column(String(255), index=True)
    settled_at: Mapped[datetime | None]

    order = db.relationship("Order")

    state = member_of(AttemptStatus)
    method = member_of(PaymentMethod, "provider")
    is_pending = is_status(AttemptStatus.PENDING)
    is_succeeded = is_status(AttemptStatus.SUCCEEDED)


class PaymentNotification(db.Model):
    """A provider's raw notification (IPN, webhook), stored once by (provider, the provider's own id).

    Written in the same transaction as the change it caused, so a notification is either fully
    applied and stored or not at all; a redelivery finds its row and changes nothing.
    """

    __tablename__ = "payment_notification"
    __table_args__ = (
        UniqueConstraint("provider", "provider_ref", name="uq_payment_notification_provider_ref"),
        CheckConstraint(f"provider IN {PaymentMethod.values()}", name="provider"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    provider: Mapped[str] = mapped_column(String(16), nullable=False)
    provider_ref: Mapped[str] = mapped_column(String(255), nullable=False)
    kind: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    outcome: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("payment_attempt.id"), index=True)
    payload: Mapped[str] = mapped_column(Text, nullable=False, default="")  # as received (JSON or a query string)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)

    order = db.relationship("Order")
    attempt = db.relationship("PaymentAttempt")
