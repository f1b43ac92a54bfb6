"""The producer's products, photos, stock and certificates through the portal's pages."""
import io
import re

import pytest
from PIL import Image

from shop.models import AuditEvent, Certification, Product, ProductImage, StockMovement
from shop.services.stock import ledger_balance
from tests.factories import PDF, make_category, make_producer_owner, make_product, picture_bytes
from tests.html import table_rows
from tests.unit.test_images import bomb_png, exif_with_secrets


@pytest.fixture
def producer_a(db, login):
    user, producer = make_producer_owner(name="HTX Chả mực Hạ Long")
    make_category()
    db.session.commit()
    login(user)
    return producer


def product_form(**changes):
    data = {"name_vi": "Chả mực giã tay", "name_en": "Hand-pounded squid cake", "unit_vi": "hộp 500 g",
            "unit_en": "box of 500 g", "description_vi": "Mực tươi Hạ Long.", "description_en": "Fresh squid.",
            "category_id": str(make_category().id), "price": "185000", "low_stock_threshold": "5",
            "opening_stock": "20"}
    data.update(changes)
    return data


def test_create_a_product_as_a_draft_with_its_opening_stock(producer_a, client, db):
    response = client.post("/producer/products/new", data=product_form())
    product = db.session.query(Product).one()
    assert response.status_code == 302 and response.headers["Location"] == f"/producer/products/{product.id}/photos"
    assert (product.status, product.price, product.stock, product.slug) == ("draft", 185_000, 20, "cha-muc-gia-tay")
    assert product.producer_id == producer_a.id and ledger_balance(product.id) == 20
    assert "Chả mực giã tay" in client.get("/producer/products").get_data(as_text=True)


@pytest.mark.parametrize("price, message", [
    ("-5000", "greater than zero"), ("0", "greater than zero"), ("85000.5", "whole number"),
    ("85.000", "whole number"), ("1e5", "whole number"), ("abc", "whole number"), ("", "This field is required"),
    ("99999999999", "greater than zero"),
])
def test_a_bad_price_is_refused_with_a_message(producer_a, english, client, db, price, message):
    response = client.post("/producer/products/new", data=product_form(price=price))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(Product).count() == 0


def test_editing_texts_keeps_a_published_product_published_and_a_new_price_is_audited(producer_a, client, db):
    product = make_product(producer_a, price=100_000, stock=7)
    db.session.commit()
    form = product_form(name_vi="Chả mực loại 1", price="100000")
    form.pop("opening_stock")
    assert client.post(f"/producer/products/{product.id}", data=form).status_code == 302
    db.session.expire_all()
    assert (product.status, product.name_vi, product.stock) == ("published", "Chả mực loại 1", 7)
    assert db.session.query(AuditEvent).count() == 0
    form.update(price="120000", stock="999")  # a forged stock field changes nothing
    client.post(f"/producer/products/{product.id}", data=form)
    db.session.expire_all()
    assert (product.status, product.price, product.stock) == ("published", 120_000, 7)
    audit = db.session.query(AuditEvent).one()
    assert (audit.action, audit.before, audit.after) == ("product.price", {"price": 100_000}, {"price": 120_000})


def test_submit_hide_and_show_through_the_page(producer_a, english, client, db):
    product = make_product(producer_a, status="draft")
    db.session.commit()
    page = client.post(f"/producer/products/{product.id}/submit", follow_redirects=True).get_data(as_text=True)
    assert "Add at least one photo" in page and product.status == "draft"
    client.post(f"/producer/products/{product.id}/photos", data={"photo": (io.BytesIO(picture_bytes()), "a.png")})
    client.post(f"/producer/products/{product.id}/submit")
    db.session.expire_all()
    assert product.status == "pending_review"
    assert client.post(f"/producer/products/{product.id}/hide").status_code == 302
    db.session.expire_all()
    assert product.status == "pending_review"  # only a published product can be hidden


def upload(client, product, data, name="photo.jpg"):
    return client.post(f"/producer/products/{product.id}/photos", data={"photo": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "WEBP"])
def test_a_good_photo_is_stored_resized_and_without_metadata(producer_a, client, db, app, fmt):
    product = make_product(producer_a)
    db.session.commit()
    response = upload(client, product, picture_bytes(fmt, size=(1500, 1000), exif=exif_with_secrets()),
                      f"photo.{fmt.lower()}")
    assert response.status_code == 302
    image = db.session.query(ProductImage).one()
    assert (image.width, image.height) == (1200, 800)
    for name in (image.filename, image.thumb_filename):
        served = client.get(f"/media/{name}")
        assert served.status_code == 200 and served.mimetype == "image/jpeg"
        stored = Image.open(io.BytesIO(served.data))
        assert not stored.getexif() and b"SpyCam" not in served.data
    assert max(Image.open(io.BytesIO(client.get(f"/media/{image.thumb_filename}").data)).size) == 400
    page = client.get(f"/producer/products/{product.id}/photos").get_data(as_text=True)
    assert image.thumb_filename in page


@pytest.mark.parametrize("data, name, message", [
    (b"<?php echo 'hello'; ?>\n" * 30, "photo.jpg", "not a JPEG, PNG or WebP picture"),
    (picture_bytes("GIF"), "photo.gif", "not a JPEG, PNG or WebP picture"),
    (b"\xff\xd8" + b"x" * (5 * 1024 * 1024), "huge.jpg", "larger than 5 MB"),
    (bomb_png(), "bomb.png", "too many pixels"),
])
def test_bad_photos_are_refused_with_a_clear_message(producer_a, english, client, db, app, data, name, message):
    product = make_product(producer_a)
    db.session.commit()
    response = upload(client, product, data, name)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(ProductImage).count() == 0


