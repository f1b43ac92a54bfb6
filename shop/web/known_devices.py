"""Browsers an account has signed in with: a signed cookie naming the accounts, read at sign-in.

While an e-mail address is locked after failed sign-ins (shop.services.accounts.lockout), the
right password still signs its owner in from a browser named here, so an attacker who locks the
address does not lock its owner out. The cookie names account ids only, signed and HttpOnly.
"""
from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "known_device"
MAX_ACCOUNTS = 5  # a family's shared tablet, not a list of every account ever used on it


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _max_age():
    return current_app.config["KNOWN_DEVICE_DAYS"] * 24 * 3600


def known_user_ids():
    """Return the ids of the accounts this browser has signed in with (an empty set for a forged cookie)."""
    try:
        ids = _serializer().loads(request.cookies.get(COOKIE, ""), max_age=_max_age())
    except BadSignature:
        return frozenset()
    return frozenset(i for i in ids if isinstance(i, int)) if isinstance(ids, list) else frozenset()


def remember_device(response, user):
    """Add `user` to this browser's known-device cookie on `response`; return the response."""
    ids = [user.id, *sorted(known_user_ids() - {user.id})][:MAX_ACCOUNTS]
    response.set_cookie(COOKIE, _serializer().dumps(ids), max_age=_max_age(), httponly=True, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False), path="/")
    return response
