"""VNPay and MoMo notifications racing each other, the reconcile command and the expiry (PostgreSQL row locks)."""
import threading
from datetime import timedelta

from sqlalchemy import func, select

from shop.extensions import db as _db
from shop.models import Order, OrderEvent, PaymentNotification, Product, utcnow
from shop.models.statuses import AttemptStatus, OrderStatus
from shop.services.payments.expiry import expire_overdue_orders
from shop.services.payments.reconcile import reconcile_payments
from tests.wallet_helpers import STOCK, attempts_of, place

RACERS = 6


def race(app, jobs):
    """Run each job in its own thread and app context, all released at once; return their results."""
    start = threading.Barrier(len(jobs))
    results, errors = [None] * len(jobs), []

    def run(index, job):
        with app.app_context():
            try:
                start.wait(timeout=30)
                results[index] = job()
            except Exception as error:  # any error fails the test below
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def paid_events(order):
    return _db.session.scalar(select(func.count()).select_from(OrderEvent).where(
        OrderEvent.order_id == order.id, OrderEvent.to_status == OrderStatus.PAID))


def test_one_vnpay_ipn_delivered_six_times_at_once_pays_once(app, client, db, vnpay_shop, product, postgres_only):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    reference = vnpay_shop.open(response.headers["Location"])["vnp_TxnRef"]
    vnpay_shop.finish(reference)
    query = vnpay_shop.ipn_query(reference)
    answers = race(app, [lambda: app.test_client().get("/webhooks/vnpay?" + query).get_json()["RspCode"]] * RACERS)
    assert sorted(answers) == ["00"] + ["02"] * (RACERS - 1)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1
    assert db.session.scalar(select(func.count()).select_from(PaymentNotification)) == 1


def test_one_momo_ipn_delivered_six_times_at_once_pays_once(app, client, db, momo_shop, product, postgres_only):
    momo_shop.auto_ipn = False
    response, order = place(client, product, "momo")
    momo_shop.pay(response.headers["Location"])
    import json
    body = json.dumps(momo_shop.ipn_body(attempts_of(order)[0].reference))
    post = lambda: app.test_client().post("/webhooks/momo", data=body,  # noqa: E731
                                          content_type="application/json").status_code
    assert race(app, [post] * RACERS) == [204] * RACERS
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1


def test_the_ipn_racing_the_reconcile_command_pays_once(app, client, db, vnpay_shop, product, postgres_only):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    reference = vnpay_shop.open(response.headers["Location"])["vnp_TxnRef"]
    vnpay_shop.finish(reference)
    query = vnpay_shop.ipn_query(reference)
    ipn = lambda: app.test_client().get("/webhooks/vnpay?" + query).get_json()["RspCode"]  # noqa: E731
    results = race(app, [ipn, reconcile_payments, ipn])
    assert results[0] in ("00", "02") and results[2] in ("00", "02")
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1
    assert attempts_of(order)[0].state == AttemptStatus.SUCCEEDED


def test_the_ipn_racing_the_expiry_never_cancels_a_paid_order(app, client, db, vnpay_shop, product, postgres_only):
    vnpay_shop.auto_ipn = False
    response, order = place(client, product, "vnpay")
    payment = vnpay_shop.open(response.headers["Location"])
    vnpay_shop.finish(payment["vnp_TxnRef"], "paid", now=payment["created"])
    _db.session.get(Order, order.id).reservation_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    query = vnpay_shop.ipn_query(payment["vnp_TxnRef"])
    ipn = lambda: app.test_client().get("/webhooks/vnpay?" + query).get_json()["RspCode"]  # noqa: E731
    results = race(app, [ipn, expire_overdue_orders])
    assert results[1] == 0  # VNPay says paid: nothing to cancel
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and paid_events(order) == 1
    assert db.session.get(Product, product.id).stock == STOCK - 1
