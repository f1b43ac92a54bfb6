"""Lots: recording them, FIFO at packing, no expired lot shipped, the producer's choice, recall."""
import threading
from datetime import timedelta

import pytest

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.extensions import db as _db
from shop.models import AuditEvent, Batch, BatchAllocation, Producer, Shipment, User
from shop.models.statuses import OrderStatus, ShipmentStatus
from shop.services.localtime import local_today
from shop.services.orders import fulfilment
from shop.services.orders.refunds import cancel_order
from shop.services.traceability import allocation, batches, recall
from shop.services.traceability.batches import BatchDetails
from tests.factories import make_order, make_producer_owner, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture
def owner_and_product(db):
    user, producer = make_producer_owner()
    product = make_product(producer=producer, stock=100, name_vi="Chả mực Hạ Long")
    db.session.commit()
    return user, product


def lot(product, number, units, best_in_days=180, made_days_ago=10, url=""):
    today = local_today()
    batch = Batch(product_id=product.id, lot_number=number, produced_on=today - timedelta(days=made_days_ago),
                  best_before=today + timedelta(days=best_in_days), quantity=units, traceability_url=url)
    _db.session.add(batch)
    _db.session.flush()
    return batch


def order_of(product, quantity, status=OrderStatus.PAID):
    return make_order([(product, quantity)], status=status, shipment_status=ShipmentStatus.PENDING)


def pack(order, user):
    shipment = order.shipments[0]
    return fulfilment.move_shipment(shipment.producer, shipment.id, ShipmentStatus.PACKED, user)


def taken(db, shipment):
    return sorted((a.batch.lot_number, a.quantity) for a in
                  db.session.query(BatchAllocation).filter_by(shipment_id=shipment.id))


def details(**values):
    today = local_today()
    base = {"lot_number": "l2611-03", "produced_on": today - timedelta(days=3),
            "best_before": today + timedelta(days=365), "quantity": 200,
            "traceability_url": "https://qn.check.net.vn/lot/L2611-03"}
    return BatchDetails(**{**base, **values})


def test_a_producer_records_a_lot_of_their_product_and_it_is_audited(db, owner_and_product):
    user, product = owner_and_product
    batch = batches.record_batch(product.producer, product.id, details(), user)

    assert (batch.lot_number, batch.quantity) == ("L2611-03", 200)
    assert db.session.query(AuditEvent).filter_by(action="batch.record", entity_id=batch.id).count() == 1


@pytest.mark.parametrize("values, field", [
    ({"lot_number": ""}, "lot_number"),
    ({"lot_number": "L 1"}, "lot_number"),
    ({"lot_number": "X" * 41}, "lot_number"),
    ({"produced_on": None}, "produced_on"),
    ({"best_before": None}, "best_before"),
    ({"quantity": 0}, "quantity"),
    ({"quantity": 1_000_001}, "quantity"),
    ({"quantity": 2**63}, "quantity"),
    ({"traceability_url": "javascript:alert(1)"}, "traceability_url"),
])
def test_a_wrong_lot_is_refused_on_its_field_and_nothing_is_recorded(db, owner_and_product, values, field):
    user, product = owner_and_product
    with pytest.raises(InvalidInput) as refused:
        batches.record_batch(product.producer, product.id, details(**values), user)
    assert refused.value.field == field
    assert db.session.query(Batch).count() == 0


def test_dates_that_cannot_be_are_refused(db, owner_and_product):
    user, product = owner_and_product
    today = local_today()
    with pytest.raises(InvalidInput, match="not in the future"):
        batches.record_batch(product.producer, product.id, details(produced_on=today + timedelta(days=1)), user)
    with pytest.raises(InvalidInput, match="cannot come before"):
        batches.record_batch(product.producer, product.id, details(best_before=today - timedelta(days=4)), user)
    batches.record_batch(product.producer, product.id, details(), user)
    with pytest.raises(InvalidInput, match="already recorded"):
        batches.record_batch(product.producer, product.id, details(lot_number="L2611-03"), user)
    assert db.session.query(Batch).count() == 1


