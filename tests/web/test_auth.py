import pytest

from shop.models import User
from tests.factories import DEFAULT_PASSWORD, make_user


def test_register_creates_a_customer_and_signs_in(client, db):
    response = client.post("/auth/register", data={
        "name": "Lê Minh Anh", "email": "Anh@Example.com",
        "password": "mot-mat-khau-dai", "confirm": "mot-mat-khau-dai",
    })
    assert response.status_code == 302
    user = db.session.query(User).one()
    assert (user.email, user.role) == ("anh@example.com", "customer")
    assert user.password_hash.startswith(client.application.config["PASSWORD_HASH_METHOD"].split(":")[0])
    assert "mot-mat-khau-dai" not in user.password_hash
    assert client.get("/auth/logout").status_code == 200  # signed in: the sign-out page offers the button


def test_register_refuses_a_short_password_and_a_taken_email(client, db):
    make_user(email="hoa@example.com")
    db.session.commit()
    short = client.post("/auth/register", data={"name": "A", "email": "a@example.com", "password": "short",
                                                "confirm": "short"})
    taken = client.post("/auth/register", data={"name": "B", "email": "HOA@example.com",
                                                "password": "long-enough-pw", "confirm": "long-enough-pw"})
    assert short.status_code == taken.status_code == 200
    assert db.session.query(User).count() == 1


def test_login_with_wrong_password_or_unknown_email_gives_the_same_answer(client, db):
    make_user(email="hoa@example.com")
    db.session.commit()
    wrong = client.post("/auth/login", data={"email": "hoa@example.com", "password": "nope-nope-nope"})
    unknown = client.post("/auth/login", data={"email": "nobody@example.com", "password": "nope-nope-nope"})
    assert wrong.status_code == unknown.status_code == 200
    assert wrong.get_data(as_text=True).count("flash-error") == unknown.get_data(as_text=True).count("flash-error") == 1


def test_deactivated_users_cannot_log_in(client, db):
    make_user(email="old@example.com", active=False)
    db.session.commit()
    response = client.post("/auth/login", data={"email": "old@example.com", "password": DEFAULT_PASSWORD})
    assert response.status_code == 200


def test_login_follows_a_local_next(client, db):
    make_user(email="hoa@example.com")
    db.session.commit()
    response = client.post("/auth/login?next=/products?q=tra",
                           data={"email": "hoa@example.com", "password": DEFAULT_PASSWORD})
    assert response.headers["Location"] == "/products?q=tra"


@pytest.mark.parametrize("target", [
    "https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com", "\\\\evil.example.com",
    "javascript:alert(1)", "http:/evil.example.com",
])
def test_next_cannot_redirect_off_site(client, db, target):
    make_user(email="hoa@example.com")
    db.session.commit()
    response = client.post("/auth/login", data={"email": "hoa@example.com", "password": DEFAULT_PASSWORD,
                                                "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_logout_clears_the_session(client, db, login):
    user = make_user()
    db.session.commit()
    login(user)
    with client.session_transaction() as session:
        assert session.get("_user_id") == user.get_id()
    client.post("/auth/logout")
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_production_hashes_passwords_with_scrypt():
    from config import Config

    assert Config.PASSWORD_HASH_METHOD == "scrypt"
