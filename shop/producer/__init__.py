"""The producer portal (/producer/): a producer's own products, stock, sales and shipments."""
from flask import Blueprint

bp = Blueprint("producer", __name__)

from shop.producer import routes  # noqa: E402,F401  (registers the views on bp)
