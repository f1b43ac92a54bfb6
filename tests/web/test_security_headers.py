import os

import pytest
import redis

from config import TestConfig
from shop import create_app


def test_every_response_carries_the_security_headers(client):
    for path in ("/", "/auth/login", "/no-such-page", "/healthz"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert "frame-ancestors 'none'" in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert "Strict-Transport-Security" not in headers  # only in production (HTTPS)


def test_pages_have_no_inline_scripts(client):
    import re

    html = client.get("/auth/login").get_data(as_text=True)
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or "application/json" in tag or "application/ld+json" in tag


def test_session_cookie_is_httponly_and_samesite_lax(client, db, login):
    from tests.factories import make_user

    user = make_user()
    db.session.commit()
    response = login(user)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.fixture
def limited_app(app):
    """Build apps with rate limits on; the shared limiter is switched off again afterwards."""
    from shop.extensions import limiter

    def build(**settings):
        config = type("LimitedConfig", (TestConfig,), {
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "MAIL_FOLDER": app.config["MAIL_FOLDER"], "RATELIMIT_ENABLED": True, **settings,
        })
        return create_app(config)

    yield build
    limiter.reset()
    limiter.enabled = False


def hammer_login(application, times):
    client = application.test_client()
    return [client.post("/auth/login", data={"email": "x@example.com", "password": "wrong-password"}).status_code
            for _ in range(times)]


def test_login_is_rate_limited_in_memory_without_redis(limited_app, db):
    statuses = hammer_login(limited_app(), 11)
    assert statuses[:10] == [200] * 10
    assert statuses[10] == 429


def test_rate_limit_counters_live_in_redis_when_configured(limited_app, db):
    url = "redis://127.0.0.1:6379/15"
    try:
        server = redis.Redis.from_url(url)
        server.flushdb()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            raise
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    statuses = hammer_login(limited_app(REDIS_URL=url), 11)
    assert statuses[-1] == 429
    assert any(b"login" in key for key in server.keys("*"))
    # A second app (another worker) shares the same counters.
    assert hammer_login(limited_app(REDIS_URL=url), 1) == [429]
    server.flushdb()
