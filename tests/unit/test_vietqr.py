"""The VietQR payload the shop makes: published examples, the CRC, a round trip through two parsers."""
import pytest

from shop.services.payments.bank_notifications import folded, named_numbers
from shop.services.payments.vietqr import (
    InvalidPayload,
    TransferQR,
    build_payload,
    crc16_ccitt,
    parse_payload,
    transfer_note,
)
from tests.sepay_emulator import BANK_REWRITES, parse_vietqr

# Published VietQR strings (BIN, account, amount, note → payload), each from a library's README or tests.
PUBLISHED = [
    # subiz/vietqr README: 120,000 VND to VietinBank 0011001932418, "ủng hộ lũ lụt"
    ("970415", "0011001932418", 120000, "ủng hộ lũ lụt",
     "00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN"
     "62170813ung ho lu lut6304C15C"),
    # a static code (no amount) for TPBank 0123456789
    ("970423", "0123456789", None, "",
     "00020101021138540010A00000072701240006970423011001234567890208QRIBFTTA53037045802VN6304F64B"),
    # Techcombank 888812345678, static
    ("970407", "888812345678", None, "",
     "00020101021138560010A0000007270126000697040701128888123456780208QRIBFTTA53037045802VN63042249"),
    # ACB 13579 with 120,000 VND
    ("970416", "13579", 120000, "",
     "00020101021238490010A000000727011900069704160105135790208QRIBFTTA530370454061200005802VN63049A71"),
]


def test_the_crc_is_ccitt_false():
    assert crc16_ccitt("123456789") == "29B1"  # the catalogue's check value of CRC-16/CCITT-FALSE


@pytest.mark.parametrize(("bank_bin", "account", "amount", "note", "expected"), PUBLISHED)
def test_the_payload_equals_published_examples(bank_bin, account, amount, note, expected):
    assert build_payload(TransferQR(bank_bin, account, amount, note)) == expected


def test_the_tags_are_laid_out_as_napas_asks():
    payload = build_payload(TransferQR("970436", "0011001932418", 185000, transfer_note("QN7KX2M9PA")))
    assert payload.startswith("000201" "010212" "3857" "0010A000000727" "0127" "0006970436" "01130011001932418"
                              "0208QRIBFTTA")
    assert "5303704" "5406185000" "5802VN" "6219" "0815OCOP QN7KX2M9PA" "6304" in payload
    assert payload[-4:] == crc16_ccitt(payload[:-4])


@pytest.mark.parametrize("amount", [1, 85_000, 2_147_483_647, None])
def test_a_payload_reads_back_the_same_in_the_shops_parser_and_a_banking_apps(amount):
    qr = TransferQR("970436", "0011001932418", amount, "OCOP QN7KX2M9PA")
    payload = build_payload(qr)
    assert parse_payload(payload) == qr
    assert parse_vietqr(payload) == {"bin": "970436", "account": "0011001932418", "amount": amount,
                                     "note": "OCOP QN7KX2M9PA"}


def test_a_changed_character_or_a_bad_layout_is_refused():
    payload = build_payload(TransferQR("970436", "0011001932418", 185000, "OCOP QN7KX2M9PA"))
    with pytest.raises(InvalidPayload):
        parse_payload(payload.replace("185000", "186000"))
    # the NAPAS guide's sample declares a 12-character account but carries 13 (its CRC still matches)
    with pytest.raises(InvalidPayload):
        parse_payload("00020101021138570010A00000072701270006970403011200110123456780208QRIBFTTA53037045802VN6304F4E5")


def test_a_note_is_ascii_and_at_most_25_characters():
    payload = build_payload(TransferQR("970436", "1", 1000, "Đơn hàng của bà Nguyễn Thị Hằng ở Hạ Long"))
    assert parse_payload(payload).note == "Don hang cua ba Nguyen Th"


def test_wrong_settings_are_refused_before_a_code_is_drawn():
    with pytest.raises(ValueError):
        build_payload(TransferQR("97043", "0011001932418", 1000))
    with pytest.raises(ValueError):
        build_payload(TransferQR("970436", "0011-0019", 1000))


@pytest.mark.parametrize("rewrite", sorted(BANK_REWRITES))
def test_the_order_number_survives_what_banks_do_to_the_note(rewrite):
    note = transfer_note("QN7KX2M9PA")
    assert named_numbers(BANK_REWRITES[rewrite](note, "FT000000092705")) == ["QN7KX2M9PA"]


def test_numbers_are_found_in_any_case_and_spacing_each_once():
    assert folded("ocop qn7k x2m9-pa.") == "OCOPQN7KX2M9PA"
    assert named_numbers("QN7KX2M9PA và qn7kx2m9pa", "QN23456789") == ["QN7KX2M9PA", "QN23456789"]
    assert named_numbers("chuyen tien an trua") == [] and named_numbers(None) == []
