"""One interface for every way to pay: a registry of providers keyed by the PaymentMethod values.

The checkout, the order page, the webhooks, the expiry and reconciliation commands and the back
office's refunds ask `provider_for(order.payment_method)` and never name a provider themselves.
Methods: `cod` (shop.services.payments.cash), `card` (Stripe, .card), `bank_transfer` (VietQR),
`vnpay`, `momo`; each is offered at checkout only while `is_configured(config)` says its settings are
present (its name and one-line explanation come from PaymentMethod in shop.models.statuses).

How a provider plugs in
-----------------------
1. One module here named by the provider (``vnpay.py``) holds a subclass of ``PaymentProvider``
   whose ``method`` is its PaymentMethod member, and ends with ``PROVIDER = VNPayProvider()``.
2. Add the module to ``PROVIDER_MODULES`` below. Modules are imported the first time a provider is
   asked for, so a provider module may import anything of the shop (orders, stock, mail).
3. Implement what the method needs (the defaults suit a method that takes no money online):
   - ``is_configured(config)``: whether its settings are present in the app's config.
   - ``start(order, context)``: begin paying a freshly placed order (status pending_payment, stock
     reserved until ``order.reservation_expires_at``). Return ``Start(redirect_url=…)`` to send the
     customer to the provider (the view answers 303), or ``Start(message=…)`` to land on the order
     page with that message. Raise PaymentError with a clear message when the provider refuses:
     the order then stays reserved and the customer may pay again or cancel from the order page.
   - ``resume(order, context)``: the order page's "Pay now" (default: ``start`` again).
   - ``handle_notification(...)``, only for a provider that notifies (cash has none, so the base class
     has no such method): what the provider's own webhook or IPN view (shop/webhooks) calls with
     the request's parts. Verify the signature first (InvalidInput: nothing changed), then call
     ``shop.services.payments.notifications.receive_notification``, which stores the notification once
     by (method, the provider's own id) and runs your ``apply()`` in the same transaction; inside it,
     lock the order (``lock_order``), then ``settle_attempt`` and ``record_payment`` (paid exactly once;
     money for an order already cancelled is recorded for the office, never sold twice).
   - ``query(attempt)``: ask the provider what became of a pending attempt and return an AttemptStatus
     (``flask --app shop reconcile-payments`` settles the answer through the same helpers).
   - ``close(order)``: before an unpaid order is cancelled (reservation over, or cancelled by hand), make
     sure it can no longer be paid; return "expired", "paid" or "processing" (default "expired"). Raise
     PaymentError when the provider cannot be reached: the expiry command tries again on its next run.
   - ``holds_money(order)``: whether the shop holds this order's money (default: paid, shipped or
     completed); ``refund(order, amount, reason)``: give `amount` VND back and return the provider's
     refund id, or None when the office gives the money back by hand (cash, bank transfer).
4. Attempts: ``notifications.new_attempt(order, method, reference)`` writes a PaymentAttempt whose
   reference is unique per try (vnp_TxnRef, MoMo's orderId); ``attempt_by_reference`` finds it again.
   All status moves (order, attempt) go through shop.services.moves.move.
"""
from dataclasses import dataclass
from importlib import import_module

from flask import current_app

from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.orders.mail import send_order_mails

PROVIDER_MODULES = {
    PaymentMethod.CARD: "shop.services.payments.card",
    PaymentMethod.COD: "shop.services.payments.cash",
    PaymentMethod.BANK_TRANSFER: "shop.services.payments.bank_transfer",
    PaymentMethod.VNPAY: "shop.services.payments.vnpay_provider",
    PaymentMethod.MOMO: "shop.services.payments.momo_provider",
}

# Statuses in which the customer's money is with the shop (for a method paid before delivery).
MONEY_HELD = (OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.COMPLETED)


@dataclass(frozen=True)
class CheckoutContext:
    """What a provider needs of the request to start a payment, as plain values made by the view.

    `return_url` is the absolute address of the endpoint ``checkout.<method>_return`` and `notify_url`
    that of ``webhooks.<method>`` (``checkout.vnpay_return``, ``webhooks.vnpay``) once those views exist.
    """

    order_url: str  # absolute address of the order page (signed, so a guest can open it)
    cancel_url: str  # where a customer who gives up at the provider comes back to
    return_url: str  # the provider's return page (/checkout/<method>/return), or the order page
    notify_url: str | None = None  # the provider's webhook or IPN (/webhooks/<method>), when there is one
    client_ip: str = "127.0.0.1"
    locale: str = "vi"


@dataclass(frozen=True)
class Start:
    """What the checkout does next: send the customer to `redirect_url`, or show the order page with `message`."""

    redirect_url: str | None = None
    message: str | None = None


class Outcome:
    """What handling a payment message did: the order touched and whether it has just been paid."""

    def __init__(self, order=None, newly_paid=False, attempt=None, result=""):
        self.order = order
        self.newly_paid = newly_paid
        self.attempt = attempt
        self.result = result  # a word for the stored notification and the log ("paid", "duplicate"…)

    def send_mails(self):
        """Write the newly paid order's e-mails to the outbox, in the transaction that paid it (so once)."""
        if self.newly_paid:
            send_order_mails(self.order)


class PaymentProvider:
    """The interface every way to pay implements; see the module docstring for how to plug one in."""

    method: PaymentMethod

    def is_configured(self, config):
        """Whether the provider's settings are present (the checkout offers only configured methods)."""
        return False

    def start(self, order, context):
        """Begin paying a freshly placed order; return a Start."""
        return Start()

    def resume(self, order, context):
        """Return where an unpaid order can be paid now (the order page's "Pay now")."""
        return self.start(order, context)

    def query(self, attempt):
        """Ask the provider what became of `attempt`; return an AttemptStatus (default: as recorded)."""
        return attempt.state

    def close(self, order):
        """Make sure an unpaid order can no longer be paid; return "expired", "paid" or "processing"."""
        return "expired"

    def holds_money(self, order):
        """Whether the shop holds the order's money (it can be refunded)."""
        return order.status in MONEY_HELD

    def refund(self, order, amount, reason):
        """Give `amount` VND of the order back; return the provider's refund id, or None if done by hand."""
        return None


def provider_for(method):
    """Return the provider of a payment method (a PaymentMethod member or its value)."""
    module = PROVIDER_MODULES.get(PaymentMethod(method))
    if module is None:
        raise LookupError(f"no payment provider for {method}")
    return import_module(module).PROVIDER


def is_offered(method, config=None):
    """Whether the checkout offers `method` now (it has a provider and that provider's settings are present)."""
    config = current_app.config if config is None else config
    try:
        return provider_for(method).is_configured(config)
    except (LookupError, ValueError):
        return False


def offered_methods(config=None):
    """Return the payment methods the checkout offers, in the enum's order."""
    return [method for method in PaymentMethod if is_offered(method, config)]
