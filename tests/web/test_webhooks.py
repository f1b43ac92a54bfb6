"""The Stripe webhook, with events signed here the way Stripe signs them."""
import json
import logging

import pytest

from shop.models import AuditEvent, Order, OrderEvent, PaymentEvent, Refund, StockMovement
from shop.services.stock import ledger_balance
from tests.checkout_helpers import checkout_session, mail_files, post_event, sign, stripe_event
from tests.factories import make_producer, make_product, place_test_order

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def card_order(db, card_enabled):
    """A card order for 2 of 5 units, waiting for payment with a Checkout Session."""
    producer = make_producer(email="hoa@example.com")
    product = make_product(producer=producer, stock=5, price=200_000)
    order = place_test_order({product: 2}, payment_method="card")
    order.stripe_session_id = f"cs_test_{order.id}"
    db.session.commit()
    return order


def stock_of(db, order):
    product = order.lines[0].product
    db.session.refresh(product)
    return product.stock


def assert_unchanged(db, order):
    """A refused delivery changed nothing: still waiting for payment, its 2 units held, nothing recorded."""
    db.session.refresh(order)
    assert (order.status, order.paid_at, stock_of(db, order)) == ("pending_payment", None, 3)
    assert db.session.query(PaymentEvent).count() == 0 and paid_events(db, order) == 0
    assert db.session.query(AuditEvent).filter_by(entity_id=order.id).count() == 0


def paid_events(db, order):
    return db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="paid").count()


@pytest.mark.parametrize("headers", [
    {},
    {"Stripe-Signature": "t=1,v1=deadbeef"},
    {"Stripe-Signature": "garbage"},
])
def test_a_missing_or_bad_signature_is_refused_and_changes_nothing(client, db, card_order, headers):
    payload = json.dumps(stripe_event("checkout.session.completed", checkout_session(card_order))).encode()
    response = client.post("/webhooks/stripe", data=payload, content_type="application/json", headers=headers)
    assert response.status_code == 400
    db.session.refresh(card_order)
    assert card_order.status == "pending_payment"
    assert db.session.query(PaymentEvent).count() == 0


def test_an_event_signed_with_another_secret_or_altered_is_refused(client, db, card_order):
    event = stripe_event("checkout.session.completed", checkout_session(card_order))
    assert post_event(client, event, secret="whsec_someone_else").status_code == 400
    payload = json.dumps(event).encode()
    tampered = payload.replace(b'"paid"', b'"paid" ')
    response = client.post("/webhooks/stripe", data=tampered, content_type="application/json",
                           headers={"Stripe-Signature": sign(payload)})
    assert response.status_code == 400
    assert db.session.query(PaymentEvent).count() == 0


def test_an_old_signature_is_refused(client, db, card_order):
    payload = json.dumps(stripe_event("checkout.session.completed", checkout_session(card_order))).encode()
    response = client.post("/webhooks/stripe", data=payload, content_type="application/json",
                           headers={"Stripe-Signature": sign(payload, timestamp=1_000_000_000)})
    assert response.status_code == 400
    assert_unchanged(db, card_order)


def test_without_a_webhook_secret_every_delivery_is_refused(app, client, db, card_order, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", "")
    response = post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order)))
    assert response.status_code == 400
    assert_unchanged(db, card_order)


def test_a_completed_session_pays_the_order_once_even_when_delivered_three_times(app, client, db, card_order):
    before = len(mail_files(app))
    event = stripe_event("checkout.session.completed", checkout_session(card_order))
    for _attempt in range(3):
        assert post_event(client, event).status_code == 200
    db.session.refresh(card_order)
    assert card_order.status == "paid" and card_order.paid_at is not None
    assert card_order.stripe_payment_intent_id == f"pi_test_{card_order.id}"
    assert paid_events(db, card_order) == 1
    assert db.session.query(PaymentEvent).filter_by(stripe_event_id=event["id"]).one().order_id == card_order.id
    assert len(mail_files(app)) == before + 2  # customer and producer, once


def test_a_second_event_for_the_same_payment_changes_nothing(client, db, card_order):
    session = checkout_session(card_order)
    post_event(client, stripe_event("checkout.session.completed", session))
    post_event(client, stripe_event("checkout.session.async_payment_succeeded", session))
    assert paid_events(db, card_order) == 1
    assert db.session.query(PaymentEvent).count() == 2


