"""The public catalogue: the one query that lists products, their filters, sorting and search.

Only published products of approved producers are ever shown. Raw query arguments are
turned into a `CatalogFilter` here (nonsense is ignored or clamped, never an error), so
the shop pages and the JSON API list exactly the same products.
"""
import re
import unicodedata
from dataclasses import asdict, dataclass, replace

from sqlalchemy import case, func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from shop.errors import NotFound
from shop.extensions import db
from shop.models import Area, Category, Producer, Product
from shop.models import ProductListing as Listing
from shop.models.product_sets import BY_CODE
from shop.models.statuses import ProducerStatus, ProductStatus
from shop.services.catalog import forgiving
from shop.services.catalog.search import search_terms
from shop.services.certification.rules import CERTIFIED_MIN_STARS, current_certification, lapsed_certification
from shop.services.localtime import local_today

SORT_FEATURED = "featured"  # featured first, then stars, then newest (the default)
SORT_PRICE_ASC = "price_asc"  # cheapest first
SORT_PRICE_DESC = "price_desc"  # dearest first
SORT_NEWEST = "newest"  # most recently published first
SORT_STARS = "stars"  # most OCOP stars first
SORT_RELEVANCE = "relevance"  # a search without an explicit sort: best matches first
SORTS = (SORT_FEATURED, SORT_PRICE_ASC, SORT_PRICE_DESC, SORT_NEWEST, SORT_STARS)

MAX_QUERY_LENGTH = 200
MAX_PRICE = 1_000_000_000  # one billion đồng: above any OCOP product
MAX_PAGE = 10_000
COUNT_CAP = 1_000  # products counted exactly; beyond, a listing says "1,000+"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_PRICE_NOISE = re.compile(r"[\s.,_₫đ]|vnd", re.IGNORECASE)
_SPACES = re.compile(r"\s+")

STOCK_IN = "in_stock"  # plenty left
STOCK_LOW = "low_stock"  # only a few left (at or below the product's threshold)
STOCK_SOLD_OUT = "sold_out"  # none left: cannot be added to a cart


@dataclass(frozen=True)
class CatalogFilter:
    """A clean set of listing filters; build one with `parse_filters`."""

    q: str = ""
    category: str = ""
    product_set: str = ""
    stars: int | None = None
    area: str = ""
    min_price: int | None = None
    max_price: int | None = None
    sort: str = ""
    page: int = 1
    per_page: int = 24

    @property
    def effective_sort(self):
        """The order used: the chosen sort, else relevance for a search, else featured."""
        if self.sort:
            return self.sort
        return SORT_RELEVANCE if self.terms else SORT_FEATURED

    @property
    def terms(self):
        """The folded search words."""
        return search_terms(self.q, max_length=MAX_QUERY_LENGTH)

    @property
    def is_filtered(self):
        """Whether anything narrows the listing (a search or a filter)."""
        return bool(self.terms or self.category or self.product_set or self.stars or self.area
                    or self.min_price is not None or self.max_price is not None)

    def as_args(self, **changes):
        """Return the non-empty query arguments (without the page) that reproduce this filter."""
        values = asdict(replace(self, **changes))
        values.pop("per_page")
        if values["page"] == 1:
            values.pop("page")
        return {key: value for key, value in values.items() if value not in ("", None)}

    def without(self, *names):
        """Return the query arguments with `names` removed (for "remove this filter" links)."""
        return {key: value for key, value in self.as_args(page=1).items() if key not in names}


@dataclass(frozen=True)
class ProductPage:
    """One page of a listing: the products and where it sits in the whole result."""

    items: list
    total: int
    page: int
    per_page: int
    more: bool = False  # more products match than `total` (a capped count)
    forgiven: bool = False  # no product had every word: these are close matches (shop.services.catalog.forgiving)
    suggestion: str = ""  # "did you mean": the closest words of the best close match's name

    @property
    def pages(self):
        """How many pages the whole result fills (at least one)."""
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class Availability:
    """What a shopper may be told about a product's stock."""

    state: str
    left: int

    @property
    def can_buy(self):
        return self.state != STOCK_SOLD_OUT


def _first(args, name):
    value = args.get(name) if hasattr(args, "get") else None
    return value.strip() if isinstance(value, str) else ""


def _int_in(text, low, high):
    """Return `text` as an int clamped to [low, high], or None when it is not a whole number."""
    if not text or len(text) > 64 or not text.isascii() or not text.lstrip("-").isdigit():
        return None
    return min(max(int(text), low), high)


def _price(text):
    """Read a price the way people type it ("85000", "85.000", "85,000 ₫"); None when it is not one."""
    cleaned = _PRICE_NOISE.sub("", text or "")
    if not cleaned or len(cleaned) > 64 or not cleaned.isascii() or not cleaned.isdigit():
        return None
    return min(int(cleaned), MAX_PRICE)


