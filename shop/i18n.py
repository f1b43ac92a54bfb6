"""Language choice: the storefront's language is its URL's; the portal's is the session's or the user's.

The storefront speaks CONTENT_LANGUAGES, each at its own URL (Vietnamese at the root, the others
under /en/, /zh/, /ko/: shop.web.languages). The producer portal and the back office speak
PORTAL_LANGUAGES, chosen with the old session switch or the signed-in user's preference.
`current_locale()` is the one way to ask which language is in use (views, services, templates).
"""
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale, lazy_gettext, refresh
from flask_login import current_user

from config import CONTENT_LANGUAGES, PORTAL_LANGUAGES  # noqa: F401  (the shop's languages, read from here)

# The language each code is declared in HTML (`<html lang>`, hreflang): Chinese is written in simplified characters.
HTML_LANG = {"vi": "vi", "en": "en", "zh": "zh-Hans", "ko": "ko"}
# Where a request's URL language is kept (set by shop.web.languages.LanguagePrefix from the path).
URL_LANGUAGE_KEY = "shop.url_language"
# Each language's name, in the language of the page (the portal's translation forms, "missing" notes).
LANGUAGE_LABELS = {"vi": lazy_gettext("Vietnamese"), "en": lazy_gettext("English"), "zh": lazy_gettext("Chinese"),
                   "ko": lazy_gettext("Korean")}
PORTAL_BLUEPRINTS = frozenset({"producer", "admin"})
DEFAULT_LANGUAGE = CONTENT_LANGUAGES[0]  # at the root of the site, without a prefix


def current_locale():
    """Return the language in use as a short code ("vi", "en", "zh", "ko"); the default outside a request."""
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def html_lang(code):
    """Return the HTML language tag of a language code ("zh" → "zh-Hans")."""
    return HTML_LANG.get(code, code)


def language_prefix(code):
    """Return the path prefix of the storefront in language `code` ("" for Vietnamese, "/zh" for Chinese)."""
    return "" if code == DEFAULT_LANGUAGE or code not in CONTENT_LANGUAGES else f"/{code}"


def language_label(code):
    """Return the name of language `code` in the page's language ("Chinese", "Tiếng Trung")."""
    return str(LANGUAGE_LABELS.get(code, code))


def portal_language(code):
    """Return `code` when the portal speaks it, else Vietnamese (for what producers and the office read)."""
    return code if code in PORTAL_LANGUAGES else DEFAULT_LANGUAGE


def choose_locale():
    """Pick the locale for this request: Flask-Babel's locale selector, asked once per request."""
    if not has_request_context():  # commands and services run outside a request
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    if request.blueprint not in PORTAL_BLUEPRINTS:
        return request.environ.get(URL_LANGUAGE_KEY) or current_app.config["BABEL_DEFAULT_LOCALE"]
    return _portal_locale()


def _portal_locale():
    """The portal's and back office's language: the session switch, then the user's preference, then Vietnamese."""
    languages = current_app.config["PORTAL_LANGUAGES"]
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


# Where a missing translation is looked for next: English, then the Vietnamese source.
FALLBACK_LANGUAGE = "en"


def shown_text(obj, field, locale):
    """Return (text, language it is in): `obj`'s `field` in `locale`, else in English, else in Vietnamese.

    Translations are `obj.<field>_<language>` (product.name_zh, read from the translation rows); the
    Vietnamese source is `<field>_vi`, or the plain field for a model that keeps it there (Area.name).
    An empty translation counts as missing.
    """
    if locale != DEFAULT_LANGUAGE:
        for language in dict.fromkeys((locale, FALLBACK_LANGUAGE)):
            value = getattr(obj, f"{field}_{language}", "")
            if value:
                return value, language
    return (getattr(obj, f"{field}_vi", None) or getattr(obj, field, "") or ""), DEFAULT_LANGUAGE


def localized(obj, field, locale):
    """Return `obj`'s `field` in `locale`, falling back to English, then Vietnamese (see `shown_text`)."""
    return shown_text(obj, field, locale)[0]


def missing_languages(obj, fields):
    """Return the storefront languages in which one of `fields` of `obj` has no translation (for the forms)."""
    return [code for code in CONTENT_LANGUAGES[1:]
            if any(not getattr(obj, f"{field}_{code}", "") for field in fields)]


def refresh_locale():
    """Forget the language cached on the context so that `choose_locale` runs again for this request."""
    refresh()
