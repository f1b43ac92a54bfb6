"""The database itself holds the shop's rules, whatever the code does."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from shop.models import User
from tests.factories import make_certification, make_product, make_user


def test_database_refuses_negative_stock(db):
    product = make_product(stock=2)
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE product SET stock = -1 WHERE id = :id"), {"id": product.id})
        db.session.commit()
    db.session.rollback()


def test_database_refuses_zero_price(db):
    product = make_product()
    db.session.commit()
    with pytest.raises(IntegrityError):
        db.session.execute(text("UPDATE product SET price = 0 WHERE id = :id"), {"id": product.id})
        db.session.commit()
    db.session.rollback()


def test_database_refuses_six_stars(db):
    product = make_product()
    with pytest.raises(IntegrityError):
        make_certification(product, stars=6)
    db.session.rollback()


def test_emails_are_unique_whatever_their_case(db):
    make_user(email="hoa@example.com")
    db.session.commit()
    with pytest.raises(IntegrityError):
        make_user(email="HOA@Example.com")
    db.session.rollback()
    assert db.session.query(User).count() == 1


def test_product_slugs_are_unique(db):
    make_product(slug="cha-muc")
    db.session.commit()
    with pytest.raises(IntegrityError):
        make_product(slug="cha-muc")
    db.session.rollback()


def test_foreign_keys_are_enforced(db):
    with pytest.raises(IntegrityError):
        db.session.execute(text(
            "INSERT INTO product_image (product_id, filename, thumb_filename, alt_vi, alt_en, width, height,"
            " position, created_at) VALUES (999999, 'a', 'b', '', '', 0, 0, 0, CURRENT_TIMESTAMP)"
        ))
        db.session.commit()
    db.session.rollback()
