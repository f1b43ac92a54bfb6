"""Suggestions as a shopper types: a few listed products for the words so far, forgiving typos and spaces."""
from dataclasses import dataclass

from shop.i18n import localized
from shop.services.catalog.listing import CatalogFilter, clean_query, list_products
from shop.services.catalog.search import fold
from shop.services.certification.rules import badge_stars

MAX_SUGGESTIONS = 6
MIN_LETTERS = 2  # one letter matches half the catalogue


@dataclass(frozen=True)
class Suggestion:
    """One product offered under the search box."""

    slug: str
    name: str
    producer: str
    stars: int | None


def suggest(query, locale, day=None):
    """Return (the query as read, "did you mean" words or "", up to MAX_SUGGESTIONS Suggestions)."""
    query = clean_query(query)
    if len(fold(query).replace(" ", "")) < MIN_LETTERS:
        return query, "", []
    page = list_products(CatalogFilter(q=query, per_page=MAX_SUGGESTIONS), day=day, forgive=True)
    return query, page.suggestion, [
        Suggestion(product.slug, localized(product, "name", locale), product.producer.name,
                   badge_stars(product.certifications, day))
        for product in page.items]
