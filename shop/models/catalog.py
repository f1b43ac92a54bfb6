"""The catalogue: OCOP product groups, products, their pictures and certifications."""
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import TimestampMixin, utcnow
from shop.models.product_sets import BY_CODE, TOURISM_GROUP, set_codes
from shop.models.statuses import CertificationStatus, IssuingLevel, ProductStatus, RatingKind, is_status, member_of
from shop.models.translations import CategoryTranslation, ProductTranslation, TranslatedText, translations_of


class Category(db.Model):
    """An OCOP product group (Thực phẩm, Đồ uống, Dược liệu…)."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name_vi: Mapped[str] = mapped_column(String(80), nullable=False)
    position: Mapped[int] = mapped_column(nullable=False, default=0)

    translations = translations_of("CategoryTranslation")
    translation_class = CategoryTranslation
    name_en, name_zh, name_ko = TranslatedText(), TranslatedText(), TranslatedText()

    def __repr__(self):
        return f"<Category {self.slug}>"


class Product(TimestampMixin, db.Model):
    """A product a producer sells; price is integer VND, stock never below zero."""

    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint("low_stock_threshold >= 0", name="low_stock_threshold"),
        CheckConstraint(f"status IN {ProductStatus.values()}", name="status"),
        CheckConstraint(f"product_set IS NULL OR product_set IN {set_codes()}", name="product_set"),
        Index("ix_product_status_category", "status", "category_id"),
        Index("ix_product_status_price", "status", "price"),
        Index("ix_product_status_created", "status", "created_at"),
        # The catalogue counts and sorts listed products from this index alone on PostgreSQL
        # (an index-only scan of narrow rows instead of reading every wide product row).
        Index("ix_product_listing", "status",
              postgresql_include=["id", "producer_id", "category_id", "featured", "published_at", "created_at",
                                  "price"]),
        # Accent-folded search (`search_text LIKE '%cha muc%'`) through trigrams on PostgreSQL (GIN);
        # elsewhere a plain index the planner may ignore.
        Index(
            "ix_product_search_text_trgm", "search_text",
            postgresql_using="gin", postgresql_ops={"search_text": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    producer_id: Mapped[int] = mapped_column(ForeignKey("producer.id"), nullable=False, index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"), nullable=False, index=True)
    # The product set (sub-group) of Decision 148's Appendix I inside the category (shop.models.product_sets).
    product_set: Mapped[str | None] = mapped_column(String(40), index=True)
    slug: Mapped[str] = mapped_column(String(140), unique=True, nullable=False)
    # The Vietnamese texts (the source); the other languages are product_translation rows.
    name_vi: Mapped[str] = mapped_column(String(200), nullable=False)
    description_vi: Mapped[str] = mapped_column(Text, nullable=False, default="")
    unit_vi: Mapped[str] = mapped_column(String(60), nullable=False, default="")
    price: Mapped[int] = mapped_column(nullable=False)
    stock: Mapped[int] = mapped_column(nullable=False, default=0)
    low_stock_threshold: Mapped[int] = mapped_column(nullable=False, default=5)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=ProductStatus.DRAFT.value)
    featured: Mapped[bool] = mapped_column(nullable=False, default=False)
    review_note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    # Folded (lower-case, no diacritics, đ→d) name/producer/area text, kept by the catalogue service.
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    published_at: Mapped[datetime | None]

    producer = db.relationship("Producer", back_populates="products", lazy="joined")
    category = db.relationship("Category", lazy="joined")
    images = db.relationship(
        "ProductImage", back_populates="product", order_by="ProductImage.position",
        cascade="all, delete-orphan",
    )
    certifications = db.relationship(
        "Certification", back_populates="product", order_by="Certification.decision_date.desc()",
        cascade="all, delete-orphan",
    )

    translations = translations_of("ProductTranslation")
    translation_class = ProductTranslation
    name_en, name_zh, name_ko = TranslatedText(), TranslatedText(), TranslatedText()
    description_en, description_zh, description_ko = TranslatedText(), TranslatedText(), TranslatedText()
    unit_en, unit_zh, unit_ko = TranslatedText(), TranslatedText(), TranslatedText()

    state = member_of(ProductStatus)
    is_draft = is_status(ProductStatus.DRAFT)
    is_pending_review = is_status(ProductStatus.PENDING_REVIEW)
    is_published = is_status(ProductStatus.PUBLISHED)
    is_hidden = is_status(ProductStatus.HIDDEN)

    @property
    def sub_group(self):
        """The product's ProductSet, or None when none is chosen."""
        return BY_CODE.get(self.product_set or "")

    @property
    def is_bookable(self):
        """Whether this is a visit (tourism, group 6): booked for a slot and sold as an e-voucher, never shipped."""
        return self.category is not None and self.category.slug == TOURISM_GROUP

    def __repr__(self):
        return f"<Product {self.slug}>"


