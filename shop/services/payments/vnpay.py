"""VNPay's payment gateway (version 2.1.0): the signed payment address, the IPN's signature, querydr, refund.

This module speaks VNPay's protocol and touches no table; the VNPay provider decides what an answer
means for an order.

- The payment address and the IPN/return parameters are signed with `vnp_SecureHash` = HMAC-SHA512 with
  `VNPAY_HASH_SECRET` over the `vnp_*` parameters (without `vnp_SecureHash` and `vnp_SecureHashType`)
  sorted by name, each `name=quote_plus(value)`, joined with `&`.
- The merchant API at `VNPAY_API_URL` takes JSON; `querydr` and `refund` requests and answers are signed
  with HMAC-SHA512 over their fields joined with `|`, each in VNPay's own order.
- Times are VNPay's `yyyyMMddHHmmss` in GMT+7; amounts are VND × 100.
"""
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote_plus, urlencode

import requests
from flask import current_app
from flask_babel import gettext as _

from shop.errors import PaymentError

VERSION = "2.1.0"
SANDBOX_PAYMENT_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
SANDBOX_API_URL = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
TIMEOUT = (5, 20)  # seconds to connect, seconds to read
TIME_FORMAT = "%Y%m%d%H%M%S"
VN_OFFSET = timedelta(hours=7)
UNSIGNED = ("vnp_SecureHash", "vnp_SecureHashType")
SUCCESS = "00"

QUERYDR_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
                  "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
QUERYDR_ANSWER_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                         "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                         "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                         "vnp_PromotionAmount")
REFUND_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType",
                 "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy",
                 "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
REFUND_ANSWER_FIELDS = QUERYDR_ANSWER_FIELDS[:13]


@dataclass(frozen=True)
class VnpaySettings:
    """The merchant's VNPay settings (VNPAY_* in the configuration)."""

    tmn_code: str
    hash_secret: str
    payment_url: str = SANDBOX_PAYMENT_URL
    api_url: str = SANDBOX_API_URL

    @classmethod
    def from_config(cls, config=None):
        """Read VNPAY_TMN_CODE, VNPAY_HASH_SECRET, VNPAY_PAYMENT_URL and VNPAY_API_URL; None when not set."""
        config = config if config is not None else current_app.config
        if not (config.get("VNPAY_TMN_CODE") and config.get("VNPAY_HASH_SECRET")):
            return None
        return cls(config["VNPAY_TMN_CODE"], config["VNPAY_HASH_SECRET"],
                   config.get("VNPAY_PAYMENT_URL") or SANDBOX_PAYMENT_URL,
                   config.get("VNPAY_API_URL") or SANDBOX_API_URL)


def vnp_time(moment):
    """Write a naive-UTC moment as VNPay does: yyyyMMddHHmmss in GMT+7."""
    return (moment + VN_OFFSET).strftime(TIME_FORMAT)


def secure_hash(params, secret):
    """Return the HMAC-SHA512 of the `vnp_*` parameters sorted by name, values quote_plus-encoded."""
    data = "&".join(
        f"{name}={quote_plus(str(value))}"
        for name, value in sorted(params.items())
        if name.startswith("vnp_") and name not in UNSIGNED and value not in (None, "")
    )
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def signature_is_valid(params, secret):
    """Tell whether `params` (a return or IPN query) carry VNPay's signature made with `secret`."""
    given = str(params.get("vnp_SecureHash") or "").lower()
    return bool(given) and hmac.compare_digest(secure_hash(params, secret), given)


def pipe_hash(values, secret):
    """Return the HMAC-SHA512 of the values joined with `|` (querydr and refund)."""
    data = "|".join("" if value is None else str(value) for value in values)
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def payment_address(settings, payment):
    """Return the signed address of VNPay's payment page for one payment attempt.

    `payment` holds txn_ref, amount (VND), order_info, order_type, locale ("vn"/"en"), return_url,
    ip_address, created_at and expires_at (naive UTC).
    """
    params = {
        "vnp_Version": VERSION,
        "vnp_Command": "pay",
        "vnp_TmnCode": settings.tmn_code,
        "vnp_Amount": str(int(payment["amount"]) * 100),
        "vnp_CurrCode": "VND",
        "vnp_TxnRef": payment["txn_ref"],
        "vnp_OrderInfo": payment["order_info"],
        "vnp_OrderType": payment.get("order_type", "other"),
        "vnp_Locale": payment["locale"],
        "vnp_ReturnUrl": payment["return_url"],
        "vnp_IpAddr": payment["ip_address"],
        "vnp_CreateDate": vnp_time(payment["created_at"]),
        "vnp_ExpireDate": vnp_time(payment["expires_at"]),
    }
    params["vnp_SecureHash"] = secure_hash(params, settings.hash_secret)
    return settings.payment_url + "?" + urlencode(params, quote_via=quote_plus)


