"""Order moves: every change of an order's status goes through `transition_order` (shop.services.moves).

The allowed moves live on the enum (shop.models.statuses.OrderStatus).
"""
from shop.models.statuses import OrderStatus
from shop.services import moves

# Orders whose money counts as sales: paid card orders and cash orders once completed.
REVENUE_STATUSES = (OrderStatus.PAID, OrderStatus.FULFILLED, OrderStatus.COMPLETED, OrderStatus.REFUNDED)


def can_move(order, to_status):
    """Whether `order` may move to `to_status`."""
    return moves.can_move(order, to_status)


def transition_order(order, to_status, actor=None, note=""):
    """Move `order` to `to_status`, stamping times and writing an event and an audit row.

    Does not commit: the caller's transaction carries the move with whatever caused it.
    """
    return moves.move(order, to_status, actor, note)
