"""The revenue dashboard, its CSV files and the payables, over the hand-checked March 2026 sales."""
import csv
import io
import json
import re
from datetime import datetime

import pytest

from tests.admin_factories import build_march_sales
from tests.factories import make_order, make_producer, make_product

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def read_csv(response):
    body = response.get_data()
    assert body.startswith("\ufeff".encode("utf-8")), body[:10]
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def chart_data(html, element_id):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_dashboard_shows_the_period_figures_and_chart_data(admin_client, db):
    build_march_sales()
    response = admin_client.get("/admin/", query_string=MARCH)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "₫1,120,000" in html and "₫330,001" in html and "₫789,999" in html and "₫160,000" in html
    series = chart_data(html, "series-data")
    assert len(series["labels"]) == 31 and series["labels"][9] == "10/03"
    assert series["datasets"][0]["data"][9] == 225_000 and series["datasets"][0]["data"][10] == 80_000
    stars = chart_data(html, "breakdown-stars-data")
    assert stars["labels"][:2] == ["5★", "4★"] and stars["datasets"][0]["data"] == [50_000, 700_000, 270_000]
    assert "<script>" not in html  # no inline scripts: data in JSON blocks, drawing in static/js
    assert "vendor/chart.js/chart.umd.min.js" in html and "js/admin-charts.js" in html


def test_dashboard_by_month_and_bad_dates(admin_client, db):
    build_march_sales()
    period = {"start": "2026-02-01", "end": "2026-04-30", "by": "month"}
    html = admin_client.get("/admin/", query_string=period).get_data(as_text=True)
    assert chart_data(html, "series-data")["labels"] == ["02/2026", "03/2026", "04/2026"]
    response = admin_client.get("/admin/", query_string={"start": "2026-03-31", "end": "2026-03-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.get_data(as_text=True)


def test_csv_exports_are_utf8_with_bom_and_hold_the_figures(admin_client, db):
    build_march_sales()
    summary = read_csv(admin_client.get("/admin/reports/summary.csv", query_string=MARCH))
    assert summary[1] == ["2026-03-01", "2026-03-31", "7", "16", "1120000", "100000", "330001", "789999", "160000"]
    response = admin_client.get("/admin/reports/producer.csv", query_string=MARCH)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="revenue-producer-2026-03-01-2026-03-31.csv"' in response.headers["Content-Disposition"]
    rows = {row[0]: row[1:] for row in read_csv(response)[1:]}
    assert rows["HTX Chả mực Hạ Long"] == ["5", "7", "700000", "244348", "455652"]
    assert rows["Total"] == ["7", "16", "1120000", "330001", "789999"]
    days = read_csv(admin_client.get("/admin/reports/day.csv", query_string=MARCH))
    assert len(days) == 32 and days[10][0] == "2026-03-10" and days[10][3] == "225000"
    for name in ("month", "category", "stars", "area", "payment"):
        assert admin_client.get(f"/admin/reports/{name}.csv", query_string=MARCH).status_code == 200
    assert admin_client.get("/admin/reports/everything.csv").status_code == 404


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_cannot_run_as_formulas(admin_client, db, start):
    name = start + 'HYPERLINK("http://evil")'
    product = make_product(make_producer(name=name), price=10_000)
    make_order([(product, 1)], paid_at=datetime(2026, 3, 3, 3, 0))
    db.session.commit()
    rows = read_csv(admin_client.get("/admin/reports/producer.csv", query_string=MARCH))
    assert rows[1][0] == "'" + name
    payables = read_csv(admin_client.get("/admin/payables.csv", query_string=MARCH))
    assert payables[1][0] == "'" + name


def test_payables_with_a_commission(admin_client, db, app, monkeypatch):
    build_march_sales()
    monkeypatch.setitem(app.config, "PLATFORM_COMMISSION_PERCENT", 10)
    html = admin_client.get("/admin/payables", query_string=MARCH).get_data(as_text=True)
    assert "₫410,087" in html and "₫45,565" in html
    rows = read_csv(admin_client.get("/admin/payables.csv", query_string=MARCH))
    assert rows[0][6].startswith("Commission 10%")
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name["HTX Chả mực Hạ Long"] == ["5", "7", "700000", "244348", "455652", "45565", "410087"]
    assert by_name["HTX Trà hoa vàng Ba Chẽ"][-2:] == ["23565", "212087"]
    assert by_name["Total"] == ["", "16", "1020000", "308696", "711304", "71130", "640174"]
