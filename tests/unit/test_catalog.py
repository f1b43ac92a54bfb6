"""The catalogue service: what is listed, filters, sorting, search, pagination and clamping."""
from datetime import datetime, timedelta

import pytest
from werkzeug.datastructures import MultiDict

from shop.errors import NotFound
from shop.models.statuses import CertificationStatus, ProducerStatus, ProductStatus
from shop.services.catalog import listing as catalog
from shop.services.catalog.listing import CatalogFilter, parse_filters
from shop.services.catalog.sitemap import sitemap_entries
from shop.services.localtime import local_today
from tests.factories import make_area, make_category, make_certification, make_producer, make_product


def slugs(filters=None, **kwargs):
    return [product.slug for product in catalog.list_products(filters or CatalogFilter(), **kwargs).items]


def search(q, **values):
    return set(slugs(CatalogFilter(q=q, **values)))


@pytest.fixture
def quang_ninh(db):
    """A few products shaped like the real Quảng Ninh OCOP catalogue."""
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    ba_che = make_area("Ba Chẽ", "Ba Che", slug="ba-che")
    dong_trieu = make_area("Đông Triều", "Dong Trieu", slug="dong-trieu")
    food = make_category("food", "Thực phẩm", "Food")
    drinks = make_category("beverage", "Đồ uống", "Beverages")
    products = {
        "cha-muc": make_product(make_producer(name="Công ty TNHH Hạ Long Food", area=ha_long), "Chả mực Hạ Long",
                                slug="cha-muc", name_en="Ha Long squid cake", price=420_000, stars=5, category=food),
        "tra-ba-che": make_product(make_producer(name="HTX Trà hoa vàng Ba Chẽ", area=ba_che), "Trà hoa vàng Ba Chẽ",
                                   slug="tra-ba-che", name_en="Ba Che golden camellia tea", price=350_000, stars=4,
                                   category=drinks),
        "tra-tui-loc": make_product(make_producer(name="Công ty Cổ phần Dược liệu Quảng Ninh", area=ha_long),
                                    "Trà hoa vàng túi lọc", slug="tra-tui-loc", name_en="Golden camellia tea bags",
                                    price=180_000, stars=3, category=drinks),
        "gao-nep": make_product(make_producer(name="HTX Nông nghiệp Yên Đức", area=dong_trieu),
                                "Gạo nếp cái hoa vàng", slug="gao-nep", name_en="Yellow-flower sticky rice",
                                price=60_000, category=food),
        "ruou-mo": make_product(make_producer(name="HTX Mơ Yên Tử", area=dong_trieu), "Rượu mơ Yên Tử",
                                slug="ruou-mo", name_en="Yen Tu apricot wine", price=250_000, stars=4, category=drinks),
    }
    db.session.commit()
    return products


# --- What is listed -------------------------------------------------------------------------

def test_only_published_products_of_approved_producers_are_listed(db):
    shown = make_product(slug="shown")
    for status in (ProductStatus.DRAFT, ProductStatus.PENDING_REVIEW, ProductStatus.HIDDEN):
        make_product(slug=f"product-{status}", status=status)
    make_product(make_producer(status=ProducerStatus.PENDING), slug="of-pending-producer")
    make_product(make_producer(status=ProducerStatus.SUSPENDED), slug="of-suspended-producer")
    db.session.commit()

    page = catalog.list_products(CatalogFilter())
    assert [p.slug for p in page.items] == [shown.slug]
    assert page.total == 1


def test_get_listed_product_refuses_what_is_not_listed(db):
    make_product(slug="draft", status=ProductStatus.DRAFT)
    make_product(make_producer(status=ProducerStatus.SUSPENDED), slug="suspended")
    make_product(slug="fine")
    db.session.commit()

    assert catalog.get_listed_product("fine").slug == "fine"
    for slug in ("draft", "suspended", "unknown", "", "x" * 5000):
        with pytest.raises(NotFound):
            catalog.get_listed_product(slug)


def test_get_approved_producer(db):
    make_producer(slug="approved")
    make_producer(slug="pending", status=ProducerStatus.PENDING)
    db.session.commit()

    assert catalog.get_approved_producer("approved").slug == "approved"
    with pytest.raises(NotFound):
        catalog.get_approved_producer("pending")


# --- Filters --------------------------------------------------------------------------------

