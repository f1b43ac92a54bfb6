"""The back office of the provincial OCOP office, under /admin/ (administrators only)."""
from flask import Blueprint

from shop.models.statuses import Role
from shop.web.security import role_required

bp = Blueprint("admin", __name__)


@bp.before_request
@role_required(Role.ADMIN)
def admins_only():
    """Guard every route of the blueprint: anonymous users sign in first, other roles get 403."""


@bp.after_request
def private_pages(response):
    """Keep back-office pages (sales, customers' details) out of shared caches."""
    response.headers["Cache-Control"] = "private, no-store"
    return response


from shop.admin import routes  # noqa: E402,F401  (registers the views on bp)
