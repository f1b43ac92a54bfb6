"""A signed-in visitor or a guest with a cart costs no query on a page-cache hit when nothing changed."""
import pytest
from sqlalchemy import event

from shop.extensions import cache, db
from shop.models.statuses import Role
from tests.factories import make_product, make_user
from tests.web.test_deployment_helpers import _app_like


@pytest.fixture
def cached_app(app, db):
    test_app = _app_like(app, CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=30)
    with test_app.app_context():
        cache.clear()
    return test_app


class Queries:
    """Counts the statements sent to the database while it is open."""

    def __enter__(self):
        self.count = 0
        event.listen(db.engine, "before_cursor_execute", self._seen)
        return self

    def _seen(self, *_args):
        self.count += 1

    def __exit__(self, *_exc):
        event.remove(db.engine, "before_cursor_execute", self._seen)


def signed_in(app, user):
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user.get_id(), True
    return client


def test_a_signed_in_customers_cached_page_costs_no_query_until_the_cart_changes(cached_app, db):
    product = make_product(name_vi="Chả mực Hạ Long", stock=10)
    customer = make_user(email="hoa@example.com")
    db.session.commit()
    cached_app.test_client().get("/products")  # stored by a guest
    hoa = signed_in(cached_app, customer)
    first = hoa.get("/products")  # takes the snapshot (user, cart)
    assert first.headers["X-Cache"] == "HIT" and "/account/orders" in first.get_data(as_text=True)
    with Queries() as queries:
        again = hoa.get("/products")
    assert again.headers["X-Cache"] == "HIT" and queries.count == 0
    assert "/account/orders" in again.get_data(as_text=True) and "badge-count" not in again.get_data(as_text=True)
    assert hoa.post("/cart/add", data={"product_id": product.id, "quantity": 2}).status_code == 302
    after = hoa.get("/products").get_data(as_text=True)
    assert '<span class="badge-count">2</span>' in after  # her own change shows at once
    with Queries() as queries:
        hoa.get("/products")
    assert queries.count == 0


def test_the_office_keeps_its_links_from_the_snapshot(cached_app, db):
    admin = make_user(email="office@example.com", role=Role.ADMIN)
    db.session.commit()
    office = signed_in(cached_app, admin)
    office.get("/products")
    with Queries() as queries:
        page = office.get("/products")
    assert queries.count == 0 and "href=\"/admin/\"" in page.get_data(as_text=True)


def test_a_guest_with_a_cart_costs_no_query_on_a_hit(cached_app, db):
    product = make_product(stock=10)
    db.session.commit()
    guest = cached_app.test_client()
    guest.post("/cart/add", data={"product_id": product.id, "quantity": 1})
    guest.get("/products")  # shows the flashed "added" message: not stored
    guest.get("/products")  # stored
    with Queries() as queries:
        page = guest.get("/products")
    assert page.headers["X-Cache"] == "HIT" and queries.count == 0
    assert '<span class="badge-count">1</span>' in page.get_data(as_text=True)


def test_signing_out_drops_the_snapshot(cached_app, db):
    customer = make_user()
    db.session.commit()
    client = signed_in(cached_app, customer)
    client.get("/products")
    with client.session_transaction() as session:
        assert "visitor" in session
    client.post("/auth/logout")
    with client.session_transaction() as session:
        assert "visitor" not in session
    assert "/auth/login" in client.get("/products").get_data(as_text=True)


def test_a_snapshot_past_its_time_is_taken_again(cached_app, db):
    customer = make_user()
    db.session.commit()
    client = signed_in(cached_app, customer)
    client.get("/products")
    with client.session_transaction() as session:
        taken = session["visitor"]["at"]
        session["visitor"] = dict(session["visitor"], at=taken - 3600, cart=7)  # an hour old, a stale count
    page = client.get("/products").get_data(as_text=True)
    assert "badge-count" not in page  # counted again: the stored cart is empty
    with client.session_transaction() as session:
        assert session["visitor"]["at"] >= taken and session["visitor"]["cart"] == 0
