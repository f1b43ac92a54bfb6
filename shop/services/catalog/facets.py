"""The product sets of Decision 148 the catalogue can be narrowed to, with their numbers of listed products."""
from sqlalchemy import func, select

from shop.extensions import db
from shop.models import Product
from shop.models import ProductListing as Listing
from shop.models.product_sets import PRODUCT_SETS


def product_sets_with_counts(group=""):
    """Return the product sets (of the OCOP group `group`, or all) that have listed products, with their counts."""
    counts = dict(db.session.execute(
        select(Product.product_set, func.count()).join(Listing, Listing.product_id == Product.id)
        .group_by(Product.product_set)).all())
    return [(s, counts[s.code]) for s in PRODUCT_SETS if counts.get(s.code) and (not group or s.group == group)]