def test_a_request_over_the_upload_limit_gets_the_same_message(producer_a, english, client, db):
    product = make_product(producer_a)
    db.session.commit()
    response = upload(client, product, b"x" * (7 * 1024 * 1024), "big.jpg")
    assert response.status_code == 302
    assert "larger than 5 MB" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_delete_and_reorder_photos(producer_a, client, db, app):
    product = make_product(producer_a)
    db.session.commit()
    upload(client, product, picture_bytes("PNG"))
    upload(client, product, picture_bytes("JPEG"))
    first, second = db.session.query(ProductImage).order_by(ProductImage.position).all()
    client.post(f"/producer/products/{product.id}/photos/{second.id}/main")
    db.session.expire_all()
    assert [i.id for i in product.images] == [second.id, first.id]
    client.post(f"/producer/products/{product.id}/photos/{first.id}/delete")
    assert [i.id for i in db.session.query(ProductImage).all()] == [second.id]
    assert client.get(f"/media/{first.filename}").status_code == 404


def test_stock_adjustments_and_their_history(producer_a, english, client, db):
    product = make_product(producer_a, stock=3)
    db.session.commit()
    assert client.post(f"/producer/products/{product.id}/stock",
                       data={"reason": "restock", "quantity": "12", "note": "Lô tháng 3"}).status_code == 302
    client.post(f"/producer/products/{product.id}/stock", data={"reason": "damage", "quantity": "2", "note": "vỡ"})
    refused = client.post(f"/producer/products/{product.id}/stock", data={"reason": "correction", "quantity": "-50"})
    assert refused.status_code == 200
    assert "Stock cannot go below zero: only 13 on hand." in refused.get_data(as_text=True)
    for bad in ("1.5", "abc", "0"):
        page = client.post(f"/producer/products/{product.id}/stock", data={"reason": "correction", "quantity": bad})
        assert page.status_code == 200 and 'class="field-error"' in page.get_data(as_text=True)
    db.session.expire_all()
    assert product.stock == 13 == ledger_balance(product.id)
    assert db.session.query(StockMovement).filter_by(product_id=product.id).count() == 3
    history = table_rows(client.get(f"/producer/products/{product.id}/stock"))
    assert [(row["Why"], row["Change"], row["Who"]) for row in history] == [
        ("Damage or loss vỡ", "-2", producer_a.owner.name),
        ("Restock (new goods) Lô tháng 3", "+12", producer_a.owner.name),
        ("Restock (new goods) Opening stock", "+3", "System"),
    ]


def test_a_certificate_is_submitted_and_a_forged_stars_field_is_ignored(producer_a, english, client, db):
    product = make_product(producer_a)
    db.session.commit()
    response = client.post("/producer/certification", data={
        "product_id": str(product.id), "decision_number": "1234/QĐ-UBND", "decision_date": "2025-06-01",
        "stars": "5", "status": "verified", "scan": (io.BytesIO(PDF), "decision.pdf"),
    }, content_type="multipart/form-data")
    assert response.status_code == 302
    cert = db.session.query(Certification).one()
    assert (cert.stars, cert.status, cert.decision_number) == (None, "submitted", "1234/QĐ-UBND")
    assert str(cert.expires_on) == "2028-06-01"
    page = client.get("/producer/certification").get_data(as_text=True)
    assert "1234/QĐ-UBND" in page and "Waiting for the office" in page and "ocop-badge" not in page


def test_a_scan_that_is_neither_pdf_nor_picture_is_refused(producer_a, english, client, db):
    product = make_product(producer_a)
    db.session.commit()
    response = client.post("/producer/certification", data={
        "product_id": str(product.id), "decision_number": "1/QĐ", "decision_date": "2025-06-01",
        "scan": (io.BytesIO(b"PK\x03\x04 a zip file"), "decision.pdf"),
    }, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "must be a PDF document or a JPEG, PNG or WebP picture" in response.get_data(as_text=True)
    assert db.session.query(Certification).count() == 0


def test_the_profile_page_saves_story_address_and_phone(producer_a, english, client, db):
    response = client.post("/producer/profile", data={"address": "Số 8 Hạ Long", "phone": "0912 345 678",
                                                      "story_vi": "Ba thế hệ làm chả mực.", "story_en": "Three"})
    assert response.status_code == 302
    db.session.expire_all()
    assert (producer_a.address, producer_a.story_vi) == ("Số 8 Hạ Long", "Ba thế hệ làm chả mực.")
    page = client.post("/producer/profile", data={"address": "x", "phone": "abc"}).get_data(as_text=True)
    assert "Give a phone number" in page


def test_every_portal_page_has_one_h1_and_no_inline_script(producer_a, client, db):
    product = make_product(producer_a)
    db.session.commit()
    for url in ["/producer/", "/producer/products", "/producer/products/new", f"/producer/products/{product.id}",
                f"/producer/products/{product.id}/photos", f"/producer/products/{product.id}/stock",
                "/producer/stock", "/producer/sales", "/producer/shipments", "/producer/certification",
                "/producer/profile"]:
        page = client.get(url).get_data(as_text=True)
        assert page.count("<h1") == 1, url
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert all('src="' in attrs or ('type="application/json"' in attrs) for attrs, _body in scripts), url
        assert " on" not in " ".join(re.findall(r"<[^>]+ on[a-z]+=", page)), url
