"""Incoming webhooks and IPNs: Stripe, the bank (VietQR transfers), VNPay, MoMo."""
from flask import Blueprint

bp = Blueprint("webhooks", __name__)

from shop.webhooks import routes, wallets  # noqa: E402,F401
