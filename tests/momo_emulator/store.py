"""The emulator's memory: payments created through the API, their refunds, and MoMo's answers."""
import itertools
import re
import secrets
import threading
import time

from .signing import CREATE_FIELDS, IPN_FIELDS, QUERY_FIELDS, REFUND_FIELDS, sign, signature_matches

ORDER_ID = re.compile(r"^[0-9a-zA-Z]([-_.]*[0-9a-zA-Z]+)*$")
MIN_AMOUNT, MAX_AMOUNT = 1_000, 50_000_000  # captureWallet's limits in VND

MESSAGES = {
    0: "Successful.",
    13: "Merchant authentication failed.",
    20: "Bad format request.",
    22: "The transaction amount is out of range.",
    40: "Duplicated requestId.",
    41: "Duplicated orderId.",
    42: "Invalid orderId or orderId is not found.",
    1000: "Transaction is initiated, waiting for user confirmation.",
    1005: "Transaction failed because the url or QR code expired.",
    1006: "Transaction failed because the user has denied to confirm the payment.",
    1081: "Refund rejected. The original transaction may have been refunded or the amount exceeds the "
          "refundable amount.",
}
OUTCOMES = {"paid": 0, "denied": 1006, "expired": 1005}


def now_ms():
    return int(time.time() * 1000)


