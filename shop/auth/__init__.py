"""Sign in, sign up, sign out."""
from flask import Blueprint

bp = Blueprint("auth", __name__)

from shop.auth import routes  # noqa: E402,F401
