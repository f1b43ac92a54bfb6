"""A producer's own sales, computed by SQL aggregates over their order lines.

A sale is an order line of the producer in an order whose status counts as revenue
(REVENUE_STATUSES: paid, fulfilled, completed, refunded); nothing else is subtracted.
A sale belongs to the day its order was placed, in the shop's time (Asia/Ho_Chi_Minh,
UTC+7 all year), while the database stores naive UTC.
"""
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, case, distinct, func, select
from sqlalchemy.orm import contains_eager

from shop.extensions import db
from shop.models import Order, OrderLine, Shipment
from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.services.localtime import SHOP_OFFSET, local_today, to_local
from shop.services.localtime import local_day as local_date
from shop.services.orders.flow import REVENUE_STATUSES

PERIODS = (("today", 1), ("week", 7), ("month", 30))
# Shipments a producer still has to send: their order is paid (card) or placed (cash on delivery).
WAITING_SHIPMENTS = (ShipmentStatus.PENDING, ShipmentStatus.PACKED)
SHIPPABLE_ORDER_STATUSES = (OrderStatus.PAID, OrderStatus.PLACED)


def day_start_utc(day):
    """Return the naive-UTC instant at which the shop-local `day` begins."""
    return datetime.combine(day, time.min) - SHOP_OFFSET


@dataclass(frozen=True)
class Figures:
    """Sales over one period."""

    revenue: int = 0
    units: int = 0
    orders: int = 0


def sales_summary(producer_id, now=None):
    """Return {"today", "week", "month"}: Figures over today, the last 7 and the last 30 local days."""
    today = local_today(now)
    columns = []
    for key, days in PERIODS:
        inside = Order.created_at >= day_start_utc(today - timedelta(days=days - 1))
        columns += [
            func.coalesce(func.sum(case((inside, OrderLine.line_total), else_=0)), 0).label(f"{key}_revenue"),
            func.coalesce(func.sum(case((inside, OrderLine.quantity), else_=0)), 0).label(f"{key}_units"),
            func.count(distinct(case((inside, OrderLine.order_id)))).label(f"{key}_orders"),
        ]
    oldest = day_start_utc(today - timedelta(days=max(days for _key, days in PERIODS) - 1))
    row = db.session.execute(
        select(*columns).select_from(OrderLine).join(Order)
        .where(*_sales_filter(producer_id), Order.created_at >= oldest, Order.created_at < _end_of(today))
    ).one()
    values = row._mapping
    return {key: Figures(int(values[f"{key}_revenue"]), int(values[f"{key}_units"]), int(values[f"{key}_orders"]))
            for key, _days in PERIODS}


def daily_sales(producer_id, days=30, now=None):
    """Return [(local date, revenue, units)] for each of the last `days` local days, oldest first, zeros included."""
    today = local_today(now)
    first = today - timedelta(days=days - 1)
    day = local_date(Order.created_at)
    rows = db.session.execute(
        select(day.label("day"), func.sum(OrderLine.line_total), func.sum(OrderLine.quantity))
        .select_from(OrderLine).join(Order)
        .where(*_sales_filter(producer_id), Order.created_at >= day_start_utc(first), Order.created_at < _end_of(today))
        .group_by(day)
    ).all()
    by_day = {_as_date(found): (int(revenue), int(units)) for found, revenue, units in rows}
    return [(first + timedelta(days=i), *by_day.get(first + timedelta(days=i), (0, 0))) for i in range(days)]


def waiting_shipments(producer_id, limit=None):
    """Return the producer's shipments still to be sent for paid or cash orders, oldest order first."""
    query = (
        select(Shipment).join(Order).options(contains_eager(Shipment.order))
        .where(Shipment.producer_id == producer_id, Shipment.status.in_(WAITING_SHIPMENTS),
               Order.status.in_(SHIPPABLE_ORDER_STATUSES))
        .order_by(Order.created_at, Shipment.id)
    )
    return db.session.scalars(query.limit(limit) if limit else query).all()


def count_waiting_shipments(producer_id):
    """Return how many shipments the producer still has to send."""
    return db.session.scalar(
        select(func.count(Shipment.id)).join(Order)
        .where(Shipment.producer_id == producer_id, Shipment.status.in_(WAITING_SHIPMENTS),
               Order.status.in_(SHIPPABLE_ORDER_STATUSES))
    )


@dataclass(frozen=True)
class Totals:
    """Totals of a list of order lines."""

    lines: int = 0
    orders: int = 0
    units: int = 0
    amount: int = 0


def order_lines(producer_id, start, end, statuses, page=1, per_page=50):
    """Return one page of the producer's order lines of orders placed from local `start` to `end` (inclusive)
    whose status is in `statuses`, newest first, each with its order's number, time and status and the shipment's.
    """
    query = _lines_query(producer_id, start, end, statuses).limit(per_page).offset((max(page, 1) - 1) * per_page)
    return db.session.execute(query).all()


def iter_order_lines(producer_id, start, end, statuses):
    """Yield every line `order_lines` would list, fetched in batches (for the CSV export)."""
    result = db.session.execute(_lines_query(producer_id, start, end, statuses).execution_options(yield_per=500))
    yield from result


def order_line_totals(producer_id, start, end, statuses):
    """Return the Totals of the lines `order_lines` lists."""
    row = db.session.execute(
        select(func.count(OrderLine.id), func.count(distinct(OrderLine.order_id)),
               func.coalesce(func.sum(OrderLine.quantity), 0), func.coalesce(func.sum(OrderLine.line_total), 0))
        .select_from(OrderLine).join(Order).where(*_lines_filter(producer_id, start, end, statuses))
    ).one()
    return Totals(*(int(value) for value in row))


def sales_table(producer_id, start, end, statuses):
    """Return the header and the rows (an iterator, fetched in batches) of the sales export:
    the lines `order_lines` lists, with local times and the statuses in the producer's words."""
    header = [_("Order number"), _("Date"), _("Product"), _("Quantity"), _("Unit price (VND)"),
              _("Line total (VND)"), _("Order status"), _("Shipment status")]
    rows = (
        [line.number, to_local(line.created_at).strftime("%Y-%m-%d %H:%M"), line.product_name, line.quantity,
         line.unit_price, line.line_total, OrderStatus(line.order_status).producer_label,
         ShipmentStatus(line.shipment_status).producer_label if line.shipment_status else ""]
        for line in iter_order_lines(producer_id, start, end, statuses)
    )
    return header, rows


def _lines_query(producer_id, start, end, statuses):
    return (
        select(Order.number, Order.created_at, Order.status.label("order_status"), OrderLine.id,
               OrderLine.product_name, OrderLine.quantity, OrderLine.unit_price, OrderLine.line_total,
               Shipment.id.label("shipment_id"), Shipment.status.label("shipment_status"))
        .select_from(OrderLine).join(Order)
        .outerjoin(Shipment, and_(Shipment.order_id == OrderLine.order_id,
                                  Shipment.producer_id == OrderLine.producer_id))
        .where(*_lines_filter(producer_id, start, end, statuses))
        .order_by(Order.created_at.desc(), Order.id.desc(), OrderLine.id)
    )


def _lines_filter(producer_id, start, end, statuses):
    return (OrderLine.producer_id == producer_id, Order.status.in_(statuses),
            Order.created_at >= day_start_utc(start), Order.created_at < _end_of(end))


def _sales_filter(producer_id):
    return (OrderLine.producer_id == producer_id, Order.status.in_(REVENUE_STATUSES))


def _end_of(day):
    return day_start_utc(day + timedelta(days=1))


def _as_date(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value))
