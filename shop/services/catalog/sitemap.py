"""What the sitemap lists: every listed product and approved producer, with its last change."""
from sqlalchemy import literal, select

from shop.extensions import db
from shop.models import Producer, Product
from shop.models.statuses import ProducerStatus, ProductStatus


def sitemap_entries():
    """Return (kind, slug, last change) for every listed product and approved producer."""
    products = db.session.execute(
        select(literal("product"), Product.slug, Product.updated_at)
        .join(Product.producer)
        .where(Product.status == ProductStatus.PUBLISHED, Producer.status == ProducerStatus.APPROVED)
        .order_by(Product.id)
    ).all()
    producers = db.session.execute(
        select(literal("producer"), Producer.slug, Producer.updated_at)
        .where(Producer.status == ProducerStatus.APPROVED)
        .order_by(Producer.id)
    ).all()
    return [tuple(row) for row in products + producers]
