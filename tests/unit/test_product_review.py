import pytest

from shop.errors import InvalidInput, InvalidTransition
from shop.models import AuditEvent
from shop.services.catalog.review import (
    hide_product,
    product_counts,
    products_query,
    publish_product,
    reject_product,
    unhide_product,
)
from tests.factories import make_product, make_user


def test_publishing_a_product_waiting_for_review(db):
    admin = make_user(role="admin")
    product = make_product(status="pending_review", review_note="old note")
    publish_product(product, admin)
    assert product.status == "published" and product.published_at is not None and product.review_note == ""
    event = db.session.query(AuditEvent).one()
    assert (event.action, event.before["status"], event.after["status"]) == (
        "product.status", "pending_review", "published")
    with pytest.raises(InvalidTransition):
        publish_product(product, admin)


def test_rejecting_sends_the_product_back_as_a_draft_with_a_note(db):
    admin = make_user(role="admin")
    product = make_product(status="pending_review")
    db.session.commit()  # a refused call rolls back whatever the session holds
    with pytest.raises(InvalidInput):
        reject_product(product, admin, "")
    assert product.status == "pending_review"
    reject_product(product, admin, "Thiếu ảnh nhãn sản phẩm")
    assert (product.status, product.review_note) == ("draft", "Thiếu ảnh nhãn sản phẩm")
    assert db.session.query(AuditEvent).one().note == "Thiếu ảnh nhãn sản phẩm"


def test_hiding_and_showing_again(db):
    admin = make_user(role="admin")
    product = make_product()
    published_at = product.published_at
    hide_product(product, admin, "Hết mùa")
    assert product.status == "hidden"
    with pytest.raises(InvalidTransition):
        hide_product(product, admin)
    unhide_product(product, admin)
    assert product.status == "published" and product.published_at is not None
    assert published_at is None or product.published_at == published_at
    assert db.session.query(AuditEvent).count() == 2


def test_the_review_queue_lists_waiting_products_and_searches_folded(db):
    waiting = make_product(name_vi="Chả mực Hạ Long", status="pending_review")
    make_product(name_vi="Trà hoa vàng", status="pending_review")
    make_product(name_vi="Chả mực Cô Tô", status="published")
    found = db.session.scalars(products_query("pending_review", "cha muc")).all()
    assert found == [waiting]
    assert product_counts()["pending_review"] == 2