class Store:
    """Payments by the partner's orderId, the request ids seen and the refunds, under one lock."""

    def __init__(self, partner_code, access_key, secret_key):
        self.partner_code, self.access_key, self.secret_key = partner_code, access_key, secret_key
        self.lock = threading.RLock()
        self._trans_ids = itertools.count(4088000001)
        self.clear()

    def clear(self):
        with self.lock:
            self.payments = {}
            self.tokens = {}
            self.refunds = []
            self.request_ids = set()
            self.order_ids = set()
            self.api_calls = []

    def signed(self, fields, values):
        return sign(fields, values, self.access_key, self.secret_key)

    def _check(self, body, fields, required):
        """Return the resultCode refusing a request (20 format, 13 partner or signature), or None."""
        if any(body.get(name) in (None, "") and name != "extraData" for name in required) \
                or not isinstance(body.get("extraData", ""), str):
            return 20
        if body["partnerCode"] != self.partner_code:
            return 13
        if not signature_matches(self.signed(fields, body), body.get("signature")):
            return 13
        if body["requestId"] in self.request_ids:
            return 40
        return None

    def create(self, body, base_url):
        """Answer /v2/gateway/api/create: a payUrl for a new payment, or a refusal."""
        with self.lock:
            self.api_calls.append(("create", dict(body)))
            required = [*CREATE_FIELDS[1:], "lang"]
            refused = self._check(body, CREATE_FIELDS, required)
            if refused is None and (body["requestType"] != "captureWallet" or body["lang"] not in ("vi", "en")
                                    or not ORDER_ID.match(str(body["orderId"])) or len(str(body["orderId"])) > 50
                                    or not isinstance(body["amount"], int)):
                refused = 20
            if refused is None and not MIN_AMOUNT <= body["amount"] <= MAX_AMOUNT:
                refused = 22
            if refused is None and body["orderId"] in self.order_ids:
                refused = 41
            answer = {"partnerCode": body.get("partnerCode"), "requestId": body.get("requestId"),
                      "orderId": body.get("orderId"), "amount": body.get("amount"), "responseTime": now_ms()}
            if refused is not None:
                return {**answer, "resultCode": refused, "message": MESSAGES[refused]}
            self.request_ids.add(body["requestId"])
            self.order_ids.add(body["orderId"])
            token = secrets.token_urlsafe(12)
            self.tokens[token] = body["orderId"]
            self.payments[body["orderId"]] = {
                **{name: body[name] for name in CREATE_FIELDS if name != "accessKey"}, "lang": body["lang"],
                "resultCode": 1000, "transId": next(self._trans_ids), "payType": "qr", "refunded": 0,
                "responseTime": None, "token": token,
            }
            pay_url = f"{base_url}/v2/gateway/pay?t={token}"
            return {**answer, "resultCode": 0, "message": MESSAGES[0], "payUrl": pay_url,
                    "deeplink": f"momo://app?action=payWithApp&t={token}", "qrCodeUrl": pay_url + "&isScanQr=true"}

    def settle(self, order_id, outcome="paid"):
        """Finish a payment waiting for the customer: paid (0), denied (1006) or expired (1005)."""
        with self.lock:
            payment = self.payments[order_id]
            if payment["resultCode"] == 1000:
                payment["resultCode"] = OUTCOMES[outcome]
                payment["responseTime"] = now_ms()
            return payment

    def result(self, order_id, **changes):
        """The signed fields MoMo posts to ipnUrl and puts in the redirect for a finished payment."""
        with self.lock:
            payment = self.payments[order_id]
            fields = {
                "partnerCode": self.partner_code, "orderId": order_id, "requestId": payment["requestId"],
                "amount": payment["amount"], "orderInfo": payment["orderInfo"], "orderType": "momo_wallet",
                "transId": payment["transId"], "resultCode": payment["resultCode"],
                "message": MESSAGES.get(payment["resultCode"], ""), "payType": payment["payType"],
                "responseTime": payment["responseTime"] or now_ms(), "extraData": payment["extraData"],
            }
        fields.update(changes)
        fields["signature"] = self.signed(IPN_FIELDS, fields)
        return fields

    def query(self, body):
        """Answer /v2/gateway/api/query: the payment's resultCode, amount, transId and refunds."""
        with self.lock:
            self.api_calls.append(("query", dict(body)))
            refused = self._check(body, QUERY_FIELDS, [*QUERY_FIELDS[1:], "lang"])
            payment = self.payments.get(body.get("orderId"))
            if refused is None and payment is None:
                refused = 42
            answer = {"partnerCode": body.get("partnerCode"), "orderId": body.get("orderId"),
                      "requestId": body.get("requestId"), "responseTime": now_ms()}
            if refused is not None:
                return {**answer, "resultCode": refused, "message": MESSAGES[refused]}
            self.request_ids.add(body["requestId"])
            refunds = [refund for refund in self.refunds if refund["originalTransId"] == payment["transId"]]
            return {**answer, "extraData": payment["extraData"], "amount": payment["amount"],
                    "transId": payment["transId"], "payType": payment["payType"],
                    "resultCode": payment["resultCode"], "message": MESSAGES[payment["resultCode"]],
                    "refundTrans": refunds, "lastUpdated": payment["responseTime"] or answer["responseTime"]}

    def refund(self, body):
        """Answer /v2/gateway/api/refund: refund part or all of a paid transaction."""
        with self.lock:
            self.api_calls.append(("refund", dict(body)))
            refused = self._check(body, REFUND_FIELDS, [*REFUND_FIELDS[1:], "lang"])
            if refused is None and body["orderId"] in self.order_ids:
                refused = 41
            payment = next((p for p in self.payments.values() if str(p["transId"]) == str(body.get("transId"))),
                           None)
            if refused is None and (payment is None or payment["resultCode"] != 0):
                refused = 42
            if refused is None and not (isinstance(body["amount"], int)
                                        and 0 < body["amount"] <= payment["amount"] - payment["refunded"]):
                refused = 1081
            answer = {"partnerCode": body.get("partnerCode"), "orderId": body.get("orderId"),
                      "requestId": body.get("requestId"), "amount": body.get("amount"), "responseTime": now_ms()}
            if refused is not None:
                return {**answer, "transId": body.get("transId"), "resultCode": refused, "message": MESSAGES[refused]}
            self.request_ids.add(body["requestId"])
            self.order_ids.add(body["orderId"])
            payment["refunded"] += body["amount"]
            refund = {"orderId": body["orderId"], "amount": body["amount"], "resultCode": 0,
                      "transId": next(self._trans_ids), "originalTransId": payment["transId"],
                      "description": body["description"], "createdTime": answer["responseTime"]}
            self.refunds.append(refund)
            return {**answer, "transId": refund["transId"], "resultCode": 0, "message": MESSAGES[0]}
