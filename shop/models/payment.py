"""Payments: provider notifications stored once, payment attempts, and the Stripe events already processed."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import TimestampMixin, utcnow
from shop.models.statuses import (
    AttemptStatus,
    BankTransferStatus,
    PaymentMethod,
    TransferIssue,
    is_status,
    member_of,
)


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


class BankTransfer(TimestampMixin, db.Model):
    """One transfer into the shop's account, as the bank-notification service told it (SePay's fields).

    `sepay_id` is the notification's own id (unique: a redelivery finds its row). A transfer that
    named an order awaiting payment with its exact total paid it (`applied`); any other waits in the
    office's queue (`to_reconcile`, with its `issue`) until an administrator matches, refunds or
    dismisses it.
    """

    __tablename__ = "bank_transfer"
    __table_args__ = (
        CheckConstraint(f"status IN {BankTransferStatus.values()}", name="status"),
        CheckConstraint(f"issue IS NULL OR issue IN {TransferIssue.values()}", name="issue"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sepay_id: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    gateway: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    transaction_date: Mapped[str] = mapped_column(String(40), nullable=False, default="")  # the bank's local time
    account_number: Mapped[str] = mapped_column(String(40), nullable=False, default="")
    code: Mapped[str | None] = mapped_column(String(80))
    content: Mapped[str] = mapped_column(Text, nullable=False, default="")
    amount: Mapped[int] = mapped_column(nullable=False)  # integer VND received
    reference_code: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, index=True)
    issue: Mapped[str | None] = mapped_column(String(16))
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    resolved_at: Mapped[datetime | None]
    resolution_note: Mapped[str] = mapped_column(String(500), nullable=False, default="")

    order = db.relationship("Order")
    resolved_by = db.relationship("User")

    state = member_of(BankTransferStatus)
    is_to_reconcile = is_status(BankTransferStatus.TO_RECONCILE)

    @property
    def problem(self):
        """Why the transfer waits for the office (a TransferIssue), or None when it paid its order."""
        return TransferIssue(self.issue) if self.issue else None
