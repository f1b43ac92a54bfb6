import pytest

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.models import AuditEvent, OrderEvent
from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.services.orders import fulfilment
from tests.factories import make_order, make_producer_owner, make_product


@pytest.fixture
def sent_mail(monkeypatch):
    """Capture e-mails instead of writing them out."""
    messages = []
    monkeypatch.setattr("shop.services.mail.send_message", messages.append)
    return messages


def shipment_of(order, producer):
    return next(s for s in order.shipments if s.producer_id == producer.id)


def test_pack_ship_deliver_moves_a_card_order_to_fulfilled_then_completed(app, db, sent_mail):
    user, producer = make_producer_owner(name="HTX Trà Ba Chẽ")
    order = make_order([(make_product(producer, name_vi="Trà hoa vàng"), 2)], status=OrderStatus.PAID, locale="en")
    db.session.commit()
    shipment = order.shipments[0]
    with app.test_request_context():
        fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.PACKED, user)
        assert (shipment.status, order.status) == (ShipmentStatus.PACKED, OrderStatus.PAID)
        assert shipment.packed_at is not None and not sent_mail
        fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.SHIPPED, user, " Viettel Post ", " VTP123 ")
        assert (shipment.status, shipment.carrier, shipment.tracking_number) == (ShipmentStatus.SHIPPED, "Viettel Post",
                                                                                 "VTP123")
        assert order.status == OrderStatus.FULFILLED
        fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.DELIVERED, user)
    assert order.status == OrderStatus.COMPLETED and shipment.delivered_at is not None
    notes = [(e.from_status, e.to_status, e.note) for e in db.session.query(OrderEvent).order_by(OrderEvent.id)]
    assert notes[0] == (OrderStatus.PAID, OrderStatus.PAID, "shipment of HTX Trà Ba Chẽ: pending → packed")
    assert notes[1][2] == "shipment of HTX Trà Ba Chẽ: packed → shipped (Viettel Post, VTP123)"
    assert [to for _from, to, _note in notes] == [
        OrderStatus.PAID, OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.FULFILLED, OrderStatus.COMPLETED]
    assert {e.action for e in db.session.query(AuditEvent)} == {"order.status"}
    (mail,) = sent_mail
    assert mail["To"] == order.email
    assert mail["Subject"] == f"Your order {order.number} is on its way"
    body = mail.get_content()
    assert "Viettel Post" in body and "VTP123" in body and "Trà hoa vàng × 2" in body
    assert f"/orders/{order.number}" in body


def test_a_cash_order_ships_straight_from_pending_and_is_paid_on_delivery(app, db, sent_mail):
    user, producer = make_producer_owner()
    order = make_order([(make_product(producer), 1)], status=OrderStatus.PLACED)
    db.session.commit()
    shipment = order.shipments[0]
    assert order.payment_method == "cod" and order.paid_at is None
    with app.test_request_context():
        fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.SHIPPED, user, "GHN", "GHN-9")
        assert order.status == OrderStatus.FULFILLED and order.paid_at is None
        fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.DELIVERED, user)
    assert order.status == OrderStatus.COMPLETED and order.paid_at is not None
    assert len(sent_mail) == 1


def test_the_order_waits_for_every_producers_shipment(app, db, sent_mail):
    user_a, producer_a = make_producer_owner()
    user_b, producer_b = make_producer_owner()
    order = make_order([(make_product(producer_a), 1), (make_product(producer_b), 1)], status=OrderStatus.PAID)
    db.session.commit()
    with app.test_request_context():
        fulfilment.move_shipment(producer_a, shipment_of(order, producer_a).id, ShipmentStatus.SHIPPED, user_a,
                                 "A", "1")
        assert order.status == OrderStatus.PAID
        fulfilment.move_shipment(producer_a, shipment_of(order, producer_a).id, ShipmentStatus.DELIVERED, user_a)
        assert order.status == OrderStatus.PAID
        fulfilment.move_shipment(producer_b, shipment_of(order, producer_b).id, ShipmentStatus.SHIPPED, user_b,
                                 "B", "2")
        assert order.status == OrderStatus.FULFILLED
        fulfilment.move_shipment(producer_b, shipment_of(order, producer_b).id, ShipmentStatus.DELIVERED, user_b)
    assert order.status == OrderStatus.COMPLETED


