"""The benchmark's data generator writes a consistent shop (tiny sizes, PostgreSQL only)."""
import pytest
from sqlalchemy import func, select, text

from bench.generate import Sizes, generate, read_marker, slugify
from shop.models import Order, OrderLine, Product, Shipment, StockMovement
from shop.services.catalog.search import fold

pytestmark = pytest.mark.postgres


def test_slugify_folds_vietnamese():
    assert slugify("Chả mực Hạ Long (loại 1)") == "cha-muc-ha-long-loai-1"


def test_tiny_dataset_is_consistent(postgres_only, db):
    sizes = Sizes(products=20, producers=4, orders=30, customers=5, days=60)
    counts = generate(sizes, seed=1, echo=lambda _line: None)

    assert counts["product"] == 20 and counts["shop_order"] == 30 and counts["producer"] == 4
    assert counts["order_line"] >= 30
    with db.engine.connect() as connection:
        assert read_marker(connection) == sizes.marker()
    # Stock on hand equals the ledger, for every product.
    ledger = dict(db.session.execute(
        select(StockMovement.product_id, func.sum(StockMovement.quantity)).group_by(StockMovement.product_id)).all())
    for product in db.session.scalars(select(Product)):
        assert product.stock == ledger.get(product.id, 0)
        assert product.search_text == " ".join(
            fold(part) for part in (product.name_vi, product.name_en, product.producer.name,
                                    product.producer.area.name, product.producer.area.name_en))
    # Money adds up and each producer of an order has its shipment.
    for order in db.session.scalars(select(Order)):
        assert order.subtotal == sum(line.line_total for line in order.lines)
        assert {s.producer_id for s in order.shipments} == {line.producer_id for line in order.lines}
    assert db.session.scalar(select(func.count()).select_from(Shipment)) == counts["shipment"]
    # "cha muc" finds the squid cakes, and new rows get fresh ids after the copied ones.
    assert db.session.scalar(select(func.count()).where(Product.search_text.contains("cha muc"))) >= 1
    next_id = db.session.execute(text("SELECT nextval(pg_get_serial_sequence('order_line', 'id'))")).scalar()
    assert next_id == db.session.scalar(select(func.max(OrderLine.id))) + 1
