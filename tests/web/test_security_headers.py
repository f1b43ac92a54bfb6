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
