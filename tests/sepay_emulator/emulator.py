"""SePay's webhook deliveries and a banking app that pays a VietQR code (see the package docstring)."""
import binascii
import json
import urllib.error
import urllib.request
from datetime import timedelta

from shop.services.localtime import utc_now

VIETNAM = timedelta(hours=7)  # SePay writes the bank's local time, Vietnam's
MAX_RETRIES = 7

# What banks do to a transfer's note on its way to the statement (each takes the note, gives the content).
BANK_REWRITES = {
    "as_typed": lambda note, ref: note,
    "vietcombank": lambda note, ref: f"MBVCB.{ref}.{note.replace(' ', '.')}.CT tu 0123456789 NGUYEN VAN AN toi",
    "lower_no_spaces": lambda note, ref: note.lower().replace(" ", ""),
    "dashes": lambda note, ref: "-".join(note[i:i + 4] for i in range(0, len(note), 4)),
    "prefixed": lambda note, ref: f"{ref} IBFT {note} GD {ref[-6:]}",
}


def _tlv(text):
    """Split EMVCo data objects into {tag: value}; ValueError when the lengths do not add up."""
    fields, at = {}, 0
    while at < len(text):
        tag, size = text[at:at + 2], int(text[at + 2:at + 4])
        if at + 4 + size > len(text):
            raise ValueError("truncated data object")
        fields[tag] = text[at + 4:at + 4 + size]
        at += 4 + size
    return fields


def parse_vietqr(payload):
    """Read a VietQR payload as a banking app does; return {bin, account, amount, note}; ValueError if invalid."""
    body, crc = payload[:-4], payload[-4:]
    if not body.endswith("6304") or f"{binascii.crc_hqx(body.encode(), 0xFFFF):04X}" != crc.upper():
        raise ValueError("bad CRC")
    root = _tlv(body[:-4])
    merchant = _tlv(root["38"])
    if merchant["00"] != "A000000727" or merchant["02"] != "QRIBFTTA" or root["53"] != "704" or root["58"] != "VN":
        raise ValueError("not a VietQR transfer to an account in VND")
    beneficiary = _tlv(merchant["01"])
    return {"bin": beneficiary["00"], "account": beneficiary["01"],
            "amount": int(root["54"]) if "54" in root else None, "note": _tlv(root.get("62", "")).get("08", "")}


def http_sink(url):
    """A sink that POSTs to a live shop's webhook URL (127.0.0.1) and returns (status, JSON body or None)."""
    def post(headers, data):
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, None
    return post


class SepayEmulator:
    """One bank account linked to SePay: transactions on it become webhook deliveries to `sink`."""

    def __init__(self, account_number="0011001932418", bank_bin="970436", gateway="Vietcombank",
                 api_key="sepay-test-api-key"):
        self.account_number, self.bank_bin, self.gateway, self.api_key = account_number, bank_bin, gateway, api_key
        self.sink = None  # callable(headers, data) -> (status, json) or a response with .status_code / .get_json()
        self.next_id, self.balance = 92704, 0
        self.transactions, self.deliveries, self.failed = [], [], []

    def pay_qr(self, payload, rewrite="as_typed", amount=None):
        """Scan a VietQR payload, transfer its amount (or `amount`) with its note; return the webhook body."""
        qr = parse_vietqr(payload)
        if (qr["bin"], qr["account"]) != (self.bank_bin, self.account_number):
            raise ValueError("the QR code is for another account")
        return self.transfer(qr["note"], qr["amount"] if amount is None else amount, rewrite=rewrite)

    def transfer(self, note, amount, rewrite="as_typed", transfer_type="in", account_number=None, code=None):
        """Record one transaction on the account (its content rewritten by the bank) and deliver its webhook."""
        body = self.transaction(note, amount, rewrite, transfer_type, account_number, code)
        self.deliver(body)
        return body

    def transaction(self, note, amount, rewrite="as_typed", transfer_type="in", account_number=None, code=None):
        """Return the webhook body of a new transaction, as SePay publishes its fields (not delivered yet)."""
        self.next_id += 1
        reference = f"FT{self.next_id:012d}"
        self.balance += amount if transfer_type == "in" else -amount
        content = BANK_REWRITES[rewrite](note, reference)
        body = {
            "id": self.next_id, "gateway": self.gateway,
            "transactionDate": (utc_now() + VIETNAM).strftime("%Y-%m-%d %H:%M:%S"),
            "accountNumber": account_number or self.account_number, "code": code, "content": content,
            "transferType": transfer_type, "transferAmount": amount, "accumulated": self.balance,
            "subAccount": None, "referenceCode": reference, "description": f"BankAPINotify {content}",
        }
        self.transactions.append(body)
        return body

    def headers(self, api_key=None):
        return {"Content-Type": "application/json", "Authorization": f"Apikey {api_key or self.api_key}"}

    def deliver(self, body, api_key=None, headers=None):
        """POST one webhook; a delivery is done on 2xx with {"success": true}, else it waits for retry_failed()."""
        status, answer = self._post(headers or self.headers(api_key), json.dumps(body).encode())
        done = 200 <= status < 300 and isinstance(answer, dict) and answer.get("success") is True
        self.deliveries.append({"id": body.get("id"), "status": status, "success": done})
        if not done:
            self.failed.append((body, 1))
        return status

    def retry_failed(self):
        """Deliver again every webhook that failed (SePay's next retry interval), up to 7 retries each."""
        waiting, self.failed = self.failed, []
        for body, tries in waiting:
            status, answer = self._post(self.headers(), json.dumps(body).encode())
            done = 200 <= status < 300 and isinstance(answer, dict) and answer.get("success") is True
            self.deliveries.append({"id": body.get("id"), "status": status, "success": done})
            if not done and tries < MAX_RETRIES:
                self.failed.append((body, tries + 1))

    def _post(self, headers, data):
        answer = self.sink(headers, data)
        if isinstance(answer, tuple):
            return answer
        return answer.status_code, answer.get_json(silent=True)
