"""The VNPay emulator driven by the shop's own VNPay client, as the shop drives VNPay."""
import hashlib
import hmac
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from shop.errors import PaymentError
from shop.services.localtime import utc_now
from shop.services.payments import vnpay

NOW = datetime(2026, 3, 14, 2, 30, 0)  # naive UTC: 09:30 in Vietnam


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def settings(vnpay_emulator):
    return vnpay.VnpaySettings(vnpay_emulator.tmn_code, vnpay_emulator.hash_secret,
                               vnpay_emulator.payment_url, vnpay_emulator.api_url)


def attempt(**changes):
    now = utc_now().replace(microsecond=0)
    payment = {"txn_ref": "OCOP1042A1", "amount": 215000, "order_info": "Thanh toan don hang OCOP-1042",
               "locale": "vn", "return_url": "http://127.0.0.1:5000/checkout/vnpay/return", "ip_address": "10.0.0.7",
               "created_at": now, "expires_at": now + timedelta(minutes=30)}
    payment.update(changes)
    return payment


def query_of(url):
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def test_the_hash_is_hmac_sha512_over_sorted_quote_plus_encoded_parameters():
    params = {"vnp_TxnRef": "A 1", "vnp_Amount": "100", "vnp_ReturnUrl": "https://shop.vn/r?x=1",
              "vnp_SecureHash": "ignored", "other": "ignored"}
    data = "vnp_Amount=100&vnp_ReturnUrl=https%3A%2F%2Fshop.vn%2Fr%3Fx%3D1&vnp_TxnRef=A+1"
    assert vnpay.secure_hash(params, "s3cret") == hmac.new(b"s3cret", data.encode(), hashlib.sha512).hexdigest()


def test_times_are_written_in_vietnam_time():
    assert vnpay.vnp_time(NOW) == "20260314093000"


def test_the_payment_address_carries_every_parameter_and_opens_the_page(ctx, settings, vnpay_emulator):
    address = vnpay.payment_address(settings, attempt())
    params = query_of(address)
    assert address.startswith(vnpay_emulator.payment_url + "?")
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_Amount"] == "21500000" and params["vnp_CurrCode"] == "VND"
    assert params["vnp_TmnCode"] == vnpay_emulator.tmn_code and params["vnp_Locale"] == "vn"
    assert {"vnp_OrderType", "vnp_IpAddr", "vnp_CreateDate", "vnp_ExpireDate", "vnp_ReturnUrl"} <= set(params)
    page = requests.get(address, timeout=5)
    assert page.status_code == 200 and "215.000 VND" in page.text
    assert vnpay_emulator.payments["OCOP1042A1"]["status"] == "01"


@pytest.mark.parametrize("change", [{"vnp_Amount": "100"}, {"vnp_SecureHash": "0" * 128}])
def test_the_payment_page_refuses_a_tampered_address(ctx, settings, vnpay_emulator, change):
    params = {**query_of(vnpay.payment_address(settings, attempt())), **change}
    page = requests.get(vnpay_emulator.payment_url, params=params, timeout=5)
    assert page.status_code == 400 and "97" in page.text
    assert vnpay_emulator.payments == {}


def test_the_payment_page_refuses_another_secret_or_merchant(ctx, settings, vnpay_emulator):
    wrong_secret = vnpay.VnpaySettings(settings.tmn_code, "not-the-secret", settings.payment_url, settings.api_url)
    assert requests.get(vnpay.payment_address(wrong_secret, attempt()), timeout=5).status_code == 400
    other = vnpay.VnpaySettings("OTHER001", settings.hash_secret, settings.payment_url, settings.api_url)
    page = requests.get(vnpay.payment_address(other, attempt()), timeout=5)
    assert page.status_code == 400 and "02" in page.text


