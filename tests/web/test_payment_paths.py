"""The card payment's rarer paths, against the Stripe emulator: a session paid or expired while the customer was
away, Stripe unreachable when a session must be closed, an order cancelled while Stripe answered, the expiry
command's retry against the 24 hours after which a session has lapsed for certain, a late payment delivered twice.
"""
from datetime import timedelta

import pytest
from sqlalchemy import update

from shop.errors import InvalidTransition, PaymentError
from shop.extensions import db as _db
from shop.models import AuditEvent, Order, OrderEvent, PaymentEvent, StockMovement, utcnow
from shop.services.orders.access import order_token
from shop.services.payments import stripe_checkout
from shop.services.payments.expiry import CERTAINLY_LAPSED, expire_overdue_orders
from shop.services.payments.stripe_checkout import close_checkout_session, resume_checkout, start_checkout
from tests.factories import make_producer, make_product, place_test_order
from tests.html import flashes

pytestmark = pytest.mark.usefixtures("english")
NOWHERE = "http://127.0.0.1:9"  # nothing listens there: Stripe unreachable


@pytest.fixture
def product(db):
    product = make_product(producer=make_producer(email="hoa@example.com"), price=185_000, stock=5)
    db.session.commit()
    return product


@pytest.fixture
def card_order(db, product, stripe_shop):
    """A card order for 2 of the 5 units with an open Checkout Session; the emulator's webhooks held back."""
    order = place_test_order({product: 2}, payment_method="card")
    db.session.commit()
    start_checkout(order, "http://localhost/ok", "http://localhost/back")
    db.session.refresh(order)
    stripe_shop.auto_deliver = False
    return order


def state(db, order):
    """(order status, units held for it, rows saying it was paid, releases of its stock)."""
    db.session.expire_all()
    held = -sum(m.quantity for m in db.session.query(StockMovement).filter_by(order_id=order.id))
    paid = db.session.query(OrderEvent).filter_by(order_id=order.id, to_status="paid").count()
    releases = db.session.query(StockMovement).filter_by(order_id=order.id, reason="release").count()
    return _db.session.get(Order, order.id).status, held, paid, releases


def test_resuming_a_session_paid_meanwhile_confirms_the_order_and_opens_no_new_session(client, db, card_order,
                                                                                       stripe_shop):
    stripe_shop.pay(card_order.stripe_session_id)  # the webhook has not arrived yet
    response = client.post(f"/checkout/pay/{card_order.number}", data={"t": order_token(card_order)})
    assert response.status_code == 303 and f"/orders/{card_order.number}" in response.headers["Location"]
    assert state(db, card_order) == ("paid", 2, 1, 0) and len(stripe_shop.sessions) == 1


def test_resuming_a_session_that_expired_cancels_the_order_and_says_so(client, db, card_order, stripe_shop):
    stripe_shop.expire(card_order.stripe_session_id)  # its webhook is late
    page = client.post(f"/checkout/pay/{card_order.number}", data={"t": order_token(card_order)},
                       follow_redirects=True)
    assert flashes(page) == ["The time to pay for this order has run out, so it was cancelled. Please order again."]
    assert state(db, card_order) == ("cancelled", 0, 0, 1) and len(stripe_shop.sessions) == 1


def test_resuming_an_open_session_sends_the_customer_back_to_it(db, card_order, stripe_shop):
    url = resume_checkout(card_order, "http://localhost/ok", "http://localhost/back")
    assert url == stripe_shop.sessions[card_order.stripe_session_id]["url"]
    cancelled = place_test_order({card_order.lines[0].product: 1}, payment_method="card")
    cancelled.status = "cancelled"
    db.session.commit()
    with pytest.raises(InvalidTransition):
        resume_checkout(cancelled, "http://localhost/ok", "http://localhost/back")


