"""Rate limits per client address: log-in, registration and password reset, cart changes and checkout.

Limits are off in TestConfig; each test builds an app with them on (`make_app`, built last
because the limiter is shared by every app of the process).
"""
import os

import pytest
import redis

from shop.models import Order
from tests.factories import make_product
from tests.security_world import checkout_form

REDIS_URL = "redis://127.0.0.1:6379/13"  # a database of these tests' own
ELSEWHERE = {"REMOTE_ADDR": "203.0.113.7"}  # another client


@pytest.fixture
def limited(make_app):
    """Build an app with rate limits on: `limited()`, or `limited(REDIS_URL=...)` for shared counters."""
    return lambda **settings: make_app(RATELIMIT_ENABLED=True, **settings)


@pytest.fixture
def redis_server():
    """The local Redis (database 13, emptied before and after), or a skip when it is not running."""
    try:
        server = redis.Redis.from_url(REDIS_URL)
        server.flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    yield server
    server.flushdb()


def statuses(client, times, path, data=None, **kwargs):
    return [client.post(path, data=data or {}, **kwargs).status_code for _ in range(times)]


def hammer_login(client, times, **kwargs):
    return statuses(client, times, "/auth/login", {"email": "x@example.com", "password": "wrong-password"}, **kwargs)


def test_login_is_rate_limited_in_memory_without_redis(db, limited):
    assert hammer_login(limited().test_client(), 11) == [200] * 10 + [429]


def test_changing_the_email_does_not_get_round_the_login_limit(db, limited):
    client = limited().test_client()
    answers = [client.post("/auth/login", data={"email": f"guess{n}@example.com", "password": "wrong-password"})
               .status_code for n in range(11)]
    assert answers == [200] * 10 + [429]
    # The limit is per client address: another client is not locked out by this one.
    assert hammer_login(client, 1, environ_base=ELSEWHERE) == [200]


def test_a_forged_forwarded_for_header_does_not_get_round_the_login_limit(db, limited):
    client = limited().test_client()
    answers = [client.post("/auth/login", data={"email": "x@example.com", "password": "wrong-password"},
                           headers={"X-Forwarded-For": f"198.51.100.{n}"}).status_code for n in range(11)]
    assert answers == [200] * 10 + [429]


def test_behind_a_trusted_proxy_each_client_has_its_own_limit(db, limited):
    client = limited(PROXY_FIX_X_FOR=1).test_client()
    behind_proxy = {"REMOTE_ADDR": "10.0.0.1"}  # the load balancer

    def attempt(forwarded_for):
        return client.post("/auth/login", data={"email": "x@example.com", "password": "wrong-password"},
                           environ_base=behind_proxy, headers={"X-Forwarded-For": forwarded_for}).status_code

    assert [attempt("203.0.113.5") for _ in range(11)] == [200] * 10 + [429]
    assert attempt("203.0.113.6") == 200  # another client behind the same proxy
    # Only the address the proxy itself added counts: a prefix forged by the client changes nothing.
    assert attempt("192.0.2.99, 203.0.113.5") == 429


def test_registration_and_password_reset_are_rate_limited(db, limited):
    client = limited().test_client()
    short = {"name": "A", "email": "a@example.com", "password": "short", "confirm": "short"}
    assert statuses(client, 6, "/auth/register", short) == [200] * 5 + [429]
    assert statuses(client, 6, "/auth/reset", {"email": "not-an-email"}) == [200] * 5 + [429]


def test_cart_changes_share_a_limit_that_no_shopper_reaches(db, limited):
    product = make_product(stock=100)
    db.session.commit()
    client = limited().test_client()
    line = {"product_id": product.id, "quantity": 1}
    answers = []
    for n in range(30):
        path = ("/cart/add", "/cart/update", "/cart/remove")[n % 3]
        answers.append(client.post(path, data=line).status_code)
    assert answers == [302] * 30
    with client.session_transaction() as session:
        cart_before = session.get("cart")
    assert client.post("/cart/add", data=line).status_code == 429
    assert client.post("/cart/remove", data=line).status_code == 429
    with client.session_transaction() as session:
        assert session.get("cart") == cart_before  # the refused change did nothing
    assert client.get("/cart").status_code == 200  # looking at the cart is not limited
    assert client.post("/cart/add", data=line, environ_base=ELSEWHERE).status_code == 302


