"""The kinds of the shop's information pages (re-exported by shop.models.statuses, their one home)."""
from flask_babel import lazy_gettext as _l

from shop.models.enums import CUSTOMER, OFFICE, LabelledEnum


class InfoPageKind(LabelledEnum):
    """The shop's information pages, each at its own address (/contact, /shipping…), written by the office."""

    CONTACT = "contact"
    SHIPPING = "shipping"
    RETURNS = "returns"
    PRIVACY = "privacy"
    TERMS = "terms"

    __audiences__ = (CUSTOMER, OFFICE)
    __labels__ = {
        CONTACT: _l("Contact us"),
        SHIPPING: _l("Shipping and delivery"),
        RETURNS: _l("Returns and refunds"),
        PRIVACY: _l("Privacy policy"),
        TERMS: _l("Terms of sale"),
    }