def test_when_stripe_cannot_be_reached_closing_a_session_refuses_and_changes_nothing(app, db, card_order,
                                                                                      stripe_shop, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", NOWHERE)
    with pytest.raises(PaymentError, match="Stripe cannot be reached"):
        close_checkout_session(card_order)
    assert state(db, card_order) == ("pending_payment", 2, 0, 0)
    assert stripe_shop.sessions[card_order.stripe_session_id]["status"] == "open"


def test_a_session_neither_open_nor_finished_is_not_taken_for_expired(db, card_order, stripe_shop, monkeypatch):
    """Expiring refused, then the session reads as open again (a race at Stripe): the order is not released."""
    open_session = dict(stripe_shop.sessions[card_order.stripe_session_id])
    stripe_shop.expire(card_order.stripe_session_id)
    monkeypatch.setattr(stripe_checkout, "retrieve_session", lambda _id: open_session)
    with pytest.raises(PaymentError):
        close_checkout_session(card_order)


@pytest.mark.parametrize("overdue, released", [
    (timedelta(minutes=5), False),  # Stripe may still take the money: wait for the next run
    (CERTAINLY_LAPSED + timedelta(minutes=1), True),  # no session lives that long: the stock goes back
])
def test_the_expiry_command_retries_while_stripe_is_away_until_the_session_has_lapsed_for_certain(
        app, db, card_order, stripe_shop, monkeypatch, overdue, released):
    card_order.reservation_expires_at = utcnow() - overdue
    db.session.commit()
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", NOWHERE)
    assert expire_overdue_orders() == int(released)
    assert state(db, card_order) == (("cancelled", 0, 0, 1) if released else ("pending_payment", 2, 0, 0))


def test_the_expiry_command_confirms_a_session_paid_before_it_ran(db, card_order, stripe_shop):
    stripe_shop.pay(card_order.stripe_session_id)
    card_order.reservation_expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert expire_overdue_orders() == 0
    assert state(db, card_order) == ("paid", 2, 1, 0)


def test_an_order_cancelled_while_stripe_answered_is_never_sent_to_pay(app, db, product, stripe_shop, monkeypatch):
    order = place_test_order({product: 2}, payment_method="card")
    db.session.commit()
    real_client = stripe_checkout.stripe_client

    class CancelledMeanwhile:
        """The real client; the office cancels the order (another connection) while Stripe creates the session."""

        def __init__(self):
            self.client = real_client()
            self.v1 = self

        @property
        def checkout(self):
            return self

        @property
        def sessions(self):
            return self

        def create(self, params, options):
            session = self.client.v1.checkout.sessions.create(params, options)
            with _db.engine.begin() as other:
                other.execute(update(Order).where(Order.id == order.id).values(status="cancelled"))
            return session

    monkeypatch.setattr(stripe_checkout, "stripe_client", CancelledMeanwhile)
    with pytest.raises(InvalidTransition, match="not waiting for a payment"):
        start_checkout(order, "http://localhost/ok", "http://localhost/back")
    db.session.expire_all()
    assert order.status == "cancelled" and order.stripe_session_id is None  # no address to pay was kept
    assert len(stripe_shop.sessions) == 1


def test_a_late_payment_delivered_twice_is_recorded_once(db, card_order, stripe_shop):
    session_id = card_order.stripe_session_id
    stripe_shop.pay(session_id)
    completed = stripe_shop.events_of("checkout.session.completed")[0]
    expired = stripe_shop.make_event("checkout.session.expired", dict(completed["data"]["object"], status="expired"))
    assert stripe_shop.deliver(expired) == 200  # the reservation ended first: the stock went back on sale
    retry = stripe_shop.make_event("checkout.session.completed", completed["data"]["object"])
    assert stripe_shop.deliver(completed) == stripe_shop.deliver(retry) == 200  # Stripe retries, new event id
    assert state(db, card_order) == ("cancelled", 0, 0, 1)
    notes = [e.note for e in db.session.query(OrderEvent).filter_by(order_id=card_order.id)
             if e.note and "paid after cancellation" in e.note]
    assert len(notes) == 1
    audits = db.session.query(AuditEvent).filter_by(action="order.paid_after_cancel", entity_id=card_order.id)
    assert audits.count() == 1
    assert _db.session.get(Order, card_order.id).stripe_payment_intent_id == \
        stripe_shop.sessions[session_id]["payment_intent"]
    assert db.session.query(PaymentEvent).count() == 3
