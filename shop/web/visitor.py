"""What the header shows of a signed-in visitor, kept in their session so a cached page costs no query.

A page served from the page cache fills in the visitor parts (account links, cart count). For a
signed-in visitor they would load the user and count the stored cart on every hit; instead the
session keeps a small snapshot (whose session it is, role, language, cart units), taken once and
trusted for VISITOR_SNAPSHOT_SECONDS. It is dropped whenever this visitor's cart is touched and at
every sign-in and sign-out, so their own changes show at once; a change made elsewhere (another
browser, the office changing a role) shows within that time. Pages that act on the account never
read it: they load the user as before.
"""
import time

from flask import current_app, session
from flask_login import current_user

SNAPSHOT_KEY = "visitor"
USER_KEY = "_user_id"  # Flask-Login's session entry: "id:stamp"


def visitor_snapshot(count_cart):
    """Return this signed-in visitor's snapshot (a dict), or None for a guest; `count_cart(user)` when retaken."""
    identity = session.get(USER_KEY)
    if not identity:
        return None
    snapshot = session.get(SNAPSHOT_KEY)
    lifetime = current_app.config.get("VISITOR_SNAPSHOT_SECONDS", 60)
    if snapshot and snapshot.get("id") == identity and 0 <= time.time() - snapshot.get("at", 0) < lifetime:
        return snapshot
    if not current_user.is_authenticated:  # loads the user: a stale or forged session
        session.pop(SNAPSHOT_KEY, None)
        return None
    snapshot = {"id": identity, "at": int(time.time()), "admin": current_user.is_admin,
                "producer": current_user.is_producer, "locale": current_user.locale,
                "cart": count_cart(current_user)}
    session[SNAPSHOT_KEY] = snapshot
    return snapshot


def forget_visitor_snapshot(*_args, **_extra):
    """Drop the snapshot (the cart changed, or the visitor signed in or out); usable as a signal receiver."""
    session.pop(SNAPSHOT_KEY, None)


def snapshot_locale():
    """The signed-in visitor's language from their snapshot, or None."""
    snapshot = session.get(SNAPSHOT_KEY)
    if snapshot and snapshot.get("id") == session.get(USER_KEY):
        return snapshot.get("locale")
    return None
