"""The office's recall view: the lots with a given number and every order that received units of one."""
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from shop.extensions import db
from shop.models import Batch, BatchAllocation, Order, OrderLine, Product, Shipment
from shop.models.statuses import ShipmentStatus


@dataclass
class Recipient:
    """Units of a lot that went to one order (through one of its shipments)."""

    order: Order
    line: OrderLine
    shipment: Shipment
    units: int


def find_lots(lot_number):
    """Return the recorded lots numbered `lot_number` (any product, any case), newest first."""
    lot_number = (lot_number or "").strip().upper()[:40]
    if not lot_number:
        return []
    return db.session.scalars(select(Batch).join(Product).options(contains_eager(Batch.product))
                              .where(Batch.lot_number == lot_number).order_by(Batch.produced_on.desc())).all()


def lot_recipients(batch):
    """Return a Recipient for every shipment that took units of `batch` and was not cancelled, oldest first."""
    rows = db.session.execute(
        select(BatchAllocation, Shipment, OrderLine, Order)
        .join(Shipment, Shipment.id == BatchAllocation.shipment_id)
        .join(OrderLine, OrderLine.id == BatchAllocation.order_line_id)
        .join(Order, Order.id == Shipment.order_id)
        .where(BatchAllocation.batch_id == batch.id, Shipment.status != ShipmentStatus.CANCELLED)
        .order_by(Order.created_at, Order.id))
    return [Recipient(order, line, shipment, allocation.quantity) for allocation, shipment, line, order in rows]
