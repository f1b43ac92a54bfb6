"""The kinds a product's facts are told in (storage, air travel, sending abroad, allergens, net unit).

They are labelled enums like every status and kind, re-exported by ``shop.models.statuses`` (import
them from there) and kept in this module only so that statuses.py stays within the module size.
"""
from flask_babel import lazy_gettext as _l

from shop.models.enums import CUSTOMER, PRODUCER, LabelledEnum


class NetUnit(LabelledEnum):
    """What a product's net quantity counts: grams of a solid, millilitres of a liquid."""

    GRAM = "g"
    MILLILITRE = "ml"

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {GRAM: _l("grams (g)"), MILLILITRE: _l("millilitres (ml)")}


class Storage(LabelledEnum):
    """How a product keeps: on a shelf, somewhere cool and dry, in a fridge or in a freezer."""

    ROOM = "room"  # room temperature
    COOL_DRY = "cool_dry"  # cool, dry, out of the sun
    CHILLED = "chilled"  # refrigerated, 0–5 °C
    FROZEN = "frozen"  # −18 °C or colder

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {
        ROOM: _l("At room temperature"),
        COOL_DRY: _l("In a cool, dry place, out of the sun"),
        CHILLED: _l("In the fridge (0–5 °C)"),
        FROZEN: _l("Frozen (−18 °C or colder)"),
    }

    @property
    def needs_cold(self):
        """Whether the product must travel cold (it cannot ride in a suitcase for a day)."""
        return self in (Storage.CHILLED, Storage.FROZEN)


class AirTravel(LabelledEnum):
    """Whether a traveller may take the product on a plane, and in which bag."""

    CABIN = "cabin"  # hand luggage too
    CHECKED = "checked"  # checked baggage only (a liquid over 100 ml, a knife…)
    NO = "no"  # not on a plane (it spoils without a fridge, or airlines refuse it)

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {
        CABIN: _l("Yes, also in hand luggage"),
        CHECKED: _l("In checked baggage only"),
        NO: _l("Not suitable for a flight"),
    }


class SendingAbroad(LabelledEnum):
    """Whether the product may be posted to another country."""

    YES = "yes"
    CHECK = "check"  # many countries restrict it (meat, eggs, alcohol, plants): check the destination's rules
    NO = "no"  # it spoils on the way, or it may not leave Vietnam

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {
        YES: _l("Yes"),
        CHECK: _l("Depends on the country: check its import rules"),
        NO: _l("No"),
    }


class Allergen(LabelledEnum):
    """The allergens a food label must name (Decree 111/2021/NĐ-CP, as in the Codex list), and a few more."""

    NONE = "none"  # the producer states there is none of the others
    GLUTEN = "gluten"
    CRUSTACEANS = "crustaceans"
    MOLLUSCS = "molluscs"
    FISH = "fish"
    EGGS = "eggs"
    PEANUTS = "peanuts"
    SOY = "soy"
    MILK = "milk"
    TREE_NUTS = "tree_nuts"
    SESAME = "sesame"
    SULPHITES = "sulphites"

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {
        NONE: _l("None of the usual allergens"), GLUTEN: _l("Cereals containing gluten"),
        CRUSTACEANS: _l("Crustaceans (shrimp, crab)"), MOLLUSCS: _l("Molluscs (squid, oyster, clam)"),
        FISH: _l("Fish"), EGGS: _l("Eggs"), PEANUTS: _l("Peanuts"), SOY: _l("Soy"), MILK: _l("Milk"),
        TREE_NUTS: _l("Tree nuts"), SESAME: _l("Sesame"), SULPHITES: _l("Sulphites"),
    }


FACT_ENUMS = (NetUnit, Storage, AirTravel, SendingAbroad, Allergen)
