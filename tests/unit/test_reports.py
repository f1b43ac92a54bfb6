"""Revenue figures against sums worked out by hand over build_march_sales (see its docstring).

Counted in March 2026 (Vietnamese days): O1 225 000 (a1×2 + 25 000 shipping, paid 23:59
on the 10th), O2 80 000 (b1 + b2, paid 00:00 on the 11th), O3 230 000 (cash, completed:
a1 + b1×2 + 30 000), O7 180 000 (a1 + b2×2 + 20 000, refunded in full), O9 30 000 (paid
00:00 on 1 March), O10 120 000 (a1 + c1, 23:59 on the 31st), O13 255 000 (a1×2 + b2 +
25 000). Not counted: O4 (cash, not completed), O5 (unpaid), O6 (cancelled), O8 (23:59
on 28 February), O11 (00:00 on 1 April).
Refunds in March: O7 180 000, O8 40 000, O3 10 001, O13 100 000 (O1's 5 000 is in April).
"""
from datetime import date

import pytest

from shop.errors import InvalidInput
from shop.services.reports import payables as payable_reports
from shop.services.reports import periods
from shop.services.reports import revenue as reports
from tests.admin_factories import build_march_sales

MARCH = (date(2026, 3, 1), date(2026, 3, 31))


@pytest.fixture
def sales(db):
    return build_march_sales()


def test_summary_counts_only_sales_paid_in_vietnamese_march(sales):
    figures = reports.revenue_summary(*MARCH)
    assert figures.orders == 7
    assert figures.gross == 225_000 + 80_000 + 230_000 + 180_000 + 30_000 + 120_000 + 255_000 == 1_120_000
    assert figures.shipping == 25_000 + 30_000 + 20_000 + 25_000
    assert figures.units == 2 + 2 + 3 + 3 + 1 + 2 + 3
    assert figures.refunds == 180_000 + 40_000 + 10_001 + 100_000
    assert figures.net == 1_120_000 - 330_001
    assert figures.average_order == 160_000


def test_a_day_ends_at_17_00_utc(sales):
    days = {row.key: row for row in reports.revenue_by_day(*MARCH)}
    assert len(days) == 31
    assert (days[date(2026, 3, 10)].gross, days[date(2026, 3, 10)].orders) == (225_000, 1)
    assert (days[date(2026, 3, 11)].gross, days[date(2026, 3, 11)].orders) == (80_000, 1)
    assert days[date(2026, 3, 1)].gross == 30_000
    assert days[date(2026, 3, 31)].gross == 120_000
    assert days[date(2026, 3, 6)].refunds == 180_000 and days[date(2026, 3, 6)].net == -180_000
    assert days[date(2026, 3, 21)].gross == 230_000  # the cash order counts on the day it was completed
    assert days[date(2026, 3, 12)].gross == 0  # unpaid, placed and cancelled orders that day
    assert sum(row.gross for row in days.values()) == 1_120_000
    assert sum(row.refunds for row in days.values()) == 330_001


def test_months_split_at_vietnamese_midnight(sales):
    months = reports.revenue_by_month(date(2026, 2, 1), date(2026, 4, 30))
    assert [(m.key, m.orders, m.gross, m.refunds) for m in months] == [
        ("2026-02", 1, 100_000, 0),
        ("2026-03", 7, 1_120_000, 330_001),
        ("2026-04", 1, 100_000, 5_000),
    ]


def _rows(breakdown):
    return {row.label: (row.gross, row.refunds, row.orders, row.units) for row in breakdown.rows}


def test_producer_breakdown_splits_refunds_over_lines(sales):
    breakdown = reports.revenue_breakdown("producer", *MARCH)
    # O3's 10 001 over a1 100 000, b1 100 000 and shipping 30 000: 4 348, 4 348 and 1 305.
    # O7 (all units refunded) returns each line and the shipping; O13 names one a1: all to A.
    assert _rows(breakdown) == {
        "HTX Chả mực Hạ Long": (700_000, 100_000 + 40_000 + 4_348 + 100_000, 5, 7),
        "HTX Trà hoa vàng Ba Chẽ": (300_000, 60_000 + 4_348, 5, 8),
        "Hộ kinh doanh Bánh gai": (20_000, 0, 1, 1),
    }
    assert (breakdown.shipping.gross, breakdown.shipping.refunds) == (100_000, 20_000 + 1_305)
    assert breakdown.total.gross + breakdown.shipping.gross == 1_120_000
    assert breakdown.total.refunds + breakdown.shipping.refunds == 330_001


