"""The page cache serves every visitor pages rendered as for a guest; it never stores or hands out
anything of one visitor's (CSRF token, cart, account)."""
import re

import pytest
from flask import abort, flash, render_template_string

from shop.extensions import cache
from shop.web.page_cache import cached_page
from tests.factories import make_user
from tests.web.test_deployment_helpers import _app_like

PAGE = """<p>render {{ n }}</p>
<form method="post" action="/_test/post"><input type="hidden" name="csrf_token" value="{{ csrf_token() }}"></form>
{% if current_user.is_authenticated %}<p>signed in as {{ current_user.email }}</p>{% endif %}
{% for m in get_flashed_messages() %}<p class="flash">{{ m }}</p>{% endfor %}"""
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def cached_app(app, db):
    """An app with the page cache on (in memory), CSRF checks on and a counting test page."""
    test_app = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=30, WTF_CSRF_ENABLED=True)
    renders = {"n": 0}

    @test_app.get("/_test/page")
    @cached_page
    def page():
        renders["n"] += 1
        return render_template_string(PAGE, n=renders["n"])

    @test_app.get("/_test/missing")
    @cached_page
    def missing():
        renders["n"] += 1
        abort(404)

    @test_app.get("/_test/flash")
    def flashing():
        flash("a message for this visitor only")
        return "flashed"

    @test_app.post("/_test/post")
    def post():
        return "accepted"

    test_app.renders = renders
    with test_app.app_context():
        cache.clear()
    return test_app


def _token(response):
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def test_second_anonymous_visit_comes_from_the_cache(cached_app):
    first = cached_app.test_client().get("/_test/page")
    second = cached_app.test_client().get("/_test/page")
    assert first.headers["X-Cache"] == "MISS" and second.headers["X-Cache"] == "HIT"
    assert cached_app.renders["n"] == 1
    assert "render 1" in second.get_data(as_text=True)


def test_each_visitor_gets_their_own_working_token_from_a_cached_page(cached_app):
    alice, bob = cached_app.test_client(), cached_app.test_client()
    alice_page, bob_page = alice.get("/_test/page"), bob.get("/_test/page")
    assert bob_page.headers["X-Cache"] == "HIT"
    alice_token, bob_token = _token(alice_page), _token(bob_page)
    assert alice_token != bob_token
    assert alice_token not in bob_page.get_data(as_text=True)
    assert bob.post("/_test/post", data={"csrf_token": bob_token}).status_code == 200
    assert alice.post("/_test/post", data={"csrf_token": alice_token}).status_code == 200
    assert bob.post("/_test/post", data={"csrf_token": alice_token}).status_code == 400  # not bob's


def test_the_cache_holds_no_token(cached_app, monkeypatch):
    stored = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: stored.append(value) or original(key, value, timeout))
    cached_app.test_client().get("/_test/page")
    cached_app.test_client().get("/_test/page")
    assert len(stored) == 1
    assert 'value="\x00csrf-token\x00"' in stored[0]["body"]
    assert not TOKEN.search(stored[0]["body"].replace("\x00csrf-token\x00", ""))


def _signed_in_client(app, user, locale=None):
    client = _client_in(app, locale)
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user.get_id(), True
    return client


def _client_in(app, locale=None):
    client = app.test_client()
    if locale:
        with client.session_transaction() as session:
            session["locale"] = locale
    return client


def test_a_page_for_the_cache_is_rendered_as_for_a_guest_whoever_asked(cached_app, db, monkeypatch):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    stored = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: stored.append(value) or original(key, value, timeout))
    page = _signed_in_client(cached_app, user).get("/_test/page")  # the cache is empty: rendered now
    assert page.headers["X-Cache"] == "MISS"
    assert "hoa@example.com" not in page.get_data(as_text=True)  # the page itself never knew her
    assert len(stored) == 1 and "hoa@example.com" not in stored[0]["body"]
    anonymous = cached_app.test_client().get("/_test/page")
    assert anonymous.headers["X-Cache"] == "HIT" and "hoa@example.com" not in anonymous.get_data(as_text=True)


def test_with_the_cache_off_a_public_page_is_rendered_as_for_a_guest_too(app, db):
    from tests.factories import make_product

    user = make_user(email="hoa@example.com")
    make_product()
    db.session.commit()
    test_app = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=0)

    @test_app.get("/_test/uncached")
    @cached_page
    def uncached():
        return render_template_string(PAGE, n=1)

    hoa = _signed_in_client(test_app, user, "en")
    page = hoa.get("/_test/uncached")
    assert "X-Cache" not in page.headers and "hoa@example.com" not in page.get_data(as_text=True)
    products = hoa.get("/en/products").get_data(as_text=True)
    assert "My orders" in products and ">Sign in<" not in products  # her own links, as with the cache on


