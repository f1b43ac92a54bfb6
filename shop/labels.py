"""Names of the kinds every part of the shop shows (storefront, portal, back office), in the reader's language."""
from flask_babel import lazy_gettext as _l

from shop.models.order import DELIVERY_NATIONWIDE, DELIVERY_PICKUP, DELIVERY_PROVINCE

LEGAL_TYPE_LABELS = {
    "cooperative": _l("Cooperative"),
    "company": _l("Company"),
    "household": _l("Household business"),
}
DELIVERY_LABELS = {
    DELIVERY_PROVINCE: _l("Delivery in Quảng Ninh"),
    DELIVERY_NATIONWIDE: _l("Delivery nationwide"),
    DELIVERY_PICKUP: _l("Pick-up"),
}
