def test_pages_are_vietnamese_by_default(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_the_language_switch_persists_in_the_session(client):
    response = client.get("/language/en?next=/auth/login")
    assert response.headers["Location"] == "/auth/login"
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Sign in" in html


def test_unknown_language_is_ignored(client):
    client.get("/language/fr")
    assert '<html lang="vi">' in client.get("/auth/login").get_data(as_text=True)


def test_signed_in_users_keep_their_language(client, db, login):
    from tests.factories import make_user

    user = make_user()
    db.session.commit()
    login(user)
    client.get("/language/en")
    db.session.refresh(user)
    assert user.locale == "en"


def test_layout_has_search_cart_and_account_links_and_no_cdn(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert 'action="/products"' in html and 'name="q"' in html
    assert 'href="/cart"' in html
    assert "https://" not in html.split("<body")[0]  # every asset is served from static/


def test_unknown_pages_get_the_404_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "<h1>" in response.get_data(as_text=True)
