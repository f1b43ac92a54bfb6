"""VietQR: the EMVCo/NAPAS payload of a bank-transfer QR code, made by the shop, and the transfer note.

The payload is a string of data objects, each `ID` (2 digits) + `length` (2 digits) + `value`, as
EMVCo's merchant-presented QR specification lays them out and NAPAS's VietQR profile fills them:

    00 "01"                       payload format indicator
    01 "12"                       point of initiation: 12 with an amount (one payment), 11 without
    38 [00 "A000000727"           NAPAS's GUID
        01 [00 BIN  01 account]   the beneficiary: the bank's NAPAS BIN and the account number
        02 "QRIBFTTA"]            the service: inter-bank fund transfer 24/7 to an account
    53 "704"                      currency: VND (ISO 4217)
    54 amount                     whole đồng, digits only
    58 "VN"                       country
    62 [08 note]                  additional data: the purpose of the transaction (the transfer note)
    63 CRC                        CRC-16/CCITT-FALSE of everything before it, "6304" included, 4 hex digits

`parse_payload` reads a payload back (what a banking app does when it scans the code) and checks its
CRC, so the tests can go round the loop.
"""
import re
import unicodedata
from dataclasses import dataclass

NAPAS_GUID = "A000000727"
SERVICE_TO_ACCOUNT = "QRIBFTTA"
CURRENCY_VND = "704"
COUNTRY_VN = "VN"
NOTE_PREFIX = "OCOP"
MAX_NOTE = 25  # tag 62-08 holds at most 25 characters

# NAPAS BINs of the banks most accounts in Quảng Ninh are held at (the bank's name on the order page).
BANK_NAMES = {
    "970436": "Vietcombank", "970415": "VietinBank", "970418": "BIDV", "970405": "Agribank",
    "970422": "MB Bank", "970407": "Techcombank", "970416": "ACB", "970432": "VPBank", "970423": "TPBank",
    "970403": "Sacombank", "970441": "VIB", "970443": "SHB", "970431": "Eximbank", "970448": "OCB",
    "970437": "HDBank", "970426": "MSB", "970454": "Viet Capital Bank", "970440": "SeABank",
}


class InvalidPayload(ValueError):
    """A string that is not a well-formed VietQR payload (bad layout or CRC)."""


@dataclass(frozen=True)
class TransferQR:
    """What a VietQR code asks a banking app to do: pay `amount` VND to an account with a note."""

    bank_bin: str
    account_number: str
    amount: int | None = None
    note: str = ""


def crc16_ccitt(text):
    """Return the CRC-16/CCITT-FALSE (polynomial 0x1021, initial 0xFFFF) of `text`'s bytes as 4 hex digits."""
    crc = 0xFFFF
    for byte in text.encode("utf-8"):
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def _field(tag, value):
    if len(value) > 99:
        raise ValueError(f"tag {tag} is longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def ascii_text(text):
    """Return `text` without diacritics (đ as d) and with only the characters a bank note keeps."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    return re.sub(r"[^A-Za-z0-9 ]+", " ", folded).strip()


def build_payload(qr):
    """Return the EMVCo/NAPAS payload of a TransferQR (the string the QR code carries)."""
    if not re.fullmatch(r"\d{6}", qr.bank_bin or ""):
        raise ValueError("a NAPAS BIN has six digits")
    if not re.fullmatch(r"[A-Za-z0-9]{1,19}", qr.account_number or ""):
        raise ValueError("an account number has 1 to 19 letters or digits")
    beneficiary = _field("00", qr.bank_bin) + _field("01", qr.account_number)
    merchant = _field("00", NAPAS_GUID) + _field("01", beneficiary) + _field("02", SERVICE_TO_ACCOUNT)
    parts = [_field("00", "01"), _field("01", "12" if qr.amount else "11"), _field("38", merchant),
             _field("53", CURRENCY_VND)]
    if qr.amount:
        parts.append(_field("54", str(int(qr.amount))))
    parts.append(_field("58", COUNTRY_VN))
    note = ascii_text(qr.note)[:MAX_NOTE]
    if note:
        parts.append(_field("62", _field("08", note)))
    body = "".join(parts) + "6304"
    return body + crc16_ccitt(body)


def read_fields(text):
    """Split a run of data objects into {tag: value}; InvalidPayload when the lengths do not add up."""
    fields, at = {}, 0
    while at < len(text):
        tag, length = text[at:at + 2], text[at + 2:at + 4]
        if not (tag.isdigit() and length.isdigit()) or at + 4 + int(length) > len(text):
            raise InvalidPayload(f"bad data object at {at}")
        fields[tag] = text[at + 4:at + 4 + int(length)]
        at += 4 + int(length)
    return fields


def parse_payload(payload):
    """Read a VietQR payload back into a TransferQR, checking its layout and its CRC (tag 63)."""
    if len(payload) < 8 or payload[-8:-4] != "6304" or crc16_ccitt(payload[:-4]) != payload[-4:].upper():
        raise InvalidPayload("the CRC does not match")
    fields = read_fields(payload[:-8])
    merchant = read_fields(fields.get("38", ""))
    if fields.get("00") != "01" or merchant.get("00") != NAPAS_GUID or fields.get("53") != CURRENCY_VND:
        raise InvalidPayload("not a VietQR payload in VND")
    if merchant.get("02") != SERVICE_TO_ACCOUNT:
        raise InvalidPayload("not a transfer to an account")
    beneficiary = read_fields(merchant.get("01", ""))
    amount = fields.get("54")
    return TransferQR(bank_bin=beneficiary.get("00", ""), account_number=beneficiary.get("01", ""),
                      amount=int(amount) if amount else None, note=read_fields(fields.get("62", "")).get("08", ""))


def transfer_note(order_number):
    """Return the note a customer's transfer carries: the shop's word and the order number, letters and digits."""
    return f"{NOTE_PREFIX} {order_number}"


def bank_name(bank_bin):
    """Return the bank's usual name for a NAPAS BIN, or the BIN itself when the shop does not know it."""
    return BANK_NAMES.get(bank_bin, bank_bin)
