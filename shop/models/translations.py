"""Content translations: one row per object and language, for every storefront language but Vietnamese.

The Vietnamese text stays on the object itself (`Product.name_vi`, `Area.name`): it is the source.
English, Chinese and Korean live in a translation table per kind of object (product_translation,
producer_translation, category_translation, area_translation), keyed by (object, language), so a
new language is a new row, not a new column. `TranslatedText` attributes (`product.name_zh`) read
and write those rows; `shop.i18n.localized` picks the language shown, falling back to English, then
Vietnamese.
"""
from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, attribute_keyed_dict, mapped_column

from config import CONTENT_LANGUAGES
from shop.extensions import db

TRANSLATED_LANGUAGES = tuple(code for code in CONTENT_LANGUAGES if code != "vi")
PRODUCT_TEXTS = ("name", "description", "unit")  # a product's translated fields
PRODUCER_TEXTS = ("story",)
_LANGUAGE_CHECK = f"language IN {TRANSLATED_LANGUAGES}"


def translated_fields(fields):
    """Return the attribute names of `fields` in every translated language ("name_en", "name_zh"…)."""
    return tuple(f"{field}_{language}" for language in TRANSLATED_LANGUAGES for field in fields)


class TranslatedText:
    """An object's text in one language (`name_zh`), kept in its translation row ("" when there is none)."""

    def __set_name__(self, owner, name):
        self.field, self.language = name.rsplit("_", 1)

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        row = obj.translations.get(self.language)
        return (getattr(row, self.field) or "") if row is not None else ""

    def __set__(self, obj, value):
        row = obj.translations.get(self.language)
        if row is None:
            if not value:
                return  # an empty text needs no row
            row = obj.translations[self.language] = obj.translation_class(language=self.language)
        setattr(row, self.field, value or "")


def translations_of(model_name):
    """The relationship from an object to its translation rows, a dict keyed by language."""
    return db.relationship(model_name, collection_class=attribute_keyed_dict("language"),
                           cascade="all, delete-orphan", lazy="selectin", backref="owner")


class ProductTranslation(db.Model):
    """A product's name, description and unit in one language."""

    __tablename__ = "product_translation"
    __table_args__ = (CheckConstraint(_LANGUAGE_CHECK, name="language"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    unit: Mapped[str] = mapped_column(String(60), nullable=False, default="")


class ProducerTranslation(db.Model):
    """A producer's story in one language."""

    __tablename__ = "producer_translation"
    __table_args__ = (CheckConstraint(_LANGUAGE_CHECK, name="language"),)

    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    story: Mapped[str] = mapped_column(Text, nullable=False, default="")


class CategoryTranslation(db.Model):
    """A product group's name in one language."""

    __tablename__ = "category_translation"
    __table_args__ = (CheckConstraint(_LANGUAGE_CHECK, name="language"),)

    category_id: Mapped[int] = mapped_column(ForeignKey("category.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, default="")


class AreaTranslation(db.Model):
    """An area's name in one language."""

    __tablename__ = "area_translation"
    __table_args__ = (CheckConstraint(_LANGUAGE_CHECK, name="language"),)

    area_id: Mapped[int] = mapped_column(ForeignKey("area.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, default="")
