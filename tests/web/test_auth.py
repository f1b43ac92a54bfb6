import pytest

from shop.models import User
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.html import parse


def confirmation_link(inbox):
    """Return the path of the confirmation link in the last message of `inbox`."""
    import re

    text = inbox.texts()[-1]
    return re.search(r"http://localhost(/auth/confirm/\S+)", text).group(1)


def test_register_mails_a_link_that_opens_the_account_and_signs_in(client, db, smtp_inbox):
    response = client.post("/auth/register", data={
        "name": "Lê Minh Anh", "email": "Anh@Example.com",
        "password": "mot-mat-khau-dai", "confirm": "mot-mat-khau-dai",
    })
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    response.close()  # the mail goes out once the answer has been sent
    assert db.session.query(User).count() == 0  # nothing until the mailbox's owner opens the link
    (rcpt, _message), = smtp_inbox.messages
    assert rcpt == ["anh@example.com"]
    link = confirmation_link(smtp_inbox)
    assert client.get(link).status_code == 200
    assert db.session.query(User).count() == 0  # opening the link (a mail scanner) changes nothing
    assert client.post(link).status_code == 302
    user = db.session.query(User).one()
    assert (user.email, user.role, user.name) == ("anh@example.com", "customer", "Lê Minh Anh")
    assert user.password_hash.startswith(client.application.config["PASSWORD_HASH_METHOD"].split(":")[0])
    assert "mot-mat-khau-dai" not in user.password_hash and "mot-mat-khau-dai" not in link
    assert client.get("/auth/logout").status_code == 200  # signed in: the sign-out page offers the button
    client.post("/auth/logout")
    assert client.post(link).status_code == 302 and db.session.query(User).count() == 1  # once only
    assert client.post("/auth/login", data={"email": "anh@example.com", "password": "mot-mat-khau-dai"}
                       ).status_code == 302


def test_a_forged_or_old_confirmation_link_is_not_found(client, db):
    from shop.services.accounts import registration

    assert client.get("/auth/confirm/nonsense").status_code == 404
    with client.application.test_request_context():
        token = registration._serializer().dumps({"email": "a@example.com"})
        assert registration.pending_account(token, max_age=-1) is None
    assert client.post("/auth/confirm/" + token[:-2] + "xx").status_code == 404


def test_register_refuses_a_short_password(client, db):
    short = client.post("/auth/register", data={"name": "A", "email": "a@example.com", "password": "short",
                                                "confirm": "short"})
    assert short.status_code == 200
    assert db.session.query(User).count() == 0


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
    assert response.status_code == 200 and len(parse(response).select(".flash-error")) == 1
    with client.session_transaction() as session:
        assert "_user_id" not in session
    account = client.get("/account/orders")
    assert account.status_code == 302 and account.headers["Location"].startswith("/auth/login")


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
