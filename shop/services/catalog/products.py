"""A producer's own listings: products, their status, photos, stock and certificate submissions.

Every function takes the signed-in user's producer and looks rows up through it, so an id
that belongs to another producer is simply not found.
"""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.extensions import db
from shop.models import Category, Certification, Product, ProductImage, StockMovement
from shop.models.product_sets import BY_CODE
from shop.models.statuses import PRODUCER, CertificationStatus, ProductStatus
from shop.models.translations import PRODUCT_TEXTS, translated_fields
from shop.services.audit import record_audit
from shop.services.catalog import actions
from shop.services.catalog.facts import apply_facts, clean_facts
from shop.services.catalog.search import refresh_search_text
from shop.services.catalog.slugs import unique_slug
from shop.services.certification.rules import expiry_for
from shop.services.localtime import local_today
from shop.services.media.storage import remove_media, saved_media, store_document, store_picture
from shop.services.media.uploads import check_pdf, is_pdf, open_picture, read_upload
from shop.services.moves import move
from shop.services.producers.profiles import require_approved
from shop.services.stock import adjust_stock, record_initial_stock
from shop.services.transaction import commits, transaction

TEXT_FIELDS = ("name_vi", "description_vi", "unit_vi", *translated_fields(PRODUCT_TEXTS))
# The longest text of each field, in any language (the columns' sizes; a description is bounded by the form).
TEXT_LIMITS = {"name": 200, "unit": 60, "description": 10_000}
# The largest price a product may have: far above any OCOP product, far below the column's limit.
MAX_PRICE = 1_000_000_000
MAX_STOCK = 1_000_000
MAX_PHOTOS = 8


def categories():
    """Return the OCOP product groups in their usual order."""
    return db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()


def own_product(producer, product_id):
    """Return the producer's product `product_id`; NotFound when it is not theirs."""
    product = db.session.scalar(select(Product).where(Product.id == product_id, Product.producer_id == producer.id))
    if product is None:
        raise NotFound(_("Product not found."))
    return product


def producer_products(producer):
    """Return the producer's products, newest first."""
    return db.session.scalars(
        select(Product).where(Product.producer_id == producer.id).options(selectinload(Product.images))
        .order_by(Product.created_at.desc(), Product.id.desc())
    ).all()


@commits
def create_product(producer, actor, values, opening_stock=0):
    """Create a draft product with its opening stock in the ledger and return it. Commits."""
    require_approved(producer)
    cleaned, facts = _clean_product(values), clean_facts(values)
    opening_stock = _whole_number(opening_stock, 0, MAX_STOCK, "opening_stock",
                                  _("The opening stock must be a whole number from 0 to %(n)d.", n=MAX_STOCK))
    product = Product(producer=producer, slug=unique_slug(Product, cleaned["name_vi"], 140), status=ProductStatus.DRAFT,
                      stock=opening_stock, **cleaned)
    apply_facts(product, facts)
    db.session.add(product)
    db.session.flush()
    record_initial_stock(product, actor)
    refresh_search_text(product)
    return product


@commits
def update_product(producer, product_id, actor, values):
    """Change a product's texts, facts, category, price and threshold; its status stays; a price change is audited.

    Commits.
    """
    require_approved(producer)
    product = own_product(producer, product_id)
    cleaned, facts = _clean_product(values), clean_facts(values)
    if cleaned["price"] != product.price:
        record_audit(actor, "product.price", product, {"price": product.price}, {"price": cleaned["price"]})
    for name, value in cleaned.items():
        setattr(product, name, value)
    apply_facts(product, facts)
    refresh_search_text(product)
    return product


def allowed_actions(product):
    """Return the status actions the producer may take on `product` now."""
    return actions.allowed_actions(product, PRODUCER)


