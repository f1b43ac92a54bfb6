"""Content translations: one row per object and language, a fallback to English then Vietnamese, and the
migration that carried the English columns over."""
import sqlite3

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select

from config import TestConfig
from shop import create_app
from shop.i18n import localized, missing_languages, shown_text
from shop.models import AreaTranslation, Category, CategoryTranslation, ProductTranslation
from shop.models.translations import PRODUCT_TEXTS
from tests.factories import make_area, make_product

BEFORE = "bc674b3d5700"  # the revision whose tables still had the _en columns


def test_a_translation_is_a_row_per_language_not_a_column(db):
    product = make_product(name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake")
    product.name_zh, product.description_ko = "下龙鱿鱼饼", "하롱베이 오징어로 만든 어묵."
    db.session.commit()
    rows = db.session.scalars(select(ProductTranslation).where(ProductTranslation.product_id == product.id)
                              .order_by(ProductTranslation.language)).all()
    assert [(row.language, row.name) for row in rows] == [("en", "Ha Long squid cake"), ("ko", ""),
                                                          ("zh", "下龙鱿鱼饼")]
    assert product.name_ko == "" and product.description_ko == "하롱베이 오징어로 만든 어묵."


def test_an_empty_translation_makes_no_row(db):
    area = make_area("Cô Tô", name_en="Co To")
    area.name_zh = ""
    db.session.commit()
    assert db.session.scalars(select(AreaTranslation.language).where(AreaTranslation.area_id == area.id)).all() == [
        "en"]


def test_a_missing_translation_falls_back_to_english_then_vietnamese_and_says_which(db):
    product = make_product(name_vi="Trà hoa vàng", name_en="Golden camellia tea", unit_vi="hộp", unit_en="")
    product.name_zh = "金花茶"
    assert shown_text(product, "name", "zh") == ("金花茶", "zh")
    assert shown_text(product, "name", "ko") == ("Golden camellia tea", "en")
    assert shown_text(product, "unit", "ko") == ("hộp", "vi")
    assert shown_text(product, "name", "vi") == ("Trà hoa vàng", "vi")
    assert localized(product.producer.area, "name", "vi") == product.producer.area.name
    assert missing_languages(product, PRODUCT_TEXTS) == ["en", "zh", "ko"]  # no English unit, no Korean at all


def test_deleting_an_object_deletes_its_translations(db):
    category = Category(slug="crafts", name_vi="Thủ công", name_en="Crafts", name_zh="手工艺品")
    db.session.add(category)
    db.session.commit()
    db.session.delete(category)
    db.session.commit()
    assert db.session.scalars(select(CategoryTranslation)).all() == []


def _migrated_app(path):
    class MigrationConfig(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{path}"

    return create_app(MigrationConfig)


_BEFORE_ROWS = [
    "INSERT INTO category (id, slug, name_vi, name_en, position) VALUES (1, 'food', 'Thực phẩm', 'Food', 0)",
    "INSERT INTO category (id, slug, name_vi, name_en, position) VALUES (2, 'new', 'Mới', '', 1)",
    "INSERT INTO area (id, slug, name, name_en, position) VALUES (1, 'ha-long', 'Hạ Long', 'Ha Long', 0)",
    "INSERT INTO producer (id, name, slug, legal_type, area_id, address, phone, email, story_vi, story_en, status,"
    " status_reason, created_at, updated_at) VALUES (1, 'HTX', 'htx', 'cooperative', 1, '', '', '', 'Chuyện',"
    " 'Story', 'approved', '', '2026-01-01', '2026-01-01')",
    "INSERT INTO product (id, producer_id, category_id, slug, name_vi, name_en, description_vi, description_en,"
    " unit_vi, unit_en, price, stock, low_stock_threshold, status, featured, review_note, search_text, created_at,"
    " updated_at) VALUES (1, 1, 1, 'cha-muc', 'Chả mực', 'Squid cake', 'Mô tả', 'Description', 'hộp', 'box',"
    " 100000, 5, 5, 'draft', 0, '', 'cha muc', '2026-01-01', '2026-01-01')",
]


def test_the_migration_carries_the_english_columns_over_and_back(tmp_path):
    path = tmp_path / "migrated.db"
    app = _migrated_app(path)
    with app.app_context():
        upgrade(directory=app.config["MIGRATIONS_DIR"], revision=BEFORE)
        with sqlite3.connect(path) as connection:
            for statement in _BEFORE_ROWS:
                connection.execute(statement)
        upgrade(directory=app.config["MIGRATIONS_DIR"])
        with sqlite3.connect(path) as connection:
            assert connection.execute("SELECT product_id, language, name, description, unit FROM product_translation"
                                      ).fetchall() == [(1, "en", "Squid cake", "Description", "box")]
            assert connection.execute("SELECT * FROM producer_translation").fetchall() == [(1, "en", "Story")]
            # A group with no English name gets no row: the storefront falls back to the Vietnamese.
            assert connection.execute("SELECT * FROM category_translation").fetchall() == [(1, "en", "Food")]
            assert connection.execute("SELECT * FROM area_translation").fetchall() == [(1, "en", "Ha Long")]
            columns = {row[1] for row in connection.execute("PRAGMA table_info(product)")}
            assert "name_en" not in columns and "name_vi" in columns
        downgrade(directory=app.config["MIGRATIONS_DIR"], revision=BEFORE)
        with sqlite3.connect(path) as connection:
            assert connection.execute("SELECT name_en, description_en, unit_en FROM product").fetchall() == [
                ("Squid cake", "Description", "box")]
            assert connection.execute("SELECT name_en FROM category ORDER BY id").fetchall() == [("Food",), ("",)]


@pytest.mark.parametrize("language", ["fr", "vi"])
def test_the_database_refuses_a_translation_in_a_language_the_shop_does_not_translate_into(db, language):
    from sqlalchemy.exc import IntegrityError

    product = make_product()
    db.session.add(ProductTranslation(product_id=product.id, language=language, name="x"))
    with pytest.raises(IntegrityError):
        db.session.flush()
