"""The payment provider interface: the registry, what the checkout offers, notifications stored once."""
import pytest
from flask_babel import force_locale
from sqlalchemy.exc import IntegrityError

from shop.errors import InvalidInput
from shop.models import AuditEvent, Order, PaymentNotification
from shop.models.statuses import AttemptStatus, OrderStatus, PaymentMethod
from shop.services.orders.placing import CheckoutDetails, lock_order, place_order
from shop.services.payments.notifications import (
    attempt_by_reference,
    new_attempt,
    pending_attempts,
    receive_notification,
    record_payment,
    settle_attempt,
)
from shop.services.payments.providers import PaymentProvider, Start, is_offered, offered_methods, provider_for
from tests.factories import make_order, make_product

pytestmark = pytest.mark.usefixtures("english")

DETAILS = CheckoutDetails(name="Lê Thu", email="thu@example.com", phone="0912345678",
                          delivery_method="pickup", payment_method="cod")


def test_every_provider_is_keyed_by_its_method_and_implements_the_interface(app):
    for method in (PaymentMethod.COD, PaymentMethod.CARD):
        provider = provider_for(method.value)
        assert isinstance(provider, PaymentProvider) and provider.method is method


def test_cash_is_always_offered_and_card_only_with_a_stripe_key(app):
    assert offered_methods({}) == [PaymentMethod.COD]
    assert offered_methods({"STRIPE_SECRET_KEY": "sk_test"}) == [PaymentMethod.CARD, PaymentMethod.COD]
    assert not is_offered("paypal", {}) and not is_offered("", {})


def test_every_method_has_a_name_and_a_one_line_explanation_in_english_and_vietnamese(app):
    with app.test_request_context():
        for method in PaymentMethod:
            with force_locale("en"):
                english = (str(method.customer_label), str(method.explanation))
            with force_locale("vi"):
                vietnamese = (str(method.customer_label), str(method.explanation))
            assert all(english) and "\n" not in english[1]
            assert vietnamese[1] != english[1], method


def test_only_cash_waits_for_nothing_before_delivery():
    assert [method for method in PaymentMethod if not method.is_paid_before_delivery] == [PaymentMethod.COD]


def test_a_method_that_is_not_offered_is_refused_and_nothing_is_written(db):
    product = make_product(stock=3)
    db.session.commit()
    for method in ("card", "bank_transfer", "vnpay", "momo", "paypal"):
        with pytest.raises(InvalidInput):
            place_order({product.id: 1}, DETAILS.__class__(**{**DETAILS.__dict__, "payment_method": method}))
    assert db.session.query(Order).count() == 0
    db.session.refresh(product)
    assert product.stock == 3


def test_the_order_table_takes_the_five_methods_and_refuses_others(db):
    product = make_product(stock=10)
    for method in PaymentMethod:
        make_order([(product, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method=method.value)
    db.session.commit()
    with pytest.raises(IntegrityError):
        make_order([(product, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method="paypal")
        db.session.commit()
    db.session.rollback()


def test_the_default_provider_answers_start_close_and_holds_money():
    provider = PaymentProvider()
    assert provider.start(None, None) == Start() and provider.close(None) == "expired"
    assert not hasattr(provider, "handle_notification")  # only a provider that notifies has a webhook to answer


def _pending_order(db):
    order = make_order([(make_product(stock=5), 1)], status=OrderStatus.PENDING_PAYMENT,
                       payment_method=PaymentMethod.BANK_TRANSFER.value)
    db.session.commit()
    return order


def _pay(order, attempt_reference=None):
    def apply():
        locked = lock_order(order.id)
        attempt = attempt_by_reference(attempt_reference) if attempt_reference else None
        if attempt is not None:
            settle_attempt(attempt, AttemptStatus.SUCCEEDED, "TX-1")
        return record_payment(locked, "test transfer", attempt)
    return apply


def test_a_notification_is_stored_once_and_pays_its_order_once(db):
    order = _pending_order(db)
    first = receive_notification("bank_transfer", "9001", "transfer", {"id": 9001}, _pay(order))
    again = receive_notification("bank_transfer", "9001", "transfer", {"id": 9001}, _pay(order))
    assert not first.duplicate and first.outcome.newly_paid and first.outcome.result == "paid"
    assert again.duplicate and not again.outcome.newly_paid
    stored = db.session.query(PaymentNotification).one()
    assert (stored.provider, stored.provider_ref, stored.order_id, stored.outcome) == (
        "bank_transfer", "9001", order.id, "paid")
    assert stored.payload == '{"id": 9001}'
    db.session.refresh(order)
    assert order.status == OrderStatus.PAID
    assert len([event for event in order.events if event.to_status == OrderStatus.PAID]) == 1


def test_the_same_id_from_another_provider_is_another_notification(db):
    order = _pending_order(db)
    receive_notification("bank_transfer", "77", "transfer", "a", _pay(order))
    second = receive_notification("vnpay", "77", "ipn", "b", _pay(order))
    assert not second.duplicate and second.outcome.result == "already_paid"
    assert db.session.query(PaymentNotification).count() == 2


def test_a_notification_whose_change_fails_is_not_stored(db):
    order = _pending_order(db)

    def broken():
        lock_order(order.id)
        raise RuntimeError("database went away")
    with pytest.raises(RuntimeError):
        receive_notification("bank_transfer", "5", "transfer", "{}", broken)
    assert db.session.query(PaymentNotification).count() == 0
    assert receive_notification("bank_transfer", "5", "transfer", "{}", _pay(order)).outcome.newly_paid


def test_money_for_a_cancelled_order_is_recorded_for_the_office_and_never_revives_it(db):
    order = _pending_order(db)
    order.status = OrderStatus.CANCELLED
    db.session.commit()
    received = receive_notification("bank_transfer", "late-1", "transfer", "{}", _pay(order))
    assert received.outcome.result == "paid_after_cancel" and not received.outcome.newly_paid
    db.session.refresh(order)
    assert order.status == OrderStatus.CANCELLED
    assert db.session.query(AuditEvent).filter_by(action="order.paid_after_cancel", entity_id=order.id).count() == 1


def test_an_attempt_has_a_unique_reference_and_moves_through_its_statuses(db):
    order = _pending_order(db)
    attempt = new_attempt(order, PaymentMethod.BANK_TRANSFER, "REF-1")
    db.session.commit()
    assert attempt.amount == order.total and attempt.is_pending
    assert pending_attempts(PaymentMethod.BANK_TRANSFER) == [attempt] and pending_attempts("vnpay") == []
    received = receive_notification("bank_transfer", "n-1", "transfer", "{}", _pay(order, "REF-1"))
    assert received.notification.attempt_id == attempt.id
    db.session.refresh(attempt)
    assert attempt.is_succeeded and attempt.provider_transaction_id == "TX-1" and attempt.settled_at
    assert not settle_attempt(attempt, AttemptStatus.FAILED)  # a success is final
    with pytest.raises(IntegrityError):
        new_attempt(order, PaymentMethod.BANK_TRANSFER, "REF-1")
    db.session.rollback()