def test_a_public_page_speaks_the_language_of_its_address_whoever_asks(app, db):
    user = make_user(email="jane@example.com", locale="en")
    db.session.commit()
    jane = _signed_in_client(app, user)
    page = jane.get("/en/products").get_data(as_text=True)
    assert '<html lang="en">' in page and "My orders" in page
    root = jane.get("/products").get_data(as_text=True)  # a shared link opens where it points
    assert '<html lang="vi">' in root and "My orders" not in root


def test_signed_in_visitors_get_the_guests_page_with_their_own_account_links(cached_app, db):
    from shop.models.statuses import Role
    from tests.factories import make_product

    make_product(name_vi="Chả mực Hạ Long")
    customer, admin = make_user(email="hoa@example.com"), make_user(email="office@example.com", role=Role.ADMIN)
    db.session.commit()
    guest_page = _client_in(cached_app, "en").get("/en/products")
    assert guest_page.headers["X-Cache"] == "MISS"
    hoa = _signed_in_client(cached_app, customer, "en")
    mine = hoa.get("/en/products")
    html = mine.get_data(as_text=True)
    assert mine.headers["X-Cache"] == "HIT"
    assert "My orders" in html and "Sign out" in html and ">Sign in<" not in html and "Back office" not in html
    assert hoa.post("/auth/logout", data={"csrf_token": _token(mine)}).status_code == 302  # her own token works
    office = _signed_in_client(cached_app, admin, "en").get("/en/products")
    assert office.headers["X-Cache"] == "HIT" and "Back office" in office.get_data(as_text=True)
    guest = _client_in(cached_app, "en").get("/en/products").get_data(as_text=True)
    assert ">Sign in<" in guest and "My orders" not in guest and "Back office" not in guest


def test_flashed_messages_are_never_cached(cached_app):
    visitor = cached_app.test_client()
    visitor.get("/_test/flash")
    page = visitor.get("/_test/page")
    assert "a message for this visitor only" in page.get_data(as_text=True)
    assert "X-Cache" not in page.headers
    other = cached_app.test_client().get("/_test/page")
    assert "a message for this visitor only" not in other.get_data(as_text=True)


def test_each_language_has_its_own_entry_keyed_on_its_address(cached_app):
    visitor = cached_app.test_client()
    pages = {path: visitor.get(path) for path in ("/products", "/en/products", "/zh/products", "/ko/products")}
    assert {path: page.headers["X-Cache"] for path, page in pages.items()} == dict.fromkeys(pages, "MISS")
    langs = {path: re.search(r'<html lang="([^"]+)"', page.get_data(as_text=True)).group(1)
             for path, page in pages.items()}
    assert langs == {"/products": "vi", "/en/products": "en", "/zh/products": "zh-Hans", "/ko/products": "ko"}
    again = cached_app.test_client().get("/zh/products")
    assert again.headers["X-Cache"] == "HIT" and '<html lang="zh-Hans">' in again.get_data(as_text=True)


def test_errors_are_not_cached(cached_app):
    client = cached_app.test_client()
    assert client.get("/_test/missing").status_code == 404
    assert client.get("/_test/missing").status_code == 404
    assert cached_app.renders["n"] == 2


def test_a_cache_outage_only_means_fresh_pages(cached_app, monkeypatch):
    def broken(*_args):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "set", broken)
    response = cached_app.test_client().get("/_test/page")
    assert response.status_code == 200 and "render 1" in response.get_data(as_text=True)


def test_no_caching_when_turned_off(app, db):
    test_app = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=0)

    @test_app.get("/_test/page")
    @cached_page
    def page():
        return "fresh"

    client = test_app.test_client()
    assert "X-Cache" not in client.get("/_test/page").headers
    assert "X-Cache" not in client.get("/_test/page").headers


