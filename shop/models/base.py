"""Shared column helpers: every timestamp is naive UTC, produced by a callable."""
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.orm import Mapped, mapped_column


def utcnow():
    """Return the current time in UTC, without tzinfo (how the database stores it)."""
    return datetime.now(UTC).replace(tzinfo=None)


class TimestampMixin:
    """Created/updated timestamps."""

    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow, nullable=False)
