"""Producers (chủ thể OCOP) and the areas of the province."""
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import TimestampMixin
from shop.models.statuses import LegalType, ProducerStatus, is_status, member_of
from shop.models.translations import AreaTranslation, ProducerTranslation, TranslatedText, translations_of


class Area(db.Model):
    """One of the province's district-level areas that tourists know (Hạ Long, Cô Tô…)."""

    __tablename__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(80), nullable=False)  # in Vietnamese; the others in area_translation
    position: Mapped[int] = mapped_column(nullable=False, default=0)

    translations = translations_of("AreaTranslation")
    translation_class = AreaTranslation
    name_en, name_zh, name_ko = TranslatedText(), TranslatedText(), TranslatedText()

    def __repr__(self):
        return f"<Area {self.slug}>"


class Producer(TimestampMixin, db.Model):
    """A cooperative, company or household that sells OCOP products."""

    __tablename__ = "producer"
    __table_args__ = (
        CheckConstraint(f"legal_type IN {LegalType.values()}", name="legal_type"),
        CheckConstraint(f"status IN {ProducerStatus.values()}", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"), unique=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    slug: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)
    legal_type: Mapped[str] = mapped_column(String(16), nullable=False)
    area_id: Mapped[int] = mapped_column(ForeignKey("area.id"), nullable=False, index=True)
    address: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    phone: Mapped[str] = mapped_column(String(30), nullable=False, default="")
    email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    story_vi: Mapped[str] = mapped_column(Text, nullable=False, default="")  # the others in producer_translation
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=ProducerStatus.PENDING.value, index=True)
    status_reason: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    approved_at: Mapped[datetime | None]

    owner = db.relationship("User", back_populates="producer")
    area = db.relationship("Area", lazy="joined")
    products = db.relationship("Product", back_populates="producer", lazy="dynamic")

    translations = translations_of("ProducerTranslation")
    translation_class = ProducerTranslation
    story_en, story_zh, story_ko = TranslatedText(), TranslatedText(), TranslatedText()

    state = member_of(ProducerStatus)
    legal_form = member_of(LegalType, "legal_type")
    is_pending = is_status(ProducerStatus.PENDING)
    is_approved = is_status(ProducerStatus.APPROVED)
    is_suspended = is_status(ProducerStatus.SUSPENDED)

    @property
    def notice_address(self):
        """Where the shop's notices to this producer go: its own e-mail, else its owner's ("" when neither)."""
        if self.email:
            return self.email
        return self.owner.email if self.owner is not None else ""

    def __repr__(self):
        return f"<Producer {self.slug} {self.status}>"
