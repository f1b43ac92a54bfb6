"""The office's information pages (contact, shipping, returns, privacy, terms): one row per page and language."""
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow
from shop.models.statuses import InfoPageKind

TITLE_MAX = 120
BODY_MAX = 20_000


class InfoPage(db.Model):
    """The office's own text of one information page in one language (a page without one shows the shop's)."""

    __tablename__ = "info_page"
    __table_args__ = (
        UniqueConstraint("kind", "locale", name="uq_info_page_kind_locale"),
        CheckConstraint(f"kind IN {InfoPageKind.values()}", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    locale: Mapped[str] = mapped_column(String(5), nullable=False)
    title: Mapped[str] = mapped_column(String(TITLE_MAX), nullable=False)
    body: Mapped[str] = mapped_column(Text, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    def __repr__(self):
        return f"<InfoPage {self.kind} {self.locale}>"
