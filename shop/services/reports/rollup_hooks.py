"""Keep the revenue rollups in the same transaction as every change they sum.

Whatever service changes an order (placing, paying, fulfilling, cancelling), a refund, a line's refunded
quantity, a product's group, a producer's area or a certification, the change reaches the database in a
flush. Before the flush the touched orders' figures are read as they stand; after it they are read again
and the difference is added to the rollup tables, in the flush's transaction: committed with it, rolled
back with it. A flush that touches no sold or refunded order costs no query.
"""
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from shop.models import Certification, Order, OrderLine, Producer, Product, Refund
from shop.services.orders.flow import REVENUE_STATUSES
from shop.services.reports.rollups import apply_difference, raw_cells

PENDING = "revenue_rollups_pending"


def _history_values(obj, name):
    history = inspect(obj).attrs[name].history
    return [*history.added, *history.unchanged, *history.deleted]


def _changed(obj, *names):
    state = inspect(obj)
    return any(state.attrs[name].history.has_changes() for name in names)


def _counts(order):
    """Whether an order in the session is, or was, a sale (so its figures may move)."""
    return any(status in REVENUE_STATUSES for status in _history_values(order, "status"))


class _Touched:
    """The orders, products and producers a flush touches."""

    def __init__(self):
        self.order_ids, self.new_orders, self.product_ids, self.producer_ids = set(), [], set(), set()

    def order_of(self, row, session):
        order = row.order
        if order is None and row.order_id is not None:
            self.order_ids.add(row.order_id)
        elif order is not None and order in session.new:
            self.new_orders.append(order)
        elif order is not None:
            self.order_ids.add(order.id)

    def add(self, obj, session, is_new):
        if isinstance(obj, Order):
            if is_new and _counts(obj):
                self.new_orders.append(obj)
            elif not is_new and _counts(obj) and (obj in session.deleted or session.is_modified(obj)):
                self.order_ids.add(obj.id)
        elif isinstance(obj, Refund):
            self.order_of(obj, session)
        elif isinstance(obj, OrderLine) and (is_new or obj in session.deleted or _changed(obj, "refunded_quantity")):
            self.order_of(obj, session)
        elif isinstance(obj, Certification):
            self.product_ids.add(obj.product_id if obj.product_id is not None else getattr(obj.product, "id", None))
        elif isinstance(obj, Product) and not is_new and _changed(obj, "category_id"):
            self.product_ids.add(obj.id)
        elif isinstance(obj, Producer) and not is_new and _changed(obj, "area_id"):
            self.producer_ids.add(obj.id)

    def existing_orders(self, connection):
        ids = set(self.order_ids)
        self.product_ids.discard(None)
        if self.product_ids:
            ids.update(connection.scalars(select(OrderLine.order_id).where(OrderLine.product_id.in_(self.product_ids))))
        if self.producer_ids:
            ids.update(connection.scalars(
                select(OrderLine.order_id).where(OrderLine.producer_id.in_(self.producer_ids))))
        ids.discard(None)
        return ids


def _before_flush(session, _context, _instances):
    touched = _Touched()
    with session.no_autoflush:
        for obj in session.new:
            touched.add(obj, session, True)
        for obj in session.dirty | session.deleted:
            touched.add(obj, session, False)
    if not (touched.order_ids or touched.new_orders or touched.product_ids or touched.producer_ids):
        return
    connection = session.connection()
    ids = touched.existing_orders(connection)
    session.info[PENDING] = (ids, touched.new_orders, raw_cells(connection, ids) if ids else {})


def _after_flush(session, _context):
    pending = session.info.pop(PENDING, None)
    if pending is None:
        return
    ids, new_orders, before = pending
    ids = ids | {order.id for order in new_orders if order.id is not None}
    connection = session.connection()
    apply_difference(connection, before, raw_cells(connection, ids) if ids else {})


def _forget(session, *_args):
    session.info.pop(PENDING, None)


def keep_rollups():
    """Listen to every session's flushes so the rollups move with the rows they sum (idempotent)."""
    for name, listener in (("before_flush", _before_flush), ("after_flush_postexec", _after_flush),
                           ("after_soft_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
