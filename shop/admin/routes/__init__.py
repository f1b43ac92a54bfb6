"""The back office's views, one module per section."""
from shop.admin.routes import audit, orders, producers, products, recall, reports, users  # noqa: F401
