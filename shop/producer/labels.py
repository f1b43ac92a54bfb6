"""How the portal names statuses and kinds, in the reader's language."""
from flask_babel import lazy_gettext as _l

from shop.labels import DELIVERY_LABELS, LEGAL_TYPE_LABELS  # noqa: F401  (shared names, used by templates)
from shop.models.statuses import CertificationStatus, ProducerStatus, ProductStatus

PRODUCER_LABELS = {
    ProducerStatus.PENDING: _l("Waiting for approval"),
    ProducerStatus.APPROVED: _l("Approved"),
    ProducerStatus.SUSPENDED: _l("Suspended"),
}
PRODUCT_LABELS = {
    ProductStatus.DRAFT: _l("Draft"),
    ProductStatus.PENDING_REVIEW: _l("Waiting for review"),
    ProductStatus.PUBLISHED: _l("In the shop"),
    ProductStatus.HIDDEN: _l("Hidden"),
}
CERT_LABELS = {
    CertificationStatus.SUBMITTED: _l("Waiting for the office"),
    CertificationStatus.VERIFIED: _l("Verified"),
    CertificationStatus.REJECTED: _l("Not accepted"),
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
