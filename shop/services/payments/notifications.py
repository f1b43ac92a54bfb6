"""Provider notifications stored once, payment attempts, and what a payment does to its order.

`receive_notification` is the exactly-once door of every provider but Stripe (which keeps its
payment_event table): the notification row is inserted and flushed first, so a second delivery of
the same (provider, id) waits on the unique index until the first commits and then fails and is
rolled back; the change the notification makes is applied in the same transaction. Two different
notifications of one order serialise on the order's row lock (`lock_order`).
"""
import json

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.models import OrderEvent, PaymentAttempt, PaymentNotification
from shop.models.statuses import AttemptStatus, OrderStatus
from shop.services.audit import record_audit
from shop.services.moves import can_move, move
from shop.services.orders.placing import mark_paid_locked
from shop.services.payments.providers import Outcome
from shop.services.transaction import transaction


class Received:
    """A notification as stored, what applying it did, and whether it had been stored before."""

    def __init__(self, notification, outcome=None, duplicate=False):
        self.notification = notification
        self.outcome = outcome or Outcome(result="duplicate")
        self.duplicate = duplicate


def stored_notification(method, provider_ref):
    """Return the stored notification of `method` with the provider's id `provider_ref`, or None."""
    return db.session.scalar(select(PaymentNotification).where(
        PaymentNotification.provider == method, PaymentNotification.provider_ref == str(provider_ref)))


def receive_notification(method, provider_ref, kind, payload, apply):
    """Store a provider's notification once and apply it in the same transaction; return a Received.

    `apply()` runs inside the transaction after the row is written and returns an Outcome; its
    `result` word is stored with the notification. A notification already stored (a redelivery, or a
    concurrent delivery that committed first) changes nothing: duplicate=True. Commits.
    """
    provider_ref = str(provider_ref)[:255]
    existing = stored_notification(method, provider_ref)
    if existing is not None:
        current_app.logger.info("%s notification %s already stored", method, provider_ref)
        return Received(existing, duplicate=True)
    try:
        with transaction():
            row = PaymentNotification(provider=method, provider_ref=provider_ref, kind=str(kind)[:40],
                                      payload=payload if isinstance(payload, str) else json.dumps(payload))
            db.session.add(row)
            db.session.flush()
            outcome = apply() or Outcome()
            row.outcome = (outcome.result or "")[:40]
            row.order_id = outcome.order.id if outcome.order is not None else None
            row.attempt_id = outcome.attempt.id if outcome.attempt is not None else None
            outcome.send_mails()
    except IntegrityError:  # rolled back by transaction()
        existing = stored_notification(method, provider_ref)
        if existing is None:
            raise
        current_app.logger.info("%s notification %s stored by a concurrent delivery", method, provider_ref)
        return Received(existing, duplicate=True)
    return Received(row, outcome)


def new_attempt(order, method, reference, amount=None):
    """Add a pending PaymentAttempt of `order` known to the provider as `reference`; does not commit."""
    attempt = PaymentAttempt(order=order, provider=method, reference=reference,
                             amount=order.total if amount is None else amount, status=AttemptStatus.PENDING)
    db.session.add(attempt)
    db.session.flush()
    return attempt


def attempt_by_reference(reference, lock=False):
    """Return the attempt with this reference (locked FOR UPDATE when asked), or None."""
    statement = select(PaymentAttempt).where(PaymentAttempt.reference == str(reference))
    if lock:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return db.session.scalar(statement)


def pending_attempts(method=None):
    """Return the attempts still waiting for their provider's word, oldest first (for reconcile-payments)."""
    statement = select(PaymentAttempt).where(PaymentAttempt.status == AttemptStatus.PENDING)
    if method is not None:
        statement = statement.where(PaymentAttempt.provider == method)
    return db.session.scalars(statement.order_by(PaymentAttempt.id)).all()


def settle_attempt(attempt, status, transaction_id=None, note=""):
    """Move `attempt` to `status` if it may go there (True), else leave it (False); does not commit."""
    if transaction_id:
        attempt.provider_transaction_id = str(transaction_id)[:255]
    if attempt.status == status or not can_move(attempt, status):
        return False
    move(attempt, status, None, note)
    return True


def record_payment(order, note, attempt=None):
    """Record that the provider took the order's money; the caller holds the order's lock and commits.

    A pending order becomes paid (Outcome.newly_paid, e-mails after the commit). Money for an order
    already cancelled (its stock back on sale) never revives it: the history and the audit log tell
    the office to refund it. An order already paid changes nothing. Does not commit.
    """
    if order.status == OrderStatus.CANCELLED:
        text = f"paid after cancellation ({note}): refund the customer"
        current_app.logger.error("order %s: %s", order.number, text)
        db.session.add(OrderEvent(order=order, from_status=order.status, to_status=order.status, note=text[:500]))
        record_audit(None, "order.paid_after_cancel", order, None,
                     {"reference": getattr(attempt, "reference", None)}, text)
        return Outcome(order, attempt=attempt, result="paid_after_cancel")
    newly_paid = mark_paid_locked(order, None, note)
    return Outcome(order, newly_paid, attempt, "paid" if newly_paid else "already_paid")
