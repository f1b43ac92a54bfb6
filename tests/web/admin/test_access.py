"""Every route under /admin/ is for administrators: built from app.url_map, so new routes are covered."""
import pytest
from flask import url_for

from tests.factories import DEFAULT_PASSWORD, make_producer, make_user


def admin_urls(app):
    """(method, url) for every rule of the admin blueprint, with sample values for its arguments."""
    samples = {"number": "QN000001", "name": "summary", "kind": "returns"}
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if rule.endpoint.startswith("admin."):
                url = url_for(rule.endpoint, **{arg: samples.get(arg, 1) for arg in rule.arguments})
                urls += [(method, url) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return urls


def signed_in_client(app, user):
    """A new test client, signed in as `user`."""
    client = app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    return client


def test_the_admin_blueprint_has_the_expected_routes(app):
    urls = admin_urls(app)
    assert ("GET", "/admin/") in urls and ("POST", "/admin/producers/1/approve") in urls
    assert len(urls) >= 25


def test_anonymous_visitors_are_sent_to_sign_in_everywhere(app, client):
    for method, url in admin_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 302, (method, url)
        assert response.headers["Location"].startswith("/auth/login?next="), (method, url)


@pytest.mark.parametrize("role", ["customer", "producer"])
def test_other_roles_are_refused_everywhere(app, db, role):
    user = make_user(role=role)
    if role == "producer":
        make_producer(owner=user)
    db.session.commit()
    client = signed_in_client(app, user)
    for method, url in admin_urls(app):
        response = client.open(url, method=method)
        assert response.status_code == 403, (method, url, response.status_code)


def test_administrators_get_in_and_pages_are_not_cached(app, db):
    admin = make_user(role="admin")
    db.session.commit()
    client = signed_in_client(app, admin)
    for method, url in admin_urls(app):
        if method == "GET":
            response = client.get(url)
            assert response.status_code in (200, 404), (url, response.status_code)
    response = client.get("/admin/")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "private, no-store"


def test_a_deactivated_administrator_is_signed_out_of_the_back_office(app, db):
    admin = make_user(role="admin")
    db.session.commit()
    client = signed_in_client(app, admin)
    admin.active = False
    db.session.commit()
    assert client.get("/admin/").status_code == 302
