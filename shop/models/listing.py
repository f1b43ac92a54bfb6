"""The storefront's read model: one narrow row per listed product (kept by shop.services.catalog.read_model)."""
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db

# The default order (featured, stars, newest, id — all descending): PostgreSQL reads these indexes
# backwards for it, after an equality on a group or an area, or after a price.
_FEATURED = ("featured", "stars", "newest", "product_id")


class ProductListing(db.Model):
    """A published product of an approved producer, as listings filter, sort and count it.

    `stars` is the most stars of a verified rating of 3★ or more in force today (0: none);
    `stars_expire_on` the first expiry among the ratings in force and `next_rating_on` the
    decision date of a rating still to come: on those days the row is worked out again.
    `search_text` is the folded text a search matches (names in every language, producer, area).
    """

    __tablename__ = "product_listing"
    __table_args__ = (
        Index("ix_listing_featured", *_FEATURED),
        Index("ix_listing_category_featured", "category_id", *_FEATURED),
        Index("ix_listing_area_featured", "area_id", *_FEATURED),
        Index("ix_listing_stars", "stars", "featured", "newest", "product_id"),
        Index("ix_listing_newest", "newest", "product_id"),
        Index("ix_listing_price", "price", *_FEATURED),
        Index("ix_listing_producer", "producer_id"),
        Index("ix_listing_stars_expire_on", "stars_expire_on"),
        Index("ix_listing_next_rating_on", "next_rating_on"),
        Index("ix_listing_search_text_trgm", "search_text",
              postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"}),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    producer_id: Mapped[int] = mapped_column(nullable=False)
    category_id: Mapped[int] = mapped_column(nullable=False)
    area_id: Mapped[int] = mapped_column(nullable=False)
    price: Mapped[int] = mapped_column(nullable=False)
    featured: Mapped[bool] = mapped_column(nullable=False, default=False)
    stars: Mapped[int] = mapped_column(nullable=False, default=0)
    stars_expire_on: Mapped[date | None]
    next_rating_on: Mapped[date | None]
    in_stock: Mapped[bool] = mapped_column(nullable=False, default=True)
    newest: Mapped[datetime] = mapped_column(nullable=False)
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    name_vi: Mapped[str] = mapped_column(Text, nullable=False, default="")  # lower-cased, for ranking a search
    names: Mapped[str] = mapped_column(Text, nullable=False, default="")  # every translated name, lower-cased
