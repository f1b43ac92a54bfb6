"""Signing a visitor in on a fresh session (shared by the sign-in, registration and producer application)."""
from flask import request, session
from flask_login import login_user

from shop.i18n import PORTAL_LANGUAGES, URL_LANGUAGE_KEY

# What a visitor keeps across signing in: their language and their guest cart (merged by a
# receiver of Flask-Login's `user_logged_in` signal, see shop.web.visitor_cart).
KEPT_SESSION_KEYS = ("locale", "cart")


def renew_remember_cookie(_app, user=None):
    """A remember-me cookie that signed a visitor in is issued again for REMEMBER_COOKIE_DURATION.

    Connected to Flask-Login's `user_loaded_from_cookie`: "set" asks it to write the cookie on this response.
    """
    session["_remember"] = "set"


def start_session(user, remember=False):
    """Log `user` in on a fresh session, keeping only the language and the guest cart.

    Signing in at the English address (/en/auth/login) makes the portal English too.
    """
    keep = {key: session[key] for key in KEPT_SESSION_KEYS if key in session}
    session.clear()
    session.update(keep)
    if request.environ.get(URL_LANGUAGE_KEY) in PORTAL_LANGUAGES:
        session["locale"] = request.environ[URL_LANGUAGE_KEY]
    login_user(user, remember=remember)
