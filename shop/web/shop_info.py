"""What the footer, the header's menu and the information pages say about the shop itself: how to reach it,
who runs it, the Ministry of Industry and Trade notice, and the ways to pay that are configured now."""
import re
from dataclasses import dataclass

from babel.dates import get_day_names
from flask import current_app
from flask_babel import gettext as _

from shop.i18n import current_locale
from shop.models.enums import OFFICE
from shop.services.catalog.listing import public_link
from shop.services.payments.providers import offered_methods


@dataclass(frozen=True)
class Contact:
    """The shop's contact details as shown; each is empty when not configured."""

    hotline: str
    hotline_href: str
    zalo: str
    zalo_href: str
    email: str
    address: str
    hours: str


@dataclass(frozen=True)
class LegalNotice:
    """Who runs the shop, its registration and the ministry notice (badge text and link; empty when not set)."""

    operator: str
    registration: str
    moit_text: str
    moit_href: str


def register_shop_info(app):
    """Make `contact_details`, `legal_notice` and `payment_method_names` template globals of `app`."""
    app.jinja_env.globals.update(contact_details=contact_details, legal_notice=legal_notice,
                                 payment_method_names=payment_method_names)


def contact_details():
    """Template global: the shop's contact details from the configuration (SHOP_HOTLINE, SHOP_ZALO…)."""
    config = current_app.config
    hotline, zalo = config.get("SHOP_HOTLINE", ""), config.get("SHOP_ZALO", "")
    return Contact(
        hotline=hotline, hotline_href=f"tel:{_dial(hotline)}" if _dial(hotline) else "",
        zalo=zalo, zalo_href=f"https://zalo.me/{_dial(zalo)}" if _dial(zalo) else "",
        email=config.get("SHOP_EMAIL", ""), address=config.get("SHOP_ADDRESS", ""),
        hours=opening_hours(config.get("SHOP_OPEN_DAYS", ""), config.get("SHOP_OPEN_HOURS", ""), current_locale()),
    )


def legal_notice():
    """Template global: the operator, its registration and the Ministry of Industry and Trade notice."""
    config = current_app.config
    href = public_link(config.get("MOIT_NOTICE_URL", "")) or ""
    registered = config.get("MOIT_NOTICE_KIND") == "registered"
    text = _("Registered with the Ministry of Industry and Trade") if registered else \
        _("Notified to the Ministry of Industry and Trade")
    return LegalNotice(operator=config.get("SHOP_OPERATOR", ""), registration=config.get("SHOP_REGISTRATION", ""),
                       moit_text=text if href else "", moit_href=href)


def payment_method_names():
    """Template global: the short names of the ways to pay the checkout offers now (never one not configured)."""
    return [str(method.label_for(OFFICE)) for method in offered_methods()]


def opening_hours(days, hours, locale):
    """Return "Monday – Saturday, 07:30–17:00" in `locale` from "1-6" and "07:30-17:00" ("" when unset)."""
    match = re.fullmatch(r"\s*([1-7])\s*(?:-\s*([1-7]))?\s*", days or "")
    hours = (hours or "").strip().replace("-", "–")
    if not match:
        return hours
    names = get_day_names("wide", locale=locale)  # 0 is Monday
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    span = names[first - 1] if first == last else f"{names[first - 1]} – {names[last - 1]}"
    return f"{span}, {hours}" if hours else span


def _dial(number):
    """The digits of a phone number as dialled (a leading + kept)."""
    number = (number or "").strip()
    digits = re.sub(r"\D", "", number)
    return ("+" + digits) if number.startswith("+") and digits else digits
