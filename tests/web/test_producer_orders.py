"""The producer's dashboard, sales, CSV export and shipments through the portal's pages."""
import csv
import io
import json
import re
from datetime import timedelta

import pytest

from shop.models import OrderEvent
from shop.models.statuses import OrderStatus
from shop.services.localtime import local_today
from shop.services.reports.producer_sales import day_start_utc
from tests.factories import make_order, make_producer_owner, make_product
from tests.html import column, parse, text

# The pages and the expected figures read the shop's day: one frozen instant, or a run straddling 17:00 UTC
# (midnight in Vietnam) would compare two days.
pytestmark = pytest.mark.usefixtures("frozen_clock")


def order_numbers(page):
    return column(page, "Đơn hàng")


def total(page):
    """(units, amount) of the sales table's total row."""
    cells = parse(page).select("table tfoot td.num")
    return text(cells[0]), text(cells[1])


@pytest.fixture
def signed_in(db, login):
    user, producer = make_producer_owner(name="HTX Trà hoa vàng Ba Chẽ")
    db.session.commit()
    login(user)
    return producer


@pytest.fixture
def sent_mail(monkeypatch):
    messages = []
    monkeypatch.setattr("shop.services.mail.send_message", messages.append)
    return messages


def test_the_dashboard_shows_figures_the_chart_data_waiting_shipments_and_low_stock(signed_in, client, db):
    tea = make_product(signed_in, name_vi="Trà hoa vàng", price=85_000, stock=2, low_stock_threshold=5)
    make_product(signed_in, name_vi="Miến dong", stock=50)
    today_noon = day_start_utc(local_today()) + timedelta(hours=12)
    order = make_order([(tea, 2)], number="TODAY1", created_at=today_noon)
    make_order([(tea, 1)], status=OrderStatus.PENDING_PAYMENT, created_at=today_noon)
    db.session.commit()
    page = client.get("/producer/").get_data(as_text=True)
    figures = {text(card.h3): text(card.select_one(".stat-value")) for card in parse(page).select(".stat-card")}
    assert figures == {"Hôm nay": "170.000 ₫", "7 ngày qua": "170.000 ₫", "30 ngày qua": "170.000 ₫"}
    chart = json.loads(re.search(r'<script type="application/json" id="sales-chart-data">(.*?)</script>', page,
                                 re.S).group(1))
    assert len(chart["days"]) == 30 and chart["days"][-1] == local_today().isoformat()
    assert chart["revenue"][-1] == 170_000 and chart["units"][-1] == 2 and sum(chart["revenue"]) == 170_000
    assert "/static/vendor/chart.js/chart.umd.min.js" in page and "/static/js/producer-dashboard.js" in page
    assert f"/producer/shipments/{order.shipments[0].id}" in page
    assert "Trà hoa vàng" in page and "Miến dong" not in page.split("Sắp hết hàng")[1]


def test_the_chart_library_and_its_licence_are_served_locally(client):
    library = client.get("/static/vendor/chart.js/chart.umd.min.js")
    assert library.status_code == 200 and b"Chart.js v4" in library.data[:200]
    assert b"MIT License" in client.get("/static/vendor/chart.js/LICENSE.md").data


def test_sales_list_filters_by_dates_and_status_with_totals(signed_in, client, db):
    tea = make_product(signed_in, name_vi="Trà hoa vàng", price=85_000, stock=100)
    today = local_today()
    make_order([(tea, 2)], number="S1", created_at=day_start_utc(today) + timedelta(hours=9))
    make_order([(tea, 1)], number="S2", status=OrderStatus.CANCELLED,
               created_at=day_start_utc(today) + timedelta(hours=10))
    make_order([(tea, 3)], number="S3", created_at=day_start_utc(today - timedelta(days=40)))
    db.session.commit()
    page = client.get("/producer/sales")
    assert order_numbers(page) == ["S1"] and total(page) == ("2", "170.000 ₫")
    everything = client.get(f"/producer/sales?start={(today - timedelta(days=60)).isoformat()}&end={today}&status=all")
    assert sorted(order_numbers(everything)) == ["S1", "S2", "S3"] and total(everything) == ("6", "510.000 ₫")
    cancelled = client.get(f"/producer/sales?status=cancelled&start={today}&end={today}")
    assert order_numbers(cancelled) == ["S2"] and column(cancelled, "Trạng thái đơn hàng") == ["Đã huỷ"]
    nonsense = client.get("/producer/sales?start=not-a-date&status=bogus")
    assert nonsense.status_code == 200 and order_numbers(nonsense) == ["S1"]  # read as the defaults


