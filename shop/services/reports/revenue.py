"""Revenue reports for the OCOP office: totals, by day and month, and breakdowns (payables: payables.py).

What counts
- A sale is an order whose status is in REVENUE_STATUSES (paid, fulfilled, completed,
  refunded), dated by `paid_at`: card orders once paid, cash orders once completed.
  Unpaid, placed-but-not-completed cash, cancelled and expired orders never count.
- Gross sales are order totals (goods plus shipping fee); the breakdowns by producer,
  product group, star level and area are goods only (line totals), since shipping is
  not any producer's. Their footer shows the shipping part so the columns reconcile.
- Refunds are Refund rows dated by their own `created_at`, whenever the order was paid;
  net = gross − refunds.
- Days are Vietnamese days (see shop.services.localtime); every figure is summed by the
  database (GROUP BY), never by a Python loop over orders.

How a refund is split over an order's lines (for the breakdowns and payables)
- Each refund is shared out over the order's lines and its shipping fee in proportion
  to their weights. A line weighs its line total, or, when the order's lines name
  refunded quantities, its refunded value (refunded_quantity × unit_price). Shipping
  weighs the shipping fee, except when the order names refunded quantities and not
  every unit is refunded (returning some items does not return the delivery).
- Shares are exact to the đồng: line i of a refund of A over weights w gets
  ⌊A·(w₁+…+wᵢ)/W⌋ − ⌊A·(w₁+…+wᵢ₋₁)/W⌋, and shipping gets the rest, so the shares of a
  refund always add up to the refund. Refunded quantities are read as they stand now.
"""
from dataclasses import dataclass, field
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, case, func, select

from shop.extensions import db
from shop.i18n import current_locale, localized
from shop.models import Area, Category, Certification, Order, OrderLine, Producer, Product, Refund
from shop.models.statuses import CertificationStatus, PaymentMethod
from shop.services.localtime import local_day, local_month, utc_bounds
from shop.services.orders.flow import REVENUE_STATUSES

DIMENSIONS = ("producer", "category", "stars", "area", "payment")


@dataclass
class Figures:
    """Money and counts for one slice of a period; every amount is integer VND."""

    gross: int = 0
    refunds: int = 0
    orders: int = 0
    units: int = 0
    shipping: int = 0

    @property
    def net(self):
        return self.gross - self.refunds

    @property
    def average_order(self):
        """Gross sales per order, rounded half up to the đồng."""
        return divide_half_up(self.gross, self.orders) if self.orders else 0


@dataclass
class Row(Figures):
    """One line of a report: a day, a month, a producer, a star level…"""

    key: object = None
    label: str = ""


@dataclass
class Breakdown:
    """Rows of one dimension, their goods totals and the shipping part outside the rows."""

    dimension: str
    rows: list = field(default_factory=list)
    total: Figures = field(default_factory=Figures)
    shipping: Figures = field(default_factory=Figures)


def divide_half_up(amount, divisor):
    """Divide integers and round to the nearest whole number, halves away from zero."""
    sign = -1 if (amount < 0) != (divisor < 0) else 1
    return sign * ((2 * abs(amount) + abs(divisor)) // (2 * abs(divisor)))


def _counted(begin, finish):
    """The WHERE clause of orders that count as sales in the UTC range [begin, finish)."""
    return and_(Order.status.in_(REVENUE_STATUSES), Order.paid_at >= begin, Order.paid_at < finish)


def _refunded_in(begin, finish):
    return and_(Refund.created_at >= begin, Refund.created_at < finish)


def revenue_summary(start, end):
    """Return the Figures of the Vietnamese days `start`..`end` inclusive."""
    begin, finish = utc_bounds(start, end)
    orders, gross, shipping = db.session.execute(
        select(func.count(Order.id), func.coalesce(func.sum(Order.total), 0),
               func.coalesce(func.sum(Order.shipping_fee), 0)).where(_counted(begin, finish))
    ).one()
    units = db.session.scalar(
        select(func.coalesce(func.sum(OrderLine.quantity), 0)).join(Order).where(_counted(begin, finish))
    )
    refunds = db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(_refunded_in(begin, finish)))
    return Figures(gross=int(gross), refunds=int(refunds), orders=orders, units=int(units), shipping=int(shipping))


