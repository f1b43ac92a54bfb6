"""A producer's batches (lots) of a product, how much of each is left, and the lot a product page shows.

A lot's units are its quantity less what live shipments took from it (a cancelled shipment gives
its units back without a write). Lots are offered first-expiring first (FIFO by best-before date,
then production date); a lot past its best-before date is never offered. Recording a lot is
traceability, not stock: the product's stock is kept by shop.services.stock as before.
"""
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import InvalidInput
from shop.extensions import db
from shop.models import Batch, BatchAllocation, Shipment
from shop.models.statuses import ShipmentStatus
from shop.services.audit import record_audit
from shop.services.catalog.products import own_product
from shop.services.localtime import local_today
from shop.services.producers.profiles import require_approved
from shop.services.traceability.links import clean_traceability_url
from shop.services.transaction import transaction

MAX_BATCH_QUANTITY = 1_000_000
LOT_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z./-]{0,39}$")
FIFO = (Batch.best_before, Batch.produced_on, Batch.id)


@dataclass
class BatchDetails:
    """What a producer types in for a lot."""

    lot_number: str
    produced_on: date | None
    best_before: date | None
    quantity: int | None
    traceability_url: str = ""


@dataclass
class LotStock:
    """A lot with the units live shipments have taken from it."""

    batch: Batch
    taken: int

    @property
    def left(self):
        return self.batch.quantity - self.taken


def taken_by_batch(batch_ids):
    """Return {batch id: units taken by shipments that are not cancelled}."""
    if not batch_ids:
        return {}
    rows = db.session.execute(
        select(BatchAllocation.batch_id, func.sum(BatchAllocation.quantity))
        .join(Shipment, Shipment.id == BatchAllocation.shipment_id)
        .where(BatchAllocation.batch_id.in_(batch_ids), Shipment.status != ShipmentStatus.CANCELLED)
        .group_by(BatchAllocation.batch_id))
    return dict(rows.all())


def product_lots(product_id, lock=False):
    """Return the product's lots as LotStock, first to expire first; `lock` takes their rows FOR UPDATE."""
    statement = select(Batch).where(Batch.product_id == product_id).order_by(*FIFO)
    if lock:  # in id order, whatever the FIFO order: two packers never wait on each other in a cycle
        db.session.scalars(select(Batch.id).where(Batch.product_id == product_id).order_by(Batch.id)
                           .with_for_update()).all()
    batches = db.session.scalars(statement).all()
    taken = taken_by_batch([batch.id for batch in batches])
    return [LotStock(batch, taken.get(batch.id, 0)) for batch in batches]


def current_lot(product_id, today=None):
    """Return the lot a sale ships next (FIFO among unexpired lots with units left), or None. One query."""
    today = today or local_today()
    taken = (select(func.coalesce(func.sum(BatchAllocation.quantity), 0))
             .join(Shipment, Shipment.id == BatchAllocation.shipment_id)
             .where(BatchAllocation.batch_id == Batch.id, Shipment.status != ShipmentStatus.CANCELLED)
             .correlate(Batch).scalar_subquery())
    return db.session.scalar(select(Batch).where(Batch.product_id == product_id, Batch.best_before >= today,
                                                 Batch.quantity > taken).order_by(*FIFO).limit(1))


def _clean(details, product_id, today):
    lot_number = (details.lot_number or "").strip().upper()
    if not LOT_NUMBER.match(lot_number):
        raise InvalidInput(_("Give the lot number as printed on the package: letters, digits, '-', '/' or '.', "
                             "at most 40 characters."), field="lot_number")
    if db.session.scalar(select(Batch.id).where(Batch.product_id == product_id, Batch.lot_number == lot_number)):
        raise InvalidInput(_("Lot %(lot)s of this product is already recorded.", lot=lot_number), field="lot_number")
    if details.produced_on is None or details.produced_on > today:
        raise InvalidInput(_("Give the production date (not in the future)."), field="produced_on")
    if details.best_before is None or details.best_before < details.produced_on:
        raise InvalidInput(_("The best-before date cannot come before the production date."), field="best_before")
    if not isinstance(details.quantity, int) or not 1 <= details.quantity <= MAX_BATCH_QUANTITY:
        raise InvalidInput(_("Give how many units the lot made (1 to %(n)s).", n=f"{MAX_BATCH_QUANTITY:,}"),
                           field="quantity")
    return {"lot_number": lot_number, "produced_on": details.produced_on, "best_before": details.best_before,
            "quantity": details.quantity, "traceability_url": clean_traceability_url(details.traceability_url)}


def record_batch(producer, product_id, details, actor, today=None):
    """Record a lot of the approved producer's own product; NotFound for another's. Audited. Commits."""
    require_approved(producer)
    product = own_product(producer, product_id)
    values = _clean(details, product.id, today or local_today())
    with transaction():
        batch = Batch(product_id=product.id, **values)
        db.session.add(batch)
        db.session.flush()
        record_audit(actor, "batch.record", batch, None, {**values, "produced_on": str(values["produced_on"]),
                                                          "best_before": str(values["best_before"])})
    return batch
