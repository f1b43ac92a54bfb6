"""Traceability: the batches (lots) a producer makes of a product, and which lot each shipped line took."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow


class Batch(db.Model):
    """One lot of a product: its number, production and best-before dates, how many units it made."""

    __tablename__ = "batch"
    __table_args__ = (
        UniqueConstraint("product_id", "lot_number", name="uq_batch_product_lot"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
        CheckConstraint("best_before >= produced_on", name="best_before_after_production"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False, index=True)
    lot_number: Mapped[str] = mapped_column(String(40), nullable=False)
    produced_on: Mapped[date] = mapped_column(Date, nullable=False)
    best_before: Mapped[date] = mapped_column(Date, nullable=False)
    quantity: Mapped[int] = mapped_column(nullable=False)
    # The lot's record on the province's traceability system (qn.check.net.vn), when there is one.
    traceability_url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    product = db.relationship("Product")

    def has_expired_on(self, day):
        """Whether the lot is past its best-before date on `day` (it may no longer be shipped)."""
        return self.best_before < day

    def __repr__(self):
        return f"<Batch {self.lot_number} of product {self.product_id}>"


class BatchAllocation(db.Model):
    """How many units of one order line a shipment takes from one lot (FIFO unless the producer chose)."""

    __tablename__ = "batch_allocation"
    __table_args__ = (
        UniqueConstraint("order_line_id", "batch_id", name="uq_batch_allocation_line_batch"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(ForeignKey("shipment.id", ondelete="CASCADE"), nullable=False, index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id", ondelete="CASCADE"), nullable=False,
                                               index=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id"), nullable=False, index=True)
    quantity: Mapped[int] = mapped_column(nullable=False)

    batch = db.relationship("Batch", lazy="joined")
    shipment = db.relationship("Shipment")
    order_line = db.relationship("OrderLine")
