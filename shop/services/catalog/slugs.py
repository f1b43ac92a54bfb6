"""Readable, unique URL slugs made from Vietnamese names ("Chả mực Hạ Long" → "cha-muc-ha-long")."""
import re

from sqlalchemy import or_, select

from shop.extensions import db
from shop.services.catalog.search import fold

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text, max_length=120):
    """Return a slug of `text`: folded, words joined by hyphens, at most `max_length` characters."""
    slug = _NOT_SLUG.sub("-", fold(text)).strip("-")
    return slug[:max_length].strip("-") or "item"


def unique_slug(model, text, max_length=120):
    """Return a slug of `text` no row of `model` uses yet (adding -2, -3… when taken)."""
    base = slugify(text, max_length - 5)
    taken = set(db.session.scalars(select(model.slug).where(or_(model.slug == base, model.slug.like(f"{base}-%")))))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"
