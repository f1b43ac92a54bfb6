"""Language choice: the session first, then the signed-in user's preference, then Vietnamese.

`current_locale()` is the one way to ask which language is in use (views, services, templates).
"""
from flask import current_app, has_request_context, session
from flask_babel import get_locale, refresh
from flask_login import current_user


def current_locale():
    """Return the language in use as a short code ("vi" or "en"); the default outside a request."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def choose_locale():
    """Pick the locale for this request ("vi" or "en"): Flask-Babel's locale selector, asked once per request."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # commands and services run outside a request
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    from shop.web.visitor import snapshot_locale  # the signed-in visitor's language, without loading them

    if snapshot_locale() in languages:
        return snapshot_locale()
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def N_(message):  # noqa: N802  (the name message extraction looks for)
    """Mark a note the shop stores in English for translation where it is shown (`system_note` filter)."""
    return message


def localized(obj, field, locale):
    """Return `obj.<field>_<locale>`, falling back to Vietnamese when the translation is empty.

    A model whose Vietnamese text sits in the plain field (Area.name) works too.
    """
    value = getattr(obj, f"{field}_{locale}", "") if locale != "vi" else ""
    return value or getattr(obj, f"{field}_vi", None) or getattr(obj, field, "")


def refresh_locale():
    """Forget the language cached on the context so that `choose_locale` runs again for this request."""
    refresh()
