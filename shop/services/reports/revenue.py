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
from shop.models.product_sets import BY_CODE
from shop.models.report import RevenueDay, RevenueGoodsDay
from shop.models.statuses import CertificationStatus, PaymentMethod
from shop.services.certification.rules import CERTIFIED_MIN_STARS
from shop.services.localtime import local_day, utc_bounds
from shop.services.orders.flow import REVENUE_STATUSES

DIMENSIONS = ("producer", "category", "product_set", "stars", "area", "payment")


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


def _in_days(table, start, end):
    return and_(table.day >= start, table.day <= end)


def _day_sums():
    return (func.coalesce(func.sum(RevenueDay.orders), 0), func.coalesce(func.sum(RevenueDay.gross), 0),
            func.coalesce(func.sum(RevenueDay.shipping), 0), func.coalesce(func.sum(RevenueDay.units), 0),
            func.coalesce(func.sum(RevenueDay.refunds), 0))


def _figures(target, orders, gross, shipping, units, refunds):
    target.orders, target.gross, target.shipping = target.orders + int(orders), target.gross + int(gross), \
        target.shipping + int(shipping)
    target.units, target.refunds = target.units + int(units), target.refunds + int(refunds)
    return target


def revenue_summary(start, end):
    """Return the Figures of the Vietnamese days `start`..`end` inclusive (read from the daily rollups)."""
    sums = db.session.execute(select(*_day_sums()).where(_in_days(RevenueDay, start, end))).one()
    return _figures(Figures(), *sums)


def _by_period(start, end, bucket, keys):
    """Rows for every bucket in `keys` (days, or months of `bucket(day)`), with zeros where nothing happened."""
    daily = db.session.execute(
        select(RevenueDay.day, *_day_sums()).where(_in_days(RevenueDay, start, end)).group_by(RevenueDay.day)
    ).all()
    rows = {key: Row(key=key, label=str(key)) for key in keys}
    for day, *sums in daily:
        _figures(rows[bucket(day)], *sums)
    return list(rows.values())


def revenue_by_day(start, end):
    """Return one Row per Vietnamese day from `start` to `end` (key: a date)."""
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return _by_period(start, end, lambda day: day, days)


def months_between(start, end):
    """Return the "YYYY-MM" months from `start`'s to `end`'s, in order."""
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def revenue_by_month(start, end):
    """Return one Row per month touched by the days `start`..`end` (key: "YYYY-MM")."""
    return _by_period(start, end, lambda day: f"{day.year:04d}-{day.month:02d}", months_between(start, end))


def _stars_on_paid_day():
    """SQL: the best verified rating of a line's product valid on its order's (Vietnamese) paid day."""
    paid_day = local_day(Order.paid_at)
    return (
        select(func.max(Certification.stars))
        .where(Certification.product_id == OrderLine.product_id, Certification.status == CertificationStatus.VERIFIED,
               Certification.stars >= CERTIFIED_MIN_STARS, Certification.decision_date <= paid_day,
               Certification.expires_on >= paid_day)
        .correlate(OrderLine, Order)
        .scalar_subquery()
    )


def line_keys():
    """The columns a goods breakdown can group by, for a query over OrderLine ⋈ Order ⋈ Product ⋈ Producer."""
    return {
        "producer": OrderLine.producer_id,
        "category": Product.category_id,
        "product_set": Product.product_set,
        "area": Producer.area_id,
        "stars": _stars_on_paid_day(),
    }


def lines_joined(*columns):
    return (
        select(*columns).select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .join(Product, Product.id == OrderLine.product_id)
        .join(Producer, Producer.id == OrderLine.producer_id)
    )


def line_sales(dimension, begin, finish):
    """{key: (gross, units, orders)} of goods sold in the range, grouped in the database."""
    facts = lines_joined(
        line_keys()[dimension].label("key"), OrderLine.order_id, OrderLine.line_total, OrderLine.quantity,
    ).where(_counted(begin, finish)).subquery()
    rows = db.session.execute(
        select(facts.c.key, func.sum(facts.c.line_total), func.sum(facts.c.quantity),
               func.count(func.distinct(facts.c.order_id))).group_by(facts.c.key)
    ).all()
    return {key: (int(gross), int(units), orders) for key, gross, units, orders in rows}


def refund_shares(columns, refunds_where):
    """A subquery with one row per (refund matching `refunds_where`, line of its order): `columns` and share.

    `columns` may name OrderLine, Order, Product, Producer and Refund columns.
    """
    # Only the orders of the refunds asked: summing every line of every order took seconds.
    refunded_orders = select(Refund.order_id).where(refunds_where)
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
        lines_joined(*columns, Refund.id.label("refund_id"), share.label("share"))
        .join(Refund, Refund.order_id == Order.id)
        .join(per_order, per_order.c.order_id == Order.id)
        .where(refunds_where)
        .subquery()
    )


