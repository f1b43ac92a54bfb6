"""The portal's views, one module per section."""
from shop.producer.routes import bookings, orders, portal, products  # noqa: F401
