"""Absolute links come from PUBLIC_BASE_URL, never from the request's Host; production refuses other hosts.

Every request below forges `Host: evil.example.com`: no mailed, printed or published link may follow it.
"""
import json
import re
from urllib.parse import urlsplit

import pytest

from config import ProductionConfig
from shop.services.catalog.qrcodes import qr_svg
from tests.factories import make_producer, make_product, make_user

BASE = "https://ocop-quangninh.example.vn"
FORGED = "http://evil.example.com"
PRODUCTION_SECRET = "p" * 48
LINK = re.compile(r"https?://[^\s\"'<>]+")
CHECKOUT = {"name": "Nguyễn Văn An", "email": "an@example.com", "phone": "+84 912 345 678",
            "delivery_method": "province", "address": "12 Lê Thánh Tông, Hạ Long", "payment_method": "cod"}


@pytest.fixture
def public_address(app, monkeypatch):
    """The shared app told its public address."""
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", BASE)
    return BASE


@pytest.fixture
def listed(db):
    product = make_product(producer=make_producer(email="hoa@example.com"), stock=9, name_vi="Trà hoa vàng")
    db.session.commit()
    return product


def links_in(text):
    """Return every absolute http(s) link in `text` that points at the shop (schema.org's own are not)."""
    return [link for link in LINK.findall(text) if "schema.org" not in link and "sitemaps.org" not in link
            and "w3.org" not in link]


def assert_all_public(links):
    assert links, "expected some absolute links"
    wrong = [link for link in links if not link.startswith(BASE + "/") and link != BASE]
    assert wrong == [], wrong


def test_the_reset_mail_links_to_the_public_address_whatever_the_host(client, db, public_address, smtp_inbox):
    make_user(email="hoa@example.com")
    db.session.commit()
    response = client.post("/auth/reset", data={"email": "hoa@example.com"}, base_url=FORGED)
    assert response.status_code == 302
    response.close()  # the mail goes out once the answer has been sent
    (text,) = smtp_inbox.texts()
    links = links_in(text)
    assert_all_public(links)
    assert any(urlsplit(link).path.startswith("/auth/reset/") for link in links)


def test_order_mails_link_to_the_public_address(client, db, listed, public_address, smtp_inbox):
    client.post("/cart/add", data={"product_id": listed.id, "quantity": "1"}, base_url=FORGED)
    response = client.post("/checkout", data=CHECKOUT, base_url=FORGED)
    assert response.status_code in (302, 303)
    assert not urlsplit(response.headers["Location"]).netloc.endswith("evil.example.com")
    texts = smtp_inbox.texts()
    assert len(texts) == 2  # the customer's confirmation and the producer's notice
    assert_all_public(links_in(texts[0]))
    assert "evil.example.com" not in "".join(texts)


def test_sitemap_robots_and_the_api_name_the_public_address(client, db, listed, public_address):
    sitemap = client.get("/sitemap.xml", base_url=FORGED).get_data(as_text=True)
    assert_all_public(links_in(sitemap))
    assert f"{BASE}/products/{listed.slug}" in sitemap
    robots = client.get("/robots.txt", base_url=FORGED).get_data(as_text=True)
    assert f"Sitemap: {BASE}/sitemap.xml" in robots
    api = client.get(f"/api/products/{listed.slug}", base_url=FORGED).get_data(as_text=True)
    assert_all_public(links_in(api))
    assert "evil.example.com" not in client.get("/api/openapi.json", base_url=FORGED).get_data(as_text=True)


def test_the_product_page_json_ld_canonical_and_qr_codes_name_the_public_address(client, db, listed, public_address):
    page_url = f"{BASE}/products/{listed.slug}"
    html = client.get(f"/products/{listed.slug}", base_url=FORGED).get_data(as_text=True)
    assert "evil.example.com" not in html
    (json_ld,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(json_ld)
    assert data["url"] == data["offers"]["url"] == page_url
    assert_all_public([image for image in data["image"]])
    assert f'<link rel="canonical" href="{page_url}">' in html
    # The QR codes encode the public address: the same drawing as the code of the public link.
    assert qr_svg(page_url, label="Mã QR") in html
    label = client.get(f"/products/{listed.slug}/qr.svg", base_url=FORGED).get_data(as_text=True)
    assert label.endswith(qr_svg(page_url, label=listed.name_vi, size_mm=30))


def test_stripe_return_addresses_are_the_public_address(client, db, listed, public_address, stripe_shop):
    client.post("/cart/add", data={"product_id": listed.id, "quantity": "1"}, base_url=FORGED)
    client.post("/checkout", data={**CHECKOUT, "payment_method": "card"}, base_url=FORGED)
    (session,) = stripe_shop.sessions.values()
    assert session["success_url"].startswith(f"{BASE}/orders/")
    assert session["cancel_url"].startswith(f"{BASE}/checkout/cancelled/")


def test_links_built_by_a_command_use_the_public_address(app, public_address):
    from flask import url_for

    with app.app_context():
        assert url_for("auth.login", _external=True) == f"{BASE}/auth/login"


def production(make_app, **settings):
    return make_app(ProductionConfig, SECRET_KEY=PRODUCTION_SECRET, RATELIMIT_ENABLED=False,
                    PUBLIC_BASE_URL=BASE, **settings)


def test_production_refuses_a_host_that_is_not_the_shops(db, make_app):
    client = production(make_app).test_client()
    for path in ("/", "/auth/reset", "/healthz", "/no-such-page"):
        refused = client.get(path, base_url=FORGED)
        assert refused.status_code == 400, path
        assert "tên máy chủ" in refused.get_data(as_text=True)
    assert client.post("/auth/reset", data={"email": "a@example.com"}, base_url=FORGED).status_code == 400
    assert client.get("/healthz", base_url=BASE).status_code == 200
    assert client.get("/healthz", base_url="https://OCOP-QuangNinh.example.vn:443").status_code == 200


def test_production_answers_the_hosts_it_is_told(db, make_app):
    client = production(make_app, TRUSTED_HOSTS=["shop.internal"]).test_client()
    assert client.get("/healthz", base_url="http://shop.internal:8000").status_code == 200
    assert client.get("/healthz", base_url=FORGED).status_code == 400


def test_development_answers_any_host(client, db):
    assert client.get("/healthz", base_url=FORGED).status_code == 200


def test_no_link_is_built_from_the_request_host():
    """Links come from url_for (at PUBLIC_BASE_URL); only the page cache's key reads the request's address."""
    from pathlib import Path

    shop = Path(__file__).resolve().parents[2] / "shop"
    readers = sorted(str(path.relative_to(shop)) for path in shop.rglob("*.py")
                     if re.search(r"request\.(host|host_url|url_root|root_url|base_url)\b", path.read_text()))
    assert readers == ["web/page_cache.py"]
