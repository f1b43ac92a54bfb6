"""Cancelling and refunding from the order page: cash by hand, card through Stripe (the emulator)."""

import pytest

from shop.models import AuditEvent, Order, Refund
from shop.services.localtime import local_today
from shop.services.reports import payables as payable_reports
from shop.services.reports import revenue as reports
from shop.services.stock import ledger_balance
from tests.factories import make_order, make_product

# The pages and the expected figures read the shop's day: one frozen instant, or a run straddling 17:00 UTC
# (midnight in Vietnam) would compare two days.
pytestmark = pytest.mark.usefixtures("frozen_clock")

CHECKOUT_FORM = {
    "name": "Emma Walker", "email": "emma@example.com", "phone": "+84 912 345 678",
    "delivery_method": "nationwide", "address": "12 Hàng Bạc, Hà Nội", "payment_method": "card",
}


def today_figures():
    return reports.revenue_summary(local_today(), local_today())


def test_cancelling_a_cash_order_returns_its_stock(admin_client, db, office):
    product = make_product(stock=5)
    order = make_order([(product, 4)], status="placed", reserve=True)
    db.session.commit()
    assert product.stock == 1
    page = admin_client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    assert "Cancel the order" in page and "can still be refunded" not in page
    response = admin_client.post(f"/admin/orders/{order.number}/cancel", data={"note": "Khách gọi huỷ"},
                                 follow_redirects=True)
    assert f"Order {order.number} is cancelled" in response.get_data(as_text=True)
    db.session.refresh(order)
    db.session.refresh(product)
    assert order.status == "cancelled" and product.stock == 5 == ledger_balance(product.id)
    assert order.events[-1].note == "Khách gọi huỷ" and order.events[-1].actor_id == office.id


def test_a_paid_order_cannot_be_cancelled_and_a_reason_is_needed(admin_client, db):
    placed = make_order([(make_product(stock=5), 1)], status="placed", reserve=True)
    paid = make_order([(make_product(stock=5), 1)], status="paid", payment_method="cod")
    db.session.commit()
    response = admin_client.post(f"/admin/orders/{placed.number}/cancel", data={"note": ""}, follow_redirects=True)
    assert "Reason: This field is required." in response.get_data(as_text=True)
    response = admin_client.post(f"/admin/orders/{paid.number}/cancel", data={"note": "late"}, follow_redirects=True)
    assert "Only an unpaid order can be cancelled" in response.get_data(as_text=True)
    db.session.refresh(placed)
    db.session.refresh(paid)
    assert (placed.status, paid.status) == ("placed", "paid")
    assert "Cancel the order" not in admin_client.get(f"/admin/orders/{paid.number}").get_data(as_text=True)


def test_cash_refunds_in_part_then_in_full_show_in_revenue(admin_client, db):
    product = make_product(stock=10, price=100_000)
    order = make_order([(product, 3)], status="completed", payment_method="cod", shipping_fee=25_000, reserve=True)
    db.session.commit()
    page = admin_client.get(f"/admin/orders/{order.number}").get_data(as_text=True)
    assert "Up to ₫325,000 can still be refunded." in page and 'value="325000"' in page
    for bad in ("0", "325001", "abc"):
        admin_client.post(f"/admin/orders/{order.number}/refund", data={"amount": bad, "note": "x"})
    assert db.session.query(Refund).count() == 0
    response = admin_client.post(f"/admin/orders/{order.number}/refund",
                                 data={"amount": "100000", "note": "Một hũ bị vỡ"}, follow_redirects=True)
    assert f"₫100,000 refunded on order {order.number}." in response.get_data(as_text=True)
    figures = today_figures()
    assert (figures.gross, figures.refunds, figures.net) == (325_000, 100_000, 225_000)
    admin_client.post(f"/admin/orders/{order.number}/refund",
                      data={"amount": "225000", "note": "Khách trả hàng", "restock": "y"})
    db.session.refresh(order)
    db.session.refresh(product)
    assert order.status == "refunded" and order.refunded_amount == 325_000
    assert product.stock == 10 == ledger_balance(product.id)
    assert today_figures().net == 0  # a refunded order still counts as a sale, offset by its refunds
    assert db.session.query(AuditEvent).filter_by(action="order.refund").count() == 2
    assert "can still be refunded" not in admin_client.get(f"/admin/orders/{order.number}").get_data(as_text=True)



def test_a_card_refund_goes_through_stripe_and_shows_in_revenue(app, admin_client, db, stripe_shop):
    product = make_product(stock=5, price=150_000)
    db.session.commit()
    shopper = app.test_client()
    shopper.post("/cart/add", data={"product_id": product.id, "quantity": "2"})
    shopper.post("/checkout", data=CHECKOUT_FORM)
    order = db.session.query(Order).one()
    stripe_shop.pay(order.stripe_session_id)
    db.session.refresh(order)
    assert order.status == "paid" and order.stripe_payment_intent_id
    before = today_figures()
    assert (before.orders, before.gross, before.refunds) == (1, order.total, 0)

    response = admin_client.post(f"/admin/orders/{order.number}/refund",
                                 data={"amount": "150000", "note": "One box arrived broken"}, follow_redirects=True)
    assert f"₫150,000 refunded on order {order.number}." in response.get_data(as_text=True)
    refund = db.session.query(Refund).one()
    assert refund.amount == 150_000 and refund.stripe_refund_id in stripe_shop.refunds
    assert stripe_shop.refunds[refund.stripe_refund_id]["amount"] == 150_000
    after = today_figures()
    assert (after.gross, after.refunds, after.net) == (order.total, 150_000, order.total - 150_000)
    payables = payable_reports.producer_payables(local_today(), local_today(), 0)
    # The refund names no items: it is shared over the goods and the delivery, in proportion.
    assert [(p.gross, p.refunds) for p in payables] == [(300_000, 150_000 * 300_000 // order.total)]
