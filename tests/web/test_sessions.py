"""Sessions: a fresh one at log-in (no fixation), nothing left at log-out, Secure cookies in production."""
import base64

from config import ProductionConfig
from shop.services.accounts import users as accounts
from tests.factories import DEFAULT_PASSWORD, make_product, make_user

PRODUCTION_SECRET = "p" * 48


def session_cookie(client):
    cookie = client.get_cookie("session")
    return cookie.value if cookie else None


def test_values_planted_before_log_in_are_gone_after_it(client, db):
    user = make_user()
    product = make_product()
    db.session.commit()
    with client.session_transaction() as session:
        session["planted"] = "attacker's value"
        session["csrf_token"] = "token-the-attacker-knows"
        session["_user_id"] = "999999"
        session["locale"] = "en"
        session["cart"] = {str(product.id): 2}
    planted_cookie = session_cookie(client)
    response = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert session_cookie(client) != planted_cookie
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != "token-the-attacker-knows"
        assert session["_user_id"] == user.get_id()
        # What the visitor chose is kept: the language, and the cart (moved into the customer's stored cart).
        assert session["locale"] == "en" and "cart" not in session
    assert client.get("/en/cart").get_data(as_text=True).count(product.name_en) >= 1


def test_log_out_leaves_nothing_of_the_signed_in_session(db, make_app):
    user = make_user()
    db.session.commit()
    # An app of its own: its requests do not share the test's app context (and Flask-Login's cache on `g`).
    client = make_app().test_client()
    client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is not None
    with client.session_transaction() as session:
        session["csrf_token"] = "signed-in-token"
        session["cart"] = {"1": 1}
        session["anything"] = "else"
        session["locale"] = "en"
    response = client.post("/auth/logout")
    assert response.status_code == 302
    with client.session_transaction() as session:
        assert set(session) <= {"locale", "_flashes", "_fresh"}
        assert session["locale"] == "en"
    # Signed out for real, the remember-me cookie included: the account pages ask to log in again.
    assert client.get("/account/orders").headers["Location"].startswith("/auth/login")
    assert client.get_cookie("remember_token") is None


def test_production_cookies_are_secure_httponly_and_samesite(db, make_app):
    user = make_user()
    db.session.commit()
    production = make_app(ProductionConfig, SECRET_KEY=PRODUCTION_SECRET, RATELIMIT_ENABLED=False,
                          WTF_CSRF_ENABLED=False, PUBLIC_BASE_URL="https://shop.example.vn")
    config = production.config
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["REMEMBER_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    client = production.test_client()
    response = client.post("/auth/login", base_url="https://shop.example.vn",
                           data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"})
    assert response.status_code == 302
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    for name in ("session", "remember_token"):
        flags = [flag.strip() for flag in cookies[name].split(";")]
        assert "Secure" in flags and "HttpOnly" in flags and "SameSite=Lax" in flags, cookies[name]


def test_development_cookies_are_not_marked_secure(client, db, login):
    user = make_user()
    db.session.commit()
    cookie = login(user).headers["Set-Cookie"]
    assert "Secure" not in cookie  # plain http on a laptop must still keep the session


def test_a_password_change_signs_out_every_other_browser(client, db):
    user = make_user()
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "remember": "y"})
    assert client.get("/account/orders").status_code == 200
    accounts.reset_password(user, "a-brand-new-password")  # e.g. from a reset link, in another browser
    # Neither the session nor the remember-me cookie of the old password lets this browser in.
    assert client.get("/account/orders").headers["Location"].startswith("/auth/login")
    with client.session_transaction() as session:
        session.pop("_user_id", None)  # only the remember-me cookie is left
    assert client.get("/account/orders").headers["Location"].startswith("/auth/login")


def test_a_deactivated_account_is_signed_out(client, db):
    # Flask-Login counts an inactive user as not authenticated: the office's deactivation takes effect at once.
    user = make_user()
    db.session.commit()
    client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    user.active = False
    db.session.commit()
    assert client.get("/account/orders").headers["Location"].startswith("/auth/login")


def test_reset_links_and_sessions_carry_nothing_of_the_password_hash(client, db):
    user = make_user()
    db.session.commit()
    digest = user.password_hash.rsplit("$", 1)[-1]
    pieces = {digest[i:i + 8] for i in range(0, len(digest) - 8)}  # any 8 hex digits of the hash
    token = accounts.make_reset_token(user)
    payload = base64.urlsafe_b64decode(token.split(".")[0] + "==").decode()
    client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD})
    with client.session_transaction() as session:
        identity = session["_user_id"]
    for carried in (payload, identity):
        assert not any(piece in carried for piece in pieces), carried


