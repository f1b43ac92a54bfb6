"""VNPay end to end against its emulator: the redirect, the IPN's answers, the return page, late and racing IPNs."""
from datetime import timedelta

from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import AuditEvent, OrderEvent, Product, utcnow
from shop.models.statuses import AttemptStatus, OrderStatus, PaymentMethod
from shop.services.orders.access import order_token
from shop.services.payments import vnpay
from shop.services.payments.expiry import expire_overdue_orders
from tests.wallet_helpers import PRICE, STOCK, attempts_of, follow, notifications, place, query_of


def test_checkout_redirects_to_vnpay_with_every_parameter(client, db, vnpay_shop, product):
    response, order = place(client, product, "vnpay", quantity=2)
    assert response.status_code in (302, 303)
    location = response.headers["Location"]
    assert location.startswith(vnpay_shop.payment_url + "?")
    params = query_of(location)
    attempt = attempts_of(order)[0]
    assert order.payment_method == PaymentMethod.VNPAY and order.status == OrderStatus.PENDING_PAYMENT
    assert params["vnp_Amount"] == str(order.total * 100) and order.total == 2 * PRICE
    assert params["vnp_TxnRef"] == attempt.reference and attempt.state == AttemptStatus.PENDING
    assert params["vnp_ExpireDate"] == vnpay.vnp_time(order.reservation_expires_at)
    assert params["vnp_CreateDate"] == vnpay.vnp_time(attempt.created_at)
    assert params["vnp_Locale"] == "vn" and params["vnp_CurrCode"] == "VND" and params["vnp_Version"] == "2.1.0"
    assert params["vnp_ReturnUrl"].endswith("/checkout/vnpay/return")
    assert params["vnp_OrderInfo"] == f"Thanh toan don hang {order.number}"
    assert vnpay.signature_is_valid(params, vnpay_shop.hash_secret)
    assert vnpay_shop.open(location)["vnp_TmnCode"] == vnpay_shop.tmn_code  # the page accepts it


def test_an_english_customer_gets_the_english_payment_page(client, db, vnpay_shop, product, english):
    response, _order = place(client, product, "vnpay")
    assert query_of(response.headers["Location"])["vnp_Locale"] == "en"


def test_the_ipn_pays_the_order_and_the_return_shows_it(client, db, vnpay_shop, product):
    response, order = place(client, product, "vnpay")
    back = vnpay_shop.pay(response.headers["Location"])
    assert vnpay_shop.deliveries[0]["answer"] == {"RspCode": "00", "Message": "Confirm Success"}
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and order.paid_at is not None
    assert attempts_of(order)[0].state == AttemptStatus.SUCCEEDED
    assert attempts_of(order)[0].provider_transaction_id == query_of(back)["vnp_TransactionNo"]
    page = follow(client, back)
    assert page.status_code == 302 and f"/orders/{order.number}" in page.headers["Location"]
    assert len(notifications(PaymentMethod.VNPAY)) == 1


