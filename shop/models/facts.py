"""A product's facts: what a traveller asks before buying (ingredients, weights, shelf life, storage, luggage)."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, backref, mapped_column

from shop.extensions import db
from shop.models.base import utcnow
from shop.models.product_kinds import AirTravel, Allergen, NetUnit, SendingAbroad, Storage

# Bounds of the whole numbers (also the portal form's and the bounded-numbers test's).
MAX_NET_QUANTITY = 100_000  # 100 kg or 100 litres
MAX_SHIPPING_WEIGHT = 50_000  # grams: 50 kg, a courier's parcel limit
MAX_SHELF_LIFE_DAYS = 3_650  # ten years (a rice liquor); pearls and crafts have none
MAX_INGREDIENTS = 1_000


def _one_of(column, enum):
    return CheckConstraint(f"{column} IS NULL OR {column} IN {enum.values()}", name=column)


def _between(column, high):
    return CheckConstraint(f"{column} IS NULL OR ({column} >= 1 AND {column} <= {high})", name=f"{column}_range")


class ProductFacts(db.Model):
    """The stated facts of one product; an empty value (NULL, "") is a fact the producer has not stated.

    `allergens` holds Allergen values separated by spaces ("fish molluscs"; "none": none of them).
    """

    __tablename__ = "product_facts"
    __table_args__ = (
        _one_of("net_unit", NetUnit), _one_of("storage", Storage), _one_of("air_travel", AirTravel),
        _one_of("sending_abroad", SendingAbroad),
        _between("net_quantity", MAX_NET_QUANTITY), _between("shipping_weight_g", MAX_SHIPPING_WEIGHT),
        _between("shelf_life_days", MAX_SHELF_LIFE_DAYS),
        CheckConstraint("(net_quantity IS NULL) = (net_unit IS NULL)", name="net_quantity_unit"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    ingredients_vi: Mapped[str] = mapped_column(String(MAX_INGREDIENTS), nullable=False, default="")
    ingredients_en: Mapped[str] = mapped_column(String(MAX_INGREDIENTS), nullable=False, default="")
    net_quantity: Mapped[int | None]
    net_unit: Mapped[str | None] = mapped_column(String(4))
    shipping_weight_g: Mapped[int | None]
    shelf_life_days: Mapped[int | None]
    storage: Mapped[str | None] = mapped_column(String(16))
    allergens: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    air_travel: Mapped[str | None] = mapped_column(String(16))
    sending_abroad: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)

    product = db.relationship(
        "Product", backref=backref("facts", uselist=False, cascade="all, delete-orphan", passive_deletes=True))

    @property
    def allergen_list(self):
        """The stated allergens as Allergen members, in the enum's order ([] when not stated)."""
        stated = set((self.allergens or "").split())
        return [member for member in Allergen if member.value in stated]

    @property
    def storage_kind(self):
        return Storage(self.storage) if self.storage else None

    @property
    def air_travel_kind(self):
        return AirTravel(self.air_travel) if self.air_travel else None

    @property
    def sending_abroad_kind(self):
        return SendingAbroad(self.sending_abroad) if self.sending_abroad else None

    @property
    def net_unit_kind(self):
        return NetUnit(self.net_unit) if self.net_unit else None

    @property
    def is_empty(self):
        """Whether nothing at all is stated."""
        return not any((self.ingredients_vi, self.ingredients_en, self.net_quantity, self.shipping_weight_g,
                        self.shelf_life_days, self.storage, self.allergens, self.air_travel, self.sending_abroad))

    def __repr__(self):
        return f"<ProductFacts {self.product_id}>"
