"""Order statuses and the one table of moves between them."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.errors import InvalidTransition
from shop.extensions import db
from shop.models import OrderEvent, utcnow
from shop.models.order import (
    ORDER_CANCELLED,
    ORDER_COMPLETED,
    ORDER_FULFILLED,
    ORDER_PAID,
    ORDER_PENDING_PAYMENT,
    ORDER_PLACED,
    ORDER_REFUNDED,
)
from shop.services.audit import record_audit

# status → the statuses it may move to. Anything else raises InvalidTransition.
ORDER_TRANSITIONS = {
    ORDER_PENDING_PAYMENT: {ORDER_PAID, ORDER_CANCELLED},  # card: paid, or failed/expired/cancelled
    ORDER_PLACED: {ORDER_FULFILLED, ORDER_CANCELLED},  # cash on delivery
    ORDER_PAID: {ORDER_FULFILLED, ORDER_REFUNDED},
    ORDER_FULFILLED: {ORDER_COMPLETED, ORDER_REFUNDED},
    ORDER_COMPLETED: {ORDER_REFUNDED},
    ORDER_CANCELLED: set(),
    ORDER_REFUNDED: set(),
}

# Orders whose money counts as sales: paid card orders and cash orders once completed.
REVENUE_STATUSES = (ORDER_PAID, ORDER_FULFILLED, ORDER_COMPLETED, ORDER_REFUNDED)

STATUS_LABELS = {
    ORDER_PENDING_PAYMENT: _l("Awaiting payment"),
    ORDER_PLACED: _l("Placed (cash on delivery)"),
    ORDER_PAID: _l("Paid"),
    ORDER_FULFILLED: _l("Shipped"),
    ORDER_COMPLETED: _l("Completed"),
    ORDER_CANCELLED: _l("Cancelled"),
    ORDER_REFUNDED: _l("Refunded"),
}


def can_move(order, to_status):
    """Whether `order` may move to `to_status`."""
    return to_status in ORDER_TRANSITIONS.get(order.status, set())


def transition_order(order, to_status, actor=None, note=""):
    """Move `order` to `to_status`, stamping times and writing an event and an audit row.

    Does not commit: the caller's transaction carries the move with whatever caused it.
    """
    if not can_move(order, to_status):
        raise InvalidTransition(
            _("Order %(number)s cannot go from “%(from)s” to “%(to)s”.", number=order.number,
              **{"from": STATUS_LABELS[order.status], "to": STATUS_LABELS[to_status]})
        )
    before = order.status
    now = utcnow()
    order.status = to_status
    if to_status == ORDER_PAID or (to_status == ORDER_COMPLETED and order.paid_at is None):
        order.paid_at = now  # cash orders are paid on delivery
    if to_status == ORDER_CANCELLED:
        order.cancelled_at = now
    db.session.add(OrderEvent(order=order, from_status=before, to_status=to_status,
                              actor_id=getattr(actor, "id", None), note=note[:500]))
    record_audit(actor, "order.status", order, {"status": before}, {"status": to_status}, note)
    return order
