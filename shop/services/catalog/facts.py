"""A product's facts: checked when a producer states them, told to shoppers as rows and to search engines as data.

The producer states them in the portal's product form; nothing here commits (the product's own save
does). Every number is bounded by the limits of shop.models.facts, every kind is one of its enum's values.
"""
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from shop.errors import InvalidInput
from shop.i18n import localized
from shop.models.facts import MAX_INGREDIENTS, MAX_NET_QUANTITY, MAX_SHELF_LIFE_DAYS, MAX_SHIPPING_WEIGHT, ProductFacts
from shop.models.product_kinds import AirTravel, Allergen, NetUnit, SendingAbroad, Storage
from shop.models.statuses import DeliveryMethod

FACT_FIELDS = ("ingredients_vi", "ingredients_en", "net_quantity", "net_unit", "shipping_weight_g",
               "shelf_life_days", "storage", "allergens", "air_travel", "sending_abroad")
_KINDS = {"net_unit": NetUnit, "storage": Storage, "air_travel": AirTravel, "sending_abroad": SendingAbroad}
_NUMBERS = {"net_quantity": MAX_NET_QUANTITY, "shipping_weight_g": MAX_SHIPPING_WEIGHT,
            "shelf_life_days": MAX_SHELF_LIFE_DAYS}


@dataclass(frozen=True)
class Fact:
    """One row of a product's facts table: what it is (`key`), its label and the value in words."""

    key: str
    label: str
    value: str


def clean_facts(values):
    """Return the facts in `values` (the form's plain values) as column values; raise InvalidInput on its field."""
    cleaned = {}
    for name in ("ingredients_vi", "ingredients_en"):
        cleaned[name] = (values.get(name) or "").strip()
        if len(cleaned[name]) > MAX_INGREDIENTS:
            raise InvalidInput(_("The ingredients have at most %(n)d characters.", n=MAX_INGREDIENTS), field=name)
    for name, high in _NUMBERS.items():
        cleaned[name] = _bounded(values.get(name), high, name)
    for name, enum in _KINDS.items():
        cleaned[name] = _kind(values.get(name), enum, name)
    if (cleaned["net_quantity"] is None) != (cleaned["net_unit"] is None):
        raise InvalidInput(_("Give the net quantity together with its unit (grams or millilitres)."),
                           field="net_quantity")
    if (cleaned["net_unit"] == NetUnit.GRAM and cleaned["shipping_weight_g"] is not None
            and cleaned["shipping_weight_g"] < cleaned["net_quantity"]):
        raise InvalidInput(_("The shipping weight (packed) cannot be less than the net weight."),
                           field="shipping_weight_g")
    cleaned["allergens"] = _allergens(values.get("allergens"))
    return cleaned


def _bounded(value, high, field):
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise InvalidInput(_("Enter a whole number from 1 to %(n)d, or leave it empty.", n=high), field=field)
    return value


def _kind(value, enum, field):
    if value in (None, ""):
        return None
    if value not in enum.values():
        raise InvalidInput(_("Choose one of the listed answers."), field=field)
    return enum(value).value


def _allergens(codes):
    codes = [code for code in (codes or []) if code]
    if any(code not in Allergen.values() for code in codes):
        raise InvalidInput(_("Choose one of the listed answers."), field="allergens")
    if Allergen.NONE in codes and len(codes) > 1:
        raise InvalidInput(_("Tick “none” alone, or the allergens the product contains."), field="allergens")
    return " ".join(member.value for member in Allergen if member.value in codes)


def apply_facts(product, cleaned):
    """Set `product`'s facts to `cleaned` (from clean_facts), adding its row when it has none. Does not commit."""
    facts = product.facts
    if facts is None:
        if not any(cleaned.values()):
            return None
        facts = product.facts = ProductFacts()
    for name, value in cleaned.items():
        setattr(facts, name, value)
    return facts


def form_values(product):
    """Return the stated facts of `product` for the portal's form (empty ones when it has none)."""
    facts = product.facts
    values = {name: getattr(facts, name) if facts is not None else None for name in FACT_FIELDS}
    values["allergens"] = (values["allergens"] or "").split()
    return values


def _grams(grams):
    if grams >= 1000:
        return _("%(kg)s kg", kg=f"{grams / 1000:.2f}".rstrip("0").rstrip("."))
    return _("%(g)d g", g=grams)


def _net(facts):
    if facts.net_unit == NetUnit.MILLILITRE:
        if facts.net_quantity >= 1000:
            return _("%(l)s l", l=f"{facts.net_quantity / 1000:.2f}".rstrip("0").rstrip("."))
        return _("%(ml)d ml", ml=facts.net_quantity)
    return _grams(facts.net_quantity)


def shelf_life_text(days):
    """Say a shelf life the way a label does: in years, months or days."""
    if days % 365 == 0:
        return ngettext("%(num)d year", "%(num)d years", days // 365)
    if days >= 60 and days % 30 == 0:
        return ngettext("%(num)d month", "%(num)d months", days // 30)
    return ngettext("%(num)d day", "%(num)d days", days)


def describe(facts, locale):
    """Return the stated facts as Fact rows in the order a shopper reads them ([] when none is stated)."""
    if facts is None:
        return []
    rows = []
    ingredients = localized(facts, "ingredients", locale) or facts.ingredients_en
    if ingredients:
        rows.append(Fact("ingredients", _("Ingredients"), ingredients))
    if facts.allergens:
        rows.append(Fact("allergens", _("Allergens"), ", ".join(str(a.customer_label) for a in facts.allergen_list)))
    if facts.net_quantity:
        label = _("Net volume") if facts.net_unit == NetUnit.MILLILITRE else _("Net weight")
        rows.append(Fact("net", label, _net(facts)))
    if facts.shipping_weight_g:
        rows.append(Fact("shipping_weight", _("Weight packed (for your luggage)"), _grams(facts.shipping_weight_g)))
    if facts.shelf_life_days:
        rows.append(Fact("shelf_life", _("Shelf life"), shelf_life_text(facts.shelf_life_days)))
    for key, label, kind in (("storage", _("Storage"), facts.storage_kind),
                             ("air_travel", _("On a plane"), facts.air_travel_kind),
                             ("sending_abroad", _("Can be sent abroad"), facts.sending_abroad_kind)):
        if kind is not None:
            rows.append(Fact(key, label, str(kind.customer_label)))
    return rows


def delivery_estimates(facts=None):
    """Return (destination label, days in words) for each delivered method, from the shop's delivery windows.

    A product kept cold (its storage chilled or frozen) gets a row more: it travels packed with ice.
    """
    estimates = []
    cold = facts is not None and facts.storage_kind is not None and facts.storage_kind.needs_cold
    for method, setting in ((DeliveryMethod.PROVINCE, "DELIVERY_DAYS_PROVINCE"),
                            (DeliveryMethod.NATIONWIDE, "DELIVERY_DAYS_NATIONWIDE")):
        fastest, slowest = current_app.config[setting]
        slowest = max(fastest, slowest)
        days = (ngettext("%(num)d day", "%(num)d days", fastest) if fastest == slowest
                else _("%(fastest)d–%(slowest)d days", fastest=fastest, slowest=slowest))
        estimates.append((method.customer_label, days))
    if cold:
        estimates.append((_("Kept cold"), _("packed with ice; order it near the end of your stay")))
    return estimates
