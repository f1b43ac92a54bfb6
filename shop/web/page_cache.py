"""Whole-page cache of the public catalogue (`@cached_page`), shared by every visitor.

A page is served from the cache (Redis when REDIS_URL is set, so every worker on every
host shares it) to a GET whose session holds nothing but the language, a CSRF secret and
what the visitor parts read (below: a guest's cart, a signed-in visitor's identity), for
the same language, host and full path. Flashed messages and every other request are
served fresh, as are error pages.

What belongs to one visitor is never stored. A public page is always rendered as for a
guest, whoever asked (a signed-in user is hidden from the view and its templates), and is
kept only when the view set nothing else in the session. A page with a form carries a
CSRF token: before the page is stored the token is swapped for a placeholder, and each
visitor served from the cache gets their own fresh token in its place. A visitor part
(the header's cart count and account links, `register_visitor_part`) is rendered as a
placeholder into every public page and filled in for each visitor, on the first response
as on every hit. Pages live PAGE_CACHE_SECONDS (0 turns the cache off): stock and prices
shown may lag that long, while the cart and checkout always read them from the database.
"""
import hashlib
from contextlib import contextmanager
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from shop.extensions import cache
from shop.i18n import URL_LANGUAGE_KEY, current_locale
from shop.services.metrics import count_page_cache
from shop.services.outages import Breaker

# Session keys that do not change a cacheable page: the language (part of the key), the
# CSRF secret (its token is swapped, see above) and Flask-Login's freshness flag, which it
# sets on any anonymous session that holds something. Visitor parts add the keys they read.
NEUTRAL_SESSION_KEYS = frozenset({"locale", "csrf_token", "_fresh"})
# Flask-Login's keys of a signed-in session: its visitor is served cached pages, rendered as
# for a guest, with their own account links (a visitor part).
SIGNED_IN_SESSION_KEYS = frozenset({"_user_id", "_id", "_remember", "_remember_seconds"})
TOKEN_PLACEHOLDER = "\x00csrf-token\x00"  # noqa: S105  (a marker, not a secret)
CACHE_HEADER = "X-Cache"
CACHE_BREAKER = Breaker("redis", "page cache")
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link")
_VISITOR_PARTS = {}  # name → (placeholder, function returning this visitor's markup)
_visitor_session_keys = set()


def register_visitor_part(name, render, session_keys=()):
    """Let cached pages show `render()` (this visitor's markup) where templates call visitor_part(name).

    `session_keys` are the session entries `render` reads: a session holding them may be
    served cached pages, since that part is filled in for each visitor.
    """
    _VISITOR_PARTS[name] = (f"\x00visitor-part:{name}\x00", render)
    _visitor_session_keys.update(session_keys)


def visitor_part(name):
    """Template global: this visitor's part `name`, or its placeholder while a public page is rendered."""
    placeholder, render = _VISITOR_PARTS[name]
    return Markup(placeholder) if g.get("_page_for_cache") else render()  # noqa: S704  (a fixed marker)


def _fill_visitor_parts(body):
    for placeholder, render in _VISITOR_PARTS.values():
        if placeholder in body:
            body = body.replace(placeholder, str(render()))
    return body


def _neutral_session():
    """Whether the session holds nothing that a cached page (with its visitor parts) would get wrong."""
    return set(session).issubset(NEUTRAL_SESSION_KEYS | _visitor_session_keys)


@contextmanager
def _as_a_guest():
    """Hide the signed-in user (Flask-Login's per-request user) while a public page is rendered."""
    current_locale()  # chosen first: a signed-in visitor's own language (Flask-Babel keeps it for the request)
    had_user, user = "_login_user" in g, g.pop("_login_user", None)
    g._login_user = current_app.login_manager.anonymous_user()
    g._page_for_cache = True  # visitor parts render as placeholders
    try:
        yield
    finally:
        g._page_for_cache = False
        if had_user:
            g._login_user = user
        else:
            g.pop("_login_user", None)  # loaded afresh for the visitor parts


def page_key():
    """Return the cache key of this request, or None when it must not come from the cache."""
    if not current_app.config.get("PAGE_CACHE_SECONDS") or request.method not in ("GET", "HEAD"):
        return None
    if not _neutral_session():
        return None
    # HEAD shares GET's entry: both are rendered by the same view. The key is the URL as asked,
    # its language prefix included (shop.web.languages takes it off the path the view sees).
    prefix = request.environ.get(URL_LANGUAGE_KEY) or ""
    raw = "\n".join((current_locale(), request.host_url, prefix, request.full_path))
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _token_field():
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def _storable(response):
    """Return (body, headers) to keep for `response`, or None when it must not be cached."""
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return None
    if not _neutral_session():
        return None  # the view remembered something about this visitor
    body = response.get_data(as_text=True)
    if TOKEN_PLACEHOLDER in body:
        return None
    token = g.get(_token_field())
    if token:
        body = body.replace(token, TOKEN_PLACEHOLDER)
    elif 'name="csrf_token"' in body:
        return None  # a token we cannot find again: never cache it
    headers = [(name, value) for name, value in response.headers.items() if name in _KEPT_HEADERS]
    return {"body": body, "headers": headers}


def _for_this_visitor(body):
    """Fill a stored page in for this visitor: their own CSRF token and visitor parts."""
    if TOKEN_PLACEHOLDER in body:
        body = body.replace(TOKEN_PLACEHOLDER, generate_csrf())
    return _fill_visitor_parts(body)


def _from_cache(entry):
    """Build this visitor's response from a cache entry."""
    response = current_app.response_class(_for_this_visitor(entry["body"]), 200, entry["headers"])
    response.headers[CACHE_HEADER] = "HIT"
    return response


def _cache_call(method, *args):
    """Call the cache; a cache outage (refused, or no answer within REDIS_SOCKET_TIMEOUT) only means serving
    fresh pages, and for a few seconds the cache is not asked at all (shop.services.outages)."""
    return CACHE_BREAKER.call(lambda: getattr(cache, method)(*args))


def cached_page(view):
    """Decorate a public view: rendered as for a guest, kept in the page cache, filled in for each visitor."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = page_key()
        entry = _cache_call("get", key) if key is not None else None
        if entry is not None:
            count_page_cache(hit=True)
            return _from_cache(entry)
        # Rendered as for a guest even when it will not be stored, so that a public page looks
        # the same whether the cache is on or off.
        with _as_a_guest():
            response = make_response(view(*args, **kwargs))
        stored = _storable(response) if key is not None else None
        if stored is not None:
            _cache_call("set", key, stored, current_app.config["PAGE_CACHE_SECONDS"])
            response.headers[CACHE_HEADER] = "MISS"
            count_page_cache(hit=False)
        if not (response.direct_passthrough or response.is_streamed):
            body = response.get_data(as_text=True)
            filled = _fill_visitor_parts(body)
            if filled is not body:  # a page (not JSON) with this visitor's parts to fill in
                response.set_data(filled)
        return response

    return wrapped


def remembered(key, seconds, compute):
    """Return `compute()`, kept in the cache under `key` for `seconds` (0: always computed afresh).

    For figures that are the same for everyone who may see them (the office's revenue
    reports), never for anything about one visitor.
    """
    if not seconds:
        return compute()
    full_key = "value:" + hashlib.sha256(repr(key).encode()).hexdigest()
    value = _cache_call("get", full_key)
    if value is None:
        value = compute()
        _cache_call("set", full_key, value, seconds)
    return value

