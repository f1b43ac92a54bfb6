"""MoMo's signatures, written from the protocol (not shared with the shop's own code)."""
import hashlib
import hmac

CREATE_FIELDS = ("accessKey", "amount", "extraData", "ipnUrl", "orderId", "orderInfo", "partnerCode",
                 "redirectUrl", "requestId", "requestType")
IPN_FIELDS = ("accessKey", "amount", "extraData", "message", "orderId", "orderInfo", "orderType", "partnerCode",
              "payType", "requestId", "responseTime", "resultCode", "transId")
QUERY_FIELDS = ("accessKey", "orderId", "partnerCode", "requestId")
REFUND_FIELDS = ("accessKey", "amount", "description", "orderId", "partnerCode", "requestId", "transId")


def sign(fields, values, access_key, secret_key):
    """HMAC-SHA256 hex over `name=value` joined with `&` in the documented order (accessKey from the keys)."""
    values = {**values, "accessKey": access_key}
    raw = "&".join(f"{name}={'' if values.get(name) is None else values.get(name)}" for name in fields)
    return hmac.new(secret_key.encode("utf-8"), raw.encode("utf-8"), hashlib.sha256).hexdigest()


def signature_matches(expected, given):
    return isinstance(given, str) and hmac.compare_digest(expected, given.lower())
