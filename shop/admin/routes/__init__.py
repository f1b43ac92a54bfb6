"""The back office's views, one module per section."""
from shop.admin.routes import audit, jobs, orders, producers, products, recall, reports, users  # noqa: F401
