"""A polite offer of the visitor's own language: never a redirect, once, and outside the page cache.

A visitor arriving (from a search engine, a shared link, a typed address: not from another of
the shop's own pages) whose browser prefers another of the storefront's languages
(`Accept-Language`) than the page's sees a banner, in that language, offering the same page there. Crawlers and shared
links land where they point: nothing moves by itself. The banner is a visitor part
(shop.web.page_cache): a cached page keeps a placeholder, filled for each visitor, so the page
cache stays keyed on the URL alone. The answer (the language taken, or "no") is kept in the
OFFER_COOKIE cookie by `GET /language-offer` (main.language_offer; without script) or by
static/js/language-offer.js, and no banner is shown again.
"""
from urllib.parse import urlsplit

from flask import current_app, render_template, request, url_for
from flask_babel import force_locale
from markupsafe import Markup

from shop.i18n import CONTENT_LANGUAGES, current_locale, html_lang
from shop.web.languages import is_storefront_endpoint, this_page_path
from shop.web.page_cache import register_visitor_part

OFFER_COOKIE = "language_offer"
DECLINED = "no"
OFFER_COOKIE_SECONDS = 365 * 24 * 3600


def offered_language():
    """Return the storefront language this arriving visitor's browser prefers when the page is in another, else None."""
    if (request.method != "GET" or not is_storefront_endpoint(request.endpoint) or OFFER_COOKIE in request.cookies
            or came_from_the_shop()):
        return None
    preferred = request.accept_languages.best_match(CONTENT_LANGUAGES)
    return preferred if preferred and preferred != current_locale() else None


def came_from_the_shop():
    """Whether the visitor followed a link of the shop's own (they have read it, or chose this language already)."""
    shop_address = urlsplit(url_for("main.index", _external=True)).netloc  # PUBLIC_BASE_URL's, when set
    return bool(request.referrer) and urlsplit(request.referrer).netloc == shop_address


def language_offer():
    """The banner offering this page in the visitor's language, or nothing (the visitor part's markup)."""
    code = offered_language()
    if code is None:
        return ""
    here = this_page_path()
    with force_locale(code):
        markup = render_template("_language_offer.html", code=code, lang=html_lang(code), here=here)
    return Markup(markup)  # noqa: S704  (autoescaped output)


def remember_answer(response, answer):
    """Keep the visitor's answer to the offer (a language code, or DECLINED) for a year."""
    response.set_cookie(OFFER_COOKIE, answer, max_age=OFFER_COOKIE_SECONDS, samesite="Lax",
                        secure=current_app.config.get("SESSION_COOKIE_SECURE", False))
    return response


def vary_on_language(response):
    """After a storefront page: its body depends on Accept-Language (the offer), so say so to caches on the way."""
    if is_storefront_endpoint(request.endpoint):
        response.vary.add("Accept-Language")
    return response


def init_app(app):
    register_visitor_part("language-offer", language_offer)
    app.after_request(vary_on_language)