def test_the_return_before_the_ipn_never_pays(client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    back = vnpay_shop.pay(response.headers["Location"])
    page = follow(client, back)
    assert page.status_code == 302 and f"/orders/{order.number}" in page.headers["Location"]
    assert "paying=1" in page.headers["Location"]
    waiting = client.get(page.headers["Location"]).get_data(as_text=True)
    assert "data-poll=" in waiting and "đang chờ VNPay" in waiting
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert vnpay_shop.deliver_ipn(query_of(back)["vnp_TxnRef"])["RspCode"] == "00"
    db.session.expire_all()
    assert order.status == OrderStatus.PAID


def test_a_redelivered_ipn_is_answered_02_and_pays_once(client, db, vnpay_shop, product):
    response, order = place(client, product, "vnpay")
    reference = query_of(response.headers["Location"])["vnp_TxnRef"]
    vnpay_shop.pay(response.headers["Location"])
    assert vnpay_shop.deliver_ipn(reference) == {"RspCode": "02", "Message": "Order already confirmed"}
    assert vnpay_shop.deliver_ipn(reference)["RspCode"] == "02"
    paid_events = db.session.scalars(select(OrderEvent).where(
        OrderEvent.order_id == order.id, OrderEvent.to_status == OrderStatus.PAID)).all()
    assert len(paid_events) == 1 and len(notifications(PaymentMethod.VNPAY)) == 1


def test_a_forged_or_foreign_ipn_is_answered_97_and_changes_nothing(client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    reference = query_of(response.headers["Location"])["vnp_TxnRef"]
    vnpay_shop.pay(response.headers["Location"])
    signed = query_of("?" + vnpay_shop.ipn_query(reference))
    tampered = "&".join(f"{k}={v}" for k, v in {**signed, "vnp_Amount": "100"}.items())
    assert client.get("/webhooks/vnpay?" + tampered).get_json()["RspCode"] == "97"
    assert client.get("/webhooks/vnpay?vnp_TxnRef=" + reference).get_json()["RspCode"] == "97"
    foreign = vnpay_shop.ipn_query(reference, vnp_TmnCode="OTHER001")  # signed with our secret, another merchant
    assert client.get("/webhooks/vnpay?" + foreign).get_json()["RspCode"] == "97"
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and notifications(PaymentMethod.VNPAY) == []


def test_an_unknown_reference_is_01_and_a_wrong_amount_04(client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    reference = query_of(response.headers["Location"])["vnp_TxnRef"]
    vnpay_shop.pay(response.headers["Location"])
    unknown = vnpay_shop.ipn_query(reference, vnp_TxnRef="NOSUCHREF1")
    assert client.get("/webhooks/vnpay?" + unknown).get_json() == {"RspCode": "01", "Message": "Order not found"}
    short = vnpay_shop.ipn_query(reference, vnp_Amount=str((order.total - 1000) * 100))
    assert client.get("/webhooks/vnpay?" + short).get_json() == {"RspCode": "04", "Message": "Invalid amount"}
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "order.payment_mismatch")) is not None


def test_a_failed_payment_is_recorded_and_the_customer_pays_again(client, db, vnpay_shop, product):
    response, order = place(client, product, "vnpay")
    back = vnpay_shop.cancel(response.headers["Location"])
    assert vnpay_shop.deliveries[-1]["answer"]["RspCode"] == "00"
    follow(client, back)
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.FAILED
    again = client.post(f"/checkout/pay/{order.number}", data={"t": order_token(order)})
    assert again.status_code == 303 and again.headers["Location"].startswith(vnpay_shop.payment_url)
    vnpay_shop.pay(again.headers["Location"])
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert [a.state for a in attempts_of(order)] == [AttemptStatus.FAILED, AttemptStatus.SUCCEEDED]


def test_a_late_ipn_after_expiry_records_the_money_and_never_sells_the_stock_twice(client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    payment = vnpay_shop.open(response.headers["Location"])  # the customer is on VNPay's page
    db.session.get(type(order), order.id).reservation_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert expire_overdue_orders() == 1  # querydr says "not finished": the order is cancelled
    db.session.expire_all()
    assert order.status == OrderStatus.CANCELLED and db.session.get(Product, product.id).stock == STOCK
    assert attempts_of(order)[0].state == AttemptStatus.EXPIRED
    vnpay_shop.finish(payment["vnp_TxnRef"], "paid", now=payment["created"])  # VNPay took it in time…
    assert vnpay_shop.deliver_ipn(payment["vnp_TxnRef"])["RspCode"] == "00"  # …and says so late
    db.session.expire_all()
    assert order.status == OrderStatus.CANCELLED and db.session.get(Product, product.id).stock == STOCK
    assert attempts_of(order)[0].state == AttemptStatus.SUCCEEDED
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "order.paid_after_cancel")) is not None


def test_expiry_asks_vnpay_first_and_keeps_an_order_paid_without_its_ipn(client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    vnpay_shop.pay(response.headers["Location"])  # paid, but the IPN never came
    db.session.get(type(order), order.id).reservation_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert expire_overdue_orders() == 0
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and db.session.get(Product, product.id).stock == STOCK - 1


def test_an_unconfigured_vnpay_answers_97(client, db):
    assert client.get("/webhooks/vnpay?vnp_TxnRef=X").get_json()["RspCode"] == "97"


def test_a_forged_return_shows_an_error_and_changes_nothing(client, db, vnpay_shop, product):
    response, order = place(client, product, "vnpay")
    params = query_of(response.headers["Location"])
    page = client.get("/checkout/vnpay/return?vnp_TxnRef=" + params["vnp_TxnRef"] + "&vnp_ResponseCode=00")
    assert page.status_code == 302 and "/cart" in page.headers["Location"]
    _db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT


def test_the_order_page_of_an_unpaid_vnpay_order_names_vnpay(client, db, vnpay_shop, product, english):
    _response, order = place(client, product, "vnpay")
    page = client.get(f"/orders/{order.number}?t={order_token(order)}").get_data(as_text=True)
    assert "waiting for your payment by VNPay" in page and "waiting for your card payment" not in page
