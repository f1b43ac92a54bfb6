"""Human names of the statuses and roles the back office shows."""
from flask_babel import lazy_gettext as _l

from shop.labels import DELIVERY_LABELS, LEGAL_TYPE_LABELS  # noqa: F401  (shared names, used by templates)
from shop.services.orders.flow import STATUS_LABELS as ORDER_STATUS_LABELS  # noqa: F401  (one place for orders)

PRODUCER_STATUS_LABELS = {
    "pending": _l("Waiting for approval"),
    "approved": _l("Approved"),
    "suspended": _l("Suspended"),
}
PRODUCT_STATUS_LABELS = {
    "draft": _l("Draft"),
    "pending_review": _l("Waiting for review"),
    "published": _l("Published"),
    "hidden": _l("Hidden"),
}
CERT_STATUS_LABELS = {
    "submitted": _l("Submitted by the producer"),
    "verified": _l("Verified"),
    "rejected": _l("Rejected"),
}
ROLE_LABELS = {
    "customer": _l("Customer"),
    "producer": _l("Producer"),
    "admin": _l("Administrator"),
}
PAYMENT_LABELS = {
    "card": _l("Card"),
    "cod": _l("Cash on delivery"),
}
SHIPMENT_STATUS_LABELS = {
    "pending": _l("Waiting for the producer"),
    "packed": _l("Packed"),
    "shipped": _l("Shipped"),
    "delivered": _l("Delivered"),
    "cancelled": _l("Cancelled"),
}
DIMENSION_LABELS = {
    "producer": _l("By producer"),
    "category": _l("By OCOP product group"),
    "stars": _l("By star level"),
    "area": _l("By area"),
    "payment": _l("By payment method"),
}
