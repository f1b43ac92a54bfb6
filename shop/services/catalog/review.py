"""The OCOP office's review of products: publish or send back, hide or show again, audited."""
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from shop.errors import InvalidInput, InvalidTransition
from shop.extensions import db
from shop.models import Producer, Product, utcnow
from shop.models.statuses import ProductStatus
from shop.services.audit import record_audit
from shop.services.catalog.search import fold

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


def product_counts():
    """Return {status: number of products} for every status."""
    counts = dict(db.session.execute(select(Product.status, func.count()).group_by(Product.status)).all())
    return {status: counts.get(status, 0) for status in tuple(ProductStatus)}


def _move(product, allowed_from, to_status, error):
    """Change the status if the product is in one of `allowed_from`; return the state before."""
    if product.status not in allowed_from:
        raise InvalidTransition(error)
    before = {"status": product.status, "review_note": product.review_note}
    product.status = to_status
    return before


def _audit(actor, product, before, note):
    record_audit(actor, "product.status", product, before,
                 {"status": product.status, "review_note": product.review_note}, note)


def publish_product(product, actor):
    """Publish a product waiting for review: it is listed in the shop from now on."""
    before = _move(product, (ProductStatus.PENDING_REVIEW,), ProductStatus.PUBLISHED,
                   _("Only a product waiting for review can be published."))
    product.published_at = utcnow()
    product.review_note = ""
    _audit(actor, product, before, "")
    db.session.commit()
    return product


def reject_product(product, actor, note):
    """Send a product waiting for review back to its producer as a draft, with what to fix."""
    note = (note or "").strip()
    if not note:
        raise InvalidInput(_("Tell the producer what to change."))
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(_("The note is too long (at most %(n)d characters).", n=MAX_NOTE_LENGTH))
    before = _move(product, (ProductStatus.PENDING_REVIEW,), ProductStatus.DRAFT,
                   _("Only a product waiting for review can be sent back."))
    product.review_note = note
    _audit(actor, product, before, note)
    db.session.commit()
    return product


def hide_product(product, actor, note=""):
    """Take a published product off the shop."""
    note = (note or "").strip()[:MAX_NOTE_LENGTH]
    before = _move(product, (ProductStatus.PUBLISHED,), ProductStatus.HIDDEN,
                   _("Only a published product can be hidden."))
    _audit(actor, product, before, note)
    db.session.commit()
    return product


def unhide_product(product, actor):
    """Put a hidden product back in the shop."""
    before = _move(product, (ProductStatus.HIDDEN,), ProductStatus.PUBLISHED,
                   _("Only a hidden product can be shown again."))
    product.published_at = product.published_at or utcnow()
    _audit(actor, product, before, "")
    db.session.commit()
    return product
