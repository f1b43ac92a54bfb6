"""How the portal names statuses and kinds, in the reader's language."""
from flask_babel import lazy_gettext as _l

from shop.labels import DELIVERY_LABELS, LEGAL_TYPE_LABELS  # noqa: F401  (shared names, used by templates)
from shop.models.catalog import (
    CERT_REJECTED,
    CERT_SUBMITTED,
    CERT_VERIFIED,
    PRODUCT_DRAFT,
    PRODUCT_HIDDEN,
    PRODUCT_PENDING_REVIEW,
    PRODUCT_PUBLISHED,
)
from shop.models.producer import PRODUCER_APPROVED, PRODUCER_PENDING, PRODUCER_SUSPENDED

PRODUCER_LABELS = {
    PRODUCER_PENDING: _l("Waiting for approval"),
    PRODUCER_APPROVED: _l("Approved"),
    PRODUCER_SUSPENDED: _l("Suspended"),
}
PRODUCT_LABELS = {
    PRODUCT_DRAFT: _l("Draft"),
    PRODUCT_PENDING_REVIEW: _l("Waiting for review"),
    PRODUCT_PUBLISHED: _l("In the shop"),
    PRODUCT_HIDDEN: _l("Hidden"),
}
CERT_LABELS = {
    CERT_SUBMITTED: _l("Waiting for the office"),
    CERT_VERIFIED: _l("Verified"),
    CERT_REJECTED: _l("Not accepted"),
}
REASON_LABELS = {
    "restock": _l("Restock (new goods)"),
    "damage": _l("Damage or loss"),
    "correction": _l("Correction of a count"),
}
# How each kind of ledger row reads in the stock history.
MOVEMENT_LABELS = {
    **REASON_LABELS,
    "sale": _l("Sale (order)"),
    "release": _l("Order cancelled: stock returned"),
    "refund": _l("Refund: goods returned"),
}