def _slug(text):
    text = text.lower()
    return text if _SLUG.match(text) else ""


def _product_set(text):
    code = _slug(text)
    return code if code in BY_CODE else ""


def clean_query(text):
    """Trim a search query to a sane length, one space between words, NFC-composed."""
    text = unicodedata.normalize("NFC", (text or "")[: MAX_QUERY_LENGTH * 2])
    return _SPACES.sub(" ", text).strip()[:MAX_QUERY_LENGTH]


def parse_filters(args, per_page=24, max_per_page=None):
    """Turn raw query arguments (request.args or a dict) into a CatalogFilter.

    Nothing here raises: an unreadable value is ignored, an out-of-range one clamped.
    `per_page` is read from the arguments only when `max_per_page` is given (the API).
    """
    stars = _int_in(_first(args, "stars"), 0, 5) or None
    # A bound of 0 narrows nothing (or everything): treat it as no bound.
    min_price = _price(_first(args, "min_price")) or None
    max_price = _price(_first(args, "max_price")) or None
    if min_price is not None and max_price is not None and min_price > max_price:
        min_price, max_price = max_price, min_price
    sort = _first(args, "sort")
    if max_per_page:
        per_page = _int_in(_first(args, "per_page"), 1, max_per_page) or per_page
    return CatalogFilter(
        q=clean_query(_first(args, "q")),
        category=_slug(_first(args, "category")),
        product_set=_product_set(_first(args, "product_set")),
        stars=stars,
        area=_slug(_first(args, "area")),
        min_price=min_price,
        max_price=max_price,
        sort=sort if sort in SORTS else "",
        page=_int_in(_first(args, "page"), 1, MAX_PAGE) or 1,
        per_page=per_page,
    )


def _listed():
    """The base statement: published products of approved producers, with what a card shows."""
    return (
        select(Product)
        .join(Product.producer)
        .join(Producer.area)
        .join(Product.category)
        .where(Product.status == ProductStatus.PUBLISHED, Producer.status == ProducerStatus.APPROVED)
    )


def _with_card_data(statement):
    """Load what a product card needs in a fixed number of queries, whatever the page size."""
    return statement.options(
        contains_eager(Product.producer).contains_eager(Producer.area),
        contains_eager(Product.category),
        selectinload(Product.images),
        selectinload(Product.certifications),
    )


def _slug_id(model, slug):
    return select(model.id).where(model.slug == slug).scalar_subquery()


def _matching_ids(filters, day, forgive=False):
    """The ids of listed products matching `filters`, from the read model alone (product_listing).

    Filtering, sorting and counting read its narrow rows through its indexes; whole products
    are loaded afterwards for one page only. `forgive`: rows close to the words rather than holding each.
    """
    statement = select(Listing.product_id)
    if forgive:
        statement = statement.where(forgiving.close_match(filters.terms))
    for term in () if forgive else filters.terms:
        statement = statement.where(Listing.search_text.contains(term, autoescape=True))
    if filters.category:
        statement = statement.where(Listing.category_id == _slug_id(Category, filters.category))
    if filters.product_set:
        statement = statement.where(Listing.product_id.in_(
            select(Product.id).where(Product.product_set == filters.product_set)))
    if filters.area:
        statement = statement.where(Listing.area_id == _slug_id(Area, filters.area))
    if filters.stars:
        # The rating must still be in force: the nightly refresh may not have run since midnight.
        statement = statement.where(Listing.stars >= filters.stars, Listing.stars_expire_on >= day)
    if filters.min_price is not None:
        statement = statement.where(Listing.price >= filters.min_price)
    if filters.max_price is not None:
        statement = statement.where(Listing.price <= filters.max_price)
    return statement


def _relevance(filters):
    """Score a search match: the query as typed in the Vietnamese name beats a folded match."""
    typed = filters.q.lower()
    phrase = " ".join(filters.terms)
    return (
        case((Listing.name_vi.contains(typed, autoescape=True), 4), else_=0)
        + case((Listing.names.contains(typed, autoescape=True), 2), else_=0)
        + case((Listing.search_text.contains(phrase, autoescape=True), 1), else_=0)
    )


def _ordering(filters, forgive=False):
    newest = (Listing.newest.desc(), Listing.product_id.desc())
    featured = (Listing.featured.desc(), Listing.stars.desc(), *newest)
    sort = filters.effective_sort
    if forgive and sort == SORT_RELEVANCE:
        return (forgiving.closeness(filters.terms).desc(), *featured)
    if sort == SORT_PRICE_ASC:
        return (Listing.price.asc(), *featured)
    if sort == SORT_PRICE_DESC:
        return (Listing.price.desc(), *featured)
    if sort == SORT_NEWEST:
        return newest
    if sort == SORT_STARS:
        return (Listing.stars.desc(), Listing.featured.desc(), *newest)
    if sort == SORT_RELEVANCE:
        return (_relevance(filters).desc(), *featured)
    return featured