def test_the_csv_export_has_a_bom_a_header_and_vietnamese_rows(signed_in, english, client, db):
    tea = make_product(signed_in, name_vi="Trà hoa vàng Ba Chẽ", price=85_000, stock=100)
    cake = make_product(signed_in, name_vi="Chả mực Hạ Long", price=120_000, stock=100)
    created = day_start_utc(local_today()) + timedelta(hours=8, minutes=5)  # 08:05 Vietnam time
    make_order([(tea, 2), (cake, 1)], number="CSV1", created_at=created)
    make_order([(tea, 9)], number="CSV2", status=OrderStatus.PENDING_PAYMENT, created_at=created)
    db.session.commit()
    response = client.get("/producer/sales.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    assert response.data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["Order number", "Date", "Product", "Quantity", "Unit price (VND)", "Line total (VND)",
                       "Order status", "Shipment status"]
    day = local_today().isoformat()
    assert sorted(rows[1:]) == [
        ["CSV1", f"{day} 08:05", "Chả mực Hạ Long", "1", "120000", "120000", "Paid", "To pack"],
        ["CSV1", f"{day} 08:05", "Trà hoa vàng Ba Chẽ", "2", "85000", "170000", "Paid", "To pack"],
    ]
    assert "CSV2" in client.get("/producer/sales.csv?status=pending_payment").get_data(as_text=True)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_csv_export_cannot_run_formulas(signed_in, client, db, start):
    name = start + 'HYPERLINK("http://evil")'
    make_order([(make_product(signed_in, name_vi=name, price=10_000, stock=10), 1)], number="CSV3",
               created_at=day_start_utc(local_today()) + timedelta(hours=8))
    db.session.commit()
    rows = list(csv.reader(io.StringIO(client.get("/producer/sales.csv").data.decode("utf-8-sig"))))
    assert rows[1][0] == "CSV3" and rows[1][2] == "'" + name


def test_pack_ship_and_deliver_an_order_through_the_pages(signed_in, english, client, db, sent_mail):
    order = make_order([(make_product(signed_in, name_vi="Trà hoa vàng"), 2)], status=OrderStatus.PLACED, locale="en")
    db.session.commit()
    shipment = order.shipments[0]
    url = f"/producer/shipments/{shipment.id}"
    page = client.get(url).get_data(as_text=True)
    assert order.contact_name in page and order.address in page and "Mark as packed" in page
    assert client.post(f"{url}/packed").status_code == 302
    refused = client.post(f"{url}/shipped", data={"carrier": "Viettel Post", "tracking_number": ""})
    assert refused.status_code == 400 and "This field is required" in refused.get_data(as_text=True)
    assert client.post(f"{url}/delivered").status_code == 409  # not shipped yet
    db.session.expire_all()
    assert shipment.status == "packed" and not sent_mail
    shipped = client.post(f"{url}/shipped", data={"carrier": "Viettel Post", "tracking_number": "VTP42"})
    assert shipped.status_code == 302
    db.session.expire_all()
    assert (shipment.status, order.status) == ("shipped", OrderStatus.FULFILLED)
    assert len(sent_mail) == 1 and "VTP42" in sent_mail[0].get_content()
    client.post(f"{url}/delivered")
    db.session.expire_all()
    assert (shipment.status, order.status) == ("delivered", "completed") and order.paid_at is not None
    assert db.session.query(OrderEvent).filter_by(order_id=order.id).count() == 5
    assert "Next step" not in client.get(url).get_data(as_text=True)


@pytest.mark.parametrize("status", [OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED])
def test_unpaid_or_cancelled_orders_cannot_be_worked_on(signed_in, english, client, db, sent_mail, status):
    order = make_order([(make_product(signed_in), 1)], status=status, shipment_status="pending")
    db.session.commit()
    url = f"/producer/shipments/{order.shipments[0].id}"
    assert "do not send it" in client.get(url).get_data(as_text=True)
    assert client.post(f"{url}/packed").status_code == 409
    assert client.post(f"{url}/shipped", data={"carrier": "GHN", "tracking_number": "1"}).status_code == 409
    db.session.expire_all()
    assert order.shipments[0].status == "pending" and order.status == status and not sent_mail


def test_the_shipments_list_shows_what_is_to_send_then_everything(signed_in, client, db):
    product = make_product(signed_in)
    todo = make_order([(product, 1)], number="TODO1")
    make_order([(product, 1)], number="SENT1", status=OrderStatus.FULFILLED)
    make_order([(product, 1)], number="UNPAID1", status=OrderStatus.PENDING_PAYMENT)
    db.session.commit()
    page = client.get("/producer/shipments").get_data(as_text=True)
    assert "TODO1" in page and "SENT1" not in page and "UNPAID1" not in page
    everything = client.get("/producer/shipments?show=all").get_data(as_text=True)
    assert "TODO1" in everything and "SENT1" in everything and "UNPAID1" not in everything
    assert todo.number in client.get("/producer/").get_data(as_text=True)
