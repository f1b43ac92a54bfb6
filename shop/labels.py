"""Names of the kinds every part of the shop shows (storefront, portal, back office), in the reader's language."""
from flask_babel import lazy_gettext as _l

from shop.models.statuses import DeliveryMethod

LEGAL_TYPE_LABELS = {
    "cooperative": _l("Cooperative"),
    "company": _l("Company"),
    "household": _l("Household business"),
}
DELIVERY_LABELS = {
    DeliveryMethod.PROVINCE: _l("Delivery in Quảng Ninh"),
    DeliveryMethod.NATIONWIDE: _l("Delivery nationwide"),
    DeliveryMethod.PICKUP: _l("Pick-up"),
}
