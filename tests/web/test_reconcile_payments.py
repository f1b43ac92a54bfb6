"""`flask --app shop reconcile-payments`: VNPay's querydr and MoMo's query settle payments whose IPN was lost."""
from datetime import timedelta

from shop.models import utcnow
from shop.models.statuses import AttemptStatus, OrderStatus
from tests.wallet_helpers import attempts_of, place


def reconcile(app):
    result = app.test_cli_runner().invoke(args=["reconcile-payments"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_vnpay_payment_whose_ipn_was_lost_is_settled_once(app, client, db, vnpay_shop, product):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    reference = vnpay_shop.pay(response.headers["Location"]).split("vnp_TxnRef=")[1].split("&")[0]
    assert "paid: 1" in reconcile(app)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and attempts_of(order)[0].state == AttemptStatus.SUCCEEDED
    assert "nothing pending" in reconcile(app)
    assert vnpay_shop.deliver_ipn(reference)["RspCode"] == "02"  # the IPN, late, changes nothing


def test_a_momo_payment_whose_ipn_was_lost_is_settled(app, client, db, momo_shop, product):
    momo_shop.auto_ipn = False
    response, order = place(client, product, "momo")
    momo_shop.pay(response.headers["Location"])
    assert "paid: 1" in reconcile(app)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert attempts_of(order)[0].provider_transaction_id == str(momo_shop.payments[attempts_of(order)[0].reference]
                                                                ["transId"])


def test_a_customer_still_paying_is_left_alone_and_a_refusal_is_recorded(app, client, db, vnpay_shop, momo_shop,
                                                                          product):
    vnpay_response, vnpay_order = place(client, product, "vnpay")
    vnpay_shop.open(vnpay_response.headers["Location"])  # on VNPay's page, not finished
    momo_response, momo_order = place(client, product, "momo")
    momo_shop.auto_ipn = False
    momo_shop.deny(momo_response.headers["Location"])
    output = reconcile(app)
    assert "pending: 1" in output and "failed: 1" in output
    db.session.expire_all()
    assert attempts_of(vnpay_order)[0].state == AttemptStatus.PENDING
    assert attempts_of(momo_order)[0].state == AttemptStatus.FAILED
    assert vnpay_order.status == momo_order.status == OrderStatus.PENDING_PAYMENT


def test_an_attempt_vnpay_never_saw_fails_once_the_reservation_is_over(app, client, db, vnpay_shop, product):
    _response, order = place(client, product, "vnpay")  # the customer never reached VNPay's page
    assert "pending: 1" in reconcile(app)
    db.session.get(type(order), order.id).reservation_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert "failed: 1" in reconcile(app)


def test_an_unreachable_gateway_changes_nothing(app, client, db, vnpay_shop, product, monkeypatch):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    vnpay_shop.pay(response.headers["Location"])
    monkeypatch.setitem(app.config, "VNPAY_API_URL", "http://127.0.0.1:9/merchant_webapi/api/transaction")
    assert "unreachable: 1" in reconcile(app)
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and attempts_of(order)[0].state == AttemptStatus.PENDING
