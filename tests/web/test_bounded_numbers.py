"""Numbers bounded by construction: every form posting an id or a quantity, at and beyond 2^31 and 2^63.

Each POST route of the shop is sent its own sample form (tests/security_world.py) with one numeric field
replaced by a number a database INTEGER (or BIGINT) cannot hold, by the visitor the page is for. The answer
is a refusal (a field error, a flash, a 400 or a 404), never a 500, and nothing is written. On PostgreSQL an
unbounded id reached the database and answered 500 (NumericValueOutOfRange): run with TEST_DATABASE_URL.
"""
import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from shop.services.numbers import INT_MAX
from tests.factories import PDF
from tests.security_world import build_path, build_world, post_data, route_requests, row_counts, sign_in

BEYOND = [2**31, 2**31 + 1, 2**32, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30, -(2**31) - 1, -(2**63) - 1]
NUMBERS = st.one_of(
    st.sampled_from(BEYOND),
    st.integers(min_value=INT_MAX + 1, max_value=2**80),
    st.integers(max_value=-(2**31) - 1, min_value=-(2**80)),
).flatmap(lambda n: st.sampled_from([str(n), f"+{n}" if n > 0 else str(n), f"000{n}" if n > 0 else str(n)]))
FACT_NUMBERS = ("net_quantity", "shipping_weight_g", "shelf_life_days")
# Every numeric field of every POST form, by endpoint (test_every_numeric_form_field_is_listed keeps it whole).
NUMERIC_FIELDS = {
    "cart.add": ("product_id", "quantity"),
    "cart.update": ("product_id", "quantity"),
    "cart.remove": ("product_id",),
    "producer.apply": ("area_id",),
    "producer.certification": ("product_id",),
    "producer.new_product": ("category_id", "price", "low_stock_threshold", "opening_stock", *FACT_NUMBERS),
    "producer.edit_product": ("category_id", "price", "low_stock_threshold", *FACT_NUMBERS),
    "producer.product_stock": ("quantity",),
    "producer.batches": ("quantity",),
    "producer.choose_lot": ("batch_id",),
    "checkout.book": ("slot_id", "people"),
    "producer.slots": ("product_id", "capacity"),
    "producer.slot_capacity": ("capacity",),
    "admin.new_certification": ("stars", "score", "replaces_id"),
    "admin.edit_certification": ("stars", "score", "replaces_id"),
    "admin.refund_order": ("amount",),
}
TEXT_OF_DIGITS = ("phone",)  # digits, but text
PAIRS = [(endpoint, name) for endpoint, names in NUMERIC_FIELDS.items() for name in names]
BOUNDARY = settings(max_examples=8, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def visitor_for(endpoint):
    """The kind of visitor a form is for (the one who gets past the door)."""
    if endpoint.startswith("admin."):
        return "admin"
    if endpoint.startswith("producer.") and endpoint != "producer.apply":
        return "producer_a"
    return "customer"


def test_every_numeric_form_field_is_listed(app, db):
    """A POST form whose sample sends a whole number names that field in NUMERIC_FIELDS."""
    world = build_world(app)
    found = {}
    for method, rule in route_requests(app):
        data = post_data(rule.endpoint, world) if method == "POST" else None
        numeric = {name for name, value in (data or {}).items()
                   if isinstance(value, str) and value.isdigit() and name not in TEXT_OF_DIGITS}
        if numeric:
            found[rule.endpoint] = numeric
    missing = {endpoint: names - set(NUMERIC_FIELDS.get(endpoint, ()))
               for endpoint, names in found.items() if names - set(NUMERIC_FIELDS.get(endpoint, ()))}
    assert missing == {}


@pytest.mark.parametrize("endpoint,name", PAIRS, ids=[f"{e}:{n}" for e, n in PAIRS])
def test_numbers_beyond_the_database_are_refused_without_a_server_error(app, db, endpoint, name):
    world = build_world(app)
    rule = next(rule for method, rule in route_requests(app) if method == "POST" and rule.endpoint == endpoint)
    path = build_path(rule, world)
    user = world.users[visitor_for(endpoint)]
    client = app.test_client()
    cart = {world.product_a.id: 1} if endpoint.startswith("cart.") else None
    sign_in(client, user, cart=cart)

    @seed(20261204)
    @BOUNDARY
    @given(number=NUMBERS)
    def post(number):
        data = post_data(endpoint, world)
        data[name] = number
        before = row_counts()
        response = client.post(path, data=data, content_type="multipart/form-data")
        assert response.status_code < 500, (endpoint, name, number, response.get_data(as_text=True)[:500])
        assert row_counts() == before, (endpoint, name, number)

    post()


def test_adding_a_product_id_beyond_an_integer_is_not_found(app, client, db):
    """POST /cart/add product_id=2147483648 answered 500 on PostgreSQL (NumericValueOutOfRange)."""
    world = build_world(app)
    for product_id in (str(2**31), str(2**63), "0" * 5 + str(2**31), "1" * 12):
        response = client.post("/cart/add", data={"product_id": product_id, "quantity": "1"})
        assert response.status_code == 302, product_id
    assert client.post("/cart/add", data={"product_id": world.product_a.id, "quantity": "1"}).status_code == 302


def test_the_portal_certification_refuses_a_product_id_beyond_an_integer(app, db):
    """POST /producer/certification with product_id=2147483648 answered 500 on PostgreSQL."""
    import io

    world = build_world(app)
    client = app.test_client()
    sign_in(client, world.users["producer_a"])
    before = row_counts()
    response = client.post("/producer/certification", content_type="multipart/form-data", data={
        "product_id": str(2**31), "decision_number": "12/QĐ-UBND", "decision_date": "2026-01-05",
        "scan": (io.BytesIO(PDF), "decision.pdf")})
    assert response.status_code in (200, 400) and row_counts() == before
