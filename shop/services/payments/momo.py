"""MoMo's All-In-One v2 gateway (`captureWallet`): create, the IPN's signature, query, refund.

This module speaks MoMo's protocol and touches no table; the MoMo provider decides what an answer
means for an order. Every request is JSON POSTed under `MOMO_API_BASE` and signed with HMAC-SHA256
(hex) with `MOMO_SECRET_KEY` over `name=value` pairs joined with `&`, in the field order MoMo
documents for that message (`accessKey` is the merchant's, never sent in the body).
"""
import hashlib
import hmac
import uuid
from dataclasses import dataclass

import requests
from flask import current_app
from flask_babel import gettext as _

from shop.errors import PaymentError

TEST_API_BASE = "https://test-payment.momo.vn"
TIMEOUT = (5, 30)  # seconds to connect, seconds to read (MoMo asks for at least 30 s on query)
SUCCESS = 0
WAITING = (1000, 7000, 7002, 9000)  # initiated, being processed, authorized but not captured: not settled yet

CREATE_FIELDS = ("accessKey", "amount", "extraData", "ipnUrl", "orderId", "orderInfo", "partnerCode",
                 "redirectUrl", "requestId", "requestType")
IPN_FIELDS = ("accessKey", "amount", "extraData", "message", "orderId", "orderInfo", "orderType", "partnerCode",
              "payType", "requestId", "responseTime", "resultCode", "transId")
QUERY_FIELDS = ("accessKey", "orderId", "partnerCode", "requestId")
REFUND_FIELDS = ("accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId")


@dataclass(frozen=True)
class MomoSettings:
    """The merchant's MoMo settings (MOMO_* in the configuration)."""

    partner_code: str
    access_key: str
    secret_key: str
    api_base: str = TEST_API_BASE

    @classmethod
    def from_config(cls, config=None):
        """Read MOMO_PARTNER_CODE, MOMO_ACCESS_KEY, MOMO_SECRET_KEY and MOMO_API_BASE; None when not set."""
        config = config if config is not None else current_app.config
        if not (config.get("MOMO_PARTNER_CODE") and config.get("MOMO_ACCESS_KEY") and config.get("MOMO_SECRET_KEY")):
            return None
        return cls(config["MOMO_PARTNER_CODE"], config["MOMO_ACCESS_KEY"], config["MOMO_SECRET_KEY"],
                   (config.get("MOMO_API_BASE") or TEST_API_BASE).rstrip("/"))


def raw_signature(fields, values, access_key):
    """Return the text MoMo signs: `accessKey=…&amount=…&…` in the order of `fields`."""
    values = {**values, "accessKey": access_key}
    return "&".join(f"{name}={'' if values.get(name) is None else values[name]}" for name in fields)


def signature(settings, fields, values):
    """Return the hex HMAC-SHA256 of the raw signature of `values` with the merchant's secret key."""
    raw = raw_signature(fields, values, settings.access_key)
    return hmac.new(settings.secret_key.encode("utf-8"), raw.encode("utf-8"), hashlib.sha256).hexdigest()


def notification_is_valid(settings, body):
    """Tell whether an IPN body (or redirect query) is MoMo's for this merchant: signature and partnerCode."""
    given = body.get("signature")
    if not isinstance(given, str) or str(body.get("partnerCode")) != settings.partner_code:
        return False
    return hmac.compare_digest(signature(settings, IPN_FIELDS, body), given.lower())


def create_payment(settings, payment):
    """Ask MoMo for a payment page; return its answer (`payUrl` when `resultCode` is 0).

    `payment` holds order_id, amount (VND), order_info, redirect_url, ipn_url, lang ("vi"/"en") and
    optionally request_id and extra_data. Raises PaymentError when MoMo cannot be reached.
    """
    body = {
        "partnerCode": settings.partner_code,
        "requestId": payment.get("request_id") or uuid.uuid4().hex,
        "amount": int(payment["amount"]),
        "orderId": payment["order_id"],
        "orderInfo": payment["order_info"],
        "redirectUrl": payment["redirect_url"],
        "ipnUrl": payment["ipn_url"],
        "requestType": "captureWallet",
        "extraData": payment.get("extra_data", ""),
        "lang": payment["lang"],
    }
    body["signature"] = signature(settings, CREATE_FIELDS, body)
    return _call(settings, "/v2/gateway/api/create", body, CREATE_FIELDS)


def query_payment(settings, order_id, lang="vi"):
    """Ask MoMo what became of a payment; return its answer (`resultCode` 0: paid, 1000: still waiting)."""
    body = {"partnerCode": settings.partner_code, "requestId": uuid.uuid4().hex, "orderId": order_id, "lang": lang}
    body["signature"] = signature(settings, QUERY_FIELDS, body)
    return _call(settings, "/v2/gateway/api/query", body, QUERY_FIELDS)


def refund_payment(settings, refund):
    """Ask MoMo to refund (part of) a paid transaction; return its answer (`resultCode` 0: refunded).

    `refund` holds order_id (a new id of the merchant's for this refund), trans_id (MoMo's id of the
    payment), amount (VND), description and lang.
    """
    body = {
        "partnerCode": settings.partner_code,
        "orderId": refund["order_id"],
        "requestId": uuid.uuid4().hex,
        "amount": int(refund["amount"]),
        "transId": int(refund["trans_id"]),
        "lang": refund.get("lang", "vi"),
        "description": refund["description"],
    }
    body["signature"] = signature(settings, REFUND_FIELDS, body)
    return _call(settings, "/v2/gateway/api/refund", body, REFUND_FIELDS)


def _call(settings, path, body, fields):
    """POST a signed request to MoMo and return its answer; raise PaymentError when there is none.

    A connection closed or refused before any answer is tried once more under a new requestId (signed
    again): MoMo refuses a second payment or refund with the same orderId (resultCode 41), so the
    retry can never make two. A timeout is not retried: MoMo may still be working on the request.
    """
    for again in (False, True):
        if again:
            body = {**body, "requestId": uuid.uuid4().hex}
            body["signature"] = signature(settings, fields, body)
        try:
            answer = requests.post(settings.api_base + path, json=body, timeout=TIMEOUT).json()
            break
        except requests.ConnectionError as error:
            if again or isinstance(error, requests.Timeout):
                raise _unreachable(path, body, error) from error
            current_app.logger.info("MoMo %s for %s: %s; asking again", path, body["orderId"], error)
        except (requests.RequestException, ValueError) as error:
            raise _unreachable(path, body, error) from error
    if not isinstance(answer, dict) or not isinstance(answer.get("resultCode"), int):
        current_app.logger.warning("MoMo %s for %s: unreadable answer %r", path, body["orderId"], answer)
        raise PaymentError(_("MoMo cannot be reached right now. Please try again in a moment."))
    return answer


def _unreachable(path, body, error):
    """Log a request MoMo did not answer; return the error to raise."""
    current_app.logger.warning("MoMo %s for %s: no answer: %s", path, body["orderId"], error)
    return PaymentError(_("MoMo cannot be reached right now. Please try again in a moment."))
