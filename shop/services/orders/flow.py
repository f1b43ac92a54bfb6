"""Order statuses and the one table of moves between them."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.errors import InvalidTransition
from shop.extensions import db
from shop.models import OrderEvent, utcnow
from shop.models.statuses import OrderStatus
from shop.services.audit import record_audit

# status → the statuses it may move to. Anything else raises InvalidTransition.
ORDER_TRANSITIONS = {
    OrderStatus.PENDING_PAYMENT: {OrderStatus.PAID, OrderStatus.CANCELLED},  # card: paid, or failed/expired/cancelled
    OrderStatus.PLACED: {OrderStatus.FULFILLED, OrderStatus.CANCELLED},  # cash on delivery
    OrderStatus.PAID: {OrderStatus.FULFILLED, OrderStatus.REFUNDED},
    OrderStatus.FULFILLED: {OrderStatus.COMPLETED, OrderStatus.REFUNDED},
    OrderStatus.COMPLETED: {OrderStatus.REFUNDED},
    OrderStatus.CANCELLED: set(),
    OrderStatus.REFUNDED: set(),
}

# Orders whose money counts as sales: paid card orders and cash orders once completed.
REVENUE_STATUSES = (OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED)

STATUS_LABELS = {
    OrderStatus.PENDING_PAYMENT: _l("Awaiting payment"),
    OrderStatus.PLACED: _l("Placed (cash on delivery)"),
    OrderStatus.PAID: _l("Paid"),
    OrderStatus.FULFILLED: _l("Shipped"),
    OrderStatus.COMPLETED: _l("Completed"),
    OrderStatus.CANCELLED: _l("Cancelled"),
    OrderStatus.REFUNDED: _l("Refunded"),
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
    if to_status == OrderStatus.PAID or (to_status == OrderStatus.COMPLETED and order.paid_at is None):
        order.paid_at = now  # cash orders are paid on delivery
    if to_status == OrderStatus.CANCELLED:
        order.cancelled_at = now
    db.session.add(OrderEvent(order=order, from_status=before, to_status=to_status,
                              actor_id=getattr(actor, "id", None), note=note[:500]))
    record_audit(actor, "order.status", order, {"status": before}, {"status": to_status}, note)
    return order
