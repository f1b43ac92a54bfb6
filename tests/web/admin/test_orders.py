from datetime import datetime

from shop.models import OrderEvent
from shop.models.statuses import OrderStatus, PaymentMethod
from tests.admin_factories import make_refund
from tests.factories import make_order, make_producer, make_product, place_test_order


def numbers(html, orders):
    return {name for name, order in orders.items() if f">{order.number}</a>" in html}


def test_orders_filter_by_status_payment_day_producer_and_search(admin_client, db):
    tea = make_product(make_producer(name="HTX Trà"), price=50_000)
    squid = make_product(make_producer(name="HTX Mực"), price=100_000)
    orders = {
        "paid": make_order([(tea, 1)], paid_at=datetime(2026, 3, 10, 16, 59), email="lan@example.com"),
        "cod": make_order([(squid, 1)], status=OrderStatus.PLACED, payment_method=PaymentMethod.COD,
                                created_at=datetime(2026, 3, 10, 17, 0), phone="0987 654 321"),
        "cancelled": make_order([(tea, 2), (squid, 1)], status=OrderStatus.CANCELLED,
                                      created_at=datetime(2026, 3, 12, 1, 0)),
    }
    db.session.commit()
    get = lambda **args: admin_client.get("/admin/orders", query_string=args).get_data(as_text=True)  # noqa: E731
    assert numbers(get(), orders) == {"paid", "cod", "cancelled"}
    assert numbers(get(status="cancelled"), orders) == {"cancelled"}
    assert numbers(get(payment="cod"), orders) == {"cod"}
    assert numbers(get(start="2026-03-10", end="2026-03-10"), orders) == {"paid"}  # 17:00 UTC is the 11th
    assert numbers(get(start="2026-03-11"), orders) == {"cod", "cancelled"}
    assert numbers(get(producer=tea.producer_id), orders) == {"paid", "cancelled"}
    assert numbers(get(q="LAN@"), orders) == {"paid"}
    assert numbers(get(q="654321"), orders) == {"cod"}
    assert numbers(get(q="0987.654.321"), orders) == {"cod"}
    assert numbers(get(q=orders["cancelled"].number.lower()), orders) == {"cancelled"}
    assert numbers(get(start="not a date"), orders) == {"paid", "cod", "cancelled"}


def test_orders_are_paginated(admin_client, db):
    product = make_product()
    for hour in range(35):
        make_order([(product, 1)], paid_at=datetime(2026, 3, 1, hour % 24, hour))
    db.session.commit()
    first = admin_client.get("/admin/orders").get_data(as_text=True)
    assert "35 orders" in first and "Page 1 of 2" in first and first.count('scope="row"') == 30
    assert admin_client.get("/admin/orders?page=2").get_data(as_text=True).count('scope="row"') == 5


def test_order_page_tells_the_whole_story(admin_client, db):
    product = make_product(make_producer(name="HTX Bánh gai"), name_vi="Bánh gai Tứ Kỳ", price=40_000)
    order = make_order([(product, 3)], refunded={product: 1}, paid_at=datetime(2026, 3, 3, 3, 0), shipping_fee=25_000)
    order.events.append(OrderEvent(from_status="", to_status=OrderStatus.PAID, note="test order"))
    make_refund(order, 40_000, datetime(2026, 3, 4, 3, 0), reason="Một hộp bị vỡ")
    db.session.commit()
    html = admin_client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    for text in ("Bánh gai Tứ Kỳ", "HTX Bánh gai", "₫145,000", "₫40,000", "Một hộp bị vỡ",
                 "03/03/2026 10:00", "test order"):
        assert text in html, text
    assert admin_client.get("/admin/orders/NOPE").status_code == 404


def test_notes_the_shop_wrote_are_read_in_the_office_language(client, login, office, db):
    order = place_test_order({make_product(stock=5): 1})
    db.session.commit()
    login(office)
    html = client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    assert "đơn hàng được đặt" in html and "order placed" not in html
    with client.session_transaction() as session:
        session["locale"] = "en"
    assert "order placed" in client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
