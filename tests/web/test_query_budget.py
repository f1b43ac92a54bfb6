"""Pages run a small fixed number of SQL statements, however many products they show."""
from contextlib import contextmanager

from sqlalchemy import event

from tests.factories import make_category, make_certification, make_image, make_producer, make_product

# count, the page's ids (sorted on narrow rows), products, photos, ratings
# (+ groups and areas for the filter panel, or + related products and the lot on sale),
# and one batched statement per kind of translated object shown (product, producer, group, area:
# their translation rows load with them, `lazy="selectin"`, so the count does not grow with the page)
API_BUDGET = 9
LISTING_BUDGET = 13
PRODUCT_PAGE_BUDGET = 17
HOME_BUDGET = 15


@contextmanager
def counted_statements(engine):
    """Collect every SQL statement sent to `engine` inside the block."""
    statements = []

    def before_cursor_execute(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", before_cursor_execute)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before_cursor_execute)


def add_products(count, category_slug="food", producers=3):
    """Products spread over a few producers, each with two photos and two ratings."""
    category = make_category(category_slug)
    makers = [make_producer() for _ in range(producers)]
    products = []
    for n in range(count):
        product = make_product(makers[n % producers], stars=4, category=category)
        make_certification(product, 5)
        make_image(product, f"products/{n}-a.jpg")
        make_image(product, f"products/{n}-b.jpg")
        products.append(product)
    return products


def statements_for(client, db, url):
    db.session.commit()
    db.session.expunge_all()  # nothing preloaded: the page must load what it shows
    with counted_statements(db.engine) as statements:
        response = client.get(url)
    assert response.status_code == 200
    return statements


def test_listing_costs_the_same_for_3_and_30_products(client, db):
    add_products(3)
    few = statements_for(client, db, "/products")
    add_products(27)
    many = statements_for(client, db, "/products?stars=4&sort=stars")
    assert len(few) == len(many) <= LISTING_BUDGET, many


def test_search_listing_and_api_stay_within_budget(client, db):
    add_products(30)
    assert len(statements_for(client, db, "/products?q=san+pham")) <= LISTING_BUDGET
    assert len(statements_for(client, db, "/api/products?per_page=100")) <= API_BUDGET


def test_product_page_costs_the_same_with_few_or_many_related_products(client, db):
    url = f"/products/{add_products(1)[0].slug}"
    add_products(1)
    add_products(3, category_slug="beverage")  # other groups are not related
    few = statements_for(client, db, url)
    add_products(10)
    many = statements_for(client, db, url)
    assert len(few) == len(many) <= PRODUCT_PAGE_BUDGET, many


def test_home_and_producer_pages_stay_within_budget(client, db):
    producer_url = f"/producers/{add_products(20, producers=1)[0].producer.slug}"
    assert len(statements_for(client, db, "/")) <= HOME_BUDGET
    assert len(statements_for(client, db, producer_url)) <= LISTING_BUDGET