def test_filter_by_category_area_and_price(quang_ninh):
    assert set(slugs(CatalogFilter(category="beverage"))) == {"tra-ba-che", "tra-tui-loc", "ruou-mo"}
    assert set(slugs(CatalogFilter(area="dong-trieu"))) == {"gao-nep", "ruou-mo"}
    assert set(slugs(CatalogFilter(min_price=180_000, max_price=350_000))) == {"tra-ba-che", "tra-tui-loc",
                                                                               "ruou-mo"}
    assert set(slugs(CatalogFilter(category="beverage", area="dong-trieu", max_price=300_000))) == {"ruou-mo"}
    assert slugs(CatalogFilter(category="no-such-group")) == []


def test_stars_filter_counts_only_verified_ratings_valid_today(db):
    make_product(slug="four", stars=4)
    make_product(slug="three", stars=3)
    expired = make_product(slug="expired-five")
    make_certification(expired, 5, decision_date=local_today() - timedelta(days=4 * 365))
    unverified = make_product(slug="unverified-five")
    make_certification(unverified, 5, status=CertificationStatus.SUBMITTED)
    future = make_product(slug="future-five")
    make_certification(future, 5, decision_date=local_today() + timedelta(days=3))
    ends_today = make_product(slug="ends-today")
    make_certification(ends_today, 4, decision_date=local_today() - timedelta(days=900), expires_on=local_today())
    make_product(slug="none")
    db.session.commit()

    assert set(slugs(CatalogFilter(stars=4))) == {"four", "ends-today"}
    assert set(slugs(CatalogFilter(stars=3))) == {"four", "three", "ends-today"}
    assert slugs(CatalogFilter(stars=5)) == []
    tomorrow = local_today() + timedelta(days=1)
    assert set(slugs(CatalogFilter(stars=4), day=tomorrow)) == {"four"}


def test_a_product_with_two_ratings_is_listed_once(db):
    product = make_product(slug="twice", stars=4)
    make_certification(product, 5)
    db.session.commit()

    page = catalog.list_products(CatalogFilter(stars=4))
    assert [p.slug for p in page.items] == ["twice"] and page.total == 1


# --- Sorting --------------------------------------------------------------------------------

def test_default_sort_is_featured_then_stars_then_newest(db):
    now = datetime(2025, 5, 1)
    make_product(slug="plain-old", published_at=now - timedelta(days=9))
    make_product(slug="plain-new", published_at=now)
    make_product(slug="five-stars", stars=5, published_at=now - timedelta(days=20))
    make_product(slug="featured", featured=True, published_at=now - timedelta(days=30))
    make_product(slug="three-stars", stars=3, published_at=now - timedelta(days=1))
    db.session.commit()

    assert slugs() == ["featured", "five-stars", "three-stars", "plain-new", "plain-old"]


def test_explicit_sorts(db):
    now = datetime(2025, 5, 1)
    make_product(slug="cheap", price=50_000, published_at=now - timedelta(days=3))
    make_product(slug="dear", price=900_000, stars=3, published_at=now - timedelta(days=2))
    make_product(slug="middle", price=200_000, stars=5, published_at=now - timedelta(days=1))
    db.session.commit()

    assert slugs(CatalogFilter(sort="price_asc")) == ["cheap", "middle", "dear"]
    assert slugs(CatalogFilter(sort="price_desc")) == ["dear", "middle", "cheap"]
    assert slugs(CatalogFilter(sort="newest")) == ["middle", "dear", "cheap"]
    assert slugs(CatalogFilter(sort="stars")) == ["middle", "dear", "cheap"]


def test_expired_stars_do_not_lift_a_product_in_the_stars_sort(db):
    expired = make_product(slug="expired", published_at=datetime(2025, 5, 2))
    make_certification(expired, 5, decision_date=local_today() - timedelta(days=4 * 365))
    make_product(slug="three", stars=3, published_at=datetime(2025, 5, 1))
    db.session.commit()

    assert slugs(CatalogFilter(sort="stars")) == ["three", "expired"]


# --- Search ---------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["cha muc", "Chả Mực", "squid", "CHẢ MỰC", "cha   muc ha long", "Squid Cake"])
def test_search_finds_cha_muc_ha_long(quang_ninh, query):
    assert search(query) == {"cha-muc"}


def test_search_by_area_without_accents(quang_ninh):
    assert search("dong trieu") == {"gao-nep", "ruou-mo"}
    assert search("Đông Triều") == {"gao-nep", "ruou-mo"}


def test_search_finds_both_golden_camellia_teas_and_needs_every_word(quang_ninh):
    assert search("tra hoa vang") == {"tra-ba-che", "tra-tui-loc"}
    assert search("golden camellia") == {"tra-ba-che", "tra-tui-loc"}
    assert search("tra hoa vang ba che") == {"tra-ba-che"}
    assert search("hoa vang") == {"tra-ba-che", "tra-tui-loc", "gao-nep"}
    assert search("tra hoa vang pearl") == set()


