"""Card payments through Stripe Checkout.

The shop never holds a database lock while it talks to Stripe: Stripe (or its emulator in
tests) may deliver a webhook while the call is in flight, and that webhook must be able
to lock the order. Every change after a Stripe answer re-reads and locks the order first.
"""
from datetime import UTC, datetime, timedelta

import stripe
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from shop.errors import InvalidTransition, PaymentError
from shop.extensions import db
from shop.i18n import N_
from shop.models import Order, OrderEvent, utcnow
from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.audit import record_audit
from shop.services.orders.placing import lock_order, mark_paid_locked, release_locked_order, release_order
from shop.services.payments.providers import Outcome
from shop.services.transaction import transaction

# Stripe refuses a Checkout Session that expires less than 30 minutes after it is created,
# or more than 24 hours after. The reservation starts when the order is written, a moment
# before the session is created, so the session gets at least 30 minutes plus this margin
# (for the request's travel time), and the order's reservation is then moved to match it:
# the reservation and the session always end together.
SESSION_MIN_LIFETIME = timedelta(minutes=30)
# Stripe's page speaks each of the storefront's languages (its codes are the shop's).
STRIPE_LOCALES = ("vi", "en", "zh", "ko")
SESSION_MAX_LIFETIME = timedelta(hours=24)
SESSION_MARGIN = timedelta(minutes=1)


def stripe_client():
    """Return a Stripe client configured from STRIPE_SECRET_KEY and STRIPE_API_BASE."""
    config = current_app.config
    if not config.get("STRIPE_SECRET_KEY"):
        raise PaymentError(_("Card payment is not available at the moment: please choose cash on delivery."))
    return stripe.StripeClient(
        config["STRIPE_SECRET_KEY"],
        base_addresses={"api": config["STRIPE_API_BASE"]},
        http_client=stripe.RequestsClient(timeout=(config["STRIPE_CONNECT_TIMEOUT"], config["STRIPE_READ_TIMEOUT"])),
        max_network_retries=1,
    )


def session_expiry(order, now=None):
    """Return when the order's Checkout Session should expire: its reservation end, within Stripe's limits."""
    now = now or utcnow()
    earliest = now + SESSION_MIN_LIFETIME + SESSION_MARGIN
    latest = now + SESSION_MAX_LIFETIME - SESSION_MARGIN
    return min(max(order.reservation_expires_at or earliest, earliest), latest)


def checkout_session_params(order, success_url, cancel_url, expires_at):
    """Return the parameters of the Checkout Session for `order` (amounts are integer VND, as stored)."""
    line_items = [
        {
            "price_data": {"currency": "vnd", "unit_amount": line.unit_price,
                           "product_data": {"name": line.name_for_buyer}},
            "quantity": line.quantity,
        }
        for line in order.lines
    ]
    if order.shipping_fee:
        line_items.append({
            "price_data": {"currency": "vnd", "unit_amount": order.shipping_fee,
                           "product_data": {"name": str(_l("Delivery fee"))}},
            "quantity": 1,
        })
    return {
        "mode": "payment",
        "currency": "vnd",
        "line_items": line_items,
        "client_reference_id": order.number,
        "metadata": {"order_id": str(order.id), "order_number": order.number},
        "customer_email": order.email,
        "locale": order.locale if order.locale in STRIPE_LOCALES else "vi",
        "expires_at": int(expires_at.replace(tzinfo=UTC).timestamp()),
        "success_url": success_url,
        "cancel_url": cancel_url,
    }


