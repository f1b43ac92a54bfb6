"""Card payments through Stripe Checkout, behind the provider interface (shop.services.payments.providers).

The Checkout Session and webhook rules live in stripe_checkout and stripe_webhooks; this module
only answers the interface's questions with them.
"""
import stripe
from flask import current_app
from flask_babel import gettext as _

from shop.errors import PaymentError
from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.payments import stripe_checkout
from shop.services.payments.providers import MONEY_HELD, PaymentProvider, Start


class StripeCard(PaymentProvider):
    """Stripe Checkout: offered when STRIPE_SECRET_KEY is set."""

    method = PaymentMethod.CARD

    def is_configured(self, config):
        return bool(config.get("STRIPE_SECRET_KEY"))

    def start(self, order, context):
        return Start(redirect_url=stripe_checkout.start_checkout(order, *_stripe_urls(context)))

    def resume(self, order, context):
        url = stripe_checkout.resume_checkout(order, *_stripe_urls(context))
        return Start(redirect_url=url)

    def handle_notification(self, payload, signature):
        from shop.services.payments.stripe_webhooks import handle_stripe_webhook
        return handle_stripe_webhook(payload, signature)

    def close(self, order):
        if not order.stripe_session_id or not self.is_configured(current_app.config):
            return "expired"
        return stripe_checkout.close_checkout_session(order)

    def holds_money(self, order):
        late_payment = order.status == OrderStatus.CANCELLED and bool(order.stripe_payment_intent_id)
        return (order.status in MONEY_HELD or late_payment) and bool(order.stripe_payment_intent_id)

    def refund(self, order, amount, reason):
        return refund_at_stripe(order, amount)


def refund_at_stripe(order, amount):
    """Refund `amount` VND of the order's payment intent at Stripe; return Stripe's refund id.

    The idempotency key is built from the order and its refunded total before this refund, so a
    click retried after a lost answer refunds once.
    """
    params = {"payment_intent": order.stripe_payment_intent_id, "amount": amount,
              "metadata": {"order_id": str(order.id), "order_number": order.number}}
    key = f"order-{order.id}-{order.number}-refund-after-{order.refunded_amount}-{amount}"
    try:
        refund = stripe_checkout.stripe_client().v1.refunds.create(params, {"idempotency_key": key})
    except stripe.StripeError as error:
        current_app.logger.warning("order %s: Stripe refused the refund: %s", order.number, error)
        raise PaymentError(_("Stripe refused the refund: %(reason)s",
                             reason=getattr(error, "user_message", None) or str(error))) from error
    if refund["status"] in ("failed", "canceled"):
        raise PaymentError(_("Stripe could not refund this payment (status: %(status)s).", status=refund["status"]))
    return refund["id"]


def _stripe_urls(context):
    """Return the success and cancel addresses Stripe sends the customer back to."""
    return context.order_url + "&session_id={CHECKOUT_SESSION_ID}", context.cancel_url


PROVIDER = StripeCard()
