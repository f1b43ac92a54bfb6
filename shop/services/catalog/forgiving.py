"""Search that forgives: when no product has every word, the close ones (a typo, a missing or extra space).

Asked only after the exact search found nothing, on the read model alone (product_listing.search_text):
- a typo: pg_trgm's word similarity of the folded query to the text is at least CLOSE_ENOUGH ("cha muk"
  finds "cha muc", 0.75). PostgreSQL answers through the trigram index (`<%`, whose default threshold is
  the same 0.6); SQLite through the same function in Python (shop.services.catalog.trigrams);
- spacing: the query without spaces inside the text without spaces ("chamuc" in "chamuchalong…").
"Did you mean" offers the words of the best match's name that are closest to the query.
"""
from sqlalchemy import case, func, literal, or_

from shop.extensions import db
from shop.models import ProductListing as Listing
from shop.services.catalog.search import fold
from shop.services.catalog.trigrams import similarity

CLOSE_ENOUGH = 0.6  # pg_trgm.word_similarity_threshold's default
MIN_JOINED = 4  # a query shorter than this without spaces is not searched without spaces


def _similar(query):
    score = func.word_similarity(query, Listing.search_text)
    if db.session.get_bind().dialect.name == "postgresql":
        return literal(query).op("<%")(Listing.search_text), score  # served by the trigram index
    return score >= CLOSE_ENOUGH, score


def _joined(terms):
    joined = "".join(terms)
    return func.replace(Listing.search_text, " ", "").contains(joined, autoescape=True) \
        if len(joined) >= MIN_JOINED else None


def close_match(terms):
    """The condition on product_listing that a row is close to the folded `terms` (typo or spacing)."""
    condition, _score = _similar(" ".join(terms))
    joined = _joined(terms)
    return condition if joined is None else or_(condition, joined)


def closeness(terms):
    """How close a row is to `terms`, for ordering: its word similarity, plus one when it matches without spaces."""
    _condition, score = _similar(" ".join(terms))
    joined = _joined(terms)
    return score if joined is None else score + case((joined, 1), else_=0)


def did_you_mean(query, product):
    """Return the words of `product`'s names closest to `query` ("cha muk" → "chả mực"), or ""."""
    folded = fold(query)
    best, best_score = "", 0.0
    for name in (product.name_vi, product.name_en):
        words = (name or "").split()
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + 6) + 1):
                words_here = " ".join(words[start:end])
                score = similarity(folded, fold(words_here))
                if score > best_score:
                    best, best_score = words_here, score
    return best.lower() if best_score >= CLOSE_ENOUGH / 2 and fold(best) != folded else ""