# Sessions that end: a copy of a browser's cookies, taken while it was signed in, opens nothing
# once the account signed out, changed its password or was suspended.

SIGNED_IN_PAGE = "/account/orders"


def signed_in_browser(shop, user, remember=True):
    client = shop.test_client()
    data = {"email": user.email, "password": DEFAULT_PASSWORD, **({"remember": "y"} if remember else {})}
    assert client.post("/auth/login", data=data).status_code == 302
    assert client.get(SIGNED_IN_PAGE).status_code == 200
    return client


def copies_of(shop, client):
    """Two other browsers: one with the session cookie alone, one with the remember-me cookie alone."""
    copies = []
    for name in ("session", "remember_token"):
        copy = shop.test_client()
        copy.set_cookie(name, client.get_cookie(name).value)
        copies.append(copy)
    return copies


def assert_signed_out(*browsers):
    for browser in browsers:
        response = browser.get(SIGNED_IN_PAGE)
        assert response.status_code == 302 and response.headers["Location"].startswith("/auth/login")


def test_copied_cookies_open_the_account_until_it_signs_out(db, make_app):
    user = make_user()
    db.session.commit()
    shop = make_app()
    browser = signed_in_browser(shop, user)
    copies = copies_of(shop, browser)
    for copy in copies:
        assert copy.get(SIGNED_IN_PAGE).status_code == 200  # the copies work while the account is signed in
    other_device = signed_in_browser(shop, user)
    browser.post("/auth/logout")
    # Signing out ends every session of the account: the copies and the other device's too.
    assert_signed_out(browser, other_device, *copies)
    assert signed_in_browser(shop, user).get(SIGNED_IN_PAGE).status_code == 200  # a new sign-in works


def test_copied_cookies_stop_working_when_the_password_changes(db, make_app):
    user = make_user()
    db.session.commit()
    shop = make_app()
    copies = copies_of(shop, signed_in_browser(shop, user))
    accounts.reset_password(user, "a-brand-new-password")
    assert_signed_out(*copies)


def test_copied_cookies_of_a_deactivated_account_stay_dead_after_it_is_reactivated(db, make_app):
    from shop.services.accounts.roles import set_active

    admin, user = make_user(role="admin"), make_user()
    db.session.commit()
    shop = make_app()
    copies = copies_of(shop, signed_in_browser(shop, user))
    set_active(user, False, admin)
    assert_signed_out(*copies)
    set_active(user, True, admin)
    assert_signed_out(*copies)  # the account must sign in again


def test_copied_cookies_of_a_suspended_producer_are_signed_out(db, make_app):
    from shop.services.producers.approval import suspend_producer
    from tests.factories import make_producer_owner

    admin = make_user(role="admin")
    owner, producer = make_producer_owner()
    db.session.commit()
    shop = make_app()
    copies = copies_of(shop, signed_in_browser(shop, owner))
    suspend_producer(producer, admin, "Giấy phép hết hạn")
    assert_signed_out(*copies)


def remember_cookie_expiry(response):
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("remember_token="))
    expires = next(part.split("=", 1)[1] for part in header.split("; ") if part.lower().startswith("expires="))
    from email.utils import parsedate_to_datetime

    return parsedate_to_datetime(expires).replace(tzinfo=None)


def test_keep_me_signed_in_lasts_thirty_days_and_is_renewed_when_it_signs_the_visitor_in(db, make_app):
    from datetime import datetime, timedelta

    from tests.clock import frozen_at

    user = make_user()
    db.session.commit()
    shop = make_app()
    client = shop.test_client()
    signed_in_at = datetime(2026, 12, 2, 9, 0, 0)
    with frozen_at(signed_in_at):
        response = client.post("/auth/login", data={"email": user.email, "password": DEFAULT_PASSWORD,
                                                     "remember": "y"})
    assert remember_cookie_expiry(response) == signed_in_at + timedelta(days=30)
    returning = shop.test_client()  # the browser was closed: only the remember-me cookie is left
    returning.set_cookie("remember_token", client.get_cookie("remember_token").value)
    with frozen_at(signed_in_at + timedelta(days=20)):
        response = returning.get(SIGNED_IN_PAGE)
    assert response.status_code == 200
    assert remember_cookie_expiry(response) == signed_in_at + timedelta(days=50)
