"""Security headers on every answer: pages, static files, JSON, errors; HSTS only in production."""
import re

import pytest
from flask import abort

from config import ProductionConfig
from tests.factories import make_product, make_user
from tests.security_world import security_header_problems

PRODUCTION_SECRET = "s" * 48


@pytest.fixture
def answers(app, db):
    """Requests of every kind of answer, as (name, method, path, expected status)."""
    product = make_product(slug="cha-muc")
    db.session.commit()
    return [
        ("page", "GET", "/", 200),
        ("form page", "GET", "/auth/login", 200),
        ("product page", "GET", f"/products/{product.slug}", 200),
        ("static css", "GET", "/static/css/shop.css", 200),
        ("static js", "GET", "/static/js/catalog.js", 200),
        ("static svg", "GET", "/static/img/logo.svg", 200),
        ("QR code svg", "GET", f"/products/{product.slug}/qr.svg", 200),
        ("sitemap", "GET", "/sitemap.xml", 200),
        ("robots", "GET", "/robots.txt", 200),
        ("json", "GET", "/api/products", 200),
        ("json detail", "GET", f"/api/products/{product.slug}", 200),
        ("json 404", "GET", "/api/products/no-such-product", 404),
        ("json 400", "GET", "/api/products?min_price=abc", None),
        ("health", "GET", "/healthz", 200),
        ("page 404", "GET", "/no-such-page", 404),
        ("static 404", "GET", "/static/no-such-file.css", 404),
        ("405", "POST", "/", 405),
        ("webhook 400", "POST", "/webhooks/stripe", 400),
        ("redirect", "GET", "/account/orders", 302),
    ]


def test_every_kind_of_answer_carries_the_security_headers(client, answers):
    for name, method, path, status in answers:
        response = client.open(path, method=method)
        if status is not None:
            assert response.status_code == status, name
        assert security_header_problems(response) == [], name


def test_error_answers_carry_them_too(app, db, make_app):
    failing = make_app(PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=True)
    failing.add_url_rule("/boom", "boom", lambda: 1 / 0)
    failing.add_url_rule("/too-large", "too_large", lambda: abort(413))
    client = failing.test_client()
    for path, method, status in (("/boom", "GET", 500), ("/too-large", "GET", 413), ("/cart/add", "POST", 400)):
        response = client.open(path, method=method)
        assert response.status_code == status, path
        assert security_header_problems(response) == [], path
    limited = make_app(RATELIMIT_ENABLED=True)  # built last: the limiter takes the last app's setting
    client = limited.test_client()
    for _attempt in range(6):
        response = client.post("/auth/register", data={})
    assert response.status_code == 429
    assert security_header_problems(response) == []


def test_production_adds_hsts_to_every_answer(db, make_app):
    production = make_app(ProductionConfig, SECRET_KEY=PRODUCTION_SECRET, RATELIMIT_ENABLED=False,
                          PUBLIC_BASE_URL="https://shop.example.vn")
    client = production.test_client()
    for path in ("/", "/static/css/shop.css", "/api/products", "/no-such-page", "/healthz"):
        response = client.get(path, base_url="https://shop.example.vn")
        assert security_header_problems(response, production=True) == [], path


def test_pages_have_no_inline_scripts(client, db):
    product = make_product()
    db.session.commit()
    for path in ("/", "/auth/login", "/products", f"/products/{product.slug}", "/cart"):
        html = client.get(path).get_data(as_text=True)
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag or "application/json" in tag or "application/ld+json" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+\s*=", html), path  # no inline event handlers either (CSP forbids them)


def test_session_cookie_is_httponly_and_samesite_lax(client, db, login):
    user = make_user()
    db.session.commit()
    response = login(user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
