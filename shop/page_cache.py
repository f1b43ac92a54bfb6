"""Whole-page cache for anonymous visitors of the public catalogue (`@cached_page`).

A page is served from the cache (Redis when REDIS_URL is set, so every worker on every
host shares it) only when nothing about the visitor can change it: a GET with a session
that holds nothing but the language and a CSRF secret, no remember-me cookie, and the
same language, host and full path. Signed-in users, carts, flashed messages and every
other request are served fresh, as are error pages and responses that set anything in
the session besides the CSRF secret.

A page with a form carries a CSRF token that belongs to one visitor: before the page is
stored, the token is swapped for a placeholder, and each visitor served from the cache
gets their own fresh token in its place. So the cache never holds, and never hands out,
anybody's token. Pages live PAGE_CACHE_SECONDS (0 turns the cache off): stock and prices
shown may lag that long, while the cart and checkout always read them from the database.
"""
import hashlib
from functools import wraps

from flask import current_app, g, make_response, request, session
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf

from shop.extensions import cache

# Session keys that do not change a cacheable page: the language (part of the key), the
# CSRF secret (its token is swapped, see above) and Flask-Login's freshness flag, which it
# sets on any anonymous session that holds something.
NEUTRAL_SESSION_KEYS = frozenset({"locale", "csrf_token", "_fresh"})
TOKEN_PLACEHOLDER = "\x00csrf-token\x00"  # noqa: S105  (a marker, not a secret)
CACHE_HEADER = "X-Cache"
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition", "Link")


def page_key():
    """Return the cache key of this request, or None when it must not come from the cache."""
    if not current_app.config.get("PAGE_CACHE_SECONDS") or request.method not in ("GET", "HEAD"):
        return None
    if not set(session).issubset(NEUTRAL_SESSION_KEYS):
        return None
    if request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")):
        return None
    # HEAD shares GET's entry: both are rendered by the same view.
    raw = "\n".join((str(get_locale()), request.host_url, request.full_path))
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def _token_field():
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def _storable(response):
    """Return (body, headers) to keep for `response`, or None when it must not be cached."""
    if response.status_code != 200 or response.direct_passthrough or response.is_streamed:
        return None
    if not set(session).issubset(NEUTRAL_SESSION_KEYS):
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


def _from_cache(entry):
    """Build this visitor's response from a cache entry, with their own CSRF token."""
    body = entry["body"]
    if TOKEN_PLACEHOLDER in body:
        body = body.replace(TOKEN_PLACEHOLDER, generate_csrf())
    response = current_app.response_class(body, 200, entry["headers"])
    response.headers[CACHE_HEADER] = "HIT"
    return response


def _cache_call(method, *args):
    """Call the cache; a cache outage only means serving fresh pages."""
    try:
        return getattr(cache, method)(*args)
    except Exception:  # any backend failure (Redis down, timeout) must not break the page
        current_app.logger.warning("page cache unavailable", exc_info=True)
        return None


def cached_page(view):
    """Decorate a public view so that anonymous visitors are served from the page cache."""

    @wraps(view)
    def wrapped(*args, **kwargs):
        key = page_key()
        if key is None:
            return view(*args, **kwargs)
        entry = _cache_call("get", key)
        if entry is not None:
            return _from_cache(entry)
        response = make_response(view(*args, **kwargs))
        stored = _storable(response)
        if stored is not None:
            _cache_call("set", key, stored, current_app.config["PAGE_CACHE_SECONDS"])
            response.headers[CACHE_HEADER] = "MISS"
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

