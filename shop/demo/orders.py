"""Demo orders: two months of cash-on-delivery purchases, placed through the real order service.

They give the dashboards of `make run` something to show. They are all cash on delivery,
because the demo runs without a Stripe key (card orders are paid only through Stripe). Each order is placed with
`place_order` (so stock, ledger, shipments and e-mails are real), then moved along with the
same status functions the shop uses, and finally dated back into the past.
"""
import random
from datetime import timedelta

from sqlalchemy import select

from shop.extensions import db
from shop.i18n import N_
from shop.models import Order, OrderEvent, Product, User, utcnow
from shop.models.statuses import OrderStatus, ProductStatus, ShipmentStatus
from shop.services.orders.flow import transition_order
from shop.services.orders.placing import CheckoutDetails, place_order
from shop.services.traceability.allocation import assign_lots
from shop.services.transaction import transaction

DEMO_ORDER_COUNT = 60
DEMO_DAYS = 60
CUSTOMERS = [
    ("Lê Minh Anh", "customer@example.com", "0912345678", "vi"),
    ("Emma Wilson", "emma.wilson@example.com", "0934567890", "en"),
    ("Phạm Quốc Bảo", "bao.pham@example.com", "0987654321", "vi"),
    ("Kenji Tanaka", "kenji@example.com", "0356789012", "en"),
    ("Đỗ Thu Hà", "thuha@example.com", "0771234567", "vi"),
]
ADDRESSES = ["12 Trần Hưng Đạo, Hạ Long", "45 Lê Lợi, Hoàn Kiếm, Hà Nội", "8 Nguyễn Văn Cừ, Cẩm Phả",
             "102 Võ Văn Tần, Quận 3, TP Hồ Chí Minh"]


def seed_demo_orders(echo=print, count=None, days=DEMO_DAYS):
    """Place `count` demo orders spread over the last `days` days, once (none when orders exist)."""
    count = count or DEMO_ORDER_COUNT
    if db.session.scalar(select(Order.id).limit(1)) is not None:
        return 0
    rng = random.Random(2026)  # noqa: S311  (demo data: the same every time, nothing secret)
    products = [product for product in db.session.scalars(
        select(Product).where(Product.status == ProductStatus.PUBLISHED).order_by(Product.id)
    ) if not product.is_bookable]  # a visit is booked for a slot, not ordered as goods
    customer_user = db.session.scalar(select(User).where(User.email == "customer@example.com"))
    now = utcnow()
    for number in range(count):
        name, email, phone, locale = rng.choice(CUSTOMERS)
        wanted = {}
        for product in rng.sample(products, rng.randint(1, 3)):
            quantity = rng.randint(1, 2)
            if product.stock - quantity >= product.low_stock_threshold + 2:
                wanted[product.id] = quantity
        if not wanted:
            continue
        details = CheckoutDetails(
            name=name, email=email, phone=phone, delivery_method=rng.choice(["province", "nationwide"]),
            address=rng.choice(ADDRESSES), payment_method="cod",
        )
        order = place_order(wanted, details, customer=customer_user if email == customer_user.email else None,
                            locale=locale)
        placed_at = now - timedelta(days=rng.uniform(0, days))
        with transaction():
            _advance(order, placed_at, rng)
        echo(f"  demo order {number + 1}/{count}: {order.number} ({order.status})")
    return count


def _advance(order, placed_at, rng):
    """Move a cash order on as a real one would have gone, then date it back to `placed_at`."""
    age = utcnow() - placed_at
    steps = []
    if age > timedelta(days=2) and rng.random() < 0.8:
        steps.append(OrderStatus.FULFILLED)
    if age > timedelta(days=5) and OrderStatus.FULFILLED in steps and rng.random() < 0.8:
        steps.append(OrderStatus.COMPLETED)
    for status in steps:
        transition_order(order, status, None, N_("demo"))
    shipment_status = {OrderStatus.FULFILLED: ShipmentStatus.SHIPPED,
                       OrderStatus.COMPLETED: ShipmentStatus.DELIVERED}.get(order.status)
    for shipment in order.shipments:
        if shipment_status:
            assign_lots(shipment, [line for line in order.lines if line.producer_id == shipment.producer_id])
            shipment.status = shipment_status
            shipment.shipped_at = placed_at + timedelta(days=1)
            if shipment_status == ShipmentStatus.DELIVERED:
                shipment.delivered_at = placed_at + timedelta(days=3)
    order.created_at = order.updated_at = placed_at
    if order.paid_at is not None:  # cash is paid on delivery
        order.paid_at = placed_at + timedelta(days=3)
    for event in db.session.scalars(select(OrderEvent).where(OrderEvent.order_id == order.id)):
        event.created_at = placed_at
