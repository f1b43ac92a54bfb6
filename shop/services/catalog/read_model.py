"""The storefront's read model (product_listing): kept in the transaction of every change that moves it.

A row exists exactly while its product is listed (published, producer approved) and holds what
listings filter, sort and count by: ids of producer, group and area, price, featured, the stars of
today's best rating, in stock, the newest key, the folded search text and the names for ranking. Pages read it through
shop.services.catalog.listing; the cards' data still come from the products of the page.

- A flush that touches products, certifications, a producer, or stock (its ledger rows) works the
  touched rows out again after it, in its own transaction (so every service keeps it without
  calling anything, and a rollback takes it back).
- Stars change by themselves when a rating expires or a future one comes into force: at the shop's
  midnight `refresh_due_listings` (the `refresh-listings` command, run by cron at 00:00
  Asia/Ho_Chi_Minh) works out the rows whose `stars_expire_on` has passed or whose
  `next_rating_on` has come; a stars filter also checks `stars_expire_on` itself.
- `rebuild_listings` works out every row (after an upgrade, or from the bench's COPY).
"""
from sqlalchemy import and_, case, delete, event, func, or_, select, update
from sqlalchemy.orm import Session

from shop.extensions import db
from shop.models import Certification, Producer, Product, ProductListing, ProductTranslation, StockMovement
from shop.models.statuses import CertificationStatus, ProducerStatus, ProductStatus, StockReason
from shop.services.certification.rules import CERTIFIED_MIN_STARS
from shop.services.localtime import local_today
from shop.services.stock import SOLD_OUT
from shop.services.transaction import commits

TOUCHED = "product_listing_touched"
COLUMNS = ("product_id", "producer_id", "category_id", "area_id", "price", "featured", "stars", "stars_expire_on",
           "next_rating_on", "in_stock", "newest", "search_text", "name_vi", "names")


def _ratings(day, product_ids):
    """Derived table per product: most stars in force on `day`, their first expiry, the next rating to come."""
    badge = and_(Certification.status == CertificationStatus.VERIFIED, Certification.stars >= CERTIFIED_MIN_STARS,
                 Certification.expires_on >= day)
    in_force = Certification.decision_date <= day
    statement = (
        select(Certification.product_id.label("product_id"),
               func.max(case((in_force, Certification.stars))).label("stars"),
               func.min(case((in_force, Certification.expires_on))).label("expire_on"),
               func.min(case((~in_force, Certification.decision_date))).label("next_on"))
        .where(badge).group_by(Certification.product_id)
    )
    if product_ids is not None:
        statement = statement.where(Certification.product_id.in_(product_ids))
    return statement.subquery("ratings")


def _translated_names():
    """The product's names in every other language, lower-cased, one a line ("" when it has none)."""
    names = (select(func.aggregate_strings(func.lower(ProductTranslation.name), "\n"))
             .where(ProductTranslation.product_id == Product.id, ProductTranslation.name != "")
             .scalar_subquery())
    return func.coalesce(names, "")


def _rows(day, product_ids=None):
    """SELECT the product_listing rows of the listed products (of `product_ids` when given)."""
    ratings = _ratings(day, product_ids)
    statement = (
        select(Product.id, Product.producer_id, Product.category_id, Producer.area_id, Product.price,
               Product.featured, func.coalesce(ratings.c.stars, 0), ratings.c.expire_on, ratings.c.next_on,
               Product.stock > 0, func.coalesce(Product.published_at, Product.created_at), Product.search_text,
               func.lower(Product.name_vi), _translated_names())
        .select_from(Product).join(Producer, Producer.id == Product.producer_id)
        .outerjoin(ratings, ratings.c.product_id == Product.id)
        .where(Product.status == ProductStatus.PUBLISHED, Producer.status == ProducerStatus.APPROVED)
    )
    return statement if product_ids is None else statement.where(Product.id.in_(product_ids))


def refresh_listings(connection, product_ids, day=None):
    """Work out again the rows of `product_ids` (remove those no longer listed). Does not commit."""
    product_ids = sorted(set(product_ids) - {None})
    if not product_ids:
        return
    day = day or local_today()
    table = ProductListing.__table__
    connection.execute(delete(table).where(table.c.product_id.in_(product_ids)))
    connection.execute(table.insert().from_select(COLUMNS, _rows(day, product_ids)))


def refresh_stock_state(connection, product_ids):
    """Set `in_stock` of the rows of `product_ids` from their stock on hand. Does not commit."""
    product_ids = sorted(set(product_ids) - {None})
    if product_ids:
        stock = select(Product.stock > 0).where(Product.id == ProductListing.product_id).scalar_subquery()
        connection.execute(update(ProductListing).where(ProductListing.product_id.in_(product_ids))
                           .values(in_stock=stock).execution_options(synchronize_session=False))


@commits
def rebuild_listings(day=None):
    """Work out every product_listing row again from the products. Commits."""
    db.session.execute(delete(ProductListing))
    db.session.execute(ProductListing.__table__.insert().from_select(COLUMNS, _rows(day or local_today())))


@commits
def refresh_due_listings(day=None):
    """Work out the rows whose stars change on `day` (a rating expired or come into force); return how many. Commits."""
    day = day or local_today()
    due = db.session.scalars(select(ProductListing.product_id).where(
        or_(ProductListing.stars_expire_on < day, ProductListing.next_rating_on <= day))).all()
    refresh_listings(db.session.connection(), due, day)
    return len(due)


def _touched(session):
    """(products to work out again, products whose stock moved, producers changed) in this flush."""
    products, stocked, producers = set(), set(), set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        if isinstance(obj, Product) and (obj in session.new or obj in session.deleted or session.is_modified(obj)):
            products.add(obj)  # a new product has its id only after the flush
        elif isinstance(obj, ProductTranslation):
            products.add(obj.product_id if obj.product_id is not None else obj.owner)
        elif isinstance(obj, Certification):
            products.add(obj.product_id if obj.product_id is not None else obj.product)
        elif isinstance(obj, Producer) and obj not in session.new and session.is_modified(obj):
            producers.add(obj.id)
        elif isinstance(obj, StockMovement) and obj in session.new and obj.reason != StockReason.SALE:
            stocked.add(obj.product_id)
    # A sale leaves a product in stock unless it took the last units (reserve_stock notes those).
    stocked.update(session.info.pop(SOLD_OUT, ()))
    return products, stocked, producers


def _before_flush(session, _context, _instances):
    with session.no_autoflush:
        touched = _touched(session)
    if any(touched):
        session.info[TOUCHED] = touched


def _after_flush(session, _context):
    touched = session.info.pop(TOUCHED, None)
    if touched is None:
        return
    products, stocked, producers = touched
    products = {obj.id if isinstance(obj, Product) else obj for obj in products}
    connection = session.connection()
    if producers:
        products.update(connection.scalars(select(Product.id).where(Product.producer_id.in_(producers))))
    refresh_listings(connection, products)
    refresh_stock_state(connection, stocked - products)


def _forget(session, *_args):
    session.info.pop(TOUCHED, None)


def keep_listings():
    """Listen to every session's flushes so product_listing moves with what it lists (idempotent)."""
    for name, listener in (("before_flush", _before_flush), ("after_flush_postexec", _after_flush),
                           ("after_soft_rollback", _forget)):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)

