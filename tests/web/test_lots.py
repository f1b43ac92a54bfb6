"""Lots through the pages: the portal records and chooses them, the customer sees them, the office recalls."""
import csv
import io
import re
from datetime import timedelta

import pytest

from shop.models import Batch
from shop.models.statuses import ShipmentStatus
from shop.services.localtime import local_today
from shop.services.orders import fulfilment
from shop.services.orders.access import order_token
from tests.factories import make_order, make_producer_owner, make_product, make_user

TRACE = "https://qn.check.net.vn/lot/CM2611"


@pytest.fixture
def world(db):
    user, producer = make_producer_owner(name="HTX Chả mực Hạ Long", email="htx@example.com")
    product = make_product(producer, name_vi="Chả mực Hạ Long", slug="cha-muc-ha-long", stock=50)
    today = local_today()
    soon = Batch(product_id=product.id, lot_number="CM2611", produced_on=today - timedelta(days=2),
                 best_before=today + timedelta(days=30), quantity=5, traceability_url=TRACE)
    later = Batch(product_id=product.id, lot_number="CM2612", produced_on=today - timedelta(days=1),
                  best_before=today + timedelta(days=90), quantity=20)
    db.session.add_all([soon, later])
    order = make_order([(product, 2)], number="QNLOT01", shipment_status=ShipmentStatus.PENDING,
                       email="guest@example.com", contact_name="Kim Min-jun", phone="+82 10 1234 5678")
    db.session.commit()
    return {"user": user, "producer": producer, "product": product, "soon": soon, "later": later, "order": order}


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def section(page, css_class):
    match = re.search(rf'<(section|ul|td) class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>', page, re.S)
    assert match, css_class
    return match.group(2)


def test_a_producer_records_a_lot_in_the_portal(client, db, login, world):
    login(world["user"])
    url = f"/producer/products/{world['product'].id}/batches"
    today = local_today()
    response = client.post(url, data={"lot_number": "cm2701", "produced_on": today.isoformat(),
                                      "best_before": (today + timedelta(days=120)).isoformat(), "quantity": "40",
                                      "traceability_url": "https://qn.check.net.vn/lot/CM2701"})
    assert response.status_code == 302
    page = client.get(url).get_data(as_text=True)
    rows = re.findall(r"<tr[^>]*>\s*<th scope=\"row\"[^>]*>(.*?)</th>(.*?)</tr>", page, re.S)
    lots = {number: [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", rest, re.S)] for number, rest in rows}
    assert set(lots) == {"CM2611", "CM2612", "CM2701"}
    assert lots["CM2701"][2:4] == ["40", "40"]  # made, left


def test_a_wrong_lot_is_shown_on_its_field_and_not_recorded(client, db, login, world):
    login(world["user"])
    response = client.post(f"/producer/products/{world['product'].id}/batches",
                           data={"lot_number": "CM2701", "produced_on": local_today().isoformat(),
                                 "best_before": local_today().isoformat(), "quantity": "2147483648"})
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    field = re.search(r'<div class="field [^"]*has-error">(?:(?!<div class="field ).)*?id="quantity".*?</div>',
                      page, re.S)
    assert field and "field-error" in field.group(0)
    assert db.session.query(Batch).filter_by(lot_number="CM2701").count() == 0


def test_another_producers_product_has_no_lots_page(client, db, login, world):
    stranger, _ = make_producer_owner()
    db.session.commit()
    login(stranger)
    assert client.get(f"/producer/products/{world['product'].id}/batches").status_code == 404


def test_the_shipment_page_shows_the_lot_taken_and_lets_the_producer_choose_another(client, db, login, world):
    login(world["user"])
    shipment = world["order"].shipments[0]
    assert client.post(f"/producer/shipments/{shipment.id}/packed").status_code == 302
    page = client.get(f"/producer/shipments/{shipment.id}").get_data(as_text=True)
    assert text_of(section(page, "line-lots")).startswith("CM2611")

    line = world["order"].lines[0]
    response = client.post(f"/producer/shipments/{shipment.id}/lines/{line.id}/lot",
                           data={"batch_id": str(world["later"].id)})
    assert response.status_code == 302
    page = client.get(f"/producer/shipments/{shipment.id}").get_data(as_text=True)
    assert text_of(section(page, "line-lots")).startswith("CM2612")


def test_the_customer_sees_the_lot_its_dates_and_the_origin_link(client, db, world):
    order, producer = world["order"], world["producer"]
    fulfilment.move_shipment(producer, order.shipments[0].id, ShipmentStatus.PACKED, world["user"])
    page = client.get(f"/orders/{order.number}?t={order_token(order)}").get_data(as_text=True)
    lots = section(page, "line-lots")
    soon = world["soon"]
    assert "CM2611" in text_of(lots) and f"{soon.best_before:%d/%m/%Y}" in text_of(lots)
    assert re.search(rf'<a href="{re.escape(TRACE)}"[^>]*>', lots)


def test_the_shipped_mail_names_the_lot_and_its_origin_link(db, world, smtp_inbox):
    order, producer = world["order"], world["producer"]
    fulfilment.move_shipment(producer, order.shipments[0].id, ShipmentStatus.SHIPPED, world["user"], "VNPost", "VN1")
    [text] = [m.get_body(("plain",)).get_content() for m in smtp_inbox.to("guest@example.com")]
    assert "CM2611" in text and TRACE in text


def test_the_product_page_shows_the_lot_on_sale(client, db, world):
    page = client.get("/products/cha-muc-ha-long").get_data(as_text=True)
    lot = section(page, "current-lot")
    assert "CM2611" in text_of(lot) and re.search(rf'href="{re.escape(TRACE)}"', lot)


def test_the_office_finds_who_received_a_lot(client, db, login, world):
    order = world["order"]
    fulfilment.move_shipment(world["producer"], order.shipments[0].id, ShipmentStatus.PACKED, world["user"])
    login(make_user(role="admin"))
    db.session.commit()

    found = client.get("/admin/recall?lot=cm2611").get_data(as_text=True)
    assert f'href="/admin/recall/{world["soon"].id}"' in found
    page = client.get(f"/admin/recall/{world['soon'].id}").get_data(as_text=True)
    rows = re.findall(r'<table class="data recipients">.*?<tbody>(.*?)</tbody>', page, re.S)[0]
    assert [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", rows, re.S)][:5] == [
        "QNLOT01", "Kim Min-jun", "+82 10 1234 5678", "guest@example.com", "2"]
    exported = client.get(f"/admin/recall/{world['soon'].id}.csv").get_data(as_text=True)
    [header, row] = list(csv.reader(io.StringIO(exported.lstrip("\ufeff"))))
    assert header[0] == "order" and row[0] == "QNLOT01" and row[6:8] == ["CM2611", "2"]