def test_star_breakdown_uses_the_rating_valid_on_the_paid_day(sales):
    breakdown = reports.revenue_breakdown("stars", *MARCH)
    assert {row.key: (row.gross, row.refunds, row.orders, row.units) for row in breakdown.rows} == {
        5: (50_000, 0, 1, 1),  # b1 in O2 (11 March); in O3 (21 March) its rating had expired
        4: (700_000, 244_348, 5, 7),  # the best of a1's 4★ and 3★; the rejected 5★ is ignored
        None: (30_000 + 100_000 + 60_000 + 30_000 + 30_000 + 20_000, 60_000 + 4_348, 6, 8),  # not rated
    }
    assert [row.key for row in breakdown.rows] == [5, 4, None]


def test_category_and_area_breakdowns(sales):
    assert _rows(reports.revenue_breakdown("category", *MARCH)) == {
        "Thực phẩm": (720_000, 244_348, 5, 8),
        "Đồ uống": (150_000, 4_348, 2, 3),
        "Dược liệu": (150_000, 60_000, 4, 5),
    }
    assert _rows(reports.revenue_breakdown("area", *MARCH)) == {
        "Hạ Long": (720_000, 244_348, 5, 8),
        "Ba Chẽ": (300_000, 64_348, 5, 8),
    }


def test_payment_breakdown_is_whole_orders(sales):
    breakdown = reports.revenue_breakdown("payment", *MARCH)
    assert {row.key: (row.gross, row.refunds, row.orders, row.units) for row in breakdown.rows} == {
        "card": (890_000, 320_000, 6, 13),
        "cod": (230_000, 10_001, 1, 3),
    }


def test_payables_take_the_commission_on_the_net(sales):
    payables = {row.label: row for row in payable_reports.producer_payables(*MARCH, commission_percent=10)}
    a = payables["HTX Chả mực Hạ Long"]
    assert (a.gross, a.refunds, a.net, a.commission, a.payable) == (700_000, 244_348, 455_652, 45_565, 410_087)
    b = payables["HTX Trà hoa vàng Ba Chẽ"]
    assert (b.net, b.commission, b.payable) == (235_652, 23_565, 212_087)
    assert payables["Hộ kinh doanh Bánh gai"].payable == 18_000
    without = payable_reports.producer_payables(*MARCH, commission_percent=0)
    assert sum(row.payable for row in without) == 1_020_000 - 308_696


def test_a_period_without_sales_is_all_zeros(db):
    figures = reports.revenue_summary(*MARCH)
    assert (figures.gross, figures.refunds, figures.orders, figures.units, figures.average_order) == (0, 0, 0, 0, 0)
    assert reports.revenue_breakdown("producer", *MARCH).rows == []


def test_commission_and_division_round_half_up():
    assert payable_reports.commission_on(235_650, 5) == 11_783  # 11 782.5 rounds half up
    assert payable_reports.commission_on(-235_650, 5) == -11_783
    assert reports.divide_half_up(7, 2) == 4 and reports.divide_half_up(5, 3) == 2


def test_periods_default_to_this_month_and_refuse_bad_dates():
    today = date(2026, 11, 28)
    assert periods.resolve_period("", "", today) == (date(2026, 11, 1), today)
    assert periods.resolve_period("2026-01-01", "2026-01-31", today) == (date(2026, 1, 1), date(2026, 1, 31))
    for start, end in [("2026-02-30", ""), ("2026-03-02", "2026-03-01"), ("2010-01-01", "2026-01-01"), ("x", "")]:
        with pytest.raises(InvalidInput):
            periods.resolve_period(start, end, today)
    assert periods.grouping_for(date(2026, 1, 1), date(2026, 1, 31)) == "day"
    assert periods.grouping_for(date(2024, 1, 1), date(2026, 1, 31)) == "month"


def test_period_presets():
    presets = {name: (start, end) for name, start, end in periods.period_presets(date(2026, 3, 5))}
    assert presets["this_month"] == (date(2026, 3, 1), date(2026, 3, 5))
    assert presets["last_month"] == (date(2026, 2, 1), date(2026, 2, 28))
    assert presets["last_30_days"] == (date(2026, 2, 4), date(2026, 3, 5))
    assert presets["this_year"] == (date(2026, 1, 1), date(2026, 3, 5))