class ProductImage(db.Model):
    """A product photo, re-encoded on upload, with a display size and a thumbnail."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False, index=True)
    filename: Mapped[str] = mapped_column(String(200), nullable=False)
    thumb_filename: Mapped[str] = mapped_column(String(200), nullable=False)
    alt_vi: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    alt_en: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    width: Mapped[int] = mapped_column(nullable=False, default=0)
    height: Mapped[int] = mapped_column(nullable=False, default=0)
    position: Mapped[int] = mapped_column(nullable=False, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, nullable=False)

    product = db.relationship("Product", back_populates="images")


class Certification(TimestampMixin, db.Model):
    """An OCOP rating of a product: stars, decision, issuing body, validity dates."""

    __tablename__ = "certification"
    __table_args__ = (
        CheckConstraint("stars IS NULL OR (stars >= 1 AND stars <= 5)", name="stars_range"),
        CheckConstraint(f"status IN {CertificationStatus.values()}", name="status"),
        CheckConstraint("expires_on > decision_date", name="expiry_after_decision"),
        CheckConstraint(f"issuing_level IS NULL OR issuing_level IN {IssuingLevel.values()}", name="issuing_level"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
        CheckConstraint(f"kind IN {RatingKind.values()}", name="kind"),
        Index("ix_certification_product_status", "product_id", "status", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), nullable=False)
    stars: Mapped[int | None]
    decision_number: Mapped[str] = mapped_column(String(80), nullable=False)
    issuing_body: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    # The level the rules name for the stars and decision date (None: submitted, not yet checked).
    issuing_level: Mapped[str | None] = mapped_column(String(16))
    # Why the office recorded another issuing body than the rule's ("" when it follows the rule).
    issuer_reason: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    # The council's score out of 100 (None when the decision or the source does not give it).
    score: Mapped[int | None]
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default=RatingKind.NEW.value)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("certification.id", ondelete="SET NULL"))
    # A 4★ rating the province proposes for the national 5★ assessment (sản phẩm tiềm năng 5 sao).
    potential_five_star: Mapped[bool] = mapped_column(nullable=False, default=False)
    # Whether a source states this rating; False for the ratings the demo data assumes.
    stars_verified: Mapped[bool] = mapped_column(nullable=False, default=True)
    decision_date: Mapped[date] = mapped_column(Date, nullable=False)
    expires_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    traceability_url: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    scan_filename: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=CertificationStatus.SUBMITTED.value)
    is_demo: Mapped[bool] = mapped_column(nullable=False, default=False)
    note: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    product = db.relationship("Product", back_populates="certifications")
    replaces = db.relationship("Certification", remote_side="Certification.id")

    state = member_of(CertificationStatus)
    rating_kind = member_of(RatingKind, "kind")
    is_submitted = is_status(CertificationStatus.SUBMITTED)
    is_verified = is_status(CertificationStatus.VERIFIED)
    is_rejected = is_status(CertificationStatus.REJECTED)

    @property
    def level(self):
        """The issuing level as an IssuingLevel, or None before the office checked the rating."""
        return IssuingLevel(self.issuing_level) if self.issuing_level else None

    @property
    def is_certification(self):
        """Whether this is a certification (3★ or more); a 1–2★ result is an unsuccessful assessment."""
        return self.stars is not None and self.stars >= 3

    def has_expired_on(self, day):
        """Whether this verified rating ran out before `day`."""
        return self.is_verified and self.expires_on < day

    def is_valid_on(self, day):
        """Whether this rating is verified and in force on `day`."""
        return (self.is_verified and self.stars is not None
                and self.decision_date <= day <= self.expires_on)

    def shows_badge_on(self, day):
        """Whether this rating earns the OCOP star badge on `day` (valid and 3★ or more)."""
        return self.is_valid_on(day) and self.stars >= 3

    def __repr__(self):
        return f"<Certification {self.decision_number} {self.stars}★>"


class CertificationReminder(db.Model):
    """A reminder e-mailed to a producer that one of their ratings expires soon (once per threshold)."""

    __tablename__ = "certification_reminder"
    __table_args__ = (UniqueConstraint("certification_id", "days_before", name="uq_certification_reminder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    certification_id: Mapped[int] = mapped_column(ForeignKey("certification.id", ondelete="CASCADE"), nullable=False)
    # The threshold this reminder answers (60, 30 or 7 days before the expiry).
    days_before: Mapped[int] = mapped_column(nullable=False)
    # Where it went ("" when the producer has no address: the office still sees it in the calendar).
    sent_to: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)

    certification = db.relationship("Certification")
