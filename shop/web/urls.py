"""Absolute links from the shop's configured address, never from the request's `Host` header.

Every absolute link the shop mails or prints (password reset, order pages, QR codes, the sitemap,
JSON-LD, canonical links, payment return and notification addresses) is `url_for(…, _external=True)`.
With `PUBLIC_BASE_URL` set (`https://ocop-quangninh.example.vn`; required in production), the URL
adapter of every request and of every command builds those links at that scheme and host, so a forged
`Host: evil.example.com` changes none of them. Relative links are unchanged.

Hosts the shop answers: with `REFUSE_UNKNOWN_HOSTS` (production) only the host of `PUBLIC_BASE_URL` and
those in `TRUSTED_HOSTS`; any other `Host` gets a plain 400 before the application sees the request.
"""
from urllib.parse import urlsplit

from flask import Flask
from werkzeug.exceptions import SecurityError
from werkzeug.wsgi import get_host

from config import base_url_problem
from shop.web.languages import in_its_language

UNKNOWN_HOST_ANSWER = "400 Yêu cầu không hợp lệ: tên máy chủ không được chấp nhận.\n" \
                      "400 Bad request: unknown host.\n"


def public_base(config):
    """Return the (scheme, host[:port]) of PUBLIC_BASE_URL, or None when it is not set."""
    base = (config.get("PUBLIC_BASE_URL") or "").strip()
    if not base:
        return None
    parts = urlsplit(base)
    return parts.scheme, parts.netloc


class ShopFlask(Flask):
    """The shop's application: URLs built for links outside the page use PUBLIC_BASE_URL; a storefront
    page's URL carries its language's prefix (shop.web.languages)."""

    def url_for(self, endpoint, *, _lang=None, **values):
        """Build a URL as Flask does, in the language in use or `_lang` when it is a storefront page's."""
        return in_its_language(super().url_for(endpoint, **values), endpoint, _lang)

    def create_url_adapter(self, request):
        """Bind the URL map as Flask does, then build absolute links at PUBLIC_BASE_URL when it is set."""
        adapter = super().create_url_adapter(request)
        base = public_base(self.config)
        if base is None:
            return adapter
        scheme, netloc = base
        if adapter is None:  # a command or a job: no request, no SERVER_NAME
            return self.url_map.bind(netloc, script_name=self.config.get("APPLICATION_ROOT") or "/",
                                     url_scheme=scheme)
        adapter.server_name = netloc
        adapter.url_scheme = scheme
        return adapter


def trusted_hosts(config):
    """Return the hosts the shop answers, or None for any (development and tests unless told)."""
    listed = [host for host in (config.get("TRUSTED_HOSTS") or []) if host]
    base = public_base(config)
    if config.get("REFUSE_UNKNOWN_HOSTS") or listed:
        if base is not None:
            listed.insert(0, urlsplit(f"//{base[1]}").hostname)
        return listed
    return None


class TrustedHostsMiddleware:
    """Answer 400 to a request whose Host is not one of the shop's (before Flask, cheaply)."""

    def __init__(self, wsgi_app, hosts):
        self.wsgi_app = wsgi_app
        self.hosts = hosts

    def __call__(self, environ, start_response):
        try:
            get_host(environ, self.hosts)
        except SecurityError:
            body = UNKNOWN_HOST_ANSWER.encode()
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"),
                                               ("Content-Length", str(len(body)))])
            return [body]
        return self.wsgi_app(environ, start_response)


def init_app(app):
    """Check PUBLIC_BASE_URL and refuse unknown hosts when the configuration names the shop's hosts."""
    if app.config.get("PUBLIC_BASE_URL"):
        problem = base_url_problem(app.config["PUBLIC_BASE_URL"], require_https=False)
        if problem:
            raise RuntimeError(problem)
    hosts = trusted_hosts(app.config)
    if hosts is not None:
        app.config["TRUSTED_HOSTS"] = hosts
        app.wsgi_app = TrustedHostsMiddleware(app.wsgi_app, hosts)