def test_shipping_needs_a_carrier_and_a_tracking_number(app, db, sent_mail):
    user, producer = make_producer_owner()
    order = make_order([(make_product(producer), 1)])
    db.session.commit()
    shipment = order.shipments[0]
    for carrier, tracking, field in [("", "X1", "carrier"), ("GHN", "  ", "tracking_number")]:
        with app.test_request_context(), pytest.raises(InvalidInput) as error:
            fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.SHIPPED, user, carrier, tracking)
        assert error.value.field == field
    db.session.refresh(shipment)
    assert shipment.status == "pending" and order.status == OrderStatus.PAID
    assert db.session.query(OrderEvent).count() == 0 and not sent_mail


@pytest.mark.parametrize("start, target", [
    ("pending", ShipmentStatus.DELIVERED), ("packed", ShipmentStatus.PACKED), ("shipped", ShipmentStatus.PACKED),
    ("delivered", ShipmentStatus.SHIPPED), ("pending", "cancelled"), ("pending", "lost"),
])
def test_moves_outside_the_table_are_refused(app, db, start, target):
    user, producer = make_producer_owner()
    status = OrderStatus.FULFILLED if start in ("shipped", "delivered") else OrderStatus.PAID
    order = make_order([(make_product(producer), 1)], status=status, shipment_status=start)
    db.session.commit()
    with app.test_request_context(), pytest.raises(InvalidTransition):
        fulfilment.move_shipment(producer, order.shipments[0].id, target, user, "GHN", "1")
    assert order.shipments[0].status == start


@pytest.mark.parametrize("order_status", [OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED, OrderStatus.REFUNDED])
def test_unpaid_or_cancelled_orders_cannot_be_sent(app, db, order_status, sent_mail):
    user, producer = make_producer_owner()
    order = make_order([(make_product(producer), 1)], status=order_status, shipment_status="pending")
    db.session.commit()
    shipment = order.shipments[0]
    assert fulfilment.next_steps(shipment) == []
    for step in (ShipmentStatus.PACKED, ShipmentStatus.SHIPPED):
        with app.test_request_context(), pytest.raises(InvalidTransition):
            fulfilment.move_shipment(producer, shipment.id, step, user, "GHN", "1")
    assert shipment.status == "pending" and order.status == order_status and not sent_mail


def test_a_fulfilled_order_may_only_be_delivered(db):
    _user, producer = make_producer_owner()
    order = make_order([(make_product(producer), 1)], status=OrderStatus.FULFILLED)
    db.session.commit()
    assert fulfilment.next_steps(order.shipments[0]) == [ShipmentStatus.DELIVERED]


def test_another_producers_shipment_is_not_found(app, db):
    user, producer = make_producer_owner()
    order = make_order([(make_product(), 1)])
    db.session.commit()
    with app.test_request_context(), pytest.raises(NotFound):
        fulfilment.move_shipment(producer, order.shipments[0].id, ShipmentStatus.PACKED, user)
    assert order.shipments[0].status == "pending"


SHIPPED_MAIL = {
    "vi": ("Đơn hàng {number} của bạn đang được giao",
           ["Xin chào Khách hàng,", "Đơn vị vận chuyển: GHN", "Mã vận đơn: VTP42", "- Trà hoa vàng × 1"]),
    "en": ("Your order {number} is on its way",
           ["Hello Khách hàng,", "Carrier: GHN", "Tracking number: VTP42", "- Trà hoa vàng × 1"]),
}


@pytest.mark.parametrize("locale, page_locale", [("vi", "en"), ("en", "vi")])
def test_the_shipped_mail_is_written_in_the_orders_language(app, db, monkeypatch, smtp_inbox, locale, page_locale):
    """The producer works in one language, the mail goes out in the order's: rendered, sent over SMTP, read back."""
    monkeypatch.setattr(app.extensions["babel"], "locale_selector", lambda: page_locale)
    user, producer = make_producer_owner()
    order = make_order([(make_product(producer, name_vi="Trà hoa vàng"), 1)], locale=locale,
                       contact_name="Khách hàng", email="khach@example.com")
    db.session.commit()
    with app.test_request_context():
        fulfilment.move_shipment(producer, order.shipments[0].id, ShipmentStatus.SHIPPED, user, "GHN", "VTP42")
    ((recipients, message),) = smtp_inbox.messages
    subject, lines = SHIPPED_MAIL[locale]
    assert recipients == ["khach@example.com"] and message["Subject"] == subject.format(number=order.number)
    body = message.get_body(("plain",)).get_content().splitlines()
    assert all(line in body for line in lines), body
