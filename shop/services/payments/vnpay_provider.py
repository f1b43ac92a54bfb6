"""VNPay behind the provider interface: the payment page, the IPN, querydr for reconciling, refunds.

VNPay's rules (its merchant guide): only the IPN (`GET /webhooks/vnpay`, server to server) decides a
payment; the customer's return to `/checkout/vnpay/return` only shows the order. Each try at paying is
an attempt whose reference is the `vnp_TxnRef`; its `vnp_CreateDate` is the attempt's creation time,
which querydr and refund name again as `vnp_TransactionDate`.
"""
import re

from flask import current_app
from flask_babel import gettext as _

from shop.errors import InvalidInput, InvalidTransition, PaymentError
from shop.models.statuses import AttemptStatus, OrderStatus, PaymentMethod
from shop.services.localtime import utc_now
from shop.services.payments import attempts, vnpay
from shop.services.payments.notifications import attempt_by_reference, receive_notification
from shop.services.payments.providers import MONEY_HELD, PaymentProvider, Start

SERVER_IP = "127.0.0.1"  # vnp_IpAddr of the shop's own API calls (querydr, refund)

# The IPN's answers, as VNPay's merchant guide writes them.
ANSWERS = {
    "00": "Confirm Success",
    "01": "Order not found",
    "02": "Order already confirmed",
    "04": "Invalid amount",
    "97": "Invalid signature",
    "99": "Unknown error",
}
# vnp_TransactionStatus in a querydr answer: paid (then maybe being refunded), or not decided yet.
PAID_STATUSES = ("00", "05", "06", "09")
PENDING_STATUSES = ("01", "07")  # not finished; suspected fraud, held for the merchant's decision
RESULT_CODES = {"wrong_amount": "04", "unknown_attempt": "01", "already_confirmed": "02"}


def answer(code):
    """The JSON body the IPN answers VNPay."""
    return {"RspCode": code, "Message": ANSWERS[code]}


def settings():
    found = vnpay.VnpaySettings.from_config()
    if found is None:
        raise PaymentError(_("VNPay is not available at the moment: please choose another way to pay."))
    return found


def order_info(order):
    """vnp_OrderInfo: Vietnamese without accents or special characters, as VNPay asks."""
    return "Thanh toan don hang " + re.sub(r"[^0-9A-Za-z]", "", order.number)


def succeeded(params):
    """Whether VNPay's parameters say the money is in (both codes 00)."""
    return params.get("vnp_ResponseCode") == vnpay.SUCCESS and params.get("vnp_TransactionStatus") == vnpay.SUCCESS


