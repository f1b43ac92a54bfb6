"""Stripe webhooks: verify the signature, dispatch through one table, record the event once.

Each event is handled in one transaction that also writes its PaymentEvent row, so an
event is either fully applied and recorded or not at all. A redelivery (the same event
id) finds the row and does nothing; two deliveries racing each other serialise on the
order's row lock, and the loser's PaymentEvent insert fails on the unique id and is
rolled back.
"""
import stripe
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.errors import InvalidInput
from shop.extensions import db
from shop.i18n import N_
from shop.models import Order, PaymentEvent
from shop.services.orders.placing import lock_order
from shop.services.orders.refunds import record_charge_refunds
from shop.services.payments.stripe_checkout import Outcome, apply_session_completed, apply_session_failed
from shop.services.transaction import transaction


def handle_stripe_webhook(payload, signature):
    """Verify and apply one webhook delivery; return a word saying what happened (for the log).

    Raises InvalidInput (answered with 400, nothing changed) when the signature is missing
    or wrong. Any other failure rolls back and propagates, so Stripe delivers again later. Commits.
    """
    event = verify_event(payload, signature)
    event_id, event_type = event["id"], event["type"]
    if db.session.scalar(select(PaymentEvent.id).where(PaymentEvent.stripe_event_id == event_id)):
        current_app.logger.info("stripe event %s (%s) already processed", event_id, event_type)
        return "duplicate"
    handler = HANDLERS.get(event_type)
    try:
        with transaction():
            if handler is None:
                current_app.logger.info("stripe event %s: type %s is not handled", event_id, event_type)
                outcome = Outcome()
            else:
                outcome = handler(event["data"]["object"])
            db.session.add(PaymentEvent(stripe_event_id=event_id, type=event_type,
                                        order_id=outcome.order.id if outcome.order is not None else None))
            outcome.send_mails()
    except IntegrityError:  # rolled back by transaction()
        current_app.logger.info("stripe event %s (%s) processed by a concurrent delivery", event_id, event_type)
        return "duplicate"
    return "handled" if handler else "ignored"


def verify_event(payload, signature):
    """Return the event if `signature` (the Stripe-Signature header) proves Stripe sent `payload`."""
    secret = current_app.config.get("STRIPE_WEBHOOK_SECRET")
    if not secret:
        current_app.logger.error("a Stripe webhook arrived but STRIPE_WEBHOOK_SECRET is not set")
        raise InvalidInput(_("Webhook signature cannot be checked."))
    if not signature:
        raise InvalidInput(_("Missing Stripe-Signature header."))
    try:
        return stripe.Webhook.construct_event(payload, signature, secret)
    except (ValueError, stripe.SignatureVerificationError) as error:
        current_app.logger.warning("rejected a Stripe webhook: %s", error)
        raise InvalidInput(_("Invalid webhook signature.")) from error


def on_session_completed(session):
    return apply_session_completed(session)


def on_async_payment_succeeded(session):
    return apply_session_completed(session)


def on_async_payment_failed(session):
    return apply_session_failed(session, N_("payment failed"))


def on_session_expired(session):
    return apply_session_failed(session, N_("checkout session expired"))


def on_charge_refunded(charge):
    payment_intent = charge["payment_intent"] if "payment_intent" in charge else None
    order_id = db.session.scalar(select(Order.id).where(Order.stripe_payment_intent_id == payment_intent)) \
        if payment_intent else None
    if order_id is None:
        current_app.logger.warning("charge %s (payment %s) belongs to no order", charge["id"], payment_intent)
        return Outcome()
    order = lock_order(order_id)
    record_charge_refunds(order, charge)
    return Outcome(order)


HANDLERS = {
    "checkout.session.completed": on_session_completed,
    "checkout.session.async_payment_succeeded": on_async_payment_succeeded,
    "checkout.session.async_payment_failed": on_async_payment_failed,
    "checkout.session.expired": on_session_expired,
    "charge.refunded": on_charge_refunded,
}
