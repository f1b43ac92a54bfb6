"""The revenue rollups move with every order, payment, refund and cancellation, and equal the raw sums."""
from datetime import timedelta

import pytest
from sqlalchemy import update

from shop.models import RevenueDay, RevenueGoodsDay
from shop.services.localtime import local_today
from shop.services.orders.flow import transition_order
from shop.services.orders.placing import lock_order, mark_paid_locked
from shop.services.orders.refunds import cancel_order, refund_order
from shop.services.reports import revenue
from shop.services.reports.rollups import rebuild_rollups, rollup_differences
from shop.services.transaction import transaction
from tests.factories import make_category, make_certification, make_producer, make_product, make_user, place_test_order

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def admin(db):
    return make_user(role="admin")


@pytest.fixture
def products(db):
    """Two producers' products in two groups; the first rated 4★."""
    drinks = make_category(slug="drinks", name_vi="Đồ uống", name_en="Drinks")
    rated = make_product(price=100_000, stock=50, stars=4)
    other = make_product(producer=make_producer(), price=30_000, stock=50, category=drinks)
    db.session.commit()
    return rated, other


def today_summary():
    today = local_today()
    return revenue.revenue_summary(today, today)


def assert_rollups_agree():
    assert rollup_differences() == []


def deliver(order):
    with transaction():
        transition_order(order, "fulfilled")
        transition_order(order, "completed")


def test_placed_and_unpaid_orders_do_not_count_until_paid(db, products, card_enabled):
    rated, other = products
    cash = place_test_order({rated: 2, other: 1})
    card = place_test_order({other: 3}, payment_method="card")
    assert_rollups_agree()
    assert today_summary().orders == 0
    with transaction():
        mark_paid_locked(lock_order(card.id), "pi_rollup", "paid")
    assert_rollups_agree()
    summary = today_summary()
    assert (summary.orders, summary.gross, summary.units) == (1, card.total, 3)
    deliver(cash)
    assert_rollups_agree()
    summary = today_summary()
    assert (summary.orders, summary.gross, summary.units) == (2, card.total + cash.total, 6)


def test_breakdowns_from_rollups_count_each_order_once_per_key(db, products):
    rated, other = products
    order = place_test_order({rated: 2, other: 1})
    deliver(order)
    today = local_today()
    by_producer = revenue.revenue_breakdown("producer", today, today)
    assert sorted((row.gross, row.orders) for row in by_producer.rows) == [(30_000, 1), (200_000, 1)]
    by_stars = {row.key: (row.gross, row.units) for row in revenue.revenue_breakdown("stars", today, today).rows}
    assert by_stars == {4: (200_000, 2), None: (30_000, 1)}
    payment = revenue.revenue_breakdown("payment", today, today).rows
    assert [(row.key, row.orders, row.gross) for row in payment] == [("cod", 1, order.total)]
    assert_rollups_agree()


def test_refunds_and_their_shares_follow_the_refund_service(db, products, admin):
    rated, other = products
    order = place_test_order({rated: 1, other: 1})
    deliver(order)
    refund_order(order, 65_000, admin, "one item broken")
    assert_rollups_agree()
    today = local_today()
    breakdown = revenue.revenue_breakdown("producer", today, today)
    assert today_summary().refunds == 65_000
    assert sum(row.refunds for row in breakdown.rows) + breakdown.shipping.refunds == 65_000
    refund_order(order, order.total - 65_000, admin, "all back", restock=True)
    assert_rollups_agree()
    assert today_summary().net == 0


def test_cancelled_orders_leave_the_rollups_as_they_were(db, products, admin):
    rated, _other = products
    paid = place_test_order({rated: 1})
    deliver(paid)
    before = today_summary()
    cancel_order(place_test_order({rated: 5}), admin, "changed their mind")
    assert_rollups_agree()
    assert today_summary() == before


def test_a_certification_recorded_later_moves_the_sales_to_its_stars(db, products):
    _rated, other = products
    deliver(place_test_order({other: 2}))
    make_certification(other, stars=3, decision_date=local_today() - timedelta(days=3))
    db.session.commit()
    assert_rollups_agree()
    today = local_today()
    stars = {row.key: row.gross for row in revenue.revenue_breakdown("stars", today, today).rows}
    assert stars == {3: 60_000}


def test_a_rolled_back_change_leaves_the_rollups_untouched(db, products):
    rated, _other = products
    order = place_test_order({rated: 1})
    with pytest.raises(RuntimeError), transaction():
        transition_order(order, "fulfilled")
        transition_order(order, "completed")
        db.session.flush()
        raise RuntimeError("the lights went out")
    assert_rollups_agree()
    assert db.session.query(RevenueDay).filter(RevenueDay.orders != 0).count() == 0


def test_check_rollups_finds_a_planted_difference_and_rebuild_mends_it(app, db, products):
    rated, other = products
    deliver(place_test_order({rated: 1, other: 2}))
    runner = app.test_cli_runner()
    assert runner.invoke(args=["check-rollups"]).exit_code == 0
    db.session.execute(update(RevenueGoodsDay).values(goods=RevenueGoodsDay.goods + 1))
    db.session.commit()
    result = runner.invoke(args=["check-rollups"])
    assert result.exit_code == 1 and "revenue_goods_day" in result.output
    assert runner.invoke(args=["rebuild-rollups"]).exit_code == 0
    assert runner.invoke(args=["check-rollups"]).exit_code == 0


def test_rebuild_gives_the_same_rollups_as_the_running_ones(db, products, admin):
    rated, other = products
    order = place_test_order({rated: 3, other: 1})
    deliver(order)
    refund_order(order, 40_001, admin, "odd amount")
    kept = sorted((r.day, r.producer_id, r.goods, r.refunds, r.orders_by_producer)
                  for r in db.session.query(RevenueGoodsDay) if r.goods or r.refunds)
    rebuild_rollups()
    rebuilt = sorted((r.day, r.producer_id, r.goods, r.refunds, r.orders_by_producer)
                     for r in db.session.query(RevenueGoodsDay))
    assert kept == rebuilt and kept
