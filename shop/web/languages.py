"""A URL per language: Vietnamese at the root (`/products`), the others under a prefix (`/zh/products`).

The prefix is handled once, in front of the routes: `LanguagePrefix` (WSGI) moves `/en`, `/zh` or
`/ko` from the path to the script name, as if the shop were mounted there, and keeps the language in
the environ, where the locale selector (`shop.i18n.choose_locale`) reads it. The routes never see
it; `request.url` keeps it (so a `next` link comes back to the same language), `request.full_path`
does not. `url_for` (`ShopFlask.url_for`) puts the prefix in front of every storefront address, in
the language in use or the one asked with `_lang=` (`in_its_language`), and keeps it off every other address.

The storefront is the home page, the catalogue, cart, checkout, order pages, account and sign-in
pages (`is_storefront_endpoint`); the producer portal, the back office, the API, webhooks, media and
the machine files (sitemap, robots, QR codes) have one address each: asked under a prefix, they
redirect to it.
"""
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, has_request_context, redirect, request, url_for

from shop.i18n import (
    CONTENT_LANGUAGES,
    DEFAULT_LANGUAGE,
    PORTAL_LANGUAGES,
    URL_LANGUAGE_KEY,
    current_locale,
    html_lang,
    language_prefix,
)

PREFIXED_LANGUAGES = CONTENT_LANGUAGES[1:]
STOREFRONT_BLUEPRINTS = frozenset({"catalog", "cart", "checkout", "account", "auth"})
STOREFRONT_ENDPOINTS = frozenset({"main.index", "main.info_page"})
ONE_ADDRESS_ENDPOINTS = frozenset({"catalog.sitemap", "catalog.robots", "catalog.product_qr"})
# How the switcher names each language, in that language.
LANGUAGE_NAMES = {"vi": "VI", "en": "EN", "zh": "中文", "ko": "한국어"}


def split_language(path):
    """Return (language, rest of the path) for a prefixed path, (None, path) otherwise."""
    for code in PREFIXED_LANGUAGES:
        if path == f"/{code}":
            return code, "/"
        if path.startswith(f"/{code}/"):
            return code, path[len(code) + 1:]
    return None, path


class LanguagePrefix:
    """WSGI middleware: move a language prefix from the path to the script name; the language to URL_LANGUAGE_KEY."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        code, rest = split_language(environ.get("PATH_INFO") or "/")
        if code:
            environ[URL_LANGUAGE_KEY] = code
            environ["SCRIPT_NAME"] = environ.get("SCRIPT_NAME", "") + f"/{code}"
            environ["PATH_INFO"] = rest
        return self.wsgi_app(environ, start_response)


def is_storefront_endpoint(endpoint):
    """Whether `endpoint` is a storefront page, with an address in every language."""
    if not endpoint or endpoint in ONE_ADDRESS_ENDPOINTS:
        return False
    return endpoint in STOREFRONT_ENDPOINTS or endpoint.split(".", 1)[0] in STOREFRONT_BLUEPRINTS


def url_language():
    """Return the language of this request's URL (Vietnamese at the root)."""
    return request.environ.get(URL_LANGUAGE_KEY) or DEFAULT_LANGUAGE


def with_language(url, code):
    """Put the prefix of `code` in front of the path of `url` (relative or absolute)."""
    prefix = language_prefix(code)
    if not prefix:
        return url
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=prefix + (parts.path or "/")))


def without_url_language(url):
    """Take this request's language prefix (which Flask builds in as the script name) off `url`."""
    code = request.environ.get(URL_LANGUAGE_KEY) if has_request_context() else None
    if not code:
        return url
    parts = urlsplit(url)
    path = parts.path
    if path == f"/{code}" or path.startswith(f"/{code}/"):
        path = path[len(code) + 1:] or "/"
    return urlunsplit(parts._replace(path=path))