def order_once(client, product, form):
    with client.session_transaction() as session:
        session["cart"] = {str(product.id): 1}
    return client.post("/checkout", data=form)


def test_refused_checkout_forms_never_count_against_the_limit(db, limited):
    product = make_product(stock=100)
    db.session.commit()
    client = limited(CHECKOUT_LIMIT_PER_SESSION="2 per minute").test_client()
    incomplete = checkout_form(phone="not a phone")
    assert [order_once(client, product, incomplete).status_code for _ in range(15)] == [200] * 15
    assert [order_once(client, product, checkout_form()).status_code for _ in range(2)] == [302, 302]
    assert db.session.query(Order).count() == 2


def test_a_checkout_over_its_limit_keeps_what_was_typed_and_places_nothing(db, limited):
    product = make_product(stock=100)
    db.session.commit()
    client = limited(CHECKOUT_LIMIT_PER_SESSION="2 per minute").test_client()
    assert [order_once(client, product, checkout_form()).status_code for _ in range(2)] == [302, 302]
    typed = checkout_form(name="Park Min-jun", phone="+82 10 9876 5432", note="Room 1204, please")
    refused = order_once(client, product, typed)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 429
    assert 'id="checkout-limit"' in page and 'value="Park Min-jun"' in page and 'value="+82 10 9876 5432"' in page
    assert "Room 1204, please</textarea>" in page
    assert db.session.query(Order).count() == 2
    assert client.get("/checkout").status_code == 200  # the page itself still opens


def test_a_tour_group_on_one_connection_orders_until_the_generous_address_limit(db, limited):
    product = make_product(stock=100)
    db.session.commit()
    app = limited(CHECKOUT_LIMIT_PER_SESSION="1 per minute", CHECKOUT_LIMIT_PER_ADDRESS="4 per minute")
    tourists = [app.test_client() for _ in range(5)]  # five phones, one hotel Wi-Fi
    answers = [order_once(phone, product, checkout_form()).status_code for phone in tourists]
    assert answers == [302] * 4 + [429]
    assert order_once(tourists[0], product, checkout_form()).status_code == 429  # its own session's limit too
    assert order_once(app.test_client(), product, checkout_form(), ).status_code == 429
    elsewhere = app.test_client()
    with elsewhere.session_transaction() as session:
        session["cart"] = {str(product.id): 1}
    assert elsewhere.post("/checkout", data=checkout_form(), environ_base=ELSEWHERE).status_code == 302
    assert db.session.query(Order).count() == 5


def test_rate_limit_counters_live_in_redis_when_configured(db, limited, redis_server):
    product = make_product()
    db.session.commit()
    first = limited(REDIS_URL=REDIS_URL).test_client()
    assert hammer_login(first, 11)[-1] == 429
    assert statuses(first, 31, "/cart/add", {"product_id": product.id, "quantity": 1})[-1] == 429
    keys = b" ".join(redis_server.keys("*"))
    assert b"login" in keys and b"cart-changes" in keys
    # A second app (another worker) shares the same counters.
    second = limited(REDIS_URL=REDIS_URL).test_client()
    assert hammer_login(second, 1) == [429]
    assert statuses(second, 1, "/cart/add", {"product_id": product.id, "quantity": 1}) == [429]


def test_a_redis_outage_does_not_lock_customers_out(db, limited):
    client = limited(REDIS_URL="redis://127.0.0.1:1/0").test_client()  # nothing listens there
    assert hammer_login(client, 2) == [200, 200]