def start_checkout(order, success_url, cancel_url):
    """Create the order's Checkout Session and return the address to send the customer to.

    The idempotency key is the order's (its id and its number, so that a development
    database started afresh cannot reuse a key Stripe still remembers): a retried request
    gets the same session back. Commits.
    """
    if order.payment_method != PaymentMethod.CARD or order.status != OrderStatus.PENDING_PAYMENT:
        raise InvalidTransition(_("This order is not waiting for a card payment."))
    expires_at = session_expiry(order)
    params = checkout_session_params(order, success_url, cancel_url, expires_at)
    try:
        session = stripe_client().v1.checkout.sessions.create(
            params, {"idempotency_key": f"order-{order.id}-{order.number}-session"}
        )
    except stripe.StripeError as error:
        current_app.logger.warning("order %s: Stripe refused the checkout session: %s", order.number, error)
        raise PaymentError(_("The card payment could not be started. Your goods stay reserved for a while: "
                             "try again from your order page, or cancel the order and pay cash on delivery.")) \
            from error
    with transaction():
        locked = lock_order(order.id)
        if locked.status != OrderStatus.PENDING_PAYMENT:  # cancelled while Stripe answered: never send it to pay
            raise InvalidTransition(_("This order is not waiting for a payment any more."))
        locked.stripe_session_id = session["id"]
        locked.reservation_expires_at = _from_timestamp(session["expires_at"]) or expires_at
    return session["url"]


def resume_checkout(order, success_url, cancel_url):
    """Return where an unpaid card order can be paid: its open session, or a new one.

    Returns None when the session turns out to be paid already (the order is confirmed).
    Raises PaymentError when the time to pay has run out (the order is then cancelled).
    """
    if order.status != OrderStatus.PENDING_PAYMENT:
        raise InvalidTransition(_("This order is not waiting for a payment any more."))
    if not order.stripe_session_id:
        return start_checkout(order, success_url, cancel_url)
    session = retrieve_session(order.stripe_session_id)
    if session["status"] == "open":
        return session["url"]
    if session["status"] == "complete":
        confirm_checkout_session(session)
        return None
    release_order(order, N_("checkout session expired"))
    raise PaymentError(_("The time to pay for this order has run out, so it was cancelled. "
                         "Please order again."))


def retrieve_session(session_id):
    """Fetch a Checkout Session from Stripe."""
    try:
        return stripe_client().v1.checkout.sessions.retrieve(session_id)
    except stripe.StripeError as error:
        current_app.logger.warning("could not retrieve checkout session %s: %s", session_id, error)
        raise PaymentError(_("Stripe cannot be reached right now. Please try again in a moment.")) from error


def close_checkout_session(order):
    """Make sure the order's session can no longer be paid; return "expired", "paid" or "processing".

    Expiring an open session at Stripe comes first, so that no payment can arrive once the
    stock is released. If Stripe says the session is already complete, the payment is
    confirmed instead ("paid", or "processing" for a payment method that settles later).
    """
    client = stripe_client()
    try:
        client.v1.checkout.sessions.expire(order.stripe_session_id)
        return "expired"
    except stripe.InvalidRequestError:
        pass  # not open any more: find out what it became
    except stripe.StripeError as error:
        current_app.logger.warning("order %s: could not expire its session: %s", order.number, error)
        raise PaymentError(_("Stripe cannot be reached right now. Please try again in a moment.")) from error
    session = retrieve_session(order.stripe_session_id)
    if session["status"] == "expired":
        return "expired"
    if session["status"] == "complete":
        confirmed = confirm_checkout_session(session)
        return "paid" if confirmed is not None and confirmed.paid_at else "processing"
    raise PaymentError(_("Stripe cannot be reached right now. Please try again in a moment."))


def confirm_checkout_session(session_or_id):
    """Record what a completed Checkout Session means for its order; safe to call any number of times.

    The webhook and the success page both end here. Returns the order (or None for a
    session that is not one of the shop's). Commits.
    """
    session = retrieve_session(session_or_id) if isinstance(session_or_id, str) else session_or_id
    with transaction():
        outcome = apply_session_completed(session)
        outcome.send_mails()
    return outcome.order


