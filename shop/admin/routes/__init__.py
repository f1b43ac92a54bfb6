"""The back office's views, one module per section."""
from shop.admin.routes import (  # noqa: F401
    audit,
    bank_transfers,
    jobs,
    orders,
    pages,
    producers,
    products,
    recall,
    reports,
    users,
)
