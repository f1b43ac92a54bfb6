"""The shop's figures for Prometheus: requests, orders placed, payments, page cache, job queues.

Counters of orders and payments are counted from the database session itself: a flush that
writes a new order or moves an order's status notes it, and only a commit counts it (a
rolled-back checkout counts nothing), whichever service made the change.

With several gunicorn workers, set PROMETHEUS_MULTIPROC_DIR (an empty folder, the same for
every worker of a host) so that one scrape sees the sums of all workers.
"""
import logging

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import event, inspect

from shop.models import Order
from shop.models.statuses import OrderStatus

REQUESTS = Counter("shop_requests_total", "HTTP requests answered", ["endpoint", "method", "status"])
LATENCY = Histogram("shop_request_seconds", "Time to answer a request", ["endpoint"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ORDERS_PLACED = Counter("shop_orders_placed_total", "Orders placed", ["payment_method"])
PAYMENTS = Counter("shop_payments_total", "Payments by method and result (paid, failed, refunded)",
                   ["payment_method", "result"])
DEPENDENCY_FAILURES = Counter("shop_dependency_failures_total",
                              "Calls to a dependency that failed and were answered without it",
                              ["dependency", "part"])
PAGE_CACHE = Counter("shop_page_cache_total", "Public page requests by cache result (hit, miss)", ["result"])
QUEUE_DEPTH = Gauge("shop_job_queue_depth", "Jobs waiting or failed, by queue and state", ["queue", "state"],
                    multiprocess_mode="livemax")

PAYMENT_RESULTS = {  # (from, to) → result; cash is paid when the order completes on delivery
    (OrderStatus.PENDING_PAYMENT, OrderStatus.PAID): "paid",
    (OrderStatus.FULFILLED, OrderStatus.COMPLETED): "paid",
    (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED): "failed",
}
_PENDING = "shop_metrics"


def payment_result(order, before, after):
    """Return what a status move means for the payment of `order` ("paid", "failed", "refunded") or None."""
    if after == OrderStatus.REFUNDED:
        return "refunded"
    result = PAYMENT_RESULTS.get((before, after))
    if result == "paid" and after == OrderStatus.COMPLETED and order.payment_method != "cod":
        return None  # a card order was counted when it was paid
    return result


def _note_changes(session, _context):
    pending = session.info.setdefault(_PENDING, [])
    for row in session.new:
        if isinstance(row, Order):
            pending.append((ORDERS_PLACED, (row.payment_method,)))
    for row in session.dirty:
        if not isinstance(row, Order):
            continue
        history = inspect(row).attrs.status.history
        if history.deleted and history.added:
            result = payment_result(row, history.deleted[0], history.added[0])
            if result:
                pending.append((PAYMENTS, (row.payment_method, result)))


def _count(session):
    for metric, labels in session.info.pop(_PENDING, []):
        metric.labels(*labels).inc()


def _forget(session):
    session.info.pop(_PENDING, None)


class LimiterOutageCounter(logging.Handler):
    """A log handler on Flask-Limiter's logger: its "storage unreachable" warnings count as Redis failures."""

    def __init__(self):
        super().__init__(level=logging.WARNING)

    def emit(self, record):
        if "unreachable" in record.getMessage():
            DEPENDENCY_FAILURES.labels("redis", "rate limiter").inc()


def count_page_cache(hit):
    """Count one public page served from the cache (`hit`) or rendered afresh."""
    PAGE_CACHE.labels("hit" if hit else "miss").inc()


def watch_session(session_class):
    """Count orders and payments on every commit of sessions of `session_class` (once per process)."""
    if event.contains(session_class, "after_flush", _note_changes):
        return
    event.listen(session_class, "after_flush", _note_changes)
    event.listen(session_class, "after_commit", _count)
    event.listen(session_class, "after_rollback", _forget)
