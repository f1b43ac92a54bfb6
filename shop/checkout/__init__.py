"""Checkout: contact and delivery details, then cash on delivery or Stripe Checkout."""
from flask import Blueprint

bp = Blueprint("checkout", __name__)

from shop.checkout import booking, routes, wallet_returns  # noqa: E402,F401
