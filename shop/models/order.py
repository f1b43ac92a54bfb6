"""Orders, their lines, one shipment per producer, status events and refunds."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import TimestampMixin, utcnow
from shop.models.statuses import (
    DeliveryMethod,
    Destination,
    OrderStatus,
    PaymentMethod,
    ShipmentStatus,
    is_status,
    member_of,
)

CHILDREN = "all, delete-orphan"  # rows that live and die with their order


class Order(TimestampMixin, db.Model):
    """A customer's order; every amount is integer VND."""

    __tablename__ = "shop_order"
    __table_args__ = (
        CheckConstraint(f"status IN {OrderStatus.values()}", name="status"),
        CheckConstraint(f"payment_method IN {PaymentMethod.values()}", name="payment_method"),
        CheckConstraint(f"delivery_method IN {DeliveryMethod.values()}", name="delivery_method"),
        CheckConstraint(f"destination IN {Destination.values()}", name="destination"),
        CheckConstraint("subtotal >= 0 AND shipping_fee >= 0", name="amounts_not_negative"),
        CheckConstraint("total = subtotal + shipping_fee", name="total_adds_up"),
        CheckConstraint("refunded_amount >= 0 AND refunded_amount <= total", name="refund_within_total"),
        Index("ix_order_status_paid_at", "status", "paid_at"),
        Index("ix_order_status_expiry", "status", "reservation_expires_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(120), nullable=False)
    email: Mapped[str] = mapped_column(String(254), nullable=False, index=True)
    phone: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    address: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    delivery_method: Mapped[str] = mapped_column(String(16), nullable=False)
    destination: Mapped[str] = mapped_column(String(8), nullable=False, default=Destination.HOME)
    hotel_name: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    hotel_room: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    leaves_on: Mapped[date | None]  # the day a hotel guest checks out: delivery must come before
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")
    payment_method: Mapped[str] = mapped_column(String(16), nullable=False)
    locale: Mapped[str] = mapped_column(String(5), nullable=False, default="vi")
    subtotal: Mapped[int] = mapped_column(nullable=False)
    shipping_fee: Mapped[int] = mapped_column(nullable=False, default=0)
    total: Mapped[int] = mapped_column(nullable=False)
    refunded_amount: Mapped[int] = mapped_column(nullable=False, default=0)
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    stripe_session_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    reservation_expires_at: Mapped[datetime | None]
    paid_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    customer = db.relationship("User")
    lines = db.relationship("OrderLine", back_populates="order", order_by="OrderLine.id", cascade=CHILDREN)
    shipments = db.relationship("Shipment", back_populates="order", order_by="Shipment.id", cascade=CHILDREN)
    events = db.relationship("OrderEvent", back_populates="order", order_by="OrderEvent.id", cascade=CHILDREN)
    refunds = db.relationship("Refund", back_populates="order", order_by="Refund.id", cascade=CHILDREN)

    state = member_of(OrderStatus)
    payment = member_of(PaymentMethod, "payment_method")
    delivery = member_of(DeliveryMethod, "delivery_method")
    is_awaiting_payment = is_status(OrderStatus.PENDING_PAYMENT)  # a card order not paid yet
    is_placed = is_status(OrderStatus.PLACED)  # a cash order, paid on delivery
    is_paid = is_status(OrderStatus.PAID)
    is_cancelled = is_status(OrderStatus.CANCELLED)
    is_refunded = is_status(OrderStatus.REFUNDED)
    is_cash_on_delivery = is_status(PaymentMethod.COD, "payment_method")
    is_to_hotel = is_status(Destination.HOTEL, "destination")
    is_booking = is_status(DeliveryMethod.VOUCHER, "delivery_method")  # a booked visit: an e-voucher, no shipment

    @property
    def is_cancellable(self):
        """Whether the order may still be cancelled (nothing is paid or sent yet)."""
        return self.state.can_move_to(OrderStatus.CANCELLED)

    @property
    def is_closed_to_shipping(self):
        """Whether nothing of this order may be sent: unpaid, cancelled or refunded."""
        return self.status in (OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED, OrderStatus.REFUNDED)

    def __repr__(self):
        return f"<Order {self.number} {self.status}>"


class OrderLine(db.Model):
    """One product in an order, with the name and unit price as they were when ordered."""

    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("unit_price > 0", name="unit_price_positive"),
        CheckConstraint("line_total = unit_price * quantity", name="line_total_adds_up"),
        CheckConstraint("refunded_quantity >= 0 AND refunded_quantity <= quantity", name="refunded_quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False, index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id"), nullable=False, index=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.id"), nullable=False, index=True)
    product_name: Mapped[str] = mapped_column(String(200), nullable=False)  # in Vietnamese: producers, the office
    # The name the buyer saw, in the order's language ("" on lines older than it: the Vietnamese is shown).
    buyer_product_name: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    unit_price: Mapped[int] = mapped_column(nullable=False)
    quantity: Mapped[int] = mapped_column(nullable=False)
    line_total: Mapped[int] = mapped_column(nullable=False)
    refunded_quantity: Mapped[int] = mapped_column(nullable=False, default=0)

    order = db.relationship("Order", back_populates="lines")
    product = db.relationship("Product")
    producer = db.relationship("Producer")

    @property
    def name_for_buyer(self):
        """The product's name as the buyer saw it (their order page, their e-mails, the card payment page)."""
        return self.buyer_product_name or self.product_name


class Shipment(TimestampMixin, db.Model):
    """One producer's part of an order, with its own fulfilment status."""

    __tablename__ = "shipment"
    __table_args__ = (
        UniqueConstraint("order_id", "producer_id", name="uq_shipment_order_producer"),
        CheckConstraint(f"status IN {ShipmentStatus.values()}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.id"), nullable=False, index=True)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=ShipmentStatus.PENDING.value)
    carrier: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    tracking_number: Mapped[str] = mapped_column(String(80), nullable=False, default="")
    packed_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]

    order = db.relationship("Order", back_populates="shipments")
    producer = db.relationship("Producer")

    state = member_of(ShipmentStatus)
    is_pending = is_status(ShipmentStatus.PENDING)
    is_delivered = is_status(ShipmentStatus.DELIVERED)
    is_cancelled = is_status(ShipmentStatus.CANCELLED)

    @property
    def is_closed(self):
        """Whether nothing is left to do for this shipment (delivered or cancelled)."""
        return self.state.is_final


