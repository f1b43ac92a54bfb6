"""Refunds and the hand-checked March sales for back-office tests (orders come from tests.factories.make_order)."""
from shop.extensions import db
from shop.models import Refund
from shop.models.statuses import OrderStatus, PaymentMethod


def make_refund(order, amount, created_at=None, reason="Khách trả hàng", **values):
    """A refund of `amount` on `order` (created now unless `created_at`, naive UTC), counted on the order."""
    refund = Refund(order=order, amount=amount, reason=reason, **values)
    if created_at is not None:
        refund.created_at = created_at
    order.refunded_amount += amount
    db.session.add(refund)
    db.session.flush()
    return refund


def build_march_sales():
    """The hand-checked sales of March 2026 (Vietnamese days) that the report tests sum by hand.

    Producers: A (Hạ Long) sells a1 100 000 ₫, rated 4★ all along; B (Ba Chẽ) sells b1
    50 000 ₫, rated 5★ until 2026-03-20 (expired after), and b2 30 000 ₫, never rated;
    C (Hạ Long) sells c1 20 000 ₫, never rated. Times are UTC; Vietnam is UTC+7.
    """
    from datetime import date, datetime

    from tests.factories import (
        make_area,
        make_category,
        make_certification,
        make_order,
        make_producer,
        make_product,
    )

    ha_long, ba_che = make_area("Hạ Long", "Ha Long"), make_area("Ba Chẽ", "Ba Che")
    food, drink = make_category("food", "Thực phẩm", "Food"), make_category("beverage", "Đồ uống", "Beverages")
    herbal = make_category("herbal", "Dược liệu", "Herbal products")
    a = make_producer(name="HTX Chả mực Hạ Long", area=ha_long)
    b = make_producer(name="HTX Trà hoa vàng Ba Chẽ", area=ba_che)
    c = make_producer(name="Hộ kinh doanh Bánh gai", area=ha_long)
    a1 = make_product(a, "Chả mực", price=100_000, category=food, stock=100)
    make_certification(a1, 4, date(2025, 1, 1))
    make_certification(a1, 3, date(2024, 6, 1))
    make_certification(a1, 5, date(2025, 2, 1), status="rejected")
    b1 = make_product(b, "Trà hoa vàng", price=50_000, category=drink, stock=100)
    make_certification(b1, 5, date(2023, 3, 20))  # valid through 2026-03-20
    b2 = make_product(b, "Ba kích", price=30_000, category=herbal, stock=100)
    c1 = make_product(c, "Bánh gai", price=20_000, category=food, stock=100)

    t = datetime
    orders = {
        "O1": make_order([(a1, 2)], paid_at=t(2026, 3, 10, 16, 59), shipping_fee=25_000),
        "O2": make_order([(b1, 1), (b2, 1)], paid_at=t(2026, 3, 10, 17, 0)),
        "O3": make_order([(a1, 1), (b1, 2)], status=OrderStatus.COMPLETED, payment_method=PaymentMethod.COD,
                               paid_at=t(2026, 3, 21, 3, 0), created_at=t(2026, 3, 18, 3, 0), shipping_fee=30_000),
        "O4": make_order([(a1, 5)], status=OrderStatus.PLACED, payment_method=PaymentMethod.COD,
                               created_at=t(2026, 3, 12, 3, 0)),
        "O5": make_order([(a1, 3)], status=OrderStatus.PENDING_PAYMENT, created_at=t(2026, 3, 12, 4, 0)),
        "O6": make_order([(b1, 4)], status=OrderStatus.CANCELLED, paid_at=t(2026, 3, 12, 5, 0)),
        "O7": make_order([(a1, 1), (b2, 2)], refunded={a1: 1, b2: 2}, status=OrderStatus.REFUNDED,
                               paid_at=t(2026, 3, 5, 2, 0), shipping_fee=20_000),
        "O8": make_order([(a1, 1)], paid_at=t(2026, 2, 28, 16, 59)),
        "O9": make_order([(b2, 1)], paid_at=t(2026, 2, 28, 17, 0)),
        "O10": make_order([(a1, 1), (c1, 1)], paid_at=t(2026, 3, 31, 16, 59)),
        "O11": make_order([(a1, 1)], paid_at=t(2026, 3, 31, 17, 0)),
        "O13": make_order([(a1, 2), (b2, 1)], refunded={a1: 1}, paid_at=t(2026, 3, 15, 5, 0), shipping_fee=25_000),
    }
    make_refund(orders["O7"], 180_000, t(2026, 3, 6, 10, 0))
    make_refund(orders["O8"], 40_000, t(2026, 3, 2, 1, 0))
    make_refund(orders["O3"], 10_001, t(2026, 3, 25, 8, 0))
    make_refund(orders["O13"], 100_000, t(2026, 3, 16, 8, 0))
    make_refund(orders["O1"], 5_000, t(2026, 4, 2, 8, 0))
    db.session.commit()
    return {"producers": (a, b, c), "products": (a1, b1, b2, c1), "orders": orders,
            "areas": (ha_long, ba_che), "categories": (food, drink, herbal)}
