"""Error pages: HTML for people, JSON under /api/."""
from flask import jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from shop.errors import ShopError

TITLES = {
    400: "Bad request",
    403: "Forbidden",
    404: "Page not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "File too large",
    429: "Too many requests",
    500: "Something went wrong",
}


def render_error(status, message=""):
    """Answer with the error page for `status` (JSON for API requests)."""
    if request.path.startswith("/api/"):
        return jsonify(error=TITLES.get(status, "Error"), message=message), status
    return render_template("errors/error.html", status=status, message=message), status


def _own_response(error):
    """The page an error brought with it (a view's own answer to its rate limit keeps the visitor's form)."""
    return getattr(error, "response", None)


def init_app(app):
    """Register the handlers on `app`."""
    for status in TITLES:
        app.register_error_handler(status, lambda e, s=status: _own_response(e) or render_error(s))

    @app.errorhandler(CSRFError)
    def csrf_error(_e):
        return render_error(400, _("Your form expired. Please reload the page and try again."))

    @app.errorhandler(ShopError)
    def shop_error(e):
        return render_error(e.status_code, e.message)
