import io
import os
from datetime import timedelta

import pytest

from shop.errors import Forbidden, InvalidInput, InvalidTransition, NotFound, OutOfStock
from shop.models import AuditEvent, Certification, StockMovement
from shop.models.statuses import ProductStatus
from shop.services.catalog import products as listings
from shop.services.localtime import local_today
from shop.services.orders import fulfilment
from shop.services.producers import profiles as producers
from shop.services.stock import ledger_balance
from tests.factories import PDF, make_category, make_image, make_order, make_producer_owner, make_product, picture_bytes


def product_values(**changes):
    values = {"name_vi": "Chả mực Hạ Long", "name_en": "Ha Long squid cake", "description_vi": "Giã tay.",
              "description_en": "Hand-pounded.", "unit_vi": "hộp 500 g", "unit_en": "box of 500 g",
              "category_id": make_category().id, "price": 185_000, "low_stock_threshold": 5}
    values.update(changes)
    return values


def test_a_new_product_is_a_draft_with_slug_search_text_and_opening_stock(db):
    user, producer = make_producer_owner(name="HTX Đồng Tâm")
    product = listings.create_product(producer, user, product_values(), opening_stock=12)
    assert product.status == ProductStatus.DRAFT
    assert product.slug == "cha-muc-ha-long"
    assert "cha muc ha long" in product.search_text and "htx dong tam" in product.search_text
    assert product.stock == 12 == ledger_balance(product.id)
    movement = db.session.query(StockMovement).filter_by(product_id=product.id).one()
    assert (movement.reason, movement.actor_id) == ("restock", user.id)
    again = listings.create_product(producer, user, product_values(), opening_stock=0)
    assert again.slug == "cha-muc-ha-long-2"
    assert db.session.query(StockMovement).filter_by(product_id=again.id).count() == 0


@pytest.mark.parametrize("changes, field", [
    ({"price": -5}, "price"), ({"price": 0}, "price"), ({"price": 12.5}, "price"), ({"price": "85000"}, "price"),
    ({"price": True}, "price"), ({"price": 10**12}, "price"), ({"name_vi": "  "}, "name_vi"),
    ({"category_id": 9999}, "category_id"), ({"low_stock_threshold": -1}, "low_stock_threshold"),
])
def test_bad_values_are_refused_and_nothing_is_written(db, changes, field):
    user, producer = make_producer_owner()
    with pytest.raises(InvalidInput) as error:
        listings.create_product(producer, user, product_values(**changes))
    assert error.value.field == field
    db.session.rollback()
    assert producer.products.count() == 0


def test_editing_a_published_product_keeps_it_published_and_audits_the_price(db):
    user, producer = make_producer_owner()
    product = make_product(producer, price=100_000)
    db.session.commit()
    listings.update_product(producer, product.id, user, product_values(name_vi="Chả mực giã tay", price=100_000))
    assert product.status == ProductStatus.PUBLISHED and product.name_vi == "Chả mực giã tay"
    assert "cha muc gia tay" in product.search_text
    assert db.session.query(AuditEvent).count() == 0
    listings.update_product(producer, product.id, user, product_values(price=120_000))
    audit = db.session.query(AuditEvent).one()
    assert (audit.action, audit.actor_id, audit.entity_id) == ("product.price", user.id, product.id)
    assert (audit.before, audit.after) == ({"price": 100_000}, {"price": 120_000})
    assert product.status == ProductStatus.PUBLISHED


def test_another_producers_product_is_not_found(db):
    user, producer = make_producer_owner()
    theirs = make_product(price=100_000)
    db.session.commit()
    with pytest.raises(NotFound):
        listings.update_product(producer, theirs.id, user, product_values(price=1))
    with pytest.raises(NotFound):
        listings.adjust_product_stock(producer, theirs.id, 5, "restock", user)
    db.session.rollback()
    assert theirs.price == 100_000 and theirs.stock == 10


def test_submit_needs_a_photo_then_goes_to_review(db):
    user, producer = make_producer_owner()
    product = make_product(producer, status=ProductStatus.DRAFT)
    db.session.commit()
    with pytest.raises(InvalidInput):
        listings.change_status(producer, product.id, "submit", user)
    make_image(product)
    listings.change_status(producer, product.id, "submit", user)
    assert product.status == ProductStatus.PENDING_REVIEW
    with pytest.raises(InvalidTransition):
        listings.change_status(producer, product.id, "show", user)  # only the office publishes


def test_hide_and_show_a_published_product(db):
    user, producer = make_producer_owner()
    product = make_product(producer, published_at=local_today())
    db.session.commit()
    assert listings.allowed_actions(product) == ["hide"]
    listings.change_status(producer, product.id, "hide", user)
    assert product.status == ProductStatus.HIDDEN
    listings.change_status(producer, product.id, "show", user)
    assert product.status == ProductStatus.PUBLISHED
    assert [e.after["status"] for e in db.session.query(AuditEvent).order_by(AuditEvent.id)] == ["hidden", "published"]


def test_a_hidden_product_never_published_goes_back_through_review(db):
    user, producer = make_producer_owner()
    product = make_product(producer, status=ProductStatus.HIDDEN)
    make_image(product)
    db.session.commit()
    assert listings.allowed_actions(product) == ["submit"]
    with pytest.raises(InvalidTransition):
        listings.change_status(producer, product.id, "show", user)
    listings.change_status(producer, product.id, "submit", user)
    assert product.status == ProductStatus.PENDING_REVIEW