def test_search_combines_with_filters(quang_ninh):
    assert search("tra hoa vang", stars=4) == {"tra-ba-che"}
    assert search("hoa vang", category="food") == {"gao-nep"}


def test_search_treats_like_wildcards_as_plain_characters(quang_ninh):
    assert search("%") == set()
    assert search("_") == set()
    assert search("cha%muc") == set()


def test_search_by_producer_name(quang_ninh):
    assert search("yen duc") == {"gao-nep"}


def test_relevance_puts_the_exact_diacritic_match_first(db):
    now = datetime(2025, 5, 1)
    exact = make_product(slug="cha-muc", name_vi="Chả mực Hạ Long", name_en="Ha Long squid cake",
                         published_at=now - timedelta(days=100))
    folded = make_product(slug="cha-muc-chay", name_vi="Cha muc chay", name_en="Vegetarian squid-style cake",
                          featured=True, stars=5, published_at=now)
    db.session.commit()

    assert slugs(CatalogFilter(q="cha muc")) == [folded.slug, exact.slug]  # no exact match: featured first
    assert slugs(CatalogFilter(q="Chả Mực")) == [exact.slug, folded.slug]
    assert slugs(CatalogFilter(q="Chả Mực", sort="featured")) == [folded.slug, exact.slug]


def test_relevance_lower_cases_vietnamese_capitals_alike_on_every_database(db):
    make_product(slug="dong-trieu-pottery", name_vi="Gốm ĐÔNG TRIỀU", name_en="Pottery",
                 published_at=datetime(2025, 1, 1))
    make_product(slug="other", name_vi="Bình gốm", name_en="Dong Trieu vase", featured=True,
                 published_at=datetime(2025, 2, 1))
    db.session.commit()

    assert slugs(CatalogFilter(q="đông triều")) == ["dong-trieu-pottery", "other"]


# --- Pagination -----------------------------------------------------------------------------

def test_pages_and_total(db):
    for n in range(5):
        make_product(slug=f"p{n}", published_at=datetime(2025, 1, 1 + n))
    db.session.commit()

    first = catalog.list_products(CatalogFilter(per_page=2))
    assert (first.total, first.pages, [p.slug for p in first.items]) == (5, 3, ["p4", "p3"])
    last = catalog.list_products(CatalogFilter(per_page=2, page=3))
    assert [p.slug for p in last.items] == ["p0"]
    beyond = catalog.list_products(CatalogFilter(per_page=2, page=99))
    assert beyond.page == 3 and [p.slug for p in beyond.items] == ["p0"]


def test_pages_follow_the_sort_of_the_whole_list(db):
    for n in range(7):
        product = make_product(slug=f"s{n}", published_at=datetime(2025, 1, 1 + n))
        if n % 2:
            make_certification(product, stars=3 + n % 3)
    db.session.commit()

    whole = [p.slug for p in catalog.list_products(CatalogFilter(sort="stars", per_page=7)).items]
    paged = [p.slug for page in (1, 2, 3)
             for p in catalog.list_products(CatalogFilter(sort="stars", per_page=3, page=page)).items]
    assert paged == whole and len(set(whole)) == 7
    assert whole[:3] == ["s5", "s1", "s3"]  # 5★, 4★, 3★, then the unrated, newest first


def test_an_empty_catalogue_has_one_empty_page(db):
    page = catalog.list_products(CatalogFilter(page=5))
    assert (page.items, page.total, page.page, page.pages) == ([], 0, 1, 1)


def test_producer_listing_and_related_products(quang_ninh):
    producer = quang_ninh["ruou-mo"].producer
    assert slugs(producer=producer) == ["ruou-mo"]
    related = [p.slug for p in catalog.related_products(quang_ninh["tra-ba-che"])]
    assert set(related) == {"tra-tui-loc", "ruou-mo"}


# --- Parsing raw arguments ------------------------------------------------------------------

def test_parse_filters_reads_good_values():
    filters = parse_filters(MultiDict({
        "q": "  Chả   mực ", "category": "food", "stars": "4", "area": "ha-long", "min_price": "50.000",
        "max_price": "500000", "sort": "price_asc", "page": "2",
    }), per_page=24)
    assert filters == CatalogFilter(q="Chả mực", category="food", stars=4, area="ha-long", min_price=50_000,
                                    max_price=500_000, sort="price_asc", page=2, per_page=24)
    assert filters.as_args() == {"q": "Chả mực", "category": "food", "stars": 4, "area": "ha-long",
                                 "min_price": 50_000, "max_price": 500_000, "sort": "price_asc", "page": 2}
    assert filters.without("stars", "page") == {"q": "Chả mực", "category": "food", "area": "ha-long",
                                                "min_price": 50_000, "max_price": 500_000, "sort": "price_asc"}


