from datetime import date, datetime, timedelta

from flask_babel import force_locale

from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.services.localtime import local_today
from shop.services.orders.flow import REVENUE_STATUSES
from shop.services.reports.producer_sales import (
    Figures,
    count_waiting_shipments,
    daily_sales,
    day_start_utc,
    order_line_totals,
    order_lines,
    sales_summary,
    sales_table,
    waiting_shipments,
)
from shop.web.csv_export import csv_chunks
from tests.factories import make_order, make_producer, make_product

# 17:00 in Vietnam on 10 March 2026; that local day began at 17:00 UTC on 9 March.
NOW = datetime(2026, 3, 10, 10, 0)
TODAY = date(2026, 3, 10)


def local(day, hour=12, minute=0):
    """The naive-UTC instant of `hour`:`minute` Vietnam time on `day`."""
    return day_start_utc(day) + timedelta(hours=hour, minutes=minute)


def test_the_shop_day_follows_vietnam_time():
    assert local_today(datetime(2026, 3, 9, 16, 59)) == date(2026, 3, 9)
    assert local_today(datetime(2026, 3, 9, 17, 0)) == date(2026, 3, 10)
    assert day_start_utc(date(2026, 3, 10)) == datetime(2026, 3, 9, 17, 0)


def test_figures_count_own_lines_of_sales_by_local_day(db):
    producer, other = make_producer(), make_producer()
    tea, cake = make_product(producer, price=50_000, stock=500), make_product(producer, price=120_000, stock=500)
    foreign = make_product(other, price=999_000, stock=500)
    # Today (00:30 local is still 9 March in UTC), with another producer's line in the same order.
    make_order([(tea, 2), (foreign, 1)], created_at=local(TODAY, 0, 30))
    make_order([(cake, 1)], status=OrderStatus.FULFILLED, created_at=local(TODAY, 16))
    # 23:30 local yesterday: this week, not today.
    make_order([(tea, 1)], status=OrderStatus.COMPLETED, created_at=local(TODAY - timedelta(days=1), 23, 30))
    make_order([(cake, 3)], status=OrderStatus.REFUNDED, created_at=local(TODAY - timedelta(days=6), 8))
    # ↑ still in 7 days
    make_order([(tea, 4)], created_at=local(TODAY - timedelta(days=7), 8))  # month only
    make_order([(tea, 5)], created_at=local(TODAY - timedelta(days=29), 0, 1))  # first day of the 30
    make_order([(tea, 7)], created_at=local(TODAY - timedelta(days=30), 23, 59))  # too old
    for status in (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, OrderStatus.CANCELLED):  # not sales
        make_order([(cake, 9)], status=status, created_at=local(TODAY, 9))
    db.session.commit()

    summary = sales_summary(producer.id, now=NOW)

    assert summary["today"] == Figures(revenue=2 * 50_000 + 120_000, units=3, orders=2)
    assert summary["week"] == Figures(revenue=220_000 + 50_000 + 360_000, units=3 + 1 + 3, orders=4)
    assert summary["month"] == Figures(revenue=630_000 + 200_000 + 250_000, units=7 + 4 + 5, orders=6)
    assert sales_summary(other.id, now=NOW)["today"] == Figures(999_000, 1, 1)


def test_no_sales_gives_zeros(db):
    producer = make_producer()
    db.session.commit()
    assert sales_summary(producer.id, now=NOW) == {key: Figures() for key in ("today", "week", "month")}
    assert daily_sales(producer.id, now=NOW) == [(TODAY - timedelta(days=29 - i), 0, 0) for i in range(30)]


