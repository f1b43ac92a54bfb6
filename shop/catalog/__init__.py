"""The storefront: product listing, product and producer pages, sitemap and robots.txt."""
from flask import Blueprint

from shop.services.catalog.listing import availability, public_link
from shop.services.certification.levels import LEVELS, ocop_level

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("availability")
def availability_filter(product):
    """What a shopper is told about a product's stock (see shop.services.catalog.listing.availability)."""
    return availability(product)


@bp.app_template_filter("public_link")
def public_link_filter(url):
    """A web address safe to link to, or "" (see shop.services.catalog.listing.public_link)."""
    return public_link(url)


# The OCOP levels (word, colour, meaning) for the star badge macro, on every page that shows one.
bp.add_app_template_global(ocop_level)
bp.add_app_template_global(LEVELS, "ocop_levels")

from shop.catalog import routes  # noqa: E402,F401
