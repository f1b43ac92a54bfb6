"""MoMo end to end against its emulator: create → payUrl, the IPN (400/204), the return page, a refusal."""
import json

from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import OrderEvent
from shop.models.statuses import AttemptStatus, OrderStatus, PaymentMethod
from shop.services.payments import momo
from tests.wallet_helpers import PRICE, attempts_of, follow, notifications, place, query_of


def created_request(emulator):
    return next(body for kind, body in emulator.store.api_calls if kind == "create")


def test_checkout_creates_a_signed_payment_and_redirects_to_its_pay_url(client, db, momo_shop, product):
    response, order = place(client, product, "momo", quantity=2)
    assert response.status_code in (302, 303)
    assert response.headers["Location"].startswith(momo_shop.base_url + "/v2/gateway/pay?t=")
    sent = created_request(momo_shop)
    attempt = attempts_of(order)[0]
    assert sent["orderId"] == attempt.reference and sent["amount"] == order.total == 2 * PRICE
    assert sent["requestType"] == "captureWallet" and sent["lang"] == "vi"
    assert sent["partnerCode"] == momo_shop.partner_code
    assert sent["ipnUrl"].endswith("/webhooks/momo") and sent["redirectUrl"].endswith("/checkout/momo/return")
    assert order.number in sent["orderInfo"]
    assert order.payment_method == PaymentMethod.MOMO and order.status == OrderStatus.PENDING_PAYMENT


def test_the_ipn_pays_once_and_the_return_shows_the_order(client, db, momo_shop, product):
    response, order = place(client, product, "momo")
    back = momo_shop.pay(response.headers["Location"])
    assert momo_shop.deliveries == [{"orderId": attempts_of(order)[0].reference, "status": 204}]
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    attempt = attempts_of(order)[0]
    assert attempt.state == AttemptStatus.SUCCEEDED and attempt.provider_transaction_id == query_of(back)["transId"]
    assert momo_shop.deliver_ipn(attempt.reference) == 204  # redelivered: received, nothing more
    paid = db.session.scalars(select(OrderEvent).where(OrderEvent.order_id == order.id,
                                                       OrderEvent.to_status == OrderStatus.PAID)).all()
    assert len(paid) == 1 and len(notifications(PaymentMethod.MOMO)) == 1
    page = follow(client, back)
    assert page.status_code == 302 and f"/orders/{order.number}" in page.headers["Location"]


def test_the_return_before_the_ipn_never_pays(client, db, momo_shop, product):
    momo_shop.auto_ipn = False
    response, order = place(client, product, "momo")
    back = momo_shop.pay(response.headers["Location"])
    assert f"/orders/{order.number}" in follow(client, back).headers["Location"]
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert momo_shop.deliver_ipn(attempts_of(order)[0].reference) == 204
    db.session.expire_all()
    assert order.status == OrderStatus.PAID


def test_a_bad_signature_another_partner_or_a_malformed_body_is_400_and_changes_nothing(client, db, momo_shop,
                                                                                         product):
    momo_shop.auto_ipn = False
    response, order = place(client, product, "momo")
    momo_shop.pay(response.headers["Location"])
    reference = attempts_of(order)[0].reference
    body = momo_shop.ipn_body(reference)
    post = lambda data: client.post("/webhooks/momo", data=data, content_type="application/json")  # noqa: E731
    assert post(json.dumps({**body, "amount": 1000})).status_code == 400
    assert post(json.dumps(momo_shop.ipn_body(reference, partnerCode="MOMOOTHER"))).status_code == 400
    assert post(b"not json").status_code == 400
    assert post(json.dumps({k: v for k, v in body.items() if k != "signature"})).status_code == 400
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and notifications(PaymentMethod.MOMO) == []


def test_a_refused_payment_is_recorded_and_the_order_waits(client, db, momo_shop, product):
    response, order = place(client, product, "momo")
    momo_shop.deny(response.headers["Location"])
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.FAILED


def test_a_wrong_amount_is_received_but_does_not_pay(client, db, momo_shop, product):
    momo_shop.auto_ipn = False
    response, order = place(client, product, "momo")
    momo_shop.pay(response.headers["Location"])
    reference = attempts_of(order)[0].reference
    assert momo_shop.deliver_ipn(reference, momo_shop.ipn_body(reference, amount=1000)) == 204
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.PENDING


def test_when_momo_refuses_to_create_the_customer_is_told_and_the_order_waits(app, client, db, momo_shop, product,
                                                                              monkeypatch, english):
    monkeypatch.setitem(app.config, "MOMO_SECRET_KEY", "not-the-secret")
    response, order = place(client, product, "momo")
    assert response.status_code == 302 and f"/orders/{order.number}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "MoMo could not start the payment" in page
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.FAILED
    assert momo_shop.payments == {}


def test_a_forged_return_changes_nothing(client, db, momo_shop, product):
    response, order = place(client, product, "momo")
    reference = attempts_of(order)[0].reference
    page = client.get(f"/checkout/momo/return?orderId={reference}&resultCode=0&signature=00")
    assert page.status_code == 302 and "/cart" in page.headers["Location"]
    _db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_the_notification_check_uses_the_ipn_field_order(momo_shop, app):
    settings = momo.MomoSettings(momo_shop.partner_code, momo_shop.access_key, momo_shop.secret_key)
    fields = {"partnerCode": momo_shop.partner_code, "orderId": "A1", "requestId": "R", "amount": 1000,
              "orderInfo": "x", "orderType": "momo_wallet", "transId": 1, "resultCode": 0, "message": "ok",
              "payType": "qr", "responseTime": 1, "extraData": ""}
    raw = momo.raw_signature(momo.IPN_FIELDS, fields, momo_shop.access_key)
    assert raw.startswith(f"accessKey={momo_shop.access_key}&amount=1000&extraData=&message=ok&orderId=A1&")
    assert raw.endswith("&resultCode=0&transId=1")
    signed = {**fields, "signature": momo.signature(settings, momo.IPN_FIELDS, fields)}
    assert momo.notification_is_valid(settings, signed)


def test_a_connection_dropped_before_momo_answers_is_asked_again_once(client, db, momo_shop, product):
    momo_shop.drop_connections(1)
    response, order = place(client, product, "momo")
    assert response.headers["Location"].startswith(momo_shop.base_url + "/v2/gateway/pay?t=")
    assert [kind for kind, _body in momo_shop.store.api_calls] == ["create"]
    assert list(momo_shop.payments) == [attempts_of(order)[0].reference]
    assert momo.notification_is_valid(momo.MomoSettings.from_config(), momo_shop.ipn_body(attempts_of(order)[0]
                                                                                          .reference))


def test_momo_dropping_every_connection_leaves_the_order_waiting_and_the_customer_told(client, db, momo_shop,
                                                                                         product, english):
    momo_shop.drop_connections(2)
    response, order = place(client, product, "momo")
    assert f"/orders/{order.number}" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "MoMo cannot be reached right now" in page
    assert momo_shop.payments == {} and momo_shop.connections_to_drop == 0
    # unanswered, not refused: the attempt waits for the reconciliation to ask MoMo what became of it
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.PENDING