def _by_period(start, end, bucket, keys):
    """Rows for every bucket in `keys` (days or months), with zeros where nothing happened."""
    begin, finish = utc_bounds(start, end)
    sale_key = bucket(Order.paid_at).label("key")
    sales = db.session.execute(
        select(sale_key, func.count(Order.id), func.sum(Order.total), func.sum(Order.shipping_fee))
        .where(_counted(begin, finish)).group_by(sale_key)
    ).all()
    unit_key = bucket(Order.paid_at).label("key")
    units = dict(db.session.execute(
        select(unit_key, func.sum(OrderLine.quantity)).join(Order).where(_counted(begin, finish)).group_by(unit_key)
    ).all())
    refund_key = bucket(Refund.created_at).label("key")
    refunds = dict(db.session.execute(
        select(refund_key, func.sum(Refund.amount)).where(_refunded_in(begin, finish)).group_by(refund_key)
    ).all())
    rows = {key: Row(key=key, label=str(key)) for key in keys}
    for key, count, gross, shipping in sales:
        rows[key].orders, rows[key].gross, rows[key].shipping = count, int(gross), int(shipping)
    for key, value in units.items():
        rows[key].units = int(value)
    for key, value in refunds.items():
        rows[key].refunds = int(value)
    return list(rows.values())


def revenue_by_day(start, end):
    """Return one Row per Vietnamese day from `start` to `end` (key: a date)."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return _by_period(start, end, local_day, days)


def months_between(start, end):
    """Return the "YYYY-MM" months from `start`'s to `end`'s, in order."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def revenue_by_month(start, end):
    """Return one Row per month touched by the days `start`..`end` (key: "YYYY-MM")."""
    return _by_period(start, end, local_month, months_between(start, end))


def _stars_on_paid_day():
    """SQL: the best verified rating of a line's product valid on its order's (Vietnamese) paid day."""
    paid_day = local_day(Order.paid_at)
    return (
        select(func.max(Certification.stars))
        .where(Certification.product_id == OrderLine.product_id, Certification.status == CertificationStatus.VERIFIED,
               Certification.stars.is_not(None), Certification.decision_date <= paid_day,
               Certification.expires_on >= paid_day)
        .correlate(OrderLine, Order)
        .scalar_subquery()
    )


def _line_keys():
    """The columns a goods breakdown can group by, for a query over OrderLine ⋈ Order ⋈ Product ⋈ Producer."""
    return {
        "producer": OrderLine.producer_id,
        "category": Product.category_id,
        "area": Producer.area_id,
        "stars": _stars_on_paid_day(),
    }


def _lines_joined(*columns):
    return (
        select(*columns).select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .join(Producer, Producer.id == OrderLine.producer_id)
    )


def line_sales(dimension, begin, finish):
    """{key: (gross, units, orders)} of goods sold in the range, grouped in the database."""
    facts = _lines_joined(
        _line_keys()[dimension].label("key"), OrderLine.order_id, OrderLine.line_total, OrderLine.quantity,
    ).where(_counted(begin, finish)).subquery()
    rows = db.session.execute(
        select(facts.c.key, func.sum(facts.c.line_total), func.sum(facts.c.quantity),
               func.count(func.distinct(facts.c.order_id))).group_by(facts.c.key)
    ).all()
    return {key: (int(gross), int(units), orders) for key, gross, units, orders in rows}


def _refund_shares(begin, finish, dimension):
    """A subquery with one row per (refund in the range, line of its order): key and share."""
    # Only orders refunded in the range: summing every line of every order took seconds.
    refunded_orders = select(Refund.order_id).where(_refunded_in(begin, finish))
    per_order = (
        select(OrderLine.order_id.label("order_id"),
               func.sum(OrderLine.quantity).label("units"),
               func.sum(OrderLine.refunded_quantity).label("refunded_units"),
               func.sum(OrderLine.refunded_quantity * OrderLine.unit_price).label("refunded_value"))
        .where(OrderLine.order_id.in_(refunded_orders))
        .group_by(OrderLine.order_id).subquery()
    )
    named = per_order.c.refunded_units > 0
    weight = case((named, OrderLine.refunded_quantity * OrderLine.unit_price), else_=OrderLine.line_total)
    lines_weight = case((named, per_order.c.refunded_value), else_=Order.subtotal)
    shipping_weight = case((and_(named, per_order.c.refunded_units < per_order.c.units), 0), else_=Order.shipping_fee)
    total_weight = lines_weight + shipping_weight
    running = func.sum(weight).over(partition_by=Refund.id, order_by=OrderLine.id)
    share = (Refund.amount * running) // total_weight - (Refund.amount * (running - weight)) // total_weight
    return (
        _lines_joined(_line_keys()[dimension].label("key"), Refund.id.label("refund_id"), share.label("share"))
        .join(Refund, Refund.order_id == Order.id)
        .join(per_order, per_order.c.order_id == Order.id)
        .where(_refunded_in(begin, finish))
        .subquery()
    )