@commits
def change_status(producer, product_id, action, actor):
    """Submit a draft for review, hide a published product or show a hidden one again. Commits."""
    require_approved(producer)
    product = own_product(producer, product_id)
    if action not in actions.PRODUCT_ACTIONS:
        raise InvalidTransition(_("This product cannot do that in its present state."))
    chosen = actions.require_action(product, action, PRODUCER, _("This product cannot do that in its present state."))
    if action == "submit" and not product.images:
        raise InvalidInput(_("Add at least one photo before submitting the product for review."))
    move(product, chosen.to, actor)
    return product


def add_photo(producer, product_id, stream):
    """Check an uploaded picture, store it re-encoded (display size and thumbnail) and list it last. Commits.

    A media store that refuses the file gives StorageUnavailable, with no row and no file left behind.
    """
    require_approved(producer)
    product = own_product(producer, product_id)
    if len(product.images) >= MAX_PHOTOS:
        raise InvalidInput(_("A product has at most %(n)d photos.", n=MAX_PHOTOS))
    picture = open_picture(read_upload(stream))
    with saved_media(_("The photo could not be saved, try again later."), "photo") as saved:
        with transaction():
            filename, thumb, width, height = store_picture(picture)
            saved += [filename, thumb]
            position = max((image.position for image in product.images), default=-1) + 1
            image = ProductImage(product=product, filename=filename, thumb_filename=thumb, width=width,
                                 height=height, position=position, alt_vi=product.name_vi, alt_en=product.name_en)
            db.session.add(image)
    return image


def delete_photo(producer, product_id, image_id):
    """Remove one of a product's photos and its files. Commits."""
    require_approved(producer)
    image = _own_image(producer, product_id, image_id)
    files = (image.filename, image.thumb_filename)
    with transaction():
        db.session.delete(image)
    remove_media(*files)


@commits
def make_main_photo(producer, product_id, image_id):
    """Put one photo first (the one the shop shows on cards). Commits."""
    require_approved(producer)
    image = _own_image(producer, product_id, image_id)
    ordered = [image] + [other for other in image.product.images if other.id != image.id]
    for position, each in enumerate(ordered):
        each.position = position


def adjust_product_stock(producer, product_id, quantity, reason, actor, note=""):
    """Apply a stock adjustment with its reason through the stock service. Commits (nothing on refusal)."""
    require_approved(producer)
    product = own_product(producer, product_id)
    quantity = _whole_number(quantity, -MAX_STOCK, MAX_STOCK, "quantity",
                             _("The quantity must be a whole number from -%(n)d to %(n)d.", n=MAX_STOCK))
    with transaction():
        adjust_stock(product, quantity, reason, actor, note.strip())
    return product


def stock_ledger(product, limit=200):
    """Return a product's latest stock movements, newest first, with who made them."""
    return db.session.scalars(
        select(StockMovement).where(StockMovement.product_id == product.id).options(selectinload(StockMovement.actor))
        .order_by(StockMovement.created_at.desc(), StockMovement.id.desc()).limit(limit)
    ).all()


def submit_certification(producer, product_id, decision_number, decision_date, stream, actor):
    """Send a product's OCOP decision and its scan (PDF or picture) to the office; stars stay unset.

    Only an administrator records the stars, after checking the decision. Commits; a media store
    that refuses the scan gives StorageUnavailable, with no row and no file left behind.
    """
    require_approved(producer)
    product = own_product(producer, product_id)
    decision_number = (decision_number or "").strip()
    if not decision_number or len(decision_number) > 80:
        raise InvalidInput(_("Give the decision number (at most 80 characters)."), field="decision_number")
    if not isinstance(decision_date, date) or decision_date > local_today():
        raise InvalidInput(_("Give the decision date (not in the future)."), field="decision_date")
    document, picture = _checked_scan(read_upload(stream))
    with saved_media(_("The scan could not be saved, try again later."), "scan") as saved:
        with transaction():
            if document is not None:
                saved.append(store_document(document, "certificates", "pdf"))
            else:
                saved.extend(store_picture(picture, folder="certificates")[:2])
            certification = Certification(
                product=product, stars=None, decision_number=decision_number, decision_date=decision_date,
                expires_on=expiry_for(decision_date), scan_filename=saved[0],
                status=CertificationStatus.SUBMITTED, submitted_by_id=actor.id,
            )
            db.session.add(certification)
    return certification


