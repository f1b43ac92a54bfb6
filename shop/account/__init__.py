"""A customer's orders: the order page (also open through its signed link) and the order list."""
from flask import Blueprint

bp = Blueprint("account", __name__)

from shop.account import routes  # noqa: E402,F401