def test_another_producers_product_is_not_found(db, owner_and_product):
    user, product = owner_and_product
    _, stranger = make_producer_owner()
    with pytest.raises(NotFound):
        batches.record_batch(stranger, product.id, details(), user)
    assert db.session.query(Batch).count() == 0


def test_packing_takes_the_first_lot_to_expire_first_and_never_an_expired_one(db, owner_and_product):
    user, product = owner_and_product
    lot(product, "LATE", 10, best_in_days=300)
    lot(product, "SOON", 3, best_in_days=30)
    lot(product, "GONE", 50, best_in_days=-1, made_days_ago=400)
    order = order_of(product, 5)
    db.session.commit()

    shipment = pack(order, user)

    assert taken(db, shipment) == [("LATE", 2), ("SOON", 3)]
    lefts = {lot.batch.lot_number: lot.left for lot in batches.product_lots(product.id)}
    assert lefts == {"SOON": 0, "LATE": 8, "GONE": 50}
    assert batches.current_lot(product.id).lot_number == "LATE"


def test_packing_is_refused_when_the_unexpired_lots_are_short(db, owner_and_product):
    user, product = owner_and_product
    lot(product, "L1", 2)
    lot(product, "OLD", 50, best_in_days=-1, made_days_ago=400)
    order = order_of(product, 3)
    db.session.commit()

    with pytest.raises(InvalidInput, match="2 unit\\(s\\) left for 3 ordered"):
        pack(order, user)

    db.session.expire_all()
    assert db.session.get(Shipment, order.shipments[0].id).status == ShipmentStatus.PENDING
    assert db.session.query(BatchAllocation).count() == 0


def test_a_product_without_lots_ships_untracked(db, owner_and_product):
    user, product = owner_and_product
    order = order_of(product, 3)
    db.session.commit()
    shipment = pack(order, user)
    assert shipment.status == ShipmentStatus.PACKED and taken(db, shipment) == []


def test_shipping_straight_from_to_pack_takes_the_lots_too(db, owner_and_product):
    user, product = owner_and_product
    lot(product, "L1", 5, url="https://qn.check.net.vn/lot/L1")
    order = order_of(product, 2)
    db.session.commit()
    shipment = order.shipments[0]
    fulfilment.move_shipment(shipment.producer, shipment.id, ShipmentStatus.SHIPPED, user, "VNPost", "VN1")
    assert taken(db, shipment) == [("L1", 2)]


def test_a_lot_past_its_best_before_date_is_not_shipped(db, owner_and_product, monkeypatch):
    user, product = owner_and_product
    lot(product, "LAST-DAY", 5, best_in_days=0)
    order = order_of(product, 2)
    db.session.commit()
    shipment = pack(order, user)

    tomorrow = local_today() + timedelta(days=1)
    monkeypatch.setattr("shop.services.traceability.allocation.local_today", lambda: tomorrow)
    with pytest.raises(InvalidInput, match="LAST-DAY of Chả mực Hạ Long is past its best-before date"):
        fulfilment.move_shipment(shipment.producer, shipment.id, ShipmentStatus.SHIPPED, user, "VNPost", "VN1")
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).status == ShipmentStatus.PACKED


def test_a_cancelled_order_gives_its_units_back_to_the_lot(db, owner_and_product):
    user, product = owner_and_product
    lot(product, "L1", 5)
    order = order_of(product, 4, status=OrderStatus.PLACED)
    db.session.commit()
    pack(order, user)
    assert batches.product_lots(product.id)[0].left == 1

    cancel_order(order, make_user(role="admin"), "customer asked")

    assert batches.product_lots(product.id)[0].left == 5
    assert recall.lot_recipients(db.session.query(Batch).one()) == []