def test_a_completed_but_unpaid_session_waits_for_the_async_result(client, db, card_order):
    session = checkout_session(card_order, payment_status="unpaid")
    post_event(client, stripe_event("checkout.session.completed", session))
    db.session.refresh(card_order)
    assert card_order.status == "pending_payment" and card_order.reservation_expires_at is None
    post_event(client, stripe_event("checkout.session.async_payment_succeeded", dict(session, payment_status="paid")))
    db.session.refresh(card_order)
    assert card_order.status == "paid"


def test_a_failed_async_payment_cancels_and_returns_the_stock(client, db, card_order):
    session = checkout_session(card_order, payment_status="unpaid")
    post_event(client, stripe_event("checkout.session.completed", session))
    post_event(client, stripe_event("checkout.session.async_payment_failed", session))
    db.session.refresh(card_order)
    assert card_order.status == "cancelled"
    assert stock_of(db, card_order) == 5 == ledger_balance(card_order.lines[0].product_id)


def test_an_expired_session_cancels_and_returns_the_stock_once(client, db, card_order):
    session = checkout_session(card_order, status="expired", payment_status="unpaid", payment_intent=None)
    post_event(client, stripe_event("checkout.session.expired", session))
    post_event(client, stripe_event("checkout.session.expired", session))  # another event id, same news
    db.session.refresh(card_order)
    assert card_order.status == "cancelled"
    assert stock_of(db, card_order) == 5
    assert db.session.query(StockMovement).filter_by(order_id=card_order.id, reason="release").count() == 1


def test_expired_after_completed_leaves_the_order_paid(client, db, card_order):
    post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order)))
    post_event(client, stripe_event("checkout.session.expired", checkout_session(card_order, status="expired")))
    db.session.refresh(card_order)
    assert card_order.status == "paid"
    assert stock_of(db, card_order) == 3


def test_completed_after_expired_does_not_revive_the_order_but_flags_it_for_the_office(client, db, card_order):
    post_event(client, stripe_event("checkout.session.expired",
                                    checkout_session(card_order, status="expired", payment_status="unpaid")))
    response = post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order)))
    assert response.status_code == 200
    db.session.refresh(card_order)
    assert card_order.status == "cancelled"
    assert stock_of(db, card_order) == 5
    assert card_order.stripe_payment_intent_id == f"pi_test_{card_order.id}"
    audit = db.session.query(AuditEvent).filter_by(action="order.paid_after_cancel").one()
    assert audit.entity_id == card_order.id
    assert any("refund" in event.note for event in card_order.events)


def test_a_session_paid_for_another_amount_is_not_accepted(client, db, card_order):
    post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order, amount_total=1000)))
    db.session.refresh(card_order)
    assert card_order.status == "pending_payment"
    assert db.session.query(AuditEvent).filter_by(action="order.payment_mismatch").count() == 1


def test_a_session_paid_in_another_currency_is_not_accepted(client, db, card_order):
    """The right number in US dollars is not the order's price in đồng: the order stays unpaid."""
    for currency in ("usd", "USD", "eur"):
        response = post_event(client, stripe_event("checkout.session.completed",
                                                    checkout_session(card_order, currency=currency)))
        assert response.status_code == 200
    db.session.refresh(card_order)
    assert card_order.status == "pending_payment" and card_order.paid_at is None
    audits = db.session.query(AuditEvent).filter_by(action="order.payment_mismatch").all()
    assert len(audits) == 3


def test_a_session_of_no_order_is_acknowledged(client, db, card_enabled):
    session = {"id": "cs_unknown", "object": "checkout.session", "status": "complete", "payment_status": "paid",
               "metadata": {}, "payment_intent": "pi_x"}
    assert post_event(client, stripe_event("checkout.session.completed", session)).status_code == 200
    assert db.session.query(PaymentEvent).one().order_id is None


