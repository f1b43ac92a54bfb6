"""Site-wide pages: home, health, language switch, media files."""
from flask import Blueprint

bp = Blueprint("main", __name__)

from shop.main import routes  # noqa: E402,F401