def find_order_for_session(session):
    """Return the order a Checkout Session belongs to (by metadata.order_id, then by session id), or None."""
    metadata = _field(session, "metadata")
    order_id = _field(metadata, "order_id") if metadata is not None else None
    order = None
    if order_id and str(order_id).isdigit():
        order = db.session.get(Order, int(order_id))
    if order is None or (order.stripe_session_id and order.stripe_session_id != session["id"]):
        order = db.session.scalar(select(Order).where(Order.stripe_session_id == session["id"]))
    return order


def apply_session_completed(session):
    """Mark the session's order paid when Stripe says the money is in; the caller commits."""
    order = find_order_for_session(session)
    if order is None:
        current_app.logger.warning("checkout session %s belongs to no order", session["id"])
        return Outcome()
    order = lock_order(order.id)
    if _field(session, "status") != "complete":
        # Only Stripe's word that the customer finished counts (someone may open the success
        # address of a session still open, or one that expired).
        return Outcome(order)
    payment_intent = _field(session, "payment_intent")
    if _field(session, "payment_status") != "paid":
        # Paid by a method that settles later: wait for async_payment_succeeded/failed, and
        # keep the expiry command away (Stripe no longer expires a completed session).
        if order.status == OrderStatus.PENDING_PAYMENT:
            order.stripe_payment_intent_id = payment_intent or order.stripe_payment_intent_id
            order.reservation_expires_at = None
        return Outcome(order)
    return _apply_paid(order, session, payment_intent)


def apply_session_failed(session, reason):
    """Cancel the session's order and return its stock (payment failed or time ran out); the caller commits."""
    order = find_order_for_session(session)
    if order is None:
        current_app.logger.warning("checkout session %s belongs to no order", session["id"])
        return Outcome()
    order = lock_order(order.id)
    if not release_locked_order(order, reason):
        current_app.logger.info("order %s is %s: %s ignored", order.number, order.status, reason)
    return Outcome(order)


def _apply_paid(order, session, payment_intent):
    if order.status == OrderStatus.CANCELLED:
        _record_late_payment(order, session, payment_intent)
        return Outcome(order)
    amount = _field(session, "amount_total")
    currency = str(_field(session, "currency") or "vnd").lower()
    if currency != "vnd" or (amount is not None and int(amount) != order.total):
        # The same number in another currency is not the order's price (10,000 USD is not 10,000 đồng).
        current_app.logger.error("order %s: session %s paid %s %s, order total %s VND",
                                 order.number, session["id"], amount, currency.upper(), order.total)
        record_audit(None, "order.payment_mismatch", order, None,
                     {"amount_total": int(amount) if amount is not None else None, "currency": currency},
                     f"Stripe session {session['id']} paid {amount} {currency.upper()} for a total of "
                     f"{order.total} VND")
        return Outcome(order)
    newly_paid = mark_paid_locked(order, payment_intent, f"Stripe session {session['id']}")
    return Outcome(order, newly_paid)


def _record_late_payment(order, session, payment_intent):
    """Money arrived for an order already cancelled (its stock is back on sale): never revive it.

    The payment intent is kept on the order so the office can refund it from the back
    office; the order's history and the audit log say what happened.
    """
    current_app.logger.error("order %s was cancelled but session %s was paid: refund it",
                             order.number, session["id"])
    if order.stripe_payment_intent_id == payment_intent and payment_intent:
        return  # already recorded
    order.stripe_payment_intent_id = payment_intent
    note = f"paid after cancellation (Stripe session {session['id']}): refund the customer"
    db.session.add(OrderEvent(order=order, from_status=order.status, to_status=order.status, note=note))
    record_audit(None, "order.paid_after_cancel", order, None, {"payment_intent": payment_intent}, note)


def _from_timestamp(value):
    if not value:
        return None
    return datetime.fromtimestamp(int(value), UTC).replace(tzinfo=None)


def _field(obj, name):
    """Read an optional field of a Stripe object (they are not dicts: no .get())."""
    if obj is None:
        return None
    try:
        return obj[name] if name in obj else None
    except (KeyError, TypeError):
        return None