class OrderEvent(db.Model):
    """A status move of an order (or of one of its shipments), with who and why."""

    __tablename__ = "order_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False, index=True)
    from_status: Mapped[str] = mapped_column(String(20), nullable=False, default="")
    to_status: Mapped[str] = mapped_column(String(20), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)

    order = db.relationship("Order", back_populates="events")
    actor = db.relationship("User")


class Refund(db.Model):
    """Money returned to a customer, through the provider that took it or by hand (cash, bank transfer)."""

    __tablename__ = "refund"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"), nullable=False, index=True)
    amount: Mapped[int] = mapped_column(nullable=False)
    reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    stripe_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)
    provider_refund_id: Mapped[str | None] = mapped_column(String(255), index=True)  # VNPay, MoMo (not Stripe)
    restocked: Mapped[bool] = mapped_column(nullable=False, default=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False, index=True)

    order = db.relationship("Order", back_populates="refunds")
    actor = db.relationship("User")


class CartItem(TimestampMixin, db.Model):
    """A signed-in customer's stored cart line (guests keep theirs in the session)."""

    __tablename__ = "cart_item"
    __table_args__ = (
        UniqueConstraint("user_id", "product_id", name="uq_cart_item_user_product"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False)
    quantity: Mapped[int] = mapped_column(nullable=False)

    product = db.relationship("Product")