def test_a_cached_product_page_gives_each_visitor_a_working_cart_form(cached_app, db):
    from tests.factories import make_product

    product = make_product(name_vi="Chả mực Hạ Long", stock=5)
    db.session.commit()
    path = f"/products/{product.slug}"
    first, second = cached_app.test_client(), cached_app.test_client()
    assert first.get(path).headers["X-Cache"] == "MISS"
    page = second.get(path)
    assert page.headers["X-Cache"] == "HIT"
    added = second.post("/cart/add", data={"csrf_token": _token(page), "product_id": product.id, "quantity": 1})
    assert added.status_code == 302
    # The page after adding shows this visitor's flashed message: rendered for them alone.
    flashed = second.get(path)
    assert "X-Cache" not in flashed.headers and 'class="badge-count">1<' in flashed.get_data(as_text=True)
    # Then this visitor has a cart: still the cached page, with their own cart count in it.
    mine = second.get(path)
    assert mine.headers["X-Cache"] == "HIT"
    assert 'class="badge-count">1<' in mine.get_data(as_text=True)
    assert "badge-count" not in cached_app.test_client().get(path).get_data(as_text=True)


def test_guests_with_carts_share_the_cached_page_but_each_sees_their_own_count(cached_app, db, monkeypatch):
    from tests.factories import make_product

    product = make_product(name_vi="Trà hoa vàng", stock=50)
    db.session.commit()
    stored = []
    original = cache.set
    monkeypatch.setattr(cache, "set", lambda key, value, timeout: stored.append(value) or original(key, value, timeout))
    guests = {}
    for units in (2, 7):
        guests[units] = cached_app.test_client()
        with guests[units].session_transaction() as session:
            session["cart"] = {str(product.id): units}
    first = guests[2].get("/products")
    second = guests[7].get("/products")
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("MISS", "HIT")
    assert 'class="badge-count">2<' in first.get_data(as_text=True)
    assert 'class="badge-count">7<' in second.get_data(as_text=True)
    assert 'class="badge-count">2<' not in second.get_data(as_text=True)
    assert len(stored) == 1 and "badge-count" not in stored[0]["body"]  # the cache holds nobody's cart
    assert "badge-count" not in cached_app.test_client().get("/products").get_data(as_text=True)


def test_a_page_that_is_not_cached_shows_the_count_too(app, db):
    from tests.factories import make_product

    product = make_product(stock=5)
    db.session.commit()
    client = app.test_client()  # the test configuration: page cache off
    with client.session_transaction() as session:
        session["cart"] = {str(product.id): 3}
    page = client.get("/products")
    assert "X-Cache" not in page.headers
    assert 'class="badge-count">3<' in page.get_data(as_text=True) and "\x00" not in page.get_data(as_text=True)


def test_the_catalogue_is_served_from_the_cache_to_anonymous_visitors(cached_app, db):
    from tests.factories import make_product

    make_product(name_vi="Chả mực Hạ Long")
    db.session.commit()
    for path in ("/", "/products", "/products?q=cha+muc", "/api/products"):
        assert cached_app.test_client().get(path).headers["X-Cache"] == "MISS", path
        assert cached_app.test_client().get(path).headers["X-Cache"] == "HIT", path


def test_remembered_values_are_computed_once_per_key(cached_app):
    from shop.web.page_cache import remembered

    calls = []

    def compute(value):
        calls.append(value)
        return {"total": value}

    with cached_app.app_context():
        assert remembered(("report", 1), 60, lambda: compute(1)) == {"total": 1}
        assert remembered(("report", 1), 60, lambda: compute(99)) == {"total": 1}
        assert remembered(("report", 2), 60, lambda: compute(2)) == {"total": 2}
        assert remembered(("report", 1), 0, lambda: compute(3)) == {"total": 3}  # 0: not cached
    assert calls == [1, 2, 3]


def test_the_dashboard_figures_are_computed_once_for_every_admin(app, db, monkeypatch):
    from shop.models.statuses import Role
    from shop.services.reports import revenue as reports

    office = _app_like(app, CACHE_TYPE="SimpleCache", REPORT_CACHE_SECONDS=60)
    with office.app_context():
        cache.clear()
    admins = [make_user(role=Role.ADMIN, email=f"office{n}@example.com") for n in (1, 2)]
    db.session.commit()
    summaries = []
    original = reports.revenue_summary
    monkeypatch.setattr(reports, "revenue_summary", lambda *args: summaries.append(args) or original(*args))
    pages = []
    for admin in admins:
        client = office.test_client()
        with client.session_transaction() as session:
            session["_user_id"], session["_fresh"] = admin.get_id(), True
        page = client.get("/admin/", query_string={"start": "2026-03-01", "end": "2026-03-31"})
        assert page.status_code == 200
        pages.append(page.get_data(as_text=True))
    assert len(summaries) == 1  # the second admin got the figures from the cache
    series = [re.search(r'id="series-data">(.*?)</script>', page, re.S).group(1) for page in pages]
    assert series[0] == series[1] and len(series[0]) > 100
