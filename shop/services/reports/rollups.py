"""Revenue rollups: the figures of revenue.py summed ahead, per Vietnamese day (tables in shop.models.report).

- revenue_day: day × payment method — orders, gross (order totals), shipping, units, refunds (whole refunds).
- revenue_goods_day: day × producer × product group × stars × area × payment method — goods (line totals),
  units, refunds (each refund's share of the lines, split as revenue.py explains) and the order counters.
Sales are dated by their paid day and refunds by their own day, as in revenue.py; stars 0 is "not rated".

The rollups are kept in the transaction of every change (rollup_hooks.py): the orders a flush touches are
taken out as they stood before it and put back as they stand after it. `rebuild_rollups` sums everything
again from the orders; `rollup_differences` compares the tables with those raw sums.
"""
from flask import current_app
from sqlalchemy import and_, case, delete, func, literal, select, union_all
from sqlalchemy.dialects import postgresql, sqlite

from shop.extensions import db
from shop.models import Order, OrderLine, Refund, RevenueDay, RevenueGoodsDay
from shop.services.localtime import local_day
from shop.services.orders.flow import REVENUE_STATUSES
from shop.services.reports.revenue import line_keys, lines_joined, refund_shares
from shop.services.transaction import commits

DAY_KEYS = ("day", "payment_method")
DAY_MEASURES = ("orders", "gross", "shipping", "units", "refunds")
GOODS_DIMENSIONS = ("producer", "category", "stars", "area")
GOODS_KEYS = ("day", "producer_id", "category_id", "stars", "area_id", "payment_method")
GOODS_MEASURES = ("goods", "units", "refunds") + tuple(f"orders_by_{d}" for d in GOODS_DIMENSIONS)
TABLES = ((RevenueDay.__table__, DAY_KEYS, DAY_MEASURES), (RevenueGoodsDay.__table__, GOODS_KEYS, GOODS_MEASURES))


def _sold(order_ids):
    """WHERE: orders that count as sales (of `order_ids` when given)."""
    clause = and_(Order.status.in_(REVENUE_STATUSES), Order.paid_at.is_not(None))
    return clause if order_ids is None else and_(clause, Order.id.in_(order_ids))


def _refunds_of(order_ids):
    return literal(True) if order_ids is None else Refund.order_id.in_(order_ids)


def day_cells_query(order_ids=None):
    """SELECT day, payment_method, orders, gross, shipping, units, refunds grouped like revenue_day."""
    zero = literal(0)
    sales = select(local_day(Order.paid_at).label("day"), Order.payment_method.label("payment_method"),
                   literal(1).label("orders"), Order.total.label("gross"), Order.shipping_fee.label("shipping"),
                   zero.label("units"), zero.label("refunds")).where(_sold(order_ids))
    units = (select(local_day(Order.paid_at), Order.payment_method, zero, zero, zero, OrderLine.quantity, zero)
             .select_from(OrderLine).join(Order, Order.id == OrderLine.order_id).where(_sold(order_ids)))
    refunds = (select(local_day(Refund.created_at), Order.payment_method, zero, zero, zero, zero, Refund.amount)
               .select_from(Refund).join(Order, Order.id == Refund.order_id).where(_refunds_of(order_ids)))
    facts = union_all(sales, units, refunds).subquery()
    return select(*(facts.c[k] for k in DAY_KEYS), *(func.sum(facts.c[m]).label(m) for m in DAY_MEASURES)
                  ).group_by(*(facts.c[k] for k in DAY_KEYS))


def _goods_key_columns(day_column):
    keys = line_keys()
    return [day_column.label("day"), keys["producer"].label("producer_id"), keys["category"].label("category_id"),
            func.coalesce(keys["stars"], 0).label("stars"), keys["area"].label("area_id"),
            Order.payment_method.label("payment_method")]


def _goods_sales(order_ids):
    """Lines sold, with a 1 in orders_by_<dimension> on the first line of its order with that key."""
    base = lines_joined(*_goods_key_columns(local_day(Order.paid_at)), OrderLine.id.label("line_id"),
                        OrderLine.order_id.label("order_id"), OrderLine.line_total.label("goods"),
                        OrderLine.quantity.label("units")).where(_sold(order_ids)).subquery()
    column = {"producer": base.c.producer_id, "category": base.c.category_id, "stars": base.c.stars,
              "area": base.c.area_id}
    firsts = [case((func.row_number().over(partition_by=(base.c.order_id, column[d]), order_by=base.c.line_id) == 1,
                    1), else_=0).label(f"orders_by_{d}") for d in GOODS_DIMENSIONS]
    return select(*(base.c[k] for k in GOODS_KEYS), base.c.goods, base.c.units, literal(0).label("refunds"), *firsts)