def _full_endpoint(endpoint):
    """Resolve a blueprint-relative endpoint (".show") as url_for does."""
    if endpoint[:1] == "." and has_request_context():
        return f"{request.blueprint}{endpoint}" if request.blueprint else endpoint[1:]
    return endpoint


def in_its_language(url, endpoint, lang=None):
    """Give the URL Flask built for `endpoint` its language: a storefront page's the prefix of `lang`
    (default: the language in use), every other one none (ShopFlask.url_for)."""
    url = without_url_language(url)
    if not is_storefront_endpoint(_full_endpoint(endpoint)):
        return url
    return with_language(url, lang or current_locale())


def redirect_prefixed_elsewhere():
    """Before each request: a page with one address asked under a language prefix goes to that address."""
    if URL_LANGUAGE_KEY in request.environ and request.endpoint and not is_storefront_endpoint(request.endpoint):
        return redirect(request.full_path.rstrip("?"), 308)
    return None


def declare_language(response):
    """After each storefront request: say the page's language (Content-Language), as its <html lang> does."""
    if is_storefront_endpoint(request.endpoint) and "Content-Language" not in response.headers:
        response.headers["Content-Language"] = html_lang(current_locale())
    return response


def this_page_path():
    """Return the path and query this visitor asked, language prefix included (for a `next` link)."""
    return request.script_root + request.full_path.rstrip("?")


def _this_page_in(code):
    """Return this page's path and query in language `code`."""
    return language_prefix(code) + request.full_path.rstrip("?")


def language_addresses(endpoint, **values):
    """Template global: (hreflang, absolute URL) of a storefront page in every language, Vietnamese first.

    Absolute at PUBLIC_BASE_URL (shop.web.urls), like every outside link; the sitemap lists them.
    """
    return [(html_lang(code), url_for(endpoint, _lang=code, _external=True, **values)) for code in CONTENT_LANGUAGES]


def alternate_links():
    """Template global: (hreflang, absolute URL) of this storefront page in every language, and x-default."""
    if not is_storefront_endpoint(request.endpoint):
        return []
    query = request.query_string.decode("latin-1")
    links = [(tag, f"{url}?{query}" if query else url)
             for tag, url in language_addresses(request.endpoint, **(request.view_args or {}))]
    return [*links, ("x-default", links[0][1])]


def language_switch():
    """Template global: the switcher's entries (code, html lang, name, address), the current one without an address.

    On a storefront page each goes to the same page in that language; in the portal and the back
    office (Vietnamese and English only) through the session switch.
    """
    current = current_locale()
    storefront = is_storefront_endpoint(request.endpoint) or request.endpoint is None
    codes = CONTENT_LANGUAGES if storefront else PORTAL_LANGUAGES
    entries = []
    for code in codes:
        if code == current:
            href = None
        elif storefront:
            href = _this_page_in(code)
        else:
            href = url_for("main.set_language", code=code, next=request.full_path.rstrip("?"))
        entries.append((code, html_lang(code), LANGUAGE_NAMES[code], href))
    return entries


def in_language(target, code):
    """Return the local address `target` in language `code` when it is a storefront page, else unchanged."""
    _old, path = split_language(urlsplit(target).path)
    parts = urlsplit(target)
    adapter = current_app.url_map.bind("localhost")
    try:
        endpoint, _args = adapter.match(path, method="GET")
    except Exception:  # not found, redirect, method not allowed: leave the address as it was
        return urlunsplit(parts._replace(path=path))
    if not is_storefront_endpoint(endpoint):
        return urlunsplit(parts._replace(path=path))
    return urlunsplit(parts._replace(path=language_prefix(code) + path))


def init_app(app):
    """Serve every storefront page under each language's prefix."""
    app.wsgi_app = LanguagePrefix(app.wsgi_app)
    app.before_request(redirect_prefixed_elsewhere)
    app.after_request(declare_language)
    app.add_template_global(alternate_links)
    app.add_template_global(language_addresses)
    app.add_template_global(language_switch)
