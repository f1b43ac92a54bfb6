"""The office refunds a VNPay or MoMo order through the gateway that took the money."""
from shop.models import Refund
from shop.models.statuses import OrderStatus
from tests.wallet_helpers import PRICE, attempts_of, place


def paid_order(app, db, shop, product, method):
    shopper = app.test_client()
    response, order = place(shopper, product, method, quantity=2)
    shop.pay(response.headers["Location"])
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    return order


def refund(admin_client, order, amount, note="Hàng vỡ"):
    return admin_client.post(f"/admin/orders/{order.number}/refund", data={"amount": str(amount), "note": note},
                             follow_redirects=True).get_data(as_text=True)


def test_a_vnpay_order_is_refunded_through_vnpay_in_parts(app, admin_client, db, vnpay_shop, product):
    order = paid_order(app, db, vnpay_shop, product, "vnpay")
    assert f"₫50,000 refunded on order {order.number}." in refund(admin_client, order, 50_000)
    reference = attempts_of(order)[0].reference
    assert [(r["vnp_TxnRef"], r["vnp_Amount"], r["vnp_TransactionType"]) for r in vnpay_shop.refunds] == [
        (reference, 5_000_000, "03")]
    refund(admin_client, order, 2 * PRICE - 50_000)
    db.session.expire_all()
    assert order.status == OrderStatus.REFUNDED and order.refunded_amount == 2 * PRICE
    rows = db.session.query(Refund).order_by(Refund.id).all()
    assert [r.amount for r in rows] == [50_000, 2 * PRICE - 50_000]
    assert [r.provider_refund_id for r in rows] == [r["transaction_no"] for r in vnpay_shop.refunds]


def test_a_vnpay_refusal_is_shown_and_records_nothing(app, admin_client, db, vnpay_shop, product):
    order = paid_order(app, db, vnpay_shop, product, "vnpay")
    vnpay_shop.payments[attempts_of(order)[0].reference]["refunded"] = 2 * PRICE * 100  # refunded at VNPay already
    page = refund(admin_client, order, 10_000)
    assert "VNPay refused the refund (code 93" in page
    assert db.session.query(Refund).count() == 0


def test_a_momo_order_is_refunded_through_momo(app, admin_client, db, momo_shop, product):
    order = paid_order(app, db, momo_shop, product, "momo")
    refund(admin_client, order, 2 * PRICE)
    db.session.expire_all()
    assert order.status == OrderStatus.REFUNDED
    assert [(r["amount"], r["originalTransId"]) for r in momo_shop.refunds] == [
        (2 * PRICE, int(attempts_of(order)[0].provider_transaction_id))]
    assert db.session.query(Refund).one().provider_refund_id == str(momo_shop.refunds[0]["transId"])


def test_a_late_vnpay_payment_for_a_cancelled_order_can_be_refunded(app, admin_client, db, vnpay_shop, product):
    from datetime import timedelta

    from shop.models import utcnow
    from shop.services.payments.expiry import expire_overdue_orders
    vnpay_shop.auto_ipn = False
    shopper = app.test_client()
    response, order = place(shopper, product, "vnpay")
    payment = vnpay_shop.open(response.headers["Location"])
    db.session.get(type(order), order.id).reservation_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expire_overdue_orders()
    vnpay_shop.finish(payment["vnp_TxnRef"], "paid", now=payment["created"])
    vnpay_shop.deliver_ipn(payment["vnp_TxnRef"])
    db.session.expire_all()
    assert order.status == OrderStatus.CANCELLED
    refund(admin_client, order, PRICE)
    assert [r["vnp_TransactionType"] for r in vnpay_shop.refunds] == ["02"]
    assert db.session.query(Refund).one().amount == PRICE