def _capped_count(statement, bound):
    """Count the rows of `statement`, reading at most `bound` + 1: (count, whether there are more)."""
    counted = db.session.scalar(select(func.count()).select_from(statement.limit(bound + 1).subquery()))
    return (bound, True) if counted > bound else (counted, False)


def _scoped(statement, producer, exclude_id):
    if producer is not None:
        statement = statement.where(Listing.producer_id == producer.id)
    if exclude_id is not None:
        statement = statement.where(Listing.product_id != exclude_id)
    return statement


def list_products(filters=None, producer=None, exclude_id=None, day=None, forgive=False):
    """Return one ProductPage of listed products matching `filters` (page clamped to the last).

    The count is exact up to COUNT_CAP products (or the requested page, when deeper); beyond, the
    page says "more" and the pager goes on. With `forgive`, a search that finds nothing is asked
    again for close matches (a typo, a space), with a "did you mean" (shop.services.catalog.forgiving).
    """
    filters = filters or CatalogFilter()
    day = day or local_today()
    bound = max(COUNT_CAP, filters.page * filters.per_page)
    statement = _scoped(_matching_ids(filters, day), producer, exclude_id)
    total, more = _capped_count(statement, bound)
    forgive = forgive and total == 0 and bool(filters.terms)
    if forgive:
        statement = _scoped(_matching_ids(filters, day, forgive=True), producer, exclude_id)
        total, more = _capped_count(statement, bound)
    pages = max(1, -(-total // filters.per_page))
    page = min(filters.page, pages)
    ids = db.session.scalars(statement.order_by(*_ordering(filters, forgive)).limit(filters.per_page)
                             .offset((page - 1) * filters.per_page)).all() if total else []
    loaded = {product.id: product for product in db.session.scalars(
        _with_card_data(_listed().where(Product.id.in_(ids)))).unique()} if ids else {}
    items = [loaded[product_id] for product_id in ids if product_id in loaded]
    suggestion = forgiving.did_you_mean(filters.q, items[0]) if forgive and items else ""
    return ProductPage(items=items, total=total, page=page, per_page=filters.per_page, more=more,
                       forgiven=forgive and bool(items), suggestion=suggestion)


def get_listed_product(slug):
    """Return the published product `slug` of an approved producer, or raise NotFound."""
    product = db.session.scalars(
        _with_card_data(_listed().where(Product.slug == (slug or "")[:140])).options(joinedload(Product.facts))
    ).unique().one_or_none()
    if product is None:
        raise NotFound()
    return product


def related_products(product, limit=4, day=None):
    """Return other listed products of the same OCOP group, best first."""
    filters = CatalogFilter(category=product.category.slug, per_page=limit)
    return list_products(filters, exclude_id=product.id, day=day).items


def get_approved_producer(slug):
    """Return the approved producer `slug`, or raise NotFound."""
    producer = db.session.scalar(
        select(Producer).where(Producer.slug == (slug or "")[:120], Producer.status == ProducerStatus.APPROVED)
    )
    if producer is None:
        raise NotFound()
    return producer


def availability(product):
    """Return what a shopper is told about `product`'s stock: plenty, only N left, or sold out."""
    if product.stock <= 0:
        return Availability(STOCK_SOLD_OUT, 0)
    if product.stock <= product.low_stock_threshold:
        return Availability(STOCK_LOW, product.stock)
    return Availability(STOCK_IN, product.stock)


def shown_certification(product, day=None):
    """Return the rating that earns `product` its star badge on `day`, or None."""
    cert = current_certification(product.certifications, day or local_today())
    return cert if cert is not None and cert.stars >= CERTIFIED_MIN_STARS else None


def lapsed_rating(product, day=None):
    """Return the rating of `product` that ran out before `day` when none is shown, or None."""
    if shown_certification(product, day) is not None:
        return None
    return lapsed_certification(product.certifications, day or local_today())


def list_categories():
    """Return the OCOP product groups in display order."""
    return db.session.scalars(select(Category).order_by(Category.position, Category.id)).all()


def list_areas():
    """Return the areas of the province in display order."""
    return db.session.scalars(select(Area).order_by(Area.position, Area.name)).all()


def public_link(url):
    """Return `url` when it is a plain web address (http or https), else "" (no javascript: links)."""
    url = (url or "").strip()
    return url if url.lower().startswith(("https://", "http://")) and len(url) > 8 else ""


def _counts(column):
    return dict(db.session.execute(select(column, func.count()).group_by(column)).all())


def categories_with_counts():
    """Return every OCOP product group in display order, each with its number of listed products."""
    counts = _counts(Listing.category_id)
    return [(category, counts.get(category.id, 0)) for category in list_categories()]


def areas_with_counts():
    """Return every area of the province in display order, each with its number of listed products."""
    counts = _counts(Listing.area_id)
    return [(area, counts.get(area.id, 0)) for area in list_areas()]

