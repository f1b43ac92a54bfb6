def test_pages_are_vietnamese_by_default(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_the_old_language_switch_goes_to_the_pages_address_in_that_language(client):
    response = client.get("/language/en?next=/auth/login")
    assert response.headers["Location"] == "/en/auth/login"
    html = client.get("/en/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Sign in" in html
    assert client.get("/language/zh?next=/en/products%3Fq%3Dtra").headers["Location"] == "/zh/products?q=tra"
    assert client.get("/language/vi?next=/ko/cart").headers["Location"] == "/cart"


def test_the_portal_keeps_the_session_switch_in_vietnamese_and_english(client):
    assert client.get("/language/en?next=/producer/apply").headers["Location"] == "/producer/apply"
    assert '<html lang="en">' in client.get("/producer/apply").get_data(as_text=True)
    client.get("/language/zh?next=/producer/apply")  # the portal speaks no Chinese: it stays English
    assert '<html lang="en">' in client.get("/producer/apply").get_data(as_text=True)


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
