"""Incoming webhooks (Stripe)."""
from flask import Blueprint

bp = Blueprint("webhooks", __name__)

from shop.webhooks import routes  # noqa: E402,F401