def test_photos_are_stored_reordered_and_deleted_with_their_files(app, db):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    first = listings.add_photo(producer, product.id, io.BytesIO(picture_bytes("PNG")))
    second = listings.add_photo(producer, product.id, io.BytesIO(picture_bytes("WEBP")))
    assert [image.id for image in product.images] == [first.id, second.id]
    listings.make_main_photo(producer, product.id, second.id)
    db.session.expire(product, ["images"])
    assert [image.id for image in product.images] == [second.id, first.id]
    files = [f"{app.config['MEDIA_FOLDER']}/{name}" for name in (first.filename, first.thumb_filename)]
    assert all(open(path, "rb").read(2) == b"\xff\xd8" for path in files)  # re-encoded as JPEG
    listings.delete_photo(producer, product.id, first.id)
    assert not any(os.path.exists(path) for path in files)
    assert [image.id for image in product.images] == [second.id]


def test_stock_adjustments_keep_stock_equal_to_the_ledger(db):
    user, producer = make_producer_owner()
    product = make_product(producer, stock=4)
    db.session.commit()
    listings.adjust_product_stock(producer, product.id, 10, "restock", user, "  lô mới ")
    listings.adjust_product_stock(producer, product.id, 3, "damage", user, "vỡ")
    listings.adjust_product_stock(producer, product.id, -1, "correction", user)
    assert product.stock == 10 == ledger_balance(product.id)
    with pytest.raises(OutOfStock) as error:
        listings.adjust_product_stock(producer, product.id, -11, "correction", user)
    assert error.value.available == 10
    assert error.value.message == "Tồn kho không thể âm: hiện chỉ còn 10."
    db.session.refresh(product)
    assert product.stock == 10 == ledger_balance(product.id)
    ledger = listings.stock_ledger(product)
    assert [(m.quantity, m.reason, m.note) for m in ledger[:3]] == [(-1, "correction", ""), (-3, "damage", "vỡ"),
                                                                    (10, "restock", "lô mới")]
    assert all(m.actor_id == user.id for m in ledger[:3])


def test_low_stock_lists_listed_products_at_or_below_their_threshold(db):
    _user, producer = make_producer_owner()
    low = make_product(producer, stock=5, low_stock_threshold=5)
    out = make_product(producer, stock=0)
    make_product(producer, stock=6, low_stock_threshold=5)
    make_product(producer, stock=0, status=ProductStatus.HIDDEN)
    make_product(stock=0)  # another producer's
    db.session.commit()
    assert listings.low_stock_products(producer) == [out, low]
    assert listings.low_stock_count(producer) == 2


def test_a_certificate_is_submitted_without_stars(app, db):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    decided = local_today() - timedelta(days=10)
    cert = listings.submit_certification(producer, product.id, " 123/QĐ-UBND ", decided,
                                         io.BytesIO(PDF), user)
    assert (cert.status, cert.stars, cert.decision_number, cert.submitted_by_id) == ("submitted", None,
                                                                                    "123/QĐ-UBND", user.id)
    assert cert.scan_filename.endswith(".pdf")
    assert open(f"{app.config['MEDIA_FOLDER']}/{cert.scan_filename}", "rb").read(5) == b"%PDF-"
    picture = listings.submit_certification(producer, product.id, "9/QĐ", decided,
                                            io.BytesIO(picture_bytes("JPEG")), user)
    assert picture.scan_filename.endswith(".jpg")


@pytest.mark.parametrize("number, day, data, field", [
    ("", None, PDF, "decision_number"),
    ("1/QĐ", "future", PDF, "decision_date"),
    ("1/QĐ", None, b"<html>not a pdf</html>", "scan"),
])
def test_bad_certificates_are_refused(db, number, day, data, field):
    user, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    day = local_today() + timedelta(days=1) if day == "future" else local_today()
    with pytest.raises(InvalidInput) as error:
        listings.submit_certification(producer, product.id, number, day, io.BytesIO(data), user)
    assert error.value.field == field
    assert db.session.query(Certification).count() == 0


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_a_producer_who_is_not_approved_cannot_change_anything(app, db, status):
    user, producer = make_producer_owner(status=status)
    product = make_product(producer, status=ProductStatus.DRAFT, stock=5)
    image = make_image(product)
    shipment = make_order([(product, 1)]).shipments[0]
    db.session.commit()
    attempts = [
        lambda: listings.create_product(producer, user, product_values()),
        lambda: listings.update_product(producer, product.id, user, product_values(price=1)),
        lambda: listings.change_status(producer, product.id, "submit", user),
        lambda: listings.add_photo(producer, product.id, io.BytesIO(picture_bytes())),
        lambda: listings.delete_photo(producer, product.id, image.id),
        lambda: listings.make_main_photo(producer, product.id, image.id),
        lambda: listings.adjust_product_stock(producer, product.id, 5, "restock", user),
        lambda: listings.submit_certification(producer, product.id, "1/QĐ", local_today(),
                                              io.BytesIO(PDF), user),
        lambda: fulfilment.move_shipment(producer, shipment.id, "packed", user),
        lambda: producers.update_profile(producer, {"address": "x", "phone": "0912345678"}),
    ]
    for attempt in attempts:
        with pytest.raises(Forbidden):
            attempt()
    db.session.rollback()
    assert (product.price, product.stock, product.status, len(product.images)) == (100_000, 5, ProductStatus.DRAFT, 1)
    assert shipment.status == "pending" and producer.products.count() == 1
    assert db.session.query(Certification).count() == 0
