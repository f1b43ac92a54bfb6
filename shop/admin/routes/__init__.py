"""The back office's views, one module per section."""
from shop.admin.routes import audit, jobs, orders, pages, producers, products, recall, reports, users  # noqa: F401
