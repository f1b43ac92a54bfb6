"""Which lot each shipped line takes: FIFO when a shipment leaves "to pack", or the lot the producer chose.

A product with no recorded lot ships as before (untracked). Once it has lots, every unit shipped
comes from one: packing refuses when the unexpired lots are short, and shipping refuses a lot past
its best-before date. Lots are locked (FOR UPDATE, in id order) while units are taken, so two
packers never take the same last units.
"""
from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import delete, select

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.extensions import db
from shop.models import BatchAllocation, OrderLine, Shipment
from shop.models.statuses import ShipmentStatus
from shop.services.audit import record_audit
from shop.services.localtime import local_today
from shop.services.producers.profiles import require_approved
from shop.services.traceability.batches import product_lots
from shop.services.transaction import transaction

CHOOSABLE = (ShipmentStatus.PENDING, ShipmentStatus.PACKED)


def lots_of_lines(lines):
    """Return {order line id: [(Batch, units)]} for `lines`, in one query."""
    ids = [line.id for line in lines]
    found = defaultdict(list)
    if ids:
        for allocation in db.session.scalars(select(BatchAllocation).where(BatchAllocation.order_line_id.in_(ids))
                                             .order_by(BatchAllocation.id)):
            found[allocation.order_line_id].append((allocation.batch, allocation.quantity))
    return dict(found)


def _has_lots(line):
    return db.session.scalar(select(BatchAllocation.id).where(BatchAllocation.order_line_id == line.id).limit(1))


def assign_lots(shipment, lines, today=None):
    """Take the units of each untaken line from its product's lots, first to expire first. Does not commit.

    Raise InvalidInput when the unexpired lots of a tracked product have fewer units left than the line.
    """
    today = today or local_today()
    for line in sorted(lines, key=lambda line: line.product_id):  # lots locked in product order
        if _has_lots(line):
            continue
        lots = [lot for lot in product_lots(line.product_id, lock=True)
                if lot.left > 0 and not lot.batch.has_expired_on(today)]
        if not lots and not product_lots(line.product_id):
            continue  # an untracked product
        needed = line.quantity
        for lot in lots:
            units = min(needed, lot.left)
            db.session.add(BatchAllocation(shipment_id=shipment.id, order_line_id=line.id, batch_id=lot.batch.id,
                                           quantity=units))
            needed -= units
            if not needed:
                break
        if needed:
            raise InvalidInput(_("The lots of %(product)s not past their best-before date have %(left)d unit(s) left "
                                 "for %(ordered)d ordered: record the new lot first.", product=line.product_name,
                                 left=line.quantity - needed, ordered=line.quantity))
    db.session.flush()


def check_shippable(shipment, today=None):
    """Refuse to ship a lot past its best-before date (InvalidInput naming it). Does not commit."""
    today = today or local_today()
    for allocation in db.session.scalars(select(BatchAllocation).where(BatchAllocation.shipment_id == shipment.id)):
        batch = allocation.batch
        if batch.has_expired_on(today):
            raise InvalidInput(_("Lot %(lot)s of %(product)s is past its best-before date (%(day)s): choose another "
                                 "lot before shipping.", lot=batch.lot_number,
                                 product=allocation.order_line.product_name,
                                 day=batch.best_before.strftime("%d/%m/%Y")))


def _own_line(producer, shipment_id, line_id):
    shipment = db.session.scalar(select(Shipment).where(Shipment.id == shipment_id,
                                                        Shipment.producer_id == producer.id))
    line = shipment and db.session.scalar(select(OrderLine).where(
        OrderLine.id == line_id, OrderLine.order_id == shipment.order_id, OrderLine.producer_id == producer.id))
    if line is None:
        raise NotFound(_("Shipment not found."))
    return shipment, line


def choose_lot(producer, shipment_id, line_id, batch_id, actor, today=None):
    """Ship the whole of one of the producer's lines from lot `batch_id` instead. Audited. Commits."""
    require_approved(producer)
    today = today or local_today()
    with transaction():
        shipment, line = _own_line(producer, shipment_id, line_id)
        if shipment.status not in CHOOSABLE:
            raise InvalidTransition(_("The lot can be changed only before the shipment leaves."))
        lots = {lot.batch.id: lot for lot in product_lots(line.product_id, lock=True)}
        lot = lots.get(batch_id)
        if lot is None:
            raise NotFound(_("Lot not found."))
        current = lots_of_lines([line]).get(line.id, [])
        before = [(batch.lot_number, units) for batch, units in current]
        own_units = sum(units for batch, units in current if batch.id == batch_id)
        if lot.batch.has_expired_on(today):
            raise InvalidInput(_("Lot %(lot)s is past its best-before date.", lot=lot.batch.lot_number),
                               field="batch_id")
        if lot.left + own_units < line.quantity:
            raise InvalidInput(_("Lot %(lot)s has %(left)d unit(s) left, fewer than the %(ordered)d ordered.",
                                 lot=lot.batch.lot_number, left=lot.left + own_units, ordered=line.quantity),
                               field="batch_id")
        db.session.execute(delete(BatchAllocation).where(BatchAllocation.order_line_id == line.id))
        db.session.add(BatchAllocation(shipment_id=shipment.id, order_line_id=line.id, batch_id=batch_id,
                                       quantity=line.quantity))
        record_audit(actor, "batch.choose", shipment, {"lots": before},
                     {"lots": [(lot.batch.lot_number, line.quantity)]}, f"line {line.id}")
    return line


def choosable_lots(line, today=None):
    """Return the unexpired lots of the line's product that could ship the whole line (its own units count)."""
    today = today or local_today()
    own = defaultdict(int)
    for batch, units in lots_of_lines([line]).get(line.id, []):
        own[batch.id] += units
    return [lot for lot in product_lots(line.product_id)
            if not lot.batch.has_expired_on(today) and lot.left + own[lot.batch.id] >= line.quantity]
