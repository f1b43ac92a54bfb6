"""The e-mail outbox: every mail the shop sends is first a row here, written in the change that caused it."""
from datetime import datetime

from sqlalchemy import CheckConstraint, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from shop.extensions import db
from shop.models.base import utcnow
from shop.models.statuses import MailStatus, is_status, member_of


class OutboxMail(db.Model):
    """One rendered e-mail (its MIME bytes) and where its delivery stands.

    Committed with the order, approval or reminder it tells of, so a rollback takes it back and a
    commit keeps it whatever the mail server does; delivered by shop.services.outbox.
    """

    __tablename__ = "outbox_mail"
    __table_args__ = (
        CheckConstraint(f"status IN {MailStatus.values()}", name="status"),
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        Index("ix_outbox_mail_status_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320), nullable=False)
    subject: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    message_id: Mapped[str] = mapped_column(String(255), unique=True, nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=MailStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow)
    last_error: Mapped[str] = mapped_column(String(500), nullable=False, default="")
    request_id: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    created_at: Mapped[datetime] = mapped_column(nullable=False, default=utcnow, index=True)
    sent_at: Mapped[datetime | None]

    state = member_of(MailStatus)
    is_sent = is_status(MailStatus.SENT)
    is_failed = is_status(MailStatus.FAILED)
