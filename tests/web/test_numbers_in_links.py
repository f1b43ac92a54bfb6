"""Numbers in links beyond any database id are ignored (query string) or not found (path), never a 500."""
import pytest

from shop.models.statuses import Role
from shop.services.audit import record_audit
from tests.factories import make_order, make_producer_owner, make_product, make_user
from tests.html import parse, text

HUGE = str(2**63)  # one past SQLite's largest integer


def main_text(response):
    """What the page shows in its main part (the form's hidden token is an attribute, not text)."""
    return text(parse(response).select_one("main"))


@pytest.mark.parametrize("path", ["/admin/audit?entity_id=" + HUGE, "/admin/audit?page=1" + "0" * 30,
                                  "/admin/orders?producer=99999999999999999999", "/admin/orders?page=-3",
                                  "/admin/products?page=²", "/account/orders?page=" + "9" * 25])
def test_odd_numbers_in_a_query_string_read_as_the_first_page(client, db, login, path):
    """The page is the one without the odd number: the same first page, not an error shown with a 200."""
    admin = make_user(role=Role.ADMIN)
    product = make_product()
    make_order([(product, 1)], customer=admin)
    record_audit(admin, "product.price", product, {"price": 1}, {"price": 2})
    db.session.commit()
    login(admin)
    client.get("/")  # the sign-in's welcome is shown once
    odd = client.get(path)
    plain = client.get(path.split("?")[0])
    assert odd.status_code == plain.status_code == 200
    assert main_text(odd) == main_text(plain) and main_text(plain)
    assert not parse(odd).select(".flash-error")


def test_ids_beyond_any_row_in_a_path_are_not_found(client, db, login):
    admin = make_user(role=Role.ADMIN)
    owner, producer = make_producer_owner()
    product = make_product(producer)
    db.session.commit()
    login(admin)
    for path in ("/admin/products/{}", "/admin/producers/{}", "/admin/certifications/{}"):
        assert client.get(path.format(HUGE)).status_code == 404, path
    assert client.get(f"/admin/products/{product.id}").status_code == 200  # an ordinary id still works
    client.post("/auth/logout")
    login(owner)
    for path in ("/producer/products/{}", "/producer/products/{}/stock", "/producer/shipments/{}"):
        assert client.get(path.format(HUGE)).status_code == 404, path
    assert client.get(f"/producer/products/{product.id}").status_code == 200