def _goods_refunds(order_ids):
    shares = refund_shares(_goods_key_columns(local_day(Refund.created_at)), _refunds_of(order_ids))
    zero = literal(0)
    return select(*(shares.c[k] for k in GOODS_KEYS), zero, zero, shares.c.share, *(zero for _ in GOODS_DIMENSIONS))


def goods_cells_query(order_ids=None):
    """SELECT the keys and measures of revenue_goods_day, grouped, from the raw orders."""
    facts = union_all(_goods_sales(order_ids), _goods_refunds(order_ids)).subquery()
    return select(*(facts.c[k] for k in GOODS_KEYS), *(func.sum(facts.c[m]).label(m) for m in GOODS_MEASURES)
                  ).group_by(*(facts.c[k] for k in GOODS_KEYS))


def raw_cells(connection, order_ids=None):
    """{table: {key tuple: measures tuple}} of the orders `order_ids` (all when None), summed from raw rows."""
    cells = {}
    for (table, keys, _measures), query in zip(TABLES, (day_cells_query(order_ids), goods_cells_query(order_ids))):
        cells[table.name] = {tuple(row[:len(keys)]): tuple(int(v or 0) for v in row[len(keys):])
                             for row in connection.execute(query)}
    return cells


def _upsert(connection, table, keys, rows):
    """Add the measures of `rows` to the table's rows of the same keys (inserting those missing)."""
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = insert(table)
    measures = {c.name: c + statement.excluded[c.name] for c in table.c if c.name not in keys}
    connection.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=measures), rows)


def apply_difference(connection, before, after):
    """Add (after − before) of two raw_cells results to the rollup tables."""
    for table, keys, measures in TABLES:
        old, new = before.get(table.name, {}), after.get(table.name, {})
        rows = []
        for key in set(old) | set(new):
            change = [b - a for a, b in zip(old.get(key, (0,) * len(measures)), new.get(key, (0,) * len(measures)))]
            if any(change):
                rows.append(dict(zip(keys, key)) | dict(zip(measures, change)))
        if rows:
            _upsert(connection, table, keys, sorted(rows, key=lambda r: tuple(str(r[k]) for k in keys)))


@commits
def rebuild_rollups():
    """Empty the rollup tables and sum them again from every order and refund. Commits."""
    for (table, keys, measures), query in zip(TABLES, (day_cells_query(), goods_cells_query())):
        db.session.execute(delete(table))
        db.session.execute(table.insert().from_select([*keys, *measures], query))


def _stored_cells(connection):
    cells = {}
    for table, keys, measures in TABLES:
        rows = connection.execute(select(*(table.c[k] for k in keys), *(table.c[m] for m in measures)))
        cells[table.name] = {tuple(row[:len(keys)]): tuple(int(v) for v in row[len(keys):]) for row in rows}
    return cells


def rollup_differences():
    """Return [(table, key, stored, raw)] where the rollups differ from the raw sums (empty: they agree).

    Rows whose measures are all zero count as absent. Does not commit.
    """
    connection = db.session.connection()
    stored, raw = _stored_cells(connection), raw_cells(connection)
    differences = []
    for table, _keys, measures in TABLES:
        zero = (0,) * len(measures)
        mine, theirs = stored[table.name], raw[table.name]
        for key in sorted(set(mine) | set(theirs), key=lambda k: tuple(str(part) for part in k)):
            if mine.get(key, zero) != theirs.get(key, zero):
                differences.append((table.name, key, mine.get(key, zero), theirs.get(key, zero)))
    return differences





def repair_rollups():
    """Compare the rollups with the raw sums and sum them again when they differ (nightly); return the rows
    that differed. Commits (only when there was something to repair)."""
    differences = rollup_differences()
    if differences:
        current_app.logger.warning("%d revenue rollup row(s) differed from the orders: rebuilt", len(differences))
        rebuild_rollups()
    return len(differences)
