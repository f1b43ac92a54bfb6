"""The storefront: product listing, product and producer pages, sitemap and robots.txt."""
from flask import Blueprint

from shop.services.catalog.listing import availability, public_link

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("availability")
def availability_filter(product):
    """What a shopper is told about a product's stock (see shop.services.catalog.listing.availability)."""
    return availability(product)


@bp.app_template_filter("public_link")
def public_link_filter(url):
    """A web address safe to link to, or "" (see shop.services.catalog.listing.public_link)."""
    return public_link(url)


from shop.catalog import routes  # noqa: E402,F401
