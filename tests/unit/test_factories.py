from shop.models.statuses import OrderStatus
from shop.services.stock import ledger_balance
from tests.factories import make_order, make_producer, make_product


def test_make_order_adds_up_with_one_shipment_per_producer(db):
    first, second = make_producer(), make_producer()
    tea, cake, rice = (make_product(first, price=50_000), make_product(first, price=20_000),
                       make_product(second, price=30_000))
    db.session.commit()  # the products are expired: building the order must not flush it half-made
    order = make_order([(tea, 2), (cake, 1, 15_000), (rice, 3)], shipping_fee=25_000, reserve=True)
    db.session.commit()
    assert [line.line_total for line in order.lines] == [100_000, 15_000, 90_000]
    assert (order.subtotal, order.total) == (205_000, 230_000)
    assert sorted(s.producer_id for s in order.shipments) == sorted([first.id, second.id])
    assert order.payment_method == "card" and order.paid_at == order.created_at
    assert tea.stock == 8 == ledger_balance(tea.id)


def test_make_order_defaults_follow_the_status(db):
    product = make_product()
    cash = make_order([(product, 1)], status=OrderStatus.PLACED)
    done = make_order([(product, 1)], status=OrderStatus.COMPLETED)
    assert (cash.payment_method, cash.paid_at, cash.shipments[0].status) == ("cod", None, "pending")
    assert done.shipments[0].status == "delivered" and done.shipments[0].delivered_at is not None
    assert product.stock == 10  # no reservation unless asked
