"""Accounts: registration, authentication and password hashing."""
import hmac

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from shop.errors import InvalidInput
from shop.extensions import db
from shop.models import User
from shop.models.statuses import Role
from shop.services.transaction import commits

MIN_PASSWORD_LENGTH = 10
RESET_TOKEN_MAX_AGE = 3600  # seconds a password-reset link stays valid
# Verified against when the e-mail is unknown, so that a wrong e-mail costs as long as a wrong
# password: one per hashing method, made with the method the shop hashes passwords with.
_dummy_hashes = {}


def hash_password(password):
    """Return a salted hash of `password` (scrypt unless the configuration says otherwise)."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _dummy_hash():
    method = current_app.config["PASSWORD_HASH_METHOD"]
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash("not-a-real-password", method=method)
    return _dummy_hashes[method]


def user_for_session(identity):
    """Return the user a session or remember-me cookie names ("id:stamp:version"), or None.

    A session made before the password changed names an old stamp, one made before a sign-out or a
    suspension an old session version: neither is valid any more, in any browser.
    """
    user_id, stamp, version = (str(identity or "").split(":") + ["", ""])[:3]
    if not (user_id.isdigit() and version.isdigit()) or len(user_id) > 10:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not hmac.compare_digest(user.get_id(), f"{user_id}:{stamp}:{version}"):
        return None
    return user


def end_sessions(user):
    """End every session and remember-me cookie of `user`, in every browser. Does not commit."""
    user.session_version = User.session_version + 1
    db.session.flush()
    db.session.refresh(user, ["session_version"])


@commits
def sign_out_everywhere(user):
    """Sign `user` out of every browser (their sign-out does this). Commits."""
    end_sessions(user)


def find_user(email):
    """Return the user with this e-mail (case-insensitive), or None."""
    return db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))


def create_user(email, password, name, role=Role.CUSTOMER, locale="vi", password_hash=None):
    """Add a user to the session; refuse a taken e-mail or a short password.

    `password_hash` instead of `password`: an account confirmed by e-mail, whose password was hashed
    (and its length checked) when it was chosen. Does not commit: the caller's transaction carries it.
    """
    if role not in tuple(Role):
        raise InvalidInput(_("Unknown role."))
    if password_hash is None and len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    if find_user(email):
        raise InvalidInput(_("An account with this e-mail already exists."))
    user = User(email=email.strip().lower(), password_hash=password_hash or hash_password(password),
                name=name.strip(), role=role, locale=locale)
    db.session.add(user)
    return user


@commits
def register_customer(email, password, name, locale="vi"):
    """Create a customer account. Commits."""
    user = create_user(email, password, name, Role.CUSTOMER, locale)
    return user


def authenticate(email, password):
    """Return the active user with these credentials, or None (same cost either way)."""
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(), password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.active:
        return None
    return user


@commits
def set_locale(user, locale):
    """Remember a signed-in user's language. Commits."""
    user.locale = locale


def _reset_serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def make_reset_token(user):
    """Return a signed, expiring token for resetting `user`'s password.

    The token carries the password's stamp, so it stops working once used; the token is only
    signed, not encrypted, so the stamp (unlike a piece of the hash itself) gives nothing away.
    """
    return _reset_serializer().dumps({"id": user.id, "h": user.password_stamp})


def user_for_reset_token(token, max_age=RESET_TOKEN_MAX_AGE):
    """Return the user a valid reset token was made for, or None (bad, expired or used)."""
    try:
        data = _reset_serializer().loads(token, max_age=max_age)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("id")) if isinstance(data, dict) else None
    if user is None or not user.active or user.password_stamp != data.get("h"):
        return None
    return user


def request_password_reset(email, send):
    """Call `send(user, token)` when `email` belongs to an active user; say nothing either way."""
    user = find_user(email)
    if user is not None and user.active:
        send(user, make_reset_token(user))


@commits
def reset_password(user, password):
    """Set a new password (same length rule as registration), ending every session. Commits."""
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(n)d characters.", n=MIN_PASSWORD_LENGTH))
    user.password_hash = hash_password(password)
    end_sessions(user)
    from shop.services.accounts.lockout import lift_lock  # lockout builds on this module

    lift_lock(user.email)  # the owner proved they read the address's mail