class VnpayGateway(PaymentProvider):
    """VNPay's payment gateway: offered when VNPAY_TMN_CODE and VNPAY_HASH_SECRET are set."""

    method = PaymentMethod.VNPAY

    def is_configured(self, config):
        return vnpay.VnpaySettings.from_config(config) is not None

    def start(self, order, context):
        """Write a new attempt and return VNPay's payment page for it (expiring with the reservation)."""
        if order.payment_method != PaymentMethod.VNPAY or order.status != OrderStatus.PENDING_PAYMENT:
            raise InvalidTransition(_("This order is not waiting for a payment any more."))
        config = settings()
        attempt = attempts.start_attempt(order, PaymentMethod.VNPAY, "V")
        if attempt is None:
            raise InvalidTransition(_("This order is not waiting for a payment any more."))
        address = vnpay.payment_address(config, {
            "txn_ref": attempt.reference, "amount": attempt.amount, "order_info": order_info(order),
            "locale": "vn" if context.locale == "vi" else "en", "return_url": context.return_url,  # VNPay: vn, en
            "ip_address": context.client_ip, "created_at": attempt.created_at,
            "expires_at": order.reservation_expires_at or attempt.created_at,
        })
        return Start(redirect_url=address)

    def handle_notification(self, params):
        """Verify and apply one IPN (its query parameters); return the {"RspCode", "Message"} to answer. Commits."""
        config = vnpay.VnpaySettings.from_config()
        if config is None or not vnpay.signature_is_valid(params, config.hash_secret) \
                or params.get("vnp_TmnCode") != config.tmn_code:
            current_app.logger.warning("VNPay IPN refused: bad signature or merchant %s", params.get("vnp_TmnCode"))
            return answer("97")
        reference = params.get("vnp_TxnRef", "")
        if attempt_by_reference(reference) is None:
            return answer("01")
        amount = params.get("vnp_Amount", "")
        if not amount.isdigit() or int(amount) % 100:
            return answer("04")
        received = receive_notification(
            PaymentMethod.VNPAY, notification_id(params), "ipn", _query_text(params),
            lambda: attempts.apply_result(reference, succeeded(params), int(amount) // 100,
                                          params.get("vnp_TransactionNo"), f"VNPay {params.get('vnp_ResponseCode')}"),
        )
        word = received.notification.outcome if received.duplicate else received.outcome.result
        if received.duplicate and word in attempts.SETTLED_WORDS:
            return answer("02")
        return answer(RESULT_CODES.get(word, "00"))

    def returned_order(self, params):
        """Return the order a customer coming back from VNPay belongs to; InvalidInput if the address is forged."""
        config = vnpay.VnpaySettings.from_config()
        if config is None or not vnpay.signature_is_valid(params, config.hash_secret) \
                or params.get("vnp_TmnCode") != config.tmn_code:
            raise InvalidInput(_("This VNPay answer could not be verified."))
        attempt = attempt_by_reference(params.get("vnp_TxnRef", ""))
        if attempt is None:
            raise InvalidInput(_("This VNPay answer could not be verified."))
        return attempt.order, succeeded(params)

    def ask(self, attempt):
        """Ask VNPay (querydr) about an attempt; return (succeeded, amount, transaction number, answer)."""
        result = vnpay.query_transaction(settings(), attempt.reference, vnpay.vnp_time(attempt.created_at),
                                         SERVER_IP, utc_now())
        code, status = result.get("vnp_ResponseCode"), result.get("vnp_TransactionStatus")
        if code == "91":  # VNPay has no such payment: the customer has not paid (yet)
            expires = attempt.order.reservation_expires_at
            return (None if expires and utc_now() < expires else False), None, None, result
        if code != vnpay.SUCCESS:
            raise PaymentError(_("VNPay cannot be reached right now. Please try again in a moment."))
        if status in PENDING_STATUSES:
            return None, None, None, result
        amount = int(result["vnp_Amount"]) // 100 if result.get("vnp_Amount", "").isdigit() else None
        return status in PAID_STATUSES, amount, result.get("vnp_TransactionNo"), result

    def query(self, attempt):
        paid, _amount, _number, _result = self.ask(attempt)
        return {True: AttemptStatus.SUCCEEDED, False: AttemptStatus.FAILED, None: AttemptStatus.PENDING}[paid]

    def reconcile(self, attempt):
        """Settle a pending attempt from VNPay's querydr answer, stored once like an IPN; return the word."""
        paid, amount, number, result = self.ask(attempt)
        if paid is None:
            return "pending"
        received = receive_notification(
            PaymentMethod.VNPAY, f"querydr:{attempt.reference}:{number}:{paid}", "querydr", result,
            lambda: attempts.apply_result(attempt.reference, paid, amount, number, "VNPay querydr"),
        )
        return received.notification.outcome

    def close(self, order):
        return close_attempts(self, order)

    def holds_money(self, order):
        return attempts.paid_attempt(order) is not None and (
            order.status in MONEY_HELD or order.status == OrderStatus.CANCELLED)

    def refund(self, order, amount, reason):
        """Refund through VNPay's refund API (full or partial); return VNPay's transaction number."""
        attempt = attempts.paid_attempt(order)
        result = vnpay.refund_transaction(settings(), {
            "txn_ref": attempt.reference, "amount": amount, "full": amount == attempt.amount and
            not order.refunded_amount, "transaction_no": attempt.provider_transaction_id,
            "transaction_date": vnpay.vnp_time(attempt.created_at), "created_by": "ocop-office",
            "ip_address": SERVER_IP, "order_info": "Hoan tien " + order_info(order)[len("Thanh toan "):],
        }, utc_now())
        if result.get("vnp_ResponseCode") != vnpay.SUCCESS:
            current_app.logger.warning("order %s: VNPay refused the refund: %s", order.number, result)
            raise PaymentError(_("VNPay refused the refund (code %(code)s: %(message)s).",
                                 code=result.get("vnp_ResponseCode", "?"), message=result.get("vnp_Message", "")))
        return result.get("vnp_TransactionNo") or result.get("vnp_ResponseId")


def close_attempts(provider, order):
    """Before an unpaid order is cancelled, ask the gateway about its pending attempts: "paid" or "expired"."""
    for attempt in attempts.pending_attempts_of(order):
        if provider.reconcile(attempt) in ("paid", "already_paid"):
            return "paid"
    attempts.expire_attempts(order, "reservation expired")
    return "expired"


def notification_id(params):
    """VNPay's own id of an IPN: the payment's reference, VNPay's transaction number and the result."""
    return f"{params.get('vnp_TxnRef')}:{params.get('vnp_TransactionNo')}:{params.get('vnp_ResponseCode')}"


def _query_text(params):
    return "&".join(f"{name}={value}" for name, value in sorted(params.items()))


PROVIDER = VnpayGateway()
