"""The emulator's memory: payments opened on the payment page, their refunds, and the API's answers."""
import itertools
import threading
import uuid
from datetime import datetime, timedelta

from shop.services.localtime import utc_now

from .signing import pipe_hash, secure_hash, signature_matches

VN_TIME = timedelta(hours=7)
TIME_FORMAT = "%Y%m%d%H%M%S"
SUCCESS = "00"

# vnp_ResponseCode of a payment the customer did not finish, by what happened (VNPay's table).
FAILURES = {
    "cancelled": "24",       # the customer cancelled
    "timeout": "11",         # the time to pay ran out
    "insufficient": "51",    # not enough money in the account
}

# What the merchant API answers: vnp_ResponseCode → vnp_Message.
API_MESSAGES = {
    "00": "Request success",
    "02": "Invalid TmnCode",
    "03": "Invalid data format",
    "91": "Transaction not found",
    "93": "Invalid refund amount",
    "94": "Duplicate request",
    "95": "This transaction is not successful from VNPAY",
    "97": "Invalid checksum",
    "99": "Unknown error",
}

QUERYDR_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TxnRef",
                  "vnp_TransactionDate", "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
REFUND_FIELDS = ("vnp_RequestId", "vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_TransactionType",
                 "vnp_TxnRef", "vnp_Amount", "vnp_TransactionNo", "vnp_TransactionDate", "vnp_CreateBy",
                 "vnp_CreateDate", "vnp_IpAddr", "vnp_OrderInfo")
QUERYDR_ANSWER_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                         "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                         "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo", "vnp_PromotionCode",
                         "vnp_PromotionAmount")
REFUND_ANSWER_FIELDS = ("vnp_ResponseId", "vnp_Command", "vnp_ResponseCode", "vnp_Message", "vnp_TmnCode",
                        "vnp_TxnRef", "vnp_Amount", "vnp_BankCode", "vnp_PayDate", "vnp_TransactionNo",
                        "vnp_TransactionType", "vnp_TransactionStatus", "vnp_OrderInfo")
PAYMENT_REQUIRED = ("vnp_Version", "vnp_Command", "vnp_TmnCode", "vnp_Amount", "vnp_CurrCode", "vnp_TxnRef",
                    "vnp_OrderInfo", "vnp_OrderType", "vnp_Locale", "vnp_ReturnUrl", "vnp_IpAddr",
                    "vnp_CreateDate", "vnp_ExpireDate", "vnp_SecureHash")


