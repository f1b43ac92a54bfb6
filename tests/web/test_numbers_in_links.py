"""Numbers in links beyond any database id are ignored (query string) or not found (path), never a 500."""
import pytest

from shop.models.statuses import Role
from tests.factories import make_producer_owner, make_product, make_user

HUGE = str(2**63)  # one past SQLite's largest integer


@pytest.mark.parametrize("path", ["/admin/audit?entity_id=" + HUGE, "/admin/audit?page=1" + "0" * 30,
                                  "/admin/orders?producer=99999999999999999999", "/admin/orders?page=-3",
                                  "/admin/products?page=²", "/account/orders?page=" + "9" * 25])
def test_odd_numbers_in_a_query_string_read_as_the_first_page(client, db, login, path):
    login(make_user(role=Role.ADMIN))
    assert client.get(path).status_code == 200


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
