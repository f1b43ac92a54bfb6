"""Users of the shop: customers, producers and administrators."""
import hashlib
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from shop.extensions import db
from shop.models.base import TimestampMixin
from shop.models.statuses import Role, member_of


class User(UserMixin, TimestampMixin, db.Model):
    """A person with an account; the e-mail is stored lower-cased and unique."""

    __tablename__ = "user"
    __table_args__ = (CheckConstraint(f"role IN {Role.values()}", name="role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, nullable=False)
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    role: Mapped[str] = mapped_column(String(16), nullable=False, default=Role.CUSTOMER.value)
    locale: Mapped[str] = mapped_column(String(5), nullable=False, default="vi")
    active: Mapped[bool] = mapped_column(nullable=False, default=True)
    # Raised to end every session and remember-me cookie of the user at once (sign-out, suspension).
    session_version: Mapped[int] = mapped_column(nullable=False, default=0, server_default="0")

    producer = db.relationship("Producer", back_populates="owner", uselist=False)

    @validates("email")
    def _lower_email(self, _key, value):
        return value.strip().lower()

    @property
    def is_active(self):
        """Deactivated users cannot log in."""
        return self.active

    role_kind = member_of(Role, "role")

    @property
    def is_admin(self):
        return self.role == Role.ADMIN

    @property
    def is_producer(self):
        return self.role == Role.PRODUCER

    @property
    def password_stamp(self):
        """A short fingerprint of the password hash: it changes with the password and reveals nothing of it.

        Signed sessions, remember-me cookies and reset links carry it, so that changing the
        password ends them all.
        """
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def get_id(self):
        """The identity Flask-Login keeps in the session and the remember-me cookie: id, password stamp and
        session version (a sign-out or a new password makes every earlier cookie name a stale one)."""
        return f"{self.id}:{self.password_stamp}:{self.session_version}"

    def __repr__(self):
        return f"<User {self.email} {self.role}>"


class SignInLock(db.Model):
    """Failed sign-ins of one e-mail address (an account or not: the same either way) and its lock.

    Keyed by a keyed digest of the address, so an address without an account is counted and locked
    exactly like one with an account and the table keeps no address in the clear.
    """

    __tablename__ = "sign_in_lock"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_digest: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    failures: Mapped[int] = mapped_column(nullable=False, default=0)
    first_failure_at: Mapped[datetime] = mapped_column(DateTime, nullable=False)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