def test_paying_on_the_page_sends_the_ipn_then_returns_signed_parameters(ctx, settings, vnpay_emulator):
    received = []
    vnpay_emulator.ipn_sink = lambda query: received.append(query) or {"RspCode": "00", "Message": "Confirm Success"}
    requests.get(vnpay.payment_address(settings, attempt()), timeout=5)
    answer = requests.post(vnpay_emulator.payment_url, data={"vnp_TxnRef": "OCOP1042A1", "action": "pay"},
                           allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    returned = query_of(answer.headers["Location"])
    assert answer.headers["Location"].startswith("http://127.0.0.1:5000/checkout/vnpay/return?")
    assert returned["vnp_ResponseCode"] == "00" and returned["vnp_TransactionStatus"] == "00"
    assert returned["vnp_Amount"] == "21500000" and returned["vnp_TransactionNo"]
    assert vnpay.signature_is_valid(returned, settings.hash_secret)
    assert vnpay.signature_is_valid(dict(parse_qsl(received[0])), settings.hash_secret)
    assert vnpay_emulator.deliveries == [{"vnp_TxnRef": "OCOP1042A1", "answer": {"RspCode": "00",
                                                                                 "Message": "Confirm Success"}}]


def test_a_changed_return_parameter_breaks_the_signature(ctx, settings, vnpay_emulator):
    returned = query_of(vnpay_emulator.pay(vnpay.payment_address(settings, attempt())))
    assert not vnpay.signature_is_valid({**returned, "vnp_Amount": "100"}, settings.hash_secret)
    assert not vnpay.signature_is_valid(returned, "another secret")
    assert not vnpay.signature_is_valid({k: v for k, v in returned.items() if k != "vnp_SecureHash"},
                                        settings.hash_secret)


def test_cancelling_returns_code_24_and_paying_late_times_out(ctx, settings, vnpay_emulator):
    cancelled = query_of(vnpay_emulator.cancel(vnpay.payment_address(settings, attempt())))
    assert cancelled["vnp_ResponseCode"] == "24" and cancelled["vnp_TransactionStatus"] == "02"
    late = attempt(txn_ref="OCOP1042A2")
    payment = vnpay_emulator.open(vnpay.payment_address(settings, late))
    after = payment["expires"] + timedelta(seconds=1)
    assert query_of(vnpay_emulator.finish("OCOP1042A2", "paid", now=after))["vnp_ResponseCode"] == "11"


def test_querydr_tells_pending_paid_and_unknown(ctx, settings, vnpay_emulator):
    payment = attempt()
    created = vnpay.vnp_time(payment["created_at"])
    assert vnpay.query_transaction(settings, "OCOP1042A1", created, "10.0.0.7", NOW)["vnp_ResponseCode"] == "91"
    address = vnpay.payment_address(settings, payment)
    vnpay_emulator.open(address)
    pending = vnpay.query_transaction(settings, "OCOP1042A1", created, "10.0.0.7", NOW)
    assert (pending["vnp_ResponseCode"], pending["vnp_TransactionStatus"]) == ("00", "01")
    vnpay_emulator.finish("OCOP1042A1")
    paid = vnpay.query_transaction(settings, "OCOP1042A1", created, "10.0.0.7", NOW)
    assert (paid["vnp_ResponseCode"], paid["vnp_TransactionStatus"], paid["vnp_Amount"]) == ("00", "00", "21500000")
    assert paid["vnp_TransactionNo"] == vnpay_emulator.payments["OCOP1042A1"]["transaction_no"]
    call = vnpay_emulator.store.api_calls[-1]
    assert call["vnp_Command"] == "querydr" and call["vnp_TransactionDate"] == created


def test_an_api_answer_not_signed_with_the_secret_is_refused(ctx, settings, vnpay_emulator):
    payment = attempt()
    vnpay_emulator.open(vnpay.payment_address(settings, payment))
    vnpay_emulator.store.answer_secret = "an impostor's secret"
    with pytest.raises(PaymentError):
        vnpay.query_transaction(settings, "OCOP1042A1", vnpay.vnp_time(payment["created_at"]), "10.0.0.7", NOW)


def test_a_request_with_a_wrong_checksum_is_answered_97(ctx, settings, vnpay_emulator):
    wrong = vnpay.VnpaySettings(settings.tmn_code, "wrong", settings.payment_url, settings.api_url)
    assert vnpay.query_transaction(wrong, "X", "20260314093000", "10.0.0.7", NOW)["vnp_ResponseCode"] == "97"


def refund_of(payment, vnpay_emulator, **changes):
    refund = {"txn_ref": payment["txn_ref"], "amount": payment["amount"], "full": True,
              "transaction_no": vnpay_emulator.payments[payment["txn_ref"]]["transaction_no"],
              "transaction_date": vnpay.vnp_time(payment["created_at"]), "created_by": "admin@example.com",
              "ip_address": "10.0.0.7", "order_info": "Hoan tien don hang OCOP-1042"}
    refund.update(changes)
    return refund


def test_refunds_full_partial_and_refused(ctx, settings, vnpay_emulator):
    payment = attempt()
    vnpay_emulator.pay(vnpay.payment_address(settings, payment))
    part = vnpay.refund_transaction(settings, refund_of(payment, vnpay_emulator, amount=15000, full=False), NOW)
    assert part["vnp_ResponseCode"] == "00" and part["vnp_Amount"] == "1500000"
    assert vnpay_emulator.refunds[0]["vnp_TransactionType"] == "03"
    too_much = vnpay.refund_transaction(settings, refund_of(payment, vnpay_emulator, amount=200001, full=False), NOW)
    assert too_much["vnp_ResponseCode"] == "93"
    rest = vnpay.refund_transaction(settings, refund_of(payment, vnpay_emulator, amount=200000, full=False), NOW)
    assert rest["vnp_ResponseCode"] == "00"
    assert sum(refund["vnp_Amount"] for refund in vnpay_emulator.refunds) == 21500000
    status = vnpay.query_transaction(settings, "OCOP1042A1", vnpay.vnp_time(payment["created_at"]), "10.0.0.7", NOW)
    assert status["vnp_TransactionStatus"] == "05"


def test_an_unpaid_payment_cannot_be_refunded(ctx, settings, vnpay_emulator):
    payment = attempt()
    vnpay_emulator.cancel(vnpay.payment_address(settings, payment))
    assert vnpay.refund_transaction(settings, refund_of(payment, vnpay_emulator), NOW)["vnp_ResponseCode"] == "95"
    assert vnpay_emulator.refunds == []


def test_a_repeated_request_id_is_answered_94(ctx, settings, vnpay_emulator):
    payment = attempt()
    vnpay_emulator.pay(vnpay.payment_address(settings, payment))
    vnpay.refund_transaction(settings, refund_of(payment, vnpay_emulator, amount=1000, full=False), NOW)
    replay = dict(vnpay_emulator.store.api_calls[-1])
    assert requests.post(vnpay_emulator.api_url, json=replay, timeout=5).json()["vnp_ResponseCode"] == "94"
    assert len(vnpay_emulator.refunds) == 1


def test_an_unreachable_vnpay_is_a_payment_error(ctx, settings):
    closed = vnpay.VnpaySettings(settings.tmn_code, settings.hash_secret, settings.payment_url,
                                 "http://127.0.0.1:9/merchant_webapi/api/transaction")
    with pytest.raises(PaymentError):
        vnpay.query_transaction(closed, "X", "20260314093000", "10.0.0.7", NOW)