def test_the_producer_chooses_another_lot_before_shipping(db, owner_and_product):
    user, product = owner_and_product
    soon = lot(product, "SOON", 5, best_in_days=20)
    later = lot(product, "LATER", 5, best_in_days=200)
    order = order_of(product, 3)
    db.session.commit()
    shipment = pack(order, user)
    line = order.lines[0]
    assert [lot.batch.lot_number for lot in allocation.choosable_lots(line)] == ["SOON", "LATER"]

    allocation.choose_lot(product.producer, shipment.id, line.id, later.id, user)

    assert taken(db, shipment) == [("LATER", 3)]
    assert {lot.batch.lot_number: lot.left for lot in batches.product_lots(product.id)} == {"SOON": 5, "LATER": 2}
    assert db.session.query(AuditEvent).filter_by(action="batch.choose").count() == 1
    with pytest.raises(InvalidInput, match="fewer than the 3 ordered"):
        soon.quantity = 2
        db.session.commit()
        allocation.choose_lot(product.producer, shipment.id, line.id, soon.id, user)
    assert taken(db, shipment) == [("LATER", 3)]


def test_a_lot_choice_that_cannot_be_is_refused(db, owner_and_product):
    user, product = owner_and_product
    mine = lot(product, "MINE", 5)
    expired = lot(product, "OLD", 5, best_in_days=-1, made_days_ago=400)
    other = lot(make_product(), "THEIRS", 5)
    order = order_of(product, 1)
    db.session.commit()
    shipment = pack(order, user)
    line = order.lines[0]
    producer = product.producer

    with pytest.raises(NotFound):
        allocation.choose_lot(producer, shipment.id, line.id, other.id, user)
    with pytest.raises(InvalidInput, match="past its best-before date"):
        allocation.choose_lot(producer, shipment.id, line.id, expired.id, user)
    _, stranger = make_producer_owner()
    with pytest.raises(NotFound):
        allocation.choose_lot(stranger, shipment.id, line.id, mine.id, user)
    fulfilment.move_shipment(producer, shipment.id, ShipmentStatus.SHIPPED, user, "VNPost", "VN1")
    with pytest.raises(InvalidTransition):
        allocation.choose_lot(producer, shipment.id, line.id, mine.id, user)
    assert taken(db, shipment) == [("MINE", 1)]


def test_recall_finds_the_lot_by_number_and_the_orders_that_received_it(db, owner_and_product):
    user, product = owner_and_product
    batch = lot(product, "L2611-03", 10)
    lot(product, "L2611-04", 10, best_in_days=400)
    first, second = order_of(product, 2), order_of(product, 3)
    untouched = order_of(product, 1)
    db.session.commit()
    pack(first, user)
    pack(second, user)

    assert recall.find_lots(" l2611-03 ") == [batch]
    assert recall.find_lots("") == []
    got = [(r.order.number, r.units) for r in recall.lot_recipients(batch)]
    assert got == [(first.number, 2), (second.number, 3)]
    assert untouched.number not in [number for number, _ in got]


def test_packers_racing_for_a_lots_last_units_never_take_more_than_it_made(app, db, postgres_only):
    packers = 8
    user, producer = make_producer_owner()
    user_id, producer_id = user.id, producer.id
    item = make_product(producer=producer, stock=100)
    lot(item, "LAST", 5)
    orders = [order_of(item, 2) for _ in range(packers)]
    shipment_ids = [order.shipments[0].id for order in orders]
    item_id = item.id
    db.session.commit()
    start = threading.Barrier(packers)
    packed, refused, errors = [], [], []

    def pack_one(shipment_id):
        with app.app_context():
            try:
                start.wait(timeout=30)
                producer = _db.session.get(Producer, producer_id)
                fulfilment.move_shipment(producer, shipment_id, ShipmentStatus.PACKED, _db.session.get(User, user_id))
                packed.append(shipment_id)
            except InvalidInput:
                refused.append(shipment_id)
            except Exception as error:  # anything else fails the test
                errors.append(repr(error))
            finally:
                _db.session.remove()

    threads = [threading.Thread(target=pack_one, args=(shipment_id,)) for shipment_id in shipment_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(packed) == 2 and len(refused) == packers - 2
    db.session.expire_all()
    [stock] = batches.product_lots(item_id)
    assert stock.taken == 4 and stock.left == 1
