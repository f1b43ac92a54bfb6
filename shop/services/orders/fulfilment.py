"""Fulfilment: each producer sends their shipment of an order; the order follows its shipments.

When every shipment of an order has shipped, the order becomes fulfilled; when every
one has been delivered, it becomes completed (a cash order is paid then).
"""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.extensions import db
from shop.i18n import N_
from shop.models import Order, OrderLine, Shipment
from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.services import moves
from shop.services.mail import send_mail
from shop.services.orders.flow import transition_order
from shop.services.producers.profiles import require_approved
from shop.services.traceability import allocation
from shop.services.transaction import transaction

# Orders whose shipments may be worked on: paid card orders, placed cash orders, and (for the
# delivery step) orders already fulfilled. Never pending_payment, cancelled or refunded.
WORKABLE_ORDER_STATUSES = (OrderStatus.PAID, OrderStatus.PLACED, OrderStatus.FULFILLED)
SENDABLE_ORDER_STATUSES = (OrderStatus.PAID, OrderStatus.PLACED)

def own_shipment(producer, shipment_id):
    """Return the producer's shipment `shipment_id`; NotFound when it is not theirs."""
    shipment = db.session.scalar(
        select(Shipment).where(Shipment.id == shipment_id, Shipment.producer_id == producer.id)
    )
    if shipment is None:
        raise NotFound(_("Shipment not found."))
    return shipment


def producer_shipments(producer, statuses=None, limit=200):
    """Return the producer's shipments of paid or cash orders: all of them newest first, or only
    those in `statuses` oldest first (the order to send them in)."""
    query = (
        select(Shipment).join(Order).options(contains_eager(Shipment.order))
        .where(Shipment.producer_id == producer.id,
               Order.status.in_(WORKABLE_ORDER_STATUSES + (OrderStatus.COMPLETED,)))
        .limit(limit)
    )
    if statuses:
        return db.session.scalars(
            query.where(Shipment.status.in_(statuses)).order_by(Order.created_at, Shipment.id)
        ).all()
    return db.session.scalars(query.order_by(Order.created_at.desc(), Shipment.id.desc())).all()


def shipment_lines(shipment):
    """Return the order lines that make up `shipment` (its producer's lines of the order)."""
    return db.session.scalars(
        select(OrderLine).where(OrderLine.order_id == shipment.order_id, OrderLine.producer_id == shipment.producer_id)
        .order_by(OrderLine.id)
    ).all()


def next_steps(shipment):
    """Return the statuses the producer may move the shipment to now (none while its order is not workable)."""
    if shipment.order.status not in WORKABLE_ORDER_STATUSES:
        return []
    steps = [status for status in shipment.state.next_statuses if status in ShipmentStatus.producer_steps()]
    if shipment.order.status not in SENDABLE_ORDER_STATUSES:
        steps = [status for status in steps if status == ShipmentStatus.DELIVERED]
    return steps


def move_shipment(producer, shipment_id, to_status, actor, carrier="", tracking_number=""):
    """Move the producer's shipment to `to_status`, note it on the order and move the order along.

    Shipping needs a carrier and a tracking number, and e-mails the customer. Commits.
    """
    require_approved(producer)
    shipment = own_shipment(producer, shipment_id)
    with transaction():
        # Lock the order first: two producers finishing their parts at once must not both miss the last one.
        order = db.session.scalars(
            select(Order).where(Order.id == shipment.order_id).with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        db.session.refresh(shipment)
        if to_status not in next_steps(shipment):
            raise InvalidTransition(_("This shipment cannot go from “%(from)s” to “%(to)s” now.", **{
                "from": shipment.state.producer_label,
                "to": ShipmentStatus(to_status).producer_label if to_status in ShipmentStatus.values() else to_status,
            }))
        note = _take_carrier(shipment, to_status, carrier, tracking_number)
        _take_lots(shipment, to_status)
        moves.move(shipment, to_status, actor, note)
        _follow_shipments(order, actor)
        if to_status == ShipmentStatus.SHIPPED:
            _mail_shipped(order, shipment)
    return shipment


def _take_carrier(shipment, to_status, carrier, tracking_number):
    """Check and set the carrier and tracking number a shipment leaves with; return them as the move's note."""
    if to_status != ShipmentStatus.SHIPPED:
        return ""
    carrier, tracking_number = (carrier or "").strip(), (tracking_number or "").strip()
    if not carrier or len(carrier) > 80:
        raise InvalidInput(_("Give the carrier (at most 80 characters)."), field="carrier")
    if not tracking_number or len(tracking_number) > 80:
        raise InvalidInput(_("Give the tracking number (at most 80 characters)."), field="tracking_number")
    shipment.carrier, shipment.tracking_number = carrier, tracking_number
    return f"{carrier}, {tracking_number}"


def _take_lots(shipment, to_status):
    """Leaving "to pack", the shipment takes its lots (FIFO); it never ships a lot past its best-before date."""
    if shipment.is_pending:
        allocation.assign_lots(shipment, shipment_lines(shipment))
    if to_status == ShipmentStatus.SHIPPED:
        allocation.check_shippable(shipment)


def _follow_shipments(order, actor):
    """Fulfil the order when all its shipments have shipped; complete it when all are delivered."""
    live = [shipment.status for shipment in order.shipments if shipment.status != ShipmentStatus.CANCELLED]
    if not live:
        return
    sent = (ShipmentStatus.SHIPPED, ShipmentStatus.DELIVERED)
    if order.status in SENDABLE_ORDER_STATUSES and all(s in sent for s in live):
        transition_order(order, OrderStatus.FULFILLED, actor, N_("every shipment has shipped"))
    if order.status == OrderStatus.FULFILLED and all(s == ShipmentStatus.DELIVERED for s in live):
        transition_order(order, OrderStatus.COMPLETED, actor, N_("every shipment has been delivered"))


def _mail_shipped(order, shipment):
    lines = shipment_lines(shipment)
    send_mail(
        order.email, _l("Your order %(number)s is on its way", number=order.number), "shipment_shipped",
        locale=order.locale, order=order, shipment=shipment, lines=lines, lots=allocation.lots_of_lines(lines),
        order_url=_order_url(order),
    )


def _order_url(order):
    """Return the absolute address of the customer's order page in their language (/en/orders/<number>…)."""
    return url_for("account.order_page", number=order.number, _external=True, _lang=order.locale)
