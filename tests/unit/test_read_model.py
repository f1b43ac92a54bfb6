"""The storefront's read model (product_listing) is never stale after a committed change."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.models import ProductListing, utcnow
from shop.services.catalog import listing
from shop.services.catalog.products import adjust_product_stock, change_status, update_product
from shop.services.catalog.read_model import _rows, rebuild_listings, refresh_due_listings
from shop.services.certification.records import CertificationDetails, record_certification
from shop.services.localtime import local_today
from shop.services.orders.refunds import cancel_order
from shop.services.producers.approval import suspend_producer
from shop.services.transaction import transaction
from tests.factories import make_category, make_certification, make_product, make_user, place_test_order

pytestmark = pytest.mark.usefixtures("english")


def stored():
    return {row.product_id: row for row in db_rows(select(ProductListing))}


def db_rows(statement):
    from shop.extensions import db

    return db.session.scalars(statement).all()


def assert_fresh(day=None):
    """The kept rows are exactly what the products give now."""
    from shop.extensions import db

    worked_out = {tuple(row) for row in db.session.execute(_rows(day or local_today()))}
    kept = {tuple(getattr(row, column) for column in ("product_id", "producer_id", "category_id", "area_id",
                                                       "price", "featured", "stars", "stars_expire_on",
                                                       "next_rating_on", "in_stock", "newest", "search_text",
                                                       "name_vi", "names"))
            for row in stored().values()}
    assert {row[0] for row in kept} == {row[0] for row in worked_out}
    assert {_normal(row) for row in kept} == {_normal(row) for row in worked_out}


def _normal(row):
    return tuple(bool(v) if i in (5, 9) else (str(v) if v is not None else None) for i, v in enumerate(row))


@pytest.fixture
def admin(db):
    return make_user(role="admin")


def test_only_listed_products_have_rows_and_status_moves_keep_them(db, admin):
    shown = make_product(published_at=utcnow())
    draft = make_product(status="draft")
    db.session.commit()
    assert set(stored()) == {shown.id}
    change_status(shown.producer, shown.id, "hide", shown.producer.owner)
    assert shown.id not in stored()
    change_status(shown.producer, shown.id, "show", shown.producer.owner)
    assert shown.id in stored() and draft.id not in stored()
    assert_fresh()


def test_an_edit_moves_price_group_and_search_text(db):
    product = make_product(price=50_000)
    drinks = make_category(slug="drinks", name_vi="Đồ uống", name_en="Drinks")
    db.session.commit()
    update_product(product.producer, product.id, product.producer.owner, {
        "name_vi": "Rượu mơ Yên Tử", "name_en": "Yen Tu apricot wine", "description_vi": "", "description_en": "",
        "unit_vi": "chai", "unit_en": "bottle", "price": 120_000, "category_id": drinks.id,
        "low_stock_threshold": 3})
    row = stored()[product.id]
    assert (row.price, row.category_id) == (120_000, drinks.id) and "ruou mo" in row.search_text
    found = listing.list_products(listing.parse_filters({"q": "ruou mo", "category": "drinks"}))
    assert [p.id for p in found.items] == [product.id]
    assert_fresh()


def test_a_recorded_certification_gives_stars_and_its_expiry_takes_them_at_midnight(db, admin):
    product = make_product()
    db.session.commit()
    today = local_today()
    record_certification(product, CertificationDetails(
        stars=4, decision_number="7/QĐ-UBND", decision_date=today - timedelta(days=30), expires_on=today), admin)
    row = stored()[product.id]
    assert (row.stars, row.stars_expire_on) == (4, today)
    assert [p.id for p in listing.list_products(listing.CatalogFilter(stars=4)).items] == [product.id]
    tomorrow = today + timedelta(days=1)
    # Past midnight the rating is out of force: the stars filter drops it before the refresh runs…
    assert listing.list_products(listing.CatalogFilter(stars=4), day=tomorrow).items == []
    # …and the midnight refresh works the row out again, with no request.
    assert refresh_due_listings(tomorrow) == 1
    assert stored()[product.id].stars == 0
    assert_fresh(tomorrow)


def test_a_rating_to_come_comes_into_force_on_its_day(db):
    product = make_product()
    start = local_today() + timedelta(days=2)
    make_certification(product, stars=5, decision_date=start)
    db.session.commit()
    assert (stored()[product.id].stars, stored()[product.id].next_rating_on) == (0, start)
    assert refresh_due_listings(start - timedelta(days=1)) == 0
    assert refresh_due_listings(start) == 1
    assert stored()[product.id].stars == 5


def test_stock_moves_by_sale_adjustment_and_release_keep_in_stock(db, admin):
    product = make_product(stock=2)
    db.session.commit()
    order = place_test_order({product: 2})
    assert stored()[product.id].in_stock is False
    cancel_order(order, admin, "changed their mind")
    assert stored()[product.id].in_stock is True
    adjust_product_stock(product.producer, product.id, -2, "damage", product.producer.owner)
    assert stored()[product.id].in_stock is False
    assert_fresh()


def test_a_suspended_producer_takes_its_products_out(db, admin):
    product = make_product()
    other = make_product()
    db.session.commit()
    suspend_producer(product.producer, admin, "licence withdrawn")
    assert set(stored()) == {other.id}
    assert [category_count for _category, category_count in listing.categories_with_counts()] == [1]


def test_a_rolled_back_change_leaves_the_rows_as_they_were(db):
    product = make_product(price=40_000)
    db.session.commit()
    with pytest.raises(RuntimeError), transaction():
        product.price = 99_000
        db.session.flush()
        raise RuntimeError("the lights went out")
    assert stored()[product.id].price == 40_000
    assert_fresh()


def test_rebuild_gives_the_same_rows(db):
    make_certification(make_product(), stars=3, decision_date=local_today() - timedelta(days=5))
    make_product(featured=True)
    db.session.commit()
    before = {k: (r.stars, r.featured, r.price) for k, r in stored().items()}
    rebuild_listings()
    assert {k: (r.stars, r.featured, r.price) for k, r in stored().items()} == before


def test_a_capped_count_says_more_and_the_pager_goes_on(db, monkeypatch):
    products = [make_product() for _ in range(5)]
    db.session.commit()
    monkeypatch.setattr(listing, "COUNT_CAP", 3)
    first = listing.list_products(listing.CatalogFilter(per_page=2))
    assert (first.total, first.more, first.pages) == (3, True, 2)
    second = listing.list_products(listing.CatalogFilter(per_page=2, page=2))
    assert second.more and len(second.items) == 2
    last = listing.list_products(listing.CatalogFilter(per_page=2, page=3))
    assert (last.total, last.more, last.page, len(last.items)) == (5, False, 3, 1)
    seen = {p.id for page in (first, second, last) for p in page.items}
    assert seen == {p.id for p in products}


def test_a_checkout_touches_the_listings_only_when_it_sells_out(db):
    from sqlalchemy import event

    plenty, last = make_product(stock=10), make_product(stock=1)
    db.session.commit()
    statements = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        place_test_order({plenty: 2})
        kept_in_stock = [s for s in statements if "product_listing" in s]
        statements.clear()
        place_test_order({last: 1})
        sold_out = [s for s in statements if "product_listing" in s]
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert kept_in_stock == [] and len(sold_out) == 1
    assert stored()[last.id].in_stock is False and stored()[plenty.id].in_stock is True


def test_a_translated_name_is_searchable_and_ranked_in_every_language(db):
    product = make_product(name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake")
    other = make_product(name_vi="Trà hoa vàng", name_en="Golden camellia tea")
    db.session.commit()
    with transaction():
        product.name_zh, product.name_ko = "下龙鱿鱼饼", "하롱 오징어 어묵"
        from shop.services.catalog.search import refresh_search_text
        refresh_search_text(product)
    row = stored()[product.id]
    assert "下龙鱿鱼饼" in row.search_text and "하롱 오징어 어묵" in row.names
    for query in ("鱿鱼", "오징어", "squid", "cha muc"):
        found = listing.list_products(listing.parse_filters({"q": query}))
        assert [p.id for p in found.items] == [product.id], query
    assert other.id in stored()
    assert_fresh()


def test_editing_a_translation_row_alone_works_its_listing_out_again(db):
    product = make_product(name_vi="Chả mực", name_en="Squid cake")
    db.session.commit()
    with transaction():
        product.translations["en"].name = "Ha Long squid cake"
    assert stored()[product.id].names == "ha long squid cake"
    assert_fresh()
