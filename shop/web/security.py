"""Small helpers for safe redirects and role checks, shared by the blueprints."""
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.errors import InvalidInput


def is_safe_next(target):
    """Whether `target` is a path on this site (no scheme, no host, no `//` or backslash tricks)."""
    if not target or not isinstance(target, str):
        return False
    if target.startswith(("//", "\\")) or "\\" in target or any(ord(c) < 32 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/")


def redirect_next(default_endpoint="main.index"):
    """Redirect to the `next` parameter when it is safe, else to `default_endpoint`."""
    target = request.values.get("next")
    return redirect(target if is_safe_next(target) else url_for(default_endpoint))


def role_required(*roles):
    """Decorate a view so that only signed-in users with one of `roles` reach it (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


# Scripts only from our own static files (no inline scripts), no plug-ins, no framing.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:{media}",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
])




def content_security_policy(media_base_url=""):
    """Return the policy, letting pictures come from the media store's public origin when it has one."""
    parts = urlsplit(media_base_url or "")
    origin = f" {parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") and parts.netloc else ""
    return CONTENT_SECURITY_POLICY.replace("{media}", origin)


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def refuse_nul_characters():
    """Refuse a request whose address, query or form holds a NUL character (400, nothing done).

    Nobody types one, and PostgreSQL can neither store nor compare it: left in, it would end
    as a server error wherever the value reaches a query.
    """
    values = [request.path, *(value for _key, values in request.args.lists() for value in values)]
    if request.mimetype in FORM_TYPES:
        values.extend(value for _key, values in request.form.lists() for value in values)
    if any("\x00" in value for value in values):
        raise InvalidInput(_("The request contains a character that is not allowed."))


def init_app(app):
    """Refuse NUL characters and add the security headers to every response."""
    app.before_request(refuse_nul_characters)
    policy = content_security_policy(app.config.get("MEDIA_BASE_URL", ""))

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", policy)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
