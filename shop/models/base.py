"""Shared column helpers: every timestamp is naive UTC, produced by a callable."""
from datetime import datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column

from shop.services.localtime import utc_now


def utcnow():
    """Return the current time in UTC, without tzinfo (how the database stores it): the shop's one clock."""
    return utc_now()


class TimestampMixin:
    """Created/updated timestamps."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)