@pytest.mark.parametrize("args, expected", [
    ({"stars": "abc"}, {}),
    ({"stars": "9"}, {"stars": 5}),
    ({"stars": "-2"}, {}),
    ({"stars": "4.5"}, {}),
    ({"page": "-1"}, {}),
    ({"page": "0"}, {}),
    ({"page": "99999999999999999999"}, {"page": 10_000}),
    ({"page": "١٢"}, {}),  # Arabic-Indic digits are not a page number
    ({"min_price": "1e99"}, {}),
    ({"min_price": "NaN", "max_price": "inf"}, {}),
    ({"max_price": "9" * 40}, {"max_price": 1_000_000_000}),
    ({"min_price": "0"}, {}),
    ({"min_price": "300000", "max_price": "100000"}, {"min_price": 100_000, "max_price": 300_000}),
    ({"min_price": "85,000 ₫"}, {"min_price": 85_000}),
    ({"sort": "price; DROP TABLE product"}, {}),
    ({"category": "../etc/passwd", "area": "Hạ Long"}, {}),
    ({"category": "FOOD"}, {"category": "food"}),
])
def test_parse_filters_ignores_or_clamps_nonsense(args, expected):
    assert parse_filters(MultiDict(args)).as_args() == expected


def test_parse_filters_cuts_a_huge_query():
    filters = parse_filters({"q": "trà " * 1250})
    assert len(filters.q) <= 200
    assert len(filters.terms) == 10


def test_parse_filters_reads_per_page_only_when_allowed():
    assert parse_filters({"per_page": "50"}, per_page=24).per_page == 24
    assert parse_filters({"per_page": "50"}, per_page=24, max_per_page=100).per_page == 50
    assert parse_filters({"per_page": "5000"}, per_page=24, max_per_page=100).per_page == 100
    assert parse_filters({"per_page": "x"}, per_page=24, max_per_page=100).per_page == 24


def test_effective_sort():
    assert CatalogFilter().effective_sort == "featured"
    assert CatalogFilter(q="tra").effective_sort == "relevance"
    assert CatalogFilter(q="tra", sort="price_asc").effective_sort == "price_asc"
    assert CatalogFilter(q="  ").effective_sort == "featured"


# --- Availability and certification shown ---------------------------------------------------

def test_availability(db):
    product = make_product(stock=20)
    product.low_stock_threshold = 5
    assert catalog.availability(product) == catalog.Availability("in_stock", 20)
    product.stock = 5
    assert catalog.availability(product) == catalog.Availability("low_stock", 5)
    product.stock = 0
    assert catalog.availability(product).state == "sold_out"
    assert not catalog.availability(product).can_buy


def test_shown_certification_needs_three_valid_stars(db):
    product = make_product()
    make_certification(product, 2)
    assert catalog.shown_certification(product) is None
    four = make_certification(product, 4)
    db.session.refresh(product)
    assert catalog.shown_certification(product) == four


def test_counts_per_group_and_area(quang_ninh):
    groups = {category.slug: count for category, count in catalog.categories_with_counts()}
    areas = {area.slug: count for area, count in catalog.areas_with_counts()}
    assert groups == {"food": 2, "beverage": 3}
    assert areas == {"ha-long": 2, "ba-che": 1, "dong-trieu": 2}


def test_sitemap_entries_list_listed_products_and_approved_producers(db):
    shown = make_product(slug="shown")
    make_product(shown.producer, slug="draft", status=ProductStatus.DRAFT)
    make_producer(slug="pending", status=ProducerStatus.PENDING)
    db.session.commit()

    entries = {(kind, slug) for kind, slug, _changed in sitemap_entries()}
    assert entries == {("product", "shown"), ("producer", shown.producer.slug)}


@pytest.mark.parametrize("url, expected", [
    ("https://truyxuat.example.vn/a", "https://truyxuat.example.vn/a"),
    ("  http://example.vn/x ", "http://example.vn/x"),
    ("javascript:alert(1)", ""), ("JAVASCRIPT:alert(1)", ""), ("data:text/html,x", ""), ("//evil.example", ""),
    ("https://", ""), ("", ""), (None, ""),
])
def test_public_link_keeps_only_web_addresses(url, expected):
    assert catalog.public_link(url) == expected
