"""The OCOP office's review of products: publish or send back, hide or show again, audited."""
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from shop.errors import InvalidInput
from shop.extensions import db
from shop.models import Producer, Product
from shop.models.statuses import OFFICE, ProductStatus
from shop.services.catalog.actions import allowed_actions, require_action
from shop.services.catalog.search import fold
from shop.services.moves import move
from shop.services.transaction import commits

MAX_NOTE_LENGTH = 500


def products_query(status=None, q="", producer_id=None):
    """Return a select of products by status, folded search text or producer; oldest waiting first."""
    query = (select(Product).join(Producer, Producer.id == Product.producer_id)
             .options(selectinload(Product.certifications)))
    if status in tuple(ProductStatus):
        query = query.where(Product.status == status)
    if producer_id:
        query = query.where(Product.producer_id == producer_id)
    for word in fold(q).split()[:10]:
        query = query.where(or_(Product.search_text.contains(word, autoescape=True),
                                Product.slug.contains(word, autoescape=True)))
    oldest_first = status == ProductStatus.PENDING_REVIEW
    return query.order_by(Product.updated_at.asc() if oldest_first else Product.updated_at.desc(), Product.id)


def producer_products(producer_id):
    """Return every product of one producer, as the office lists them."""
    return db.session.scalars(products_query(producer_id=producer_id)).all()


def product_counts():
    """Return {status: number of products} for every status."""
    counts = dict(db.session.execute(select(Product.status, func.count()).group_by(Product.status)).all())
    return {status: counts.get(status, 0) for status in tuple(ProductStatus)}


@commits
def _act(product, name, actor, note="", changes=None):
    """Take the office's action `name` on `product` through the one move function. Commits."""
    action = require_action(product, name, OFFICE)
    move(product, action.to, actor, note, changes=changes)
    return product


@commits
def publish_product(product, actor):
    """Publish a product waiting for review: it is listed in the shop from now on Commits."""
    return _act(product, "publish", actor, changes={"review_note": ""})


@commits
def reject_product(product, actor, note):
    """Send a product waiting for review back to its producer as a draft, with what to fix. Commits."""
    note = (note or "").strip()
    if not note:
        raise InvalidInput(_("Tell the producer what to change."))
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(_("The note is too long (at most %(n)d characters).", n=MAX_NOTE_LENGTH))
    return _act(product, "reject", actor, note, changes={"review_note": note})


@commits
def hide_product(product, actor, note=""):
    """Take a published product off the shop Commits."""
    return _act(product, "hide", actor, (note or "").strip()[:MAX_NOTE_LENGTH])


@commits
def unhide_product(product, actor):
    """Put a hidden product back in the shop Commits."""
    return _act(product, "unhide", actor)


def office_actions(product):
    """Return the status actions the office may take on `product` now (the product page's buttons)."""
    return allowed_actions(product, OFFICE)
