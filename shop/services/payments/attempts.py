"""What a payment gateway's word does to one payment attempt and its order (VNPay, MoMo).

The IPN, the reconcile command's query and the expiry's last look all end in `apply_result`, inside
the transaction of `receive_notification` (the notification stored once): the order is locked first,
then the attempt, so two words about one order wait for each other. A result word tells the caller
what happened: "paid", "already_paid" (the order was paid already: nothing changes), "paid_twice"
(a second attempt of a paid order took money: the office is told), "paid_after_cancel" (money for a
cancelled order: recorded, the office is told, the stock is never sold twice), "failed", "pending",
"wrong_amount", "already_confirmed" (the attempt was settled before) or "unknown_attempt".
"""
import secrets

from flask import current_app
from sqlalchemy import select

from shop.extensions import db
from shop.models import OrderEvent, PaymentAttempt
from shop.models.statuses import AttemptStatus, OrderStatus
from shop.services.audit import record_audit
from shop.services.orders.placing import lock_order
from shop.services.payments.notifications import (
    attempt_by_reference,
    new_attempt,
    record_payment,
    settle_attempt,
)
from shop.services.payments.providers import Outcome
from shop.services.transaction import transaction

# Words of a notification applied before (a redelivery of it is "already confirmed").
SETTLED_WORDS = ("paid", "already_paid", "paid_twice", "paid_after_cancel", "failed", "already_confirmed")


def start_attempt(order, method, letter):
    """Write a new pending attempt of `order` with a reference of letters and digits; return it. Commits."""
    with transaction():
        locked = lock_order(order.id)
        if locked.status != OrderStatus.PENDING_PAYMENT:
            return None
        reference = f"{locked.number}{letter}{secrets.token_hex(3).upper()}"
        return new_attempt(locked, method, reference)


def fail_attempt(attempt, note):
    """Mark an attempt the gateway refused as failed. Commits."""
    with transaction():
        locked = attempt_by_reference(attempt.reference, lock=True)
        settle_attempt(locked, AttemptStatus.FAILED, None, note)


def apply_result(reference, succeeded, amount, transaction_id, note):
    """Apply a gateway's word on the attempt `reference`; the caller's transaction commits.

    `succeeded`: True (the money is in), False (refused or abandoned) or None (still waiting).
    `amount` is what the gateway says was paid, in VND. Returns an Outcome whose result is a word.
    """
    attempt = attempt_by_reference(reference)
    if attempt is None:
        return Outcome(result="unknown_attempt")
    order = lock_order(attempt.order_id)
    attempt = attempt_by_reference(reference, lock=True)
    if amount is not None and int(amount) != attempt.amount:
        current_app.logger.error("payment %s: %s paid %s VND for %s VND", reference, note, amount, attempt.amount)
        record_audit(None, "order.payment_mismatch", order, {"amount": attempt.amount}, {"amount": int(amount)},
                     f"{note}: {amount} VND paid for {attempt.amount} VND")
        return Outcome(order, attempt=attempt, result="wrong_amount")
    if succeeded is None:
        return Outcome(order, attempt=attempt, result="pending")
    if attempt.is_succeeded or (not succeeded and not attempt.is_pending):
        return Outcome(order, attempt=attempt, result="already_confirmed")
    if not succeeded:
        settle_attempt(attempt, AttemptStatus.FAILED, transaction_id, note)
        return Outcome(order, attempt=attempt, result="failed")
    settle_attempt(attempt, AttemptStatus.SUCCEEDED, transaction_id, note)
    if order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED):
        return _paid_twice(order, attempt, note)
    return record_payment(order, f"{note} ({reference})", attempt)


def _paid_twice(order, attempt, note):
    """Money from a second attempt of an order already paid: never counted twice; the office refunds it."""
    text = f"paid again ({note}, {attempt.reference}): refund this second payment"
    current_app.logger.error("order %s: %s", order.number, text)
    db.session.add(OrderEvent(order=order, from_status=order.status, to_status=order.status, note=text[:500]))
    record_audit(None, "order.paid_twice", order, None, {"reference": attempt.reference}, text)
    return Outcome(order, attempt=attempt, result="paid_twice")


def pending_attempts_of(order):
    """Return the order's attempts still waiting for their gateway, oldest first."""
    return db.session.scalars(select(PaymentAttempt).where(
        PaymentAttempt.order_id == order.id, PaymentAttempt.status == AttemptStatus.PENDING,
    ).order_by(PaymentAttempt.id)).all()


def paid_attempt(order):
    """Return the attempt that took the order's money (the first that succeeded), or None."""
    return db.session.scalar(select(PaymentAttempt).where(
        PaymentAttempt.order_id == order.id, PaymentAttempt.status == AttemptStatus.SUCCEEDED,
    ).order_by(PaymentAttempt.id))


def expire_attempts(order, note):
    """Mark the order's pending attempts expired (its reservation is over). Commits."""
    with transaction():
        for attempt in pending_attempts_of(order):
            settle_attempt(attempt, AttemptStatus.EXPIRED, None, note)