def test_daily_sales_group_by_local_day_with_zeros(db):
    producer = make_producer()
    tea = make_product(producer, price=10_000, stock=500)
    make_order([(tea, 1)], created_at=local(TODAY, 0, 30))
    make_order([(tea, 2)], created_at=local(TODAY, 23, 0) - timedelta(hours=10))
    make_order([(tea, 3)], created_at=local(TODAY - timedelta(days=1), 23, 59))
    make_order([(tea, 4)], status=OrderStatus.CANCELLED, created_at=local(TODAY - timedelta(days=2)))
    make_order([(tea, 6)], created_at=local(TODAY - timedelta(days=29), 0, 0))
    db.session.commit()

    days = daily_sales(producer.id, now=NOW)

    assert len(days) == 30
    assert days[0] == (TODAY - timedelta(days=29), 60_000, 6)
    assert days[-1] == (TODAY, 30_000, 3)
    assert days[-2] == (TODAY - timedelta(days=1), 30_000, 3)
    assert days[-3] == (TODAY - timedelta(days=2), 0, 0)
    assert sum(revenue for _day, revenue, _units in days) == 120_000


def test_order_lines_filter_by_dates_and_status_and_total_up(db):
    producer, other = make_producer(), make_producer()
    tea = make_product(producer, name_vi="Trà hoa vàng", price=10_000, stock=500)
    make_order([(tea, 1)], number="A1", created_at=local(date(2026, 3, 1), 9))
    make_order([(tea, 2), (make_product(other), 1)], number="A2", created_at=local(date(2026, 3, 2), 23, 50))
    make_order([(tea, 3)], number="A3", status=OrderStatus.CANCELLED, created_at=local(date(2026, 3, 2), 10))
    make_order([(tea, 4)], number="A4", created_at=local(date(2026, 3, 3), 0, 5))
    db.session.commit()

    lines = order_lines(producer.id, date(2026, 3, 1), date(2026, 3, 2), REVENUE_STATUSES)
    assert [(line.number, line.quantity) for line in lines] == [("A2", 2), ("A1", 1)]
    assert order_line_totals(producer.id, date(2026, 3, 1), date(2026, 3, 2), REVENUE_STATUSES).amount == 30_000
    everything = order_line_totals(producer.id, date(2026, 3, 1), date(2026, 3, 3), tuple(OrderStatus))
    assert (everything.lines, everything.orders, everything.units, everything.amount) == (4, 4, 10, 100_000)
    second_page = order_lines(producer.id, date(2026, 3, 1), date(2026, 3, 3), tuple(OrderStatus), page=2, per_page=3)
    assert [line.number for line in second_page] == ["A1"]


def test_sales_csv_has_a_bom_a_header_and_local_times(app, db):
    producer = make_producer()
    tea = make_product(producer, name_vi="Trà hoa vàng Ba Chẽ", price=85_000, stock=50)
    make_order([(tea, 2)], number="Q7", created_at=datetime(2026, 3, 1, 20, 15))  # 03:15 on 2 March in Vietnam
    db.session.commit()
    with app.test_request_context(), force_locale("en"):  # the statuses in the producer's words, from the enums
        text = "".join(csv_chunks(*sales_table(producer.id, date(2026, 3, 2), date(2026, 3, 2), REVENUE_STATUSES)))
    assert text.startswith("\ufeff")
    rows = text[1:].splitlines()
    assert len(rows) == 2
    assert rows[1] == "Q7,2026-03-02 03:15,Trà hoa vàng Ba Chẽ,2,85000,170000,Paid,To pack"


def test_waiting_shipments_are_the_unsent_ones_of_paid_or_cash_orders(db):
    producer = make_producer()
    tea = make_product(producer, stock=100)
    todo = [make_order([(tea, 1)]), make_order([(tea, 1)], status=OrderStatus.PLACED),
            make_order([(tea, 1)], shipment_status=ShipmentStatus.PACKED)]
    make_order([(tea, 1)], shipment_status=ShipmentStatus.SHIPPED)
    make_order([(tea, 1)], status=OrderStatus.PENDING_PAYMENT)
    make_order([(tea, 1)], status=OrderStatus.CANCELLED)
    make_order([(tea, 1)], status=OrderStatus.FULFILLED)
    db.session.commit()
    assert {s.order_id for s in waiting_shipments(producer.id)} == {order.id for order in todo}
    assert count_waiting_shipments(producer.id) == 3
    assert count_waiting_shipments(make_producer().id) == 0
