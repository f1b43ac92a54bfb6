"""The stock ledger: every change of a product's stock, with who, why and when."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow
from shop.models.statuses import StockReason, member_of


class StockMovement(db.Model):
    """One row per change of stock; a product's stock equals the sum of its rows."""

    __tablename__ = "stock_movement"
    __table_args__ = (
        CheckConstraint("quantity <> 0", name="quantity_not_zero"),
        CheckConstraint(f"reason IN {StockReason.values()}", name="reason"),
        Index("ix_stock_movement_product_created", "product_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False)
    quantity: Mapped[int] = mapped_column(nullable=False)
    reason: Mapped[str] = mapped_column(String(16), nullable=False)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("shop_order.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)

    product = db.relationship("Product")
    actor = db.relationship("User")

    kind = member_of(StockReason, "reason")
