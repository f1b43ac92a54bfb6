"""Helpers for running the shop at scale: query counting, versioned static files, ProxyFix."""
import re

import pytest
from flask import request

from config import env_flag
from shop import create_app
from shop.web.static_files import file_version


def _app_like(app, **settings):
    """A second application on the same database as the test app, with `settings` changed."""
    class Changed:
        pass

    for key, value in app.config.items():
        if key.isupper():
            setattr(Changed, key, value)
    for key, value in settings.items():
        setattr(Changed, key, value)
    return create_app(Changed)


def test_query_count_header_counts_the_statements_of_a_request(app, db):
    counting = _app_like(app, COUNT_QUERIES=True)
    response = counting.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.headers["X-Query-Count"] == "1"  # the health check's SELECT 1

def test_query_count_starts_from_zero_for_each_request(app, db):
    client = _app_like(app, COUNT_QUERIES=True).test_client()
    counts = [client.get("/healthz").headers["X-Query-Count"] for _ in range(3)]
    assert counts == ["1", "1", "1"]
    assert client.get("/auth/login").headers["X-Query-Count"] == "0"

def test_no_query_count_header_unless_asked(client):
    assert "X-Query-Count" not in client.get("/healthz").headers

def test_static_links_carry_the_file_hash(client, app):
    html = client.get("/auth/login").get_data(as_text=True)
    with app.app_context():
        version = file_version("css/shop.css")
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    assert f'href="/static/css/shop.css?v={version}"' in html

def test_versioned_static_files_are_cached_for_a_year(client, app):
    with app.app_context():
        version = file_version("css/shop.css")
    response = client.get(f"/static/css/shop.css?v={version}")
    assert response.status_code == 200
    cache = response.headers["Cache-Control"]
    assert "max-age=31536000" in cache and "immutable" in cache and "public" in cache

@pytest.mark.parametrize("query", ["", "?v=000000000000"])
def test_unversioned_or_stale_static_links_are_revalidated(client, query):
    response = client.get(f"/static/css/shop.css{query}")
    assert response.status_code == 200
    assert "immutable" not in response.headers.get("Cache-Control", "")

def test_missing_static_file_has_no_version(app):
    with app.test_request_context():
        assert file_version("css/no-such-file.css") == ""

def _address_app(app, hops):
    proxied = _app_like(app, PROXY_FIX_X_FOR=hops)

    @proxied.get("/_test/address")
    def address():
        return f"{request.remote_addr} {request.scheme}"

    return proxied.test_client()

def test_proxy_fix_trusts_one_proxy_when_configured(app, db):
    client = _address_app(app, 1)
    response = client.get("/_test/address", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
                          environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.get_data(as_text=True) == "203.0.113.7 https"

def test_forwarded_headers_are_ignored_without_a_proxy(app, db):
    client = _address_app(app, 0)
    response = client.get("/_test/address", headers={"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"},
                          environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.get_data(as_text=True) == "127.0.0.1 http"

def test_proxy_fix_only_trusts_the_configured_number_of_hops(app, db):
    client = _address_app(app, 1)
    response = client.get("/_test/address", headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.7"},
                          environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.get_data(as_text=True).split()[0] == "203.0.113.7"  # a spoofed first entry is not trusted

@pytest.mark.parametrize(("value", "expected"), [
    (None, True), ("", True), ("1", True), ("yes", True), ("0", False), ("false", False), ("Off", False), ("no", False),
])
def test_env_flag_reads_on_and_off(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("SHOP_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("SHOP_TEST_FLAG", value)
    assert env_flag("SHOP_TEST_FLAG", True) is expected


def test_postgresql_connections_run_without_jit(postgres_only, db):
    from sqlalchemy import text

    db.engine.dispose()  # new connections, made with the connect hook
    assert db.session.execute(text("SHOW jit")).scalar() == "off"
    db.session.rollback()
    assert db.session.execute(text("SHOW jit")).scalar() == "off"
