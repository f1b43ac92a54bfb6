"""The storefront: product listing, product and producer pages, sitemap and robots.txt."""
from flask import Blueprint

from shop.services.catalog import availability

bp = Blueprint("catalog", __name__)


@bp.app_template_filter("availability")
def availability_filter(product):
    """What a shopper is told about a product's stock (see shop.services.catalog.availability)."""
    return availability(product)


from shop.catalog import routes  # noqa: E402,F401