def _checked_scan(data):
    """Return (pdf bytes, None) or (None, picture) for a sound scan; refuse anything else on the scan field."""
    if is_pdf(data):
        check_pdf(data)
        return data, None
    try:
        return None, open_picture(data)
    except InvalidInput:
        raise InvalidInput(_("The scan must be a PDF document or a JPEG, PNG or WebP picture."),
                           field="scan") from None


def producer_certifications(producer):
    """Return the certifications of the producer's products, newest decision first."""
    return db.session.scalars(
        select(Certification).join(Product).options(contains_eager(Certification.product))
        .where(Product.producer_id == producer.id)
        .order_by(Certification.decision_date.desc(), Certification.id.desc())
    ).all()


def low_stock_count(producer):
    """Return how many of the producer's listed products are at or below their low-stock threshold."""
    return db.session.scalar(select(func.count(Product.id)).where(*_low_stock_filter(producer)))


def low_stock_products(producer, limit=20):
    """Return the producer's products at or below their low-stock threshold, emptiest first."""
    return db.session.scalars(
        select(Product).where(*_low_stock_filter(producer)).order_by(Product.stock, Product.id).limit(limit)
    ).all()


def _low_stock_filter(producer):
    return (Product.producer_id == producer.id, Product.stock <= Product.low_stock_threshold,
            Product.status != ProductStatus.HIDDEN)


def _own_image(producer, product_id, image_id):
    product = own_product(producer, product_id)
    image = next((image for image in product.images if image.id == image_id), None)
    if image is None:
        raise NotFound(_("Photo not found."))
    return image


def _clean_product(values):
    cleaned = {name: (values.get(name) or "").strip() for name in TEXT_FIELDS}
    if not cleaned["name_vi"]:
        raise InvalidInput(_("Give the product name (at most 200 characters)."), field="name_vi")
    _check_lengths(cleaned)
    category_id = values.get("category_id")
    category = db.session.get(Category, category_id) if isinstance(category_id, int) else None
    if category is None:
        raise InvalidInput(_("Choose a product group."), field="category_id")
    cleaned["category"] = category
    cleaned["product_set"] = _product_set_of(values.get("product_set"), category)
    cleaned["price"] = _whole_number(values.get("price"), 1, MAX_PRICE, "price",
                                     _("The price must be a whole number of đồng, from 1 to %(max)s.",
                                       max=f"{MAX_PRICE:,}".replace(",", ".")))
    cleaned["low_stock_threshold"] = _whole_number(
        values.get("low_stock_threshold"), 0, MAX_STOCK, "low_stock_threshold",
        _("The low-stock threshold must be a whole number from 0 to %(n)d.", n=MAX_STOCK))
    return cleaned


def _check_lengths(cleaned):
    """Raise InvalidInput on the first text, in any language, longer than its field allows."""
    messages = {"name": _("Give the product name (at most 200 characters)."),
                "unit": _("The unit has at most 60 characters."),
                "description": _("The description has at most %(n)d characters.", n=TEXT_LIMITS["description"])}
    for name in TEXT_FIELDS:
        field = name.rsplit("_", 1)[0]
        if len(cleaned[name]) > TEXT_LIMITS[field]:
            raise InvalidInput(messages[field], field=name)


def _product_set_of(code, category):
    """Return the product set `code` when it lies inside `category` ("" or None: none chosen). Raise InvalidInput."""
    if not code:
        return None
    product_set = BY_CODE.get(code)
    if product_set is None or product_set.group != category.slug:
        raise InvalidInput(_("Choose a product set of the group %(group)s.", group=category.name_vi),
                           field="product_set")
    return product_set.code


def _whole_number(value, low, high, field, message):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(message, field=field)
    return value
