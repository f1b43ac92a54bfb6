"""The portal's views, one module per section."""
from shop.producer.routes import orders, portal, products  # noqa: F401
