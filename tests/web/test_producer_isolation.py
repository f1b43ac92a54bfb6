"""One order, two producers: each sees, ships, exports and is mailed only their own lines.

Guards the producer filter of every place a shipment's lines are read (shop.services.orders.fulfilment.
shipment_lines, the producer's sales and CSV, the new-order notice): with the filter gone, producer A's
packing page, shipped mail or CSV would list producer B's goods of the same order.
"""
import csv
import io

import pytest

from shop.models.statuses import OrderStatus
from shop.services.orders.mail import send_order_mails
from tests.factories import make_order, make_producer_owner, make_product

pytestmark = pytest.mark.usefixtures("frozen_clock")


@pytest.fixture
def sent_mail(monkeypatch):
    messages = []
    monkeypatch.setattr("shop.services.mail.send_message", messages.append)
    return messages


@pytest.fixture
def shared_order(db):
    """A paid order of squid cake from A (2) and of ba kích wine from B (1)."""
    owner_a, producer_a = make_producer_owner(name="HTX Chả mực Hạ Long", email="a@example.com")
    owner_b, producer_b = make_producer_owner(name="HTX Ba Kích Ba Chẽ", email="b@example.com")
    squid = make_product(producer_a, name_vi="Chả mực giã tay", price=185_000)
    wine = make_product(producer_b, name_vi="Rượu ba kích tím", price=420_000)
    order = make_order([(squid, 2), (wine, 1)], status=OrderStatus.PAID, locale="vi")
    db.session.commit()
    shipments = {shipment.producer_id: shipment for shipment in order.shipments}
    return {"a": (owner_a, producer_a, squid, shipments[producer_a.id]),
            "b": (owner_b, producer_b, wine, shipments[producer_b.id]), "order": order}


SIDES = [("a", "b"), ("b", "a")]


@pytest.mark.parametrize("mine, theirs", SIDES)
def test_each_producers_packing_page_lists_only_their_lines(app, db, login, client, shared_order, mine, theirs):
    owner, _producer, product, shipment = shared_order[mine]
    other_product = shared_order[theirs][2]
    login(owner)
    page = client.get(f"/producer/shipments/{shipment.id}").get_data(as_text=True)
    assert product.name_vi in page
    assert other_product.name_vi not in page
    assert client.get(f"/producer/shipments/{shared_order[theirs][3].id}").status_code == 404


@pytest.mark.parametrize("mine, theirs", SIDES)
def test_the_shipped_mail_lists_only_that_producers_lines(app, db, login, client, shared_order, sent_mail,
                                                          mine, theirs):
    owner, _producer, product, shipment = shared_order[mine]
    login(owner)
    url = f"/producer/shipments/{shipment.id}"
    assert client.post(f"{url}/packed").status_code == 302
    assert client.post(f"{url}/shipped", data={"carrier": "Viettel Post", "tracking_number": "VTP1"}).status_code == 302
    (message,) = sent_mail
    body = message.get_body(("plain",)).get_content()
    assert product.name_vi in body
    assert shared_order[theirs][2].name_vi not in body


@pytest.mark.parametrize("mine, theirs", SIDES)
def test_each_producers_csv_has_only_their_lines(app, db, login, client, shared_order, mine, theirs):
    owner, _producer, product, _shipment = shared_order[mine]
    login(owner)
    response = client.get("/producer/sales.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    cells = {cell for row in rows[1:] for cell in row}
    assert product.name_vi in cells
    assert shared_order[theirs][2].name_vi not in " ".join(cells)


def test_each_producer_is_told_of_the_order_with_only_their_lines_and_total(app, db, shared_order, sent_mail):
    with app.test_request_context():
        send_order_mails(shared_order["order"])
    notices = {message["To"]: message.get_body(("plain",)).get_content() for message in sent_mail}
    for mine, theirs in SIDES:
        owner, producer, product, _shipment = shared_order[mine]
        notice = notices[producer.notice_address]
        assert product.name_vi in notice
        assert shared_order[theirs][2].name_vi not in notice
        total = {"a": "370.000", "b": "420.000"}[mine]
        assert total in notice