def test_unknown_events_get_200_and_a_log_line(client, db, card_enabled, caplog):
    with caplog.at_level(logging.INFO, logger="shop"):
        response = post_event(client, stripe_event("customer.created", {"id": "cus_1", "object": "customer"}))
    assert response.status_code == 200 and response.get_json()["result"] == "ignored"
    assert "customer.created" in caplog.text


def charge(order, refunds, amount_refunded=None):
    return {
        "id": f"ch_test_{order.id}", "object": "charge", "payment_intent": order.stripe_payment_intent_id,
        "amount": order.total, "amount_refunded": amount_refunded if amount_refunded is not None
        else sum(r["amount"] for r in refunds), "refunded": False,
        "refunds": {"object": "list", "data": refunds},
    }


def refund(refund_id, amount, status="succeeded"):
    return {"id": refund_id, "object": "refund", "amount": amount, "status": status}


def test_charge_refunded_records_each_refund_once_and_a_full_refund_ends_the_order(client, db, card_order):
    post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order)))
    db.session.refresh(card_order)
    total = card_order.total
    first = refund("re_1", 100_000)
    post_event(client, stripe_event("charge.refunded", charge(card_order, [first])))
    post_event(client, stripe_event("charge.refunded", charge(card_order, [first])))
    db.session.refresh(card_order)
    assert card_order.refunded_amount == 100_000 and card_order.status == "paid"
    rest = refund("re_2", total - 100_000)
    post_event(client, stripe_event("charge.refunded", charge(card_order, [rest, first, refund("re_3", 5, "failed")])))
    db.session.refresh(card_order)
    assert card_order.refunded_amount == total and card_order.status == "refunded"
    assert sorted(r.stripe_refund_id for r in db.session.query(Refund)) == ["re_1", "re_2"]


def test_charge_refunded_without_a_refund_list_records_the_difference(client, db, card_order):
    post_event(client, stripe_event("checkout.session.completed", checkout_session(card_order)))
    db.session.refresh(card_order)
    listing = charge(card_order, [], amount_refunded=50_000)
    del listing["refunds"]
    post_event(client, stripe_event("charge.refunded", listing))
    post_event(client, stripe_event("charge.refunded", listing))
    db.session.refresh(card_order)
    assert card_order.refunded_amount == 50_000
    assert db.session.query(Refund).count() == 1


def test_a_refund_for_an_unknown_payment_is_acknowledged(client, db, card_enabled):
    event = stripe_event("charge.refunded", {"id": "ch_x", "object": "charge", "payment_intent": "pi_unknown",
                                              "amount_refunded": 10, "refunds": {"object": "list", "data": []}})
    assert post_event(client, event).status_code == 200
    assert db.session.query(Order).count() == 0


def test_a_redelivered_event_is_not_handled_again(client, db, card_order, monkeypatch):
    """The early look-up skips the handler for a known event id (no second pass over the order, no mail)."""
    from shop.services.payments import stripe_webhooks

    calls = []
    real = stripe_webhooks.HANDLERS["checkout.session.completed"]
    monkeypatch.setitem(stripe_webhooks.HANDLERS, "checkout.session.completed",
                        lambda session: calls.append(session["id"]) or real(session))
    event = stripe_event("checkout.session.completed", checkout_session(card_order))
    for _attempt in range(3):
        assert post_event(client, event).status_code == 200
    assert len(calls) == 1


def test_the_unique_event_id_alone_keeps_a_redelivery_harmless(app, client, db, card_order, monkeypatch):
    """Without the early look-up (as when two deliveries race), the handler runs again, but the PaymentEvent
    insert fails on the unique id and the whole second pass is rolled back: the constraint is the guarantee,
    the look-up only saves the work."""
    from sqlalchemy import false, select

    from shop.services.payments import stripe_webhooks

    monkeypatch.setattr(stripe_webhooks, "select", lambda *columns: select(*columns).where(false()))
    before = len(mail_files(app))
    event = stripe_event("checkout.session.completed", checkout_session(card_order))
    for _attempt in range(2):
        assert post_event(client, event).status_code == 200
    db.session.refresh(card_order)
    assert card_order.status == "paid" and paid_events(db, card_order) == 1
    assert db.session.query(PaymentEvent).filter_by(stripe_event_id=event["id"]).count() == 1
    assert len(mail_files(app)) == before + 2
