"""MoMo behind the provider interface: create → payUrl, the IPN, query for reconciling, refunds.

Each try at paying is an attempt whose reference is the MoMo `orderId` (letters, digits and a dash,
unique per try); MoMo's `transId` of the payment is kept as the attempt's transaction id, since a
refund names it. Only the IPN (`POST /webhooks/momo`) or MoMo's answer to a query pays an order; the
customer's return to `/checkout/momo/return` only shows it.
"""
from flask import current_app
from flask_babel import gettext as _

from shop.errors import InvalidInput, InvalidTransition, PaymentError
from shop.models.statuses import AttemptStatus, OrderStatus, PaymentMethod
from shop.services.localtime import utc_now
from shop.services.payments import attempts, momo
from shop.services.payments.notifications import attempt_by_reference, receive_notification
from shop.services.payments.providers import MONEY_HELD, PaymentProvider, Start
from shop.services.payments.vnpay_provider import close_attempts


def settings():
    found = momo.MomoSettings.from_config()
    if found is None:
        raise PaymentError(_("MoMo is not available at the moment: please choose another way to pay."))
    return found


def verified(body):
    """Return the IPN or redirect fields if MoMo signed them for this merchant; InvalidInput otherwise."""
    config = momo.MomoSettings.from_config()
    if config is None or not isinstance(body, dict) or not momo.notification_is_valid(config, body):
        raise InvalidInput(_("This MoMo notification could not be verified."))
    return body


def result_of(code):
    """What a MoMo resultCode means for a payment: True paid, None still waiting, False failed."""
    code = int(code)
    if code == momo.SUCCESS:
        return True
    return None if code in momo.WAITING else False


class MomoWallet(PaymentProvider):
    """MoMo's e-wallet (AIO v2 captureWallet): offered when the three MOMO_* keys are set."""

    method = PaymentMethod.MOMO

    def is_configured(self, config):
        return momo.MomoSettings.from_config(config) is not None

    def start(self, order, context):
        """Create a MoMo payment for a new attempt and return its payUrl; PaymentError if MoMo refuses."""
        if order.payment_method != PaymentMethod.MOMO or order.status != OrderStatus.PENDING_PAYMENT:
            raise InvalidTransition(_("This order is not waiting for a payment any more."))
        config = settings()
        attempt = attempts.start_attempt(order, PaymentMethod.MOMO, "-M")
        if attempt is None:
            raise InvalidTransition(_("This order is not waiting for a payment any more."))
        created = momo.create_payment(config, {
            "order_id": attempt.reference, "amount": attempt.amount,
            "order_info": _("Payment for order %(number)s", number=order.number),
            "redirect_url": context.return_url, "ipn_url": context.notify_url or context.return_url,
            "lang": "vi" if context.locale == "vi" else "en",  # MoMo speaks vi and en: English for the others
        })
        if created["resultCode"] != momo.SUCCESS or not created.get("payUrl"):
            current_app.logger.warning("order %s: MoMo refused the payment: %s", order.number, created)
            attempts.fail_attempt(attempt, f"MoMo {created['resultCode']}")
            raise PaymentError(_("MoMo could not start the payment (%(message)s). Your goods stay reserved for a "
                                 "while: try again from your order page, or cancel the order.",
                                 message=created.get("message") or created["resultCode"]))
        return Start(redirect_url=created["payUrl"])

    def handle_notification(self, body):
        """Verify and apply one IPN (its JSON body); InvalidInput (answered 400) when unsigned. Commits."""
        body = verified(body)
        reference = str(body.get("orderId"))
        try:
            paid, amount = result_of(body["resultCode"]), int(body["amount"])
        except (KeyError, TypeError, ValueError):
            raise InvalidInput(_("This MoMo notification could not be verified.")) from None
        received = receive_notification(
            PaymentMethod.MOMO, f"{reference}:{body.get('transId')}:{body['resultCode']}", "ipn", body,
            lambda: attempts.apply_result(reference, paid, amount, body.get("transId"),
                                          f"MoMo {body['resultCode']}"),
        )
        return received.notification.outcome

    def returned_order(self, fields):
        """Return (order, paid) for a customer coming back from MoMo; InvalidInput if the address is forged."""
        fields = verified(fields)
        attempt = attempt_by_reference(str(fields.get("orderId")))
        if attempt is None:
            raise InvalidInput(_("This MoMo notification could not be verified."))
        return attempt.order, str(fields.get("resultCode")) == "0"

    def ask(self, attempt):
        """Ask MoMo about an attempt; return (paid, amount, transId, answer)."""
        answer = momo.query_payment(settings(), attempt.reference)
        code = answer["resultCode"]
        if code == 42:  # MoMo has no such payment
            expires = attempt.order.reservation_expires_at
            return (None if expires and utc_now() < expires else False), None, None, answer
        return result_of(code), answer.get("amount"), answer.get("transId"), answer

    def query(self, attempt):
        paid = self.ask(attempt)[0]
        return {True: AttemptStatus.SUCCEEDED, False: AttemptStatus.FAILED, None: AttemptStatus.PENDING}[paid]

    def reconcile(self, attempt):
        """Settle a pending attempt from MoMo's query answer, stored once like an IPN; return the word."""
        paid, amount, trans_id, answer = self.ask(attempt)
        if paid is None:
            return "pending"
        received = receive_notification(
            PaymentMethod.MOMO, f"query:{attempt.reference}:{trans_id}:{answer['resultCode']}", "query", answer,
            lambda: attempts.apply_result(attempt.reference, paid, amount, trans_id, "MoMo query"),
        )
        return received.notification.outcome

    def close(self, order):
        return close_attempts(self, order)

    def holds_money(self, order):
        return attempts.paid_attempt(order) is not None and (
            order.status in MONEY_HELD or order.status == OrderStatus.CANCELLED)

    def refund(self, order, amount, reason):
        """Refund through MoMo's refund API; return MoMo's transId of the refund."""
        attempt = attempts.paid_attempt(order)
        answer = momo.refund_payment(settings(), {
            "order_id": f"{attempt.reference}-R{order.refunded_amount}-{amount}",
            "trans_id": attempt.provider_transaction_id,
            "amount": amount, "description": (reason or f"Refund {order.number}")[:255],
        })
        if answer["resultCode"] != momo.SUCCESS:
            current_app.logger.warning("order %s: MoMo refused the refund: %s", order.number, answer)
            raise PaymentError(_("MoMo refused the refund (code %(code)s: %(message)s).",
                                 code=answer["resultCode"], message=answer.get("message", "")))
        return str(answer.get("transId"))


PROVIDER = MomoWallet()