def line_refunds(dimension, begin, finish):
    """{key: refunded goods} for refunds in the range, split over lines as the module explains."""
    shares = refund_shares([line_keys()[dimension].label("key")], _refunded_in(begin, finish))
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
        return {a.id: localized(a, "name", locale) for a in areas}
    if dimension == "stars":
        return {key: (_("%(n)d★", n=key) if key else _("Not rated")) for key in keys}
    if dimension == "product_set":
        return {key: (localized(BY_CODE[key], "name", locale) if key in BY_CODE else _("No product set"))
                for key in keys}
    return {method.value: str(method.office_label) for method in PaymentMethod}


GOODS_COLUMNS = {"producer": "producer_id", "category": "category_id", "stars": "stars", "area": "area_id"}


def _goods_breakdown(dimension, start, end, summary):
    key = getattr(RevenueGoodsDay, GOODS_COLUMNS[dimension])
    sums = db.session.execute(
        select(key, func.sum(RevenueGoodsDay.goods), func.sum(RevenueGoodsDay.units),
               func.sum(getattr(RevenueGoodsDay, f"orders_by_{dimension}")), func.sum(RevenueGoodsDay.refunds))
        .where(_in_days(RevenueGoodsDay, start, end)).group_by(key)
    ).all()
    sums = [(key or None if dimension == "stars" else key, *map(int, rest)) for key, *rest in sums if any(rest)]
    labels = dimension_labels(dimension, {row[0] for row in sums})
    rows = [Row(key=key, label=labels.get(key, "?"), gross=gross, units=units, orders=orders, refunds=refunds)
            for key, gross, units, orders, refunds in sums]
    total = Figures(gross=sum(r.gross for r in rows), refunds=sum(r.refunds for r in rows),
                    orders=summary.orders, units=summary.units)
    shipping = Figures(gross=summary.gross - total.gross, refunds=summary.refunds - total.refunds)
    return Breakdown(dimension, rows, total, shipping)


def _live_goods_breakdown(dimension, start, end, summary):
    """A goods breakdown summed from the order lines themselves (for a dimension the rollups do not keep)."""
    begin, finish = utc_bounds(start, end)
    sales, refunds = line_sales(dimension, begin, finish), line_refunds(dimension, begin, finish)
    keys = set(sales) | set(refunds)
    labels = dimension_labels(dimension, keys)
    rows = [Row(key=key, label=labels.get(key, "?"), gross=sales.get(key, (0, 0, 0))[0],
                units=sales.get(key, (0, 0, 0))[1], orders=sales.get(key, (0, 0, 0))[2], refunds=refunds.get(key, 0))
            for key in keys]
    total = Figures(gross=sum(r.gross for r in rows), refunds=sum(r.refunds for r in rows),
                    orders=summary.orders, units=summary.units)
    shipping = Figures(gross=summary.gross - total.gross, refunds=summary.refunds - total.refunds)
    return Breakdown(dimension, rows, total, shipping)


def _payment_breakdown(start, end, summary):
    method = RevenueDay.payment_method
    sums = db.session.execute(
        select(method, *_day_sums()).where(_in_days(RevenueDay, start, end)).group_by(method)
    ).all()
    sums = [(key, *rest) for key, *rest in sums if any(rest)]
    labels = dimension_labels("payment", {row[0] for row in sums})
    rows = [_figures(Row(key=key, label=labels.get(key, key)), *rest) for key, *rest in sums]
    return Breakdown("payment", rows, summary, Figures())


def revenue_breakdown(dimension, start, end, summary=None):
    """Return the Breakdown of the days `start`..`end` by producer, category, product set, stars, area or payment.

    `summary` is the period's revenue_summary when the caller already has it.
    """
    if dimension not in DIMENSIONS:
        raise ValueError(dimension)
    summary = summary or revenue_summary(start, end)
    if dimension == "payment":
        breakdown = _payment_breakdown(start, end, summary)
    elif dimension not in GOODS_COLUMNS:
        breakdown = _live_goods_breakdown(dimension, start, end, summary)
    else:
        breakdown = _goods_breakdown(dimension, start, end, summary)
    if dimension == "stars":
        breakdown.rows.sort(key=lambda r: -(r.key or 0))
    else:
        breakdown.rows.sort(key=lambda r: (-r.gross, r.label))
    return breakdown
