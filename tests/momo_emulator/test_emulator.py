"""The MoMo emulator driven by the shop's own MoMo client, as the shop drives MoMo."""
import hashlib
import hmac
import json
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from shop.errors import PaymentError
from shop.services.payments import momo


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield


@pytest.fixture
def settings(momo_emulator):
    return momo.MomoSettings(momo_emulator.partner_code, momo_emulator.access_key, momo_emulator.secret_key,
                             momo_emulator.base_url)


def payment(**changes):
    values = {"order_id": "OCOP-1042-M1", "amount": 215000, "order_info": "Thanh toán đơn hàng OCOP-1042",
              "redirect_url": "http://127.0.0.1:5000/checkout/momo/return", "ipn_url": "http://127.0.0.1:9/webhooks/momo",
              "lang": "vi"}
    values.update(changes)
    return values


def test_the_create_signature_is_over_the_documented_fields_in_order():
    settings = momo.MomoSettings("MOMOX", "acc", "sec")
    body = {"amount": 1000, "extraData": "", "ipnUrl": "https://s/i", "orderId": "O1", "orderInfo": "Đơn",
            "partnerCode": "MOMOX", "redirectUrl": "https://s/r", "requestId": "R1", "requestType": "captureWallet"}
    raw = ("accessKey=acc&amount=1000&extraData=&ipnUrl=https://s/i&orderId=O1&orderInfo=Đơn&partnerCode=MOMOX"
           "&redirectUrl=https://s/r&requestId=R1&requestType=captureWallet")
    assert momo.raw_signature(momo.CREATE_FIELDS, body, "acc") == raw
    expected = hmac.new(b"sec", raw.encode(), hashlib.sha256).hexdigest()
    assert momo.signature(settings, momo.CREATE_FIELDS, body) == expected


def test_create_answers_a_pay_url_and_the_page_pays(ctx, settings, momo_emulator):
    answer = momo.create_payment(settings, payment())
    assert answer["resultCode"] == 0 and answer["payUrl"].startswith(momo_emulator.base_url + "/v2/gateway/pay?t=")
    sent = momo_emulator.store.api_calls[0][1]
    assert sent["requestType"] == "captureWallet" and sent["amount"] == 215000 and "accessKey" not in sent
    received = []
    momo_emulator.ipn_sink = lambda data: received.append(json.loads(data)) or 204
    assert "215.000đ" in requests.get(answer["payUrl"], timeout=5).text
    redirect = requests.post(answer["payUrl"], data={"action": "pay"}, allow_redirects=False, timeout=5)
    assert redirect.status_code == 302
    location = redirect.headers["Location"]
    assert location.startswith("http://127.0.0.1:5000/checkout/momo/return?")
    returned = dict(parse_qsl(urlsplit(location).query, keep_blank_values=True))
    assert returned["resultCode"] == "0" and returned["orderId"] == "OCOP-1042-M1"
    assert momo.notification_is_valid(settings, returned)
    ipn = received[0]
    assert ipn["resultCode"] == 0 and ipn["amount"] == 215000 and isinstance(ipn["transId"], int)
    assert momo.notification_is_valid(settings, ipn)
    assert momo_emulator.deliveries == [{"orderId": "OCOP-1042-M1", "status": 204}]


def test_a_changed_or_foreign_notification_is_not_valid(ctx, settings, momo_emulator):
    momo_emulator.auto_ipn = False
    momo_emulator.pay(momo.create_payment(settings, payment())["payUrl"])
    body = momo_emulator.ipn_body("OCOP-1042-M1")
    assert momo.notification_is_valid(settings, body)
    assert not momo.notification_is_valid(settings, {**body, "amount": 1000})
    assert not momo.notification_is_valid(settings, {**body, "signature": None})
    other = momo.MomoSettings("MOMOOTHER", settings.access_key, settings.secret_key)
    assert not momo.notification_is_valid(other, body)
    assert not momo.notification_is_valid(settings, momo_emulator.ipn_body("OCOP-1042-M1", partnerCode="MOMOOTHER"))


def test_create_refuses_a_wrong_key_a_small_amount_and_a_reused_order_id(ctx, settings, momo_emulator):
    wrong = momo.MomoSettings(settings.partner_code, settings.access_key, "not-the-secret", settings.api_base)
    assert momo.create_payment(wrong, payment())["resultCode"] == 13
    assert momo.create_payment(settings, payment(amount=999))["resultCode"] == 22
    assert momo.create_payment(settings, payment())["resultCode"] == 0
    assert momo.create_payment(settings, payment())["resultCode"] == 41
    assert len(momo_emulator.payments) == 1


def test_query_tells_waiting_paid_denied_and_unknown(ctx, settings, momo_emulator):
    assert momo.query_payment(settings, "OCOP-1042-M1")["resultCode"] == 42
    pay_url = momo.create_payment(settings, payment())["payUrl"]
    assert momo.query_payment(settings, "OCOP-1042-M1")["resultCode"] == 1000
    momo_emulator.pay(pay_url)
    paid = momo.query_payment(settings, "OCOP-1042-M1")
    assert paid["resultCode"] == 0 and paid["amount"] == 215000
    assert paid["transId"] == momo_emulator.payments["OCOP-1042-M1"]["transId"]
    momo_emulator.deny(momo.create_payment(settings, payment(order_id="OCOP-1042-M2"))["payUrl"])
    assert momo.query_payment(settings, "OCOP-1042-M2")["resultCode"] == 1006


def test_refunds_up_to_the_amount_paid(ctx, settings, momo_emulator):
    momo_emulator.pay(momo.create_payment(settings, payment())["payUrl"])
    trans_id = momo_emulator.payments["OCOP-1042-M1"]["transId"]
    refund = {"order_id": "OCOP-1042-R1", "trans_id": trans_id, "amount": 15000, "description": "Hoàn tiền"}
    assert momo.refund_payment(settings, refund)["resultCode"] == 0
    assert momo.refund_payment(settings, {**refund, "order_id": "OCOP-1042-R2", "amount": 200001})["resultCode"] == 1081
    assert momo.refund_payment(settings, {**refund, "order_id": "OCOP-1042-R1"})["resultCode"] == 41
    assert momo.refund_payment(settings, {**refund, "order_id": "OCOP-1042-R3", "trans_id": 1})["resultCode"] == 42
    assert [r["amount"] for r in momo_emulator.refunds] == [15000]
    assert momo.query_payment(settings, "OCOP-1042-M1")["refundTrans"][0]["amount"] == 15000


def test_an_unreachable_momo_is_a_payment_error(ctx, settings):
    closed = momo.MomoSettings(settings.partner_code, settings.access_key, settings.secret_key, "http://127.0.0.1:9")
    with pytest.raises(PaymentError):
        momo.query_payment(closed, "OCOP-1042-M1")
