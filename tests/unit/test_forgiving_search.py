"""Search that forgives: typos and spaces (trigram word similarity on PostgreSQL, the same function on SQLite),
"did you mean", and the suggestions under the search box."""
import pytest
from sqlalchemy import text

from shop.services.catalog.listing import CatalogFilter, list_products
from shop.services.catalog.suggestions import suggest
from shop.services.catalog.trigrams import similarity, trigrams, word_similarity
from tests.factories import make_area, make_category, make_producer, make_product

# (query, text, pg_trgm's word_similarity as PostgreSQL 15 computes it)
PG_VALUES = [
    ("chamuc", "cha muc ha long ha long squid cakes cong ty", 0.5),
    ("cha muk", "cha muc ha long ha long squid cakes", 0.75),
    ("muk", "cha muc ha long", 0.5),
    ("chamuk", "cha muc ha long", 3 / 7),
    ("tra hoa vng", "tra hoa vang ba che", 0.75),
    ("ngoc trai", "ngoc trai akoya", 1.0),
    ("xyz", "cha muc", 0.0),
    ("ruou bakich", "ruou ba kich ba che", 2 / 3),
    ("cha muc", "cha ruoi song cam", 0.5),
    ("word", "two words", 0.8),
]


@pytest.fixture
def catalogue(db):
    ha_long = make_area("Hạ Long", "Ha Long", slug="ha-long")
    ba_che = make_area("Ba Chẽ", "Ba Che", slug="ba-che")
    food, drinks = make_category("food", "Thực phẩm", "Food"), make_category("beverage", "Đồ uống", "Beverages")
    products = {
        "cha-muc": make_product(make_producer(name="Công ty TNHH Hạ Long Food", area=ha_long), "Chả mực Hạ Long",
                                slug="cha-muc", name_en="Ha Long squid cake", stars=5, category=food),
        "cha-ruoi": make_product(make_producer(name="HTX Sông Cầm", area=ha_long), "Chả rươi Sông Cầm",
                                 slug="cha-ruoi", name_en="Song Cam sandworm patties", category=food),
        "ba-kich": make_product(make_producer(name="HTX Ba Chẽ", area=ba_che), "Rượu ba kích Ba Chẽ",
                                slug="ba-kich", name_en="Ba Che morinda liquor", stars=3, category=drinks),
    }
    db.session.commit()
    return products


def found(query, forgive=True, **filters):
    page = list_products(CatalogFilter(q=query, **filters), forgive=forgive)
    return [product.slug for product in page.items], page


def test_trigrams_are_pg_trgms():
    assert trigrams("Mực") == ["  m", " mự", "mực", "ực "]
    assert trigrams("cha-muc!") == ["  c", " ch", "cha", "ha ", "  m", " mu", "muc", "uc "]
    assert similarity("cha muk", "cha muc") == 0.6 and similarity("", "x") == 0.0


@pytest.mark.parametrize("query, searched, expected", PG_VALUES)
def test_word_similarity_is_pg_trgms(query, searched, expected):
    assert word_similarity(query, searched) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("query, searched, expected", PG_VALUES)
def test_sqlite_and_postgresql_answer_the_same_word_similarity(db, query, searched, expected):
    """On SQLite the shop gives the database the function; on PostgreSQL pg_trgm answers itself."""
    answer = db.session.scalar(text("SELECT word_similarity(:q, :t)"), {"q": query, "t": searched})
    assert answer == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("query", ["cha muk", "chamuc", "Chả mựk", "cha  muk ha long", "CHAMUC"])
def test_a_typo_or_a_missing_space_still_finds_cha_muc(catalogue, query):
    assert found(query, forgive=False)[0] == []  # no product has every word
    slugs, page = found(query)
    assert slugs[0] == "cha-muc" and page.forgiven and page.suggestion.startswith("chả mực")


def test_spacing_works_both_ways_and_ranks_the_closest_first(catalogue):
    assert found("ruou bakich")[0] == ["ba-kich"]
    assert found("bakich")[0] == ["ba-kich"]
    slugs, page = found("cha muk")
    assert slugs == ["cha-muc"] and page.suggestion == "chả mực"  # "chả rươi" is not close enough


def test_an_exact_match_is_not_forgiven_and_nothing_close_is_nothing(catalogue):
    slugs, page = found("cha muc")
    assert slugs == ["cha-muc"] and not page.forgiven and page.suggestion == ""
    slugs, page = found("xyzzy qwerty")
    assert slugs == [] and not page.forgiven and page.suggestion == "" and page.total == 0


def test_forgiving_keeps_the_other_filters(catalogue):
    assert found("chamuc", stars=5)[0] == ["cha-muc"]
    assert found("chamuc", category="beverage")[0] == []
    assert found("ruou bakich", stars=4)[0] == []


def test_suggestions_offer_a_few_products_for_the_words_so_far(catalogue):
    query, did_you_mean, offered = suggest("  cha  ", "en")
    assert query == "cha" and did_you_mean == ""
    assert {each.slug for each in offered} == {"cha-muc", "cha-ruoi"}
    assert next(each for each in offered if each.slug == "cha-muc").name == "Ha Long squid cake"
    assert next(each for each in offered if each.slug == "cha-muc").stars == 5
    assert suggest("c", "vi") == ("c", "", [])
    query, did_you_mean, offered = suggest("chamuc", "vi")
    assert [each.name for each in offered] == ["Chả mực Hạ Long"] and did_you_mean == "chả mực"
