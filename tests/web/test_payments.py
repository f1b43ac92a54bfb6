"""Card payments end to end: the real `stripe` library against the local Stripe emulator."""
import threading
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from shop.errors import InvalidTransition
from shop.models import AuditEvent, Order, OrderEvent, PaymentEvent, Refund, StockMovement, utcnow
from shop.services.orders import refunds as refund_service
from shop.services.orders.access import order_token
from shop.services.orders.refunds import cancel_order, refund_order
from shop.services.payments.expiry import expire_overdue_orders
from shop.services.stock import ledger_balance
from tests.checkout_helpers import mail_files
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")

FORM = {
    "name": "Emma Walker", "email": "emma@example.com", "phone": "+84 912 345 678",
    "delivery_method": "nationwide", "address": "12 Hàng Bạc, Hà Nội", "payment_method": "card",
}



@pytest.fixture
def product(db):
    producer = make_producer(email="hoa@example.com")
    product = make_product(producer=producer, price=185_000, stock=5, name_vi="Trà hoa vàng Ba Chẽ",
                           name_en="Ba Che golden camellia tea")
    db.session.commit()
    return product


def order_by_card(client, db, product, quantity=2):
    """Fill the cart and check out by card; return (order, session id, the response)."""
    client.post("/cart/add", data={"product_id": product.id, "quantity": str(quantity)})
    response = client.post("/checkout", data=FORM)
    order = db.session.query(Order).order_by(Order.id.desc()).first()
    db.session.refresh(order)
    return order, order.stripe_session_id, response


def stock(db, product):
    db.session.refresh(product)
    return product.stock


def test_checkout_creates_a_session_in_vnd_and_redirects_to_it(client, db, product, stripe_shop):
    client.get("/language/en")
    order, session_id, response = order_by_card(client, db, product)
    assert response.status_code == 303
    session = stripe_shop.sessions[session_id]
    assert response.headers["Location"] == session["url"]
    assert order.status == "pending_payment" and stock(db, product) == 3
    assert (session["mode"], session["currency"], session["amount_total"]) == ("payment", "vnd", order.total)
    assert session["client_reference_id"] == order.number
    assert session["metadata"]["order_id"] == str(order.id)
    assert (session["customer_email"], session["locale"]) == ("emma@example.com", "en")
    items = stripe_shop.store.line_items[session_id]
    assert [(i["description"], i["price"]["unit_amount"], i["quantity"]) for i in items] == [
        ("Ba Che golden camellia tea", 185_000, 2), ("Delivery fee", 45_000, 1)]  # the name the buyer saw
    assert session["expires_at"] - session["created"] >= 30 * 60
    assert order.reservation_expires_at == session_expiry(session)
    success = urlsplit(session["success_url"])
    assert success.path == f"/en/orders/{order.number}"  # the order page in the buyer's language
    assert parse_qs(success.query)["session_id"] == ["{CHECKOUT_SESSION_ID}"]
    assert parse_qs(success.query)["t"] == [order_token(order)]
    assert urlsplit(session["cancel_url"]).path == f"/en/checkout/cancelled/{order.number}"


def session_expiry(session):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(session["expires_at"], UTC).replace(tzinfo=None)