def line_refunds(dimension, begin, finish):
    """{key: refunded goods} for refunds in the range, split over lines as the module explains."""
    shares = _refund_shares(begin, finish, dimension)
    rows = db.session.execute(select(shares.c.key, func.sum(shares.c.share)).group_by(shares.c.key)).all()
    return {key: int(value) for key, value in rows}


def dimension_labels(dimension, keys):
    """Return {key: label} for the keys of one dimension, in the current language."""
    locale = current_locale()
    ids = [key for key in keys if key is not None]
    if dimension == "producer":
        return {p.id: p.name for p in db.session.scalars(select(Producer).where(Producer.id.in_(ids)))}
    if dimension == "category":
        categories = db.session.scalars(select(Category).where(Category.id.in_(ids)))
        return {c.id: localized(c, "name", locale) for c in categories}
    if dimension == "area":
        areas = db.session.scalars(select(Area).where(Area.id.in_(ids)))
        return {a.id: (a.name_en if locale == "en" and a.name_en else a.name) for a in areas}
    if dimension == "stars":
        return {key: (_("%(n)d★", n=key) if key else _("Not rated")) for key in keys}
    return {method.value: str(method.office_label) for method in PaymentMethod}


def _goods_breakdown(dimension, begin, finish, summary):
    sales = line_sales(dimension, begin, finish)
    refunds = line_refunds(dimension, begin, finish)
    keys = set(sales) | set(refunds)
    labels = dimension_labels(dimension, keys)
    rows = []
    for key in keys:
        gross, units, orders = sales.get(key, (0, 0, 0))
        rows.append(Row(key=key, label=labels.get(key, "?"), gross=gross, units=units, orders=orders,
                        refunds=refunds.get(key, 0)))
    total = Figures(gross=sum(r.gross for r in rows), refunds=sum(r.refunds for r in rows),
                    orders=summary.orders, units=summary.units)
    shipping = Figures(gross=summary.gross - total.gross, refunds=summary.refunds - total.refunds)
    return Breakdown(dimension, rows, total, shipping)


def _payment_breakdown(begin, finish, summary):
    method = Order.payment_method
    sales = db.session.execute(
        select(method, func.count(Order.id), func.sum(Order.total)).where(_counted(begin, finish)).group_by(method)
    ).all()
    units = dict(db.session.execute(
        select(method, func.sum(OrderLine.quantity)).join(Order).where(_counted(begin, finish)).group_by(method)
    ).all())
    refunds = dict(db.session.execute(
        select(method, func.sum(Refund.amount)).join(Order).where(_refunded_in(begin, finish)).group_by(method)
    ).all())
    orders_gross = {key: (count, int(gross)) for key, count, gross in sales}
    keys = set(orders_gross) | set(refunds)
    labels = dimension_labels("payment", keys)
    rows = [Row(key=key, label=labels.get(key, key), orders=orders_gross.get(key, (0, 0))[0],
                gross=orders_gross.get(key, (0, 0))[1], units=int(units.get(key) or 0),
                refunds=int(refunds.get(key) or 0)) for key in keys]
    return Breakdown("payment", rows, summary, Figures())


def revenue_breakdown(dimension, start, end, summary=None):
    """Return the Breakdown of the days `start`..`end` by producer, category, stars, area or payment.

    `summary` is the period's revenue_summary when the caller already has it.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    begin, finish = utc_bounds(start, end)
    summary = summary or revenue_summary(start, end)
    if dimension == "payment":
        breakdown = _payment_breakdown(begin, finish, summary)
    else:
        breakdown = _goods_breakdown(dimension, begin, finish, summary)
    if dimension == "stars":
        breakdown.rows.sort(key=lambda r: -(r.key or 0))
    else:
        breakdown.rows.sort(key=lambda r: (-r.gross, r.label))
    return breakdown