def query_transaction(settings, txn_ref, transaction_date, ip_address, now):
    """Ask VNPay (querydr) what became of a payment; return its verified answer.

    `transaction_date` is the payment's vnp_CreateDate. Raises PaymentError when VNPay cannot be
    reached or its answer is not signed with the merchant's secret.
    """
    body = {
        "vnp_RequestId": uuid.uuid4().hex,
        "vnp_Version": VERSION,
        "vnp_Command": "querydr",
        "vnp_TmnCode": settings.tmn_code,
        "vnp_TxnRef": txn_ref,
        "vnp_OrderInfo": f"Truy van giao dich {txn_ref}",
        "vnp_TransactionDate": transaction_date,
        "vnp_CreateDate": vnp_time(now),
        "vnp_IpAddr": ip_address,
    }
    body["vnp_SecureHash"] = pipe_hash([body[name] for name in QUERYDR_FIELDS], settings.hash_secret)
    return _call(settings, body, QUERYDR_ANSWER_FIELDS)


def refund_transaction(settings, refund, now):
    """Ask VNPay to refund (part of) a payment; return its verified answer (vnp_ResponseCode 00: accepted).

    `refund` holds txn_ref, amount (VND), full (bool), transaction_no, transaction_date (the payment's
    vnp_CreateDate), created_by, ip_address and order_info.
    """
    body = {
        "vnp_RequestId": uuid.uuid4().hex,
        "vnp_Version": VERSION,
        "vnp_Command": "refund",
        "vnp_TmnCode": settings.tmn_code,
        "vnp_TransactionType": "02" if refund["full"] else "03",
        "vnp_TxnRef": refund["txn_ref"],
        "vnp_Amount": str(int(refund["amount"]) * 100),
        "vnp_TransactionNo": refund.get("transaction_no") or "",
        "vnp_TransactionDate": refund["transaction_date"],
        "vnp_CreateBy": refund["created_by"],
        "vnp_CreateDate": vnp_time(now),
        "vnp_IpAddr": refund["ip_address"],
        "vnp_OrderInfo": refund["order_info"],
    }
    body["vnp_SecureHash"] = pipe_hash([body[name] for name in REFUND_FIELDS], settings.hash_secret)
    return _call(settings, body, REFUND_ANSWER_FIELDS)


def _call(settings, body, answer_fields):
    try:
        response = requests.post(settings.api_url, json=body, timeout=TIMEOUT)
        answer = response.json()
    except (requests.RequestException, ValueError) as error:
        current_app.logger.warning("VNPay %s %s: no answer: %s", body["vnp_Command"], body["vnp_TxnRef"], error)
        raise PaymentError(_("VNPay cannot be reached right now. Please try again in a moment.")) from error
    if not isinstance(answer, dict):
        raise PaymentError(_("VNPay cannot be reached right now. Please try again in a moment."))
    answer = {name: "" if value is None else str(value) for name, value in answer.items()}
    if answer.get("vnp_ResponseCode") != SUCCESS:
        return answer  # a refusal changes nothing, so only an accepted answer has to be proved VNPay's
    expected = pipe_hash([answer.get(name, "") for name in answer_fields], settings.hash_secret)
    if not hmac.compare_digest(expected, answer.get("vnp_SecureHash", "").lower()) \
            or answer.get("vnp_TmnCode") != settings.tmn_code:
        current_app.logger.error("VNPay %s %s: answer not signed by VNPay: %s",
                                 body["vnp_Command"], body["vnp_TxnRef"], answer)
        raise PaymentError(_("VNPay's answer could not be verified."))
    return answer