def test_paying_confirms_the_order_and_sends_the_mails(app, client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    before = len(mail_files(app))
    stripe_shop.pay(session_id)
    db.session.refresh(order)
    assert order.status == "paid"
    assert order.stripe_payment_intent_id == stripe_shop.sessions[session_id]["payment_intent"]
    assert stock(db, product) == 3
    assert len(mail_files(app)) == before + 2
    page = client.get(stripe_shop.sessions[session_id]["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
    assert "Your payment is confirmed" in page.get_data(as_text=True)


def test_a_declined_card_changes_nothing(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.decline(session_id)
    db.session.refresh(order)
    assert order.status == "pending_payment" and stock(db, product) == 3
    assert db.session.query(PaymentEvent).count() == 0


def test_an_expired_session_cancels_the_order_and_returns_the_stock(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.expire(session_id)
    db.session.refresh(order)
    assert order.status == "cancelled" and stock(db, product) == 5 == ledger_balance(product.id)


def test_the_same_webhook_three_times_leaves_one_paid_order(app, client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.pay(session_id)
    event = stripe_shop.events_of("checkout.session.completed")[0]
    before = len(mail_files(app))
    assert [stripe_shop.deliver(event) for _i in range(3)] == [200, 200, 200]
    assert db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="paid").count() == 1
    assert db.session.query(PaymentEvent).filter_by(stripe_event_id=event["id"]).count() == 1
    assert len(mail_files(app)) == before


def test_expired_arriving_after_completed_keeps_the_order_paid(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.pay(session_id)
    late = dict(stripe_shop.sessions[session_id], status="expired")
    assert stripe_shop.deliver(stripe_shop.make_event("checkout.session.expired", late)) == 200
    db.session.refresh(order)
    assert order.status == "paid" and stock(db, product) == 3


def test_completed_arriving_after_expired_is_kept_for_the_office_and_refundable(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.auto_deliver = False
    stripe_shop.pay(session_id)
    completed = stripe_shop.events_of("checkout.session.completed")[0]
    expired = stripe_shop.make_event("checkout.session.expired", dict(completed["data"]["object"], status="expired"))
    assert stripe_shop.deliver(expired) == 200
    assert stripe_shop.deliver(completed) == 200
    db.session.refresh(order)
    assert order.status == "cancelled" and stock(db, product) == 5
    assert db.session.query(AuditEvent).filter_by(action="order.paid_after_cancel", entity_id=order.id).count() == 1
    admin = make_user(role="admin")
    refund_order(order, order.total, admin, "paid after the reservation ended")
    assert order.refunded_amount == order.total and order.status == "cancelled"
    assert sum(r["amount"] for r in stripe_shop.refunds.values()) == order.total
    assert stock(db, product) == 5  # nothing restocked twice


@pytest.mark.parametrize("first", ["page", "webhook"])
def test_the_success_page_and_the_webhook_in_either_order_pay_once(app, client, db, product, stripe_shop, first):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.auto_deliver = False
    stripe_shop.pay(session_id)
    event = stripe_shop.events_of("checkout.session.completed")[0]
    success = stripe_shop.sessions[session_id]["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
    before = len(mail_files(app))
    steps = [lambda: client.get(success), lambda: stripe_shop.deliver(event)]
    for step in steps if first == "page" else reversed(steps):
        step()
    db.session.refresh(order)
    assert order.status == "paid"
    assert db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="paid").count() == 1
    assert len(mail_files(app)) == before + 2


def test_the_success_page_racing_the_webhook_pays_once(app, client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.auto_deliver = False
    stripe_shop.pay(session_id)
    event = stripe_shop.events_of("checkout.session.completed")[0]
    success = stripe_shop.sessions[session_id]["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
    path = success[success.index("/orders/"):]
    start, answers = threading.Barrier(4), []

    def visit():
        start.wait(10)
        answers.append(app.test_client().get(path).status_code)

    def deliver():
        start.wait(10)
        answers.append(stripe_shop.deliver(event))

    threads = [threading.Thread(target=target) for target in (visit, deliver, visit, deliver)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(answers) == [200, 200, 200, 200]
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == "paid"
    assert db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="paid").count() == 1
    assert db.session.query(PaymentEvent).count() == 1


def test_when_stripe_is_down_the_order_waits_and_can_be_paid_later(app, client, db, product, stripe_shop, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", "http://127.0.0.1:9")  # nothing listens there
    order, session_id, response = order_by_card(client, db, product)
    assert session_id is None and order.status == "pending_payment" and stock(db, product) == 3
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "could not be started" in page and "Pay now" in page
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", stripe_shop.base_url)
    again = client.post(f"/checkout/pay/{order.number}", data={"t": order_token(order)})
    db.session.refresh(order)
    assert again.status_code == 303
    assert again.headers["Location"] == stripe_shop.sessions[order.stripe_session_id]["url"]
    twice = client.post(f"/checkout/pay/{order.number}", data={"t": order_token(order)})
    assert twice.headers["Location"] == again.headers["Location"] and len(stripe_shop.sessions) == 1


def test_cancelling_on_the_cancel_page_expires_the_session_and_refills_the_cart(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    cancel_url = stripe_shop.sessions[session_id]["cancel_url"]
    assert "Payment not completed" in client.get(cancel_url).get_data(as_text=True)
    response = client.post(f"/checkout/cancel/{order.number}", data={"t": order_token(order)})
    assert response.headers["Location"].endswith("/cart")
    stripe_shop.flush()
    db.session.refresh(order)
    assert stripe_shop.sessions[session_id]["status"] == "expired"
    assert order.status == "cancelled" and stock(db, product) == 5
    assert db.session.query(StockMovement).filter_by(order_id=order.id, reason="release").count() == 1
    assert db.session.query(PaymentEvent).filter_by(type="checkout.session.expired").count() == 1
    with client.session_transaction() as session:
        assert session["cart"] == {str(product.id): 2}


def test_cancelling_a_session_paid_meanwhile_confirms_it_instead(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.auto_deliver = False
    stripe_shop.pay(session_id)
    page = client.post(f"/checkout/cancel/{order.number}", data={"t": order_token(order)}, follow_redirects=True)
    assert "has just been paid" in page.get_data(as_text=True)
    db.session.refresh(order)
    assert order.status == "paid" and stock(db, product) == 3


def test_the_expiry_command_expires_sessions_first_and_is_safe_to_repeat(app, client, db, product, stripe_shop):
    stale, stale_session, _r = order_by_card(client, db, product, 1)
    paid, paid_session, _r = order_by_card(client, db, product, 1)
    fresh, _fresh_session, _r = order_by_card(client, db, product, 1)
    stripe_shop.auto_deliver = False
    stripe_shop.pay(paid_session)  # its webhook is late
    stripe_shop.auto_deliver = True
    for order in (stale, paid):
        order.reservation_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    result = app.test_cli_runner().invoke(args=["expire-orders"])
    assert result.exit_code == 0 and "1 unpaid order(s) cancelled" in result.output
    stripe_shop.flush()
    assert expire_overdue_orders() == 0
    db.session.expire_all()
    assert (stale.status, paid.status, fresh.status) == ("cancelled", "paid", "pending_payment")
    assert stripe_shop.sessions[stale_session]["status"] == "expired"
    assert stock(db, product) == 5 - 2 == ledger_balance(product.id)
    assert db.session.query(StockMovement).filter_by(order_id=stale.id, reason="release").count() == 1


def test_an_office_cancelling_an_unpaid_card_order_expires_its_session(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    cancel_order(order, make_user(role="admin"), "duplicate")
    stripe_shop.flush()
    assert stripe_shop.sessions[session_id]["status"] == "expired"
    assert order.status == "cancelled" and stock(db, product) == 5


def test_the_office_refunds_a_card_order_partly_then_fully_through_stripe(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.pay(session_id)
    admin = make_user(role="admin")
    db.session.refresh(order)
    refund_order(order, 100_000, admin, "one box damaged")
    stripe_shop.flush()  # charge.refunded arrives and must not count it again
    db.session.refresh(order)
    assert order.refunded_amount == 100_000 and order.status == "paid"
    refund_order(order, order.total - 100_000, admin, "order returned", restock=True)
    stripe_shop.flush()
    db.session.refresh(order)
    assert order.refunded_amount == order.total and order.status == "refunded"
    recorded = sorted(refund.amount for refund in db.session.query(Refund))
    assert recorded == sorted(refund["amount"] for refund in stripe_shop.refunds.values())
    assert db.session.query(Refund).filter(Refund.stripe_refund_id.is_(None)).count() == 0
    assert stock(db, product) == 5 == ledger_balance(product.id)
    assert all(s.status == "cancelled" for s in order.shipments)
    with pytest.raises(InvalidTransition):
        refund_order(order, 1, admin, "again")


def test_a_refund_retried_after_a_lost_answer_refunds_once(client, db, product, stripe_shop, monkeypatch):
    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.pay(session_id)
    admin = make_user(role="admin")
    db.session.commit()
    real_lock = refund_service.lock_order
    calls = []

    def failing_once(order_id):
        calls.append(order_id)
        if len(calls) == 1:
            raise ConnectionError("database went away after Stripe answered")
        return real_lock(order_id)

    monkeypatch.setattr(refund_service, "lock_order", failing_once)
    stripe_shop.auto_deliver = False
    with pytest.raises(ConnectionError):
        refund_order(order, 50_000, admin, "first try")
    db.session.refresh(order)
    assert order.refunded_amount == 0
    refund_order(order, 50_000, admin, "second try")
    assert len(stripe_shop.refunds) == 1
    assert db.session.query(Refund).one().amount == 50_000
    assert order.refunded_amount == 50_000


def test_a_refund_stripe_refuses_changes_nothing(client, db, product, stripe_shop):
    from shop.errors import PaymentError

    order, session_id, _response = order_by_card(client, db, product)
    stripe_shop.pay(session_id)
    db.session.refresh(order)
    order.stripe_payment_intent_id = "pi_unknown"
    db.session.commit()
    with pytest.raises(PaymentError):
        refund_order(order, 10_000, make_user(role="admin"), "wrong intent")
    db.session.refresh(order)
    assert order.refunded_amount == 0 and db.session.query(Refund).count() == 0


def test_opening_the_success_address_before_paying_changes_nothing(client, db, product, stripe_shop):
    order, session_id, _response = order_by_card(client, db, product)
    expiry = order.reservation_expires_at
    success = stripe_shop.sessions[session_id]["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id)
    page = client.get(success).get_data(as_text=True)
    db.session.refresh(order)
    assert order.status == "pending_payment" and order.reservation_expires_at == expiry
    assert "Payment processing" in page
