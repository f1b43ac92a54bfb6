"""A lock on an e-mail address after repeated failed sign-ins, beside the per-address (IP) limit.

SIGN_IN_LOCK_FAILURES failures within SIGN_IN_LOCK_WINDOW_MINUTES lock the address for
SIGN_IN_LOCK_MINUTES. The rules are the same for an address with an account and one without
(the lock is keyed by a digest of the address, never by an account), so neither the answer nor
the lock tells which addresses have accounts. An attacker cannot keep the owner out:
- the lock runs out by itself and attempts during it neither count nor lengthen it;
- a browser the owner has signed in with before (it carries a signed "known device" cookie for
  the account) still signs in with the right password while the address is locked;
- a new password (from the reset link the owner is mailed when the lock starts) lifts the lock.
"""
import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from shop.extensions import db
from shop.models import SignInLock
from shop.services.accounts.users import authenticate, find_user, make_reset_token
from shop.services.localtime import utc_now
from shop.services.mail import render_message
from shop.services.transaction import transaction


@dataclass(frozen=True)
class SignInAttempt:
    """What a sign-in came to: the user (None when refused), whether the address is locked, and whether
    this attempt started the lock (then the owner, if there is one, is told)."""

    user: object = None
    locked: bool = False
    lock_started: bool = False


def email_digest(email):
    """Return the keyed digest of an address that its lock is stored under."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"sign-in-lock:" + (email or "").strip().lower().encode(), hashlib.sha256).hexdigest()


def lock_minutes():
    """Return how long a lock lasts, in minutes."""
    return current_app.config["SIGN_IN_LOCK_MINUTES"]


def _lock_of(email):
    return db.session.scalar(select(SignInLock).where(SignInLock.email_digest == email_digest(email)))


def is_locked(email):
    """Whether sign-ins to `email` are locked now. Reads only."""
    lock = _lock_of(email)
    return lock is not None and lock.locked_until is not None and lock.locked_until > utc_now()


def sign_in(email, password, known_user_ids=()):
    """Check the credentials and the address's lock; count a failure. Commits (the lock's counter).

    The password is verified in every case (the same cost either way). A locked address signs in
    only from a browser known to the account (`known_user_ids`, from its known-device cookie).
    """
    user = authenticate(email, password)
    if is_locked(email):
        if user is not None and user.id in known_user_ids:
            return SignInAttempt(user=user)
        return SignInAttempt(locked=True)
    if user is not None:
        lift_lock(email)
        return SignInAttempt(user=user)
    started = _count_failure(email)
    return SignInAttempt(locked=started, lock_started=started)


def _count_failure(email):
    """Count one failure of `email`; return True when it starts a lock. Commits."""
    now, config = utc_now(), current_app.config
    window = timedelta(minutes=config["SIGN_IN_LOCK_WINDOW_MINUTES"])
    for _attempt in range(2):  # a second try when another request created the row at the same moment
        try:
            with transaction():
                lock = _lock_of(email)
                if lock is None:
                    lock = SignInLock(email_digest=email_digest(email), failures=0, first_failure_at=now)
                    db.session.add(lock)
                if lock.first_failure_at <= now - window or lock.locked_until is not None:
                    lock.failures, lock.first_failure_at, lock.locked_until = 0, now, None
                lock.failures += 1
                started = lock.failures >= config["SIGN_IN_LOCK_FAILURES"]
                if started:
                    lock.locked_until = now + timedelta(minutes=lock_minutes())
            return started
        except IntegrityError:
            continue
    return False


def lift_lock(email):
    """Forget the failures and the lock of `email` (a right password, a new password). Commits."""
    with transaction():
        lock = _lock_of(email)
        if lock is not None:
            db.session.delete(lock)


def lock_notices(email):
    """Return the mail telling the owner of `email` (if it has an active account) that it is locked.

    Run after the answer has gone out (shop.services.mail.work_after_response), so that the answer
    does not tell by its time whether the address has an account. Reads only.
    """
    user = find_user(email)
    if user is None or not user.active:
        return []
    return [render_message(user.email, _l("Sign-ins to your account are paused"), "sign_in_locked", user.locale,
                           user=user, failures=current_app.config["SIGN_IN_LOCK_FAILURES"], minutes=lock_minutes(),
                           reset=url_for("auth.reset_password", token=make_reset_token(user), _external=True))]
