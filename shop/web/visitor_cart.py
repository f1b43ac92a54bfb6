"""Which cart the current visitor has: the session's for a guest, the stored one once signed in."""
from flask import flash, session
from flask_babel import gettext as _
from flask_login import current_user, user_logged_in, user_logged_out
from markupsafe import Markup
from sqlalchemy.exc import SQLAlchemyError

from shop.services.orders.cart import SessionCart, UserCart, merge_into_cart
from shop.services.transaction import rolled_back_on_error
from shop.web.visitor import forget_visitor_snapshot, visitor_snapshot

SESSION_KEY = "cart"


def current_cart():
    """Return the visitor's cart (a signed-in visitor's header snapshot is dropped: it may change)."""
    if current_user.is_authenticated:
        forget_visitor_snapshot()
        return UserCart(current_user.id)
    return SessionCart(dict(session.get(SESSION_KEY) or {}), on_save=_store_guest_cart)


def cart_count():
    """Return the number of units in the visitor's cart: no query for a guest, nor for a customer whose
    session holds a fresh snapshot (shop.web.visitor), one sum otherwise."""
    snapshot = signed_in_snapshot()
    if snapshot is not None:
        return snapshot["cart"]
    return SessionCart(session.get(SESSION_KEY) or {}).count()


def signed_in_snapshot():
    """Return the signed-in visitor's header snapshot (role, language, cart units), or None for a guest."""
    return visitor_snapshot(_stored_count)


def _stored_count(user):
    try:
        with rolled_back_on_error():
            return UserCart(user.id).count()
    except SQLAlchemyError:  # a page rendered after a database error still renders
        return 0


def cart_badge():
    """Return the header's count of units in the visitor's cart (markup), or nothing for an empty cart."""
    count = cart_count()
    return Markup(' <span class="badge-count">{}</span>').format(count) if count else Markup("")


def merge_cart_on_login(_app, user, **_extra):
    """Move a guest's cart into the customer's stored cart when they sign in (a `user_logged_in` receiver)."""
    guest = SessionCart(session.pop(SESSION_KEY, None) or {})
    if guest.items() and merge_into_cart(UserCart(user.id), guest.items()):
        flash(_("Some quantities in your cart were lowered to what is in stock."), "info")


def _store_guest_cart(data):
    if data:
        session[SESSION_KEY] = data
    else:
        session.pop(SESSION_KEY, None)


def register_cart_merge(app):
    """Merge the guest cart at every sign-in to `app` (Flask-Login's `user_logged_in`); drop the header snapshot."""
    user_logged_in.connect(merge_cart_on_login, app)
    user_logged_in.connect(forget_visitor_snapshot, app)
    user_logged_out.connect(forget_visitor_snapshot, app)