class PaymentPageError(Exception):
    """The payment page refuses the request (VNPay shows an error page and does not return)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def vn_time(moment=None):
    """Return `moment` (naive UTC, default now) as VNPay writes times: yyyyMMddHHmmss in GMT+7."""
    return ((moment or utc_now()) + VN_TIME).strftime(TIME_FORMAT)


def parse_vn_time(text):
    """Read a VNPay time (GMT+7) as a naive UTC datetime; ValueError when it is not one."""
    return datetime.strptime(text, TIME_FORMAT) - VN_TIME


class Store:
    """Payments by vnp_TxnRef, the API request ids seen, and every refund, under one lock."""

    def __init__(self, tmn_code, hash_secret):
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.lock = threading.RLock()
        self._numbers = itertools.count(14000001)
        self.clear()

    def clear(self):
        with self.lock:
            self.payments = {}
            self.refunds = []
            self.request_ids = set()
            self.api_calls = []
            self.answer_secret = None  # a test sets another secret to play an impostor answering the API

    # -- the payment page ----------------------------------------------------------------------------

    def open_payment(self, params, now=None):
        """Check a payment request from the merchant's redirect and keep it; return the payment."""
        missing = [name for name in PAYMENT_REQUIRED if not params.get(name)]
        if missing:
            raise PaymentPageError("03", f"Missing parameters: {', '.join(missing)}")
        if not signature_matches(secure_hash(params, self.hash_secret), params["vnp_SecureHash"]):
            raise PaymentPageError("97", "Sai chữ ký (invalid signature)")
        if params["vnp_TmnCode"] != self.tmn_code:
            raise PaymentPageError("02", "Website chưa được phê duyệt (unknown merchant)")
        if params["vnp_Version"] != "2.1.0" or params["vnp_Command"] != "pay" or params["vnp_CurrCode"] != "VND":
            raise PaymentPageError("03", "Unsupported version, command or currency")
        if not params["vnp_Amount"].isdigit() or int(params["vnp_Amount"]) % 100:
            raise PaymentPageError("03", "vnp_Amount must be the amount in VND times 100")
        if params["vnp_Locale"] not in ("vn", "en"):
            raise PaymentPageError("03", "vnp_Locale must be vn or en")
        try:
            created, expires = parse_vn_time(params["vnp_CreateDate"]), parse_vn_time(params["vnp_ExpireDate"])
        except ValueError:
            raise PaymentPageError("03", "Dates must be yyyyMMddHHmmss") from None
        with self.lock:
            existing = self.payments.get(params["vnp_TxnRef"])
            if existing is not None and existing["status"] != "01":
                raise PaymentPageError("01", "Giao dịch đã tồn tại (this vnp_TxnRef was used)")
            payment = {name: params[name] for name in PAYMENT_REQUIRED if name != "vnp_SecureHash"}
            payment.update(status="01", response_code=None, transaction_no=None, pay_date=None, refunded=0,
                           transaction_type="01", created=created, expires=expires)
            self.payments[params["vnp_TxnRef"]] = payment
            return payment

    def settle(self, txn_ref, outcome="paid", now=None):
        """Finish a payment: paid, or failed with one of FAILURES; return it. An expired one times out."""
        with self.lock:
            payment = self.payments[txn_ref]
            if payment["status"] != "01":
                return payment
            now = now or utc_now()
            if outcome == "paid" and now > payment["expires"]:
                outcome = "timeout"
            payment["transaction_no"] = str(next(self._numbers))
            payment["pay_date"] = vn_time(now)
            if outcome == "paid":
                payment["status"] = payment["response_code"] = SUCCESS
            else:
                payment["response_code"] = FAILURES[outcome]
                payment["status"] = "02"
            return payment

    def result_params(self, txn_ref, **changes):
        """The signed parameters VNPay sends to the return address and the IPN for a finished payment."""
        with self.lock:
            payment = self.payments[txn_ref]
            params = {
                "vnp_Amount": payment["vnp_Amount"],
                "vnp_BankCode": "NCB",
                "vnp_BankTranNo": f"VNP{payment['transaction_no']}",
                "vnp_CardType": "ATM",
                "vnp_OrderInfo": payment["vnp_OrderInfo"],
                "vnp_PayDate": payment["pay_date"],
                "vnp_ResponseCode": payment["response_code"],
                "vnp_TmnCode": payment["vnp_TmnCode"],
                "vnp_TransactionNo": payment["transaction_no"],
                "vnp_TransactionStatus": payment["status"],
                "vnp_TxnRef": txn_ref,
            }
        params.update(changes)
        params["vnp_SecureHash"] = secure_hash(params, self.hash_secret)
        return params

    # -- the merchant API ----------------------------------------------------------------------------

    def api_call(self, body):
        """Answer one merchant API request (querydr or refund) as VNPay does; return the JSON answer."""
        with self.lock:
            self.api_calls.append(dict(body))
            command = body.get("vnp_Command")
            fields = {"querydr": QUERYDR_FIELDS, "refund": REFUND_FIELDS}.get(command)
            if fields is None or any(not body.get(name) and name != "vnp_TransactionNo" for name in fields):
                return self._answer(body, "03")
            expected = pipe_hash([body.get(name) for name in fields], self.hash_secret)
            if not signature_matches(expected, body.get("vnp_SecureHash")):
                return self._answer(body, "97")
            if body["vnp_TmnCode"] != self.tmn_code:
                return self._answer(body, "02")
            if body["vnp_RequestId"] in self.request_ids:
                return self._answer(body, "94")
            self.request_ids.add(body["vnp_RequestId"])
            payment = self.payments.get(body["vnp_TxnRef"])
            if payment is None or payment["vnp_CreateDate"] != body["vnp_TransactionDate"]:
                return self._answer(body, "91")
            if command == "querydr":
                return self._answer(body, "00", payment)
            return self._refund(body, payment)

    def _refund(self, body, payment):
        if payment["status"] != SUCCESS and payment["transaction_type"] == "01":
            return self._answer(body, "95", payment)
        amount = body.get("vnp_Amount")
        remaining = int(payment["vnp_Amount"]) - payment["refunded"]
        if not str(amount).isdigit() or not 0 < int(amount) <= remaining \
                or body["vnp_TransactionType"] not in ("02", "03") \
                or (body["vnp_TransactionType"] == "02" and int(amount) != int(payment["vnp_Amount"])):
            return self._answer(body, "93", payment)
        payment["refunded"] += int(amount)
        payment["transaction_type"] = body["vnp_TransactionType"]
        payment["status"] = "05"  # VNPay is handling the refund
        refund = {"vnp_TxnRef": body["vnp_TxnRef"], "vnp_Amount": int(amount), "vnp_CreateBy": body["vnp_CreateBy"],
                  "vnp_TransactionType": body["vnp_TransactionType"], "transaction_no": str(next(self._numbers))}
        self.refunds.append(refund)
        return self._answer(body, "00", payment, amount=str(amount), transaction_no=refund["transaction_no"])

    def _answer(self, body, code, payment=None, amount=None, transaction_no=None):
        command = body.get("vnp_Command")
        answer = {
            "vnp_ResponseId": uuid.uuid4().hex,
            "vnp_Command": command,
            "vnp_ResponseCode": code,
            "vnp_Message": API_MESSAGES[code],
            "vnp_TmnCode": self.tmn_code,
            "vnp_TxnRef": body.get("vnp_TxnRef"),
        }
        if payment is not None:
            answer.update({
                "vnp_Amount": amount or payment["vnp_Amount"],
                "vnp_BankCode": "NCB",
                "vnp_PayDate": payment["pay_date"] or "",
                "vnp_TransactionNo": transaction_no or payment["transaction_no"] or "",
                "vnp_TransactionType": payment["transaction_type"],
                "vnp_TransactionStatus": payment["status"],
                "vnp_OrderInfo": payment["vnp_OrderInfo"],
            })
            if command == "querydr":
                answer.update(vnp_PromotionCode="", vnp_PromotionAmount="")
        fields = QUERYDR_ANSWER_FIELDS if command == "querydr" else REFUND_ANSWER_FIELDS
        answer["vnp_SecureHash"] = pipe_hash([answer.get(name) for name in fields],
                                             self.answer_secret or self.hash_secret)
        return answer
