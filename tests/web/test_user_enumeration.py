"""Log-in and password reset say nothing about which e-mails have accounts: same answer, same cost."""
import re

import pytest

from shop.models import User
from shop.services import mail
from shop.services.accounts import users as accounts
from tests.factories import make_user

FLASH = re.compile(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', re.S)


@pytest.fixture
def hash_checks(monkeypatch):
    """Record every password-hash verification (the hash it was checked against)."""
    checked = []
    real = accounts.check_password_hash

    def counting(pwhash, password):
        checked.append(pwhash)
        return real(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    return checked


def test_every_failed_log_in_verifies_one_hash_of_the_configured_kind(app, client, db, hash_checks):
    make_user(email="hoa@example.com")
    make_user(email="old@example.com", active=False)
    db.session.commit()
    method = app.config["PASSWORD_HASH_METHOD"]
    answers = {}
    for email in ("hoa@example.com", "nobody@example.com", "old@example.com"):
        hash_checks.clear()
        response = client.post("/auth/login", data={"email": email, "password": "not-the-password"})
        # Exactly one verification, against a hash made the way the shop's own hashes are made:
        # an unknown e-mail costs what a wrong password costs.
        assert len(hash_checks) == 1, email
        assert hash_checks[0].startswith(method + "$"), (email, hash_checks[0][:20])
        answers[email] = (response.status_code, FLASH.findall(response.get_data(as_text=True)))
    assert len(set(map(repr, answers.values()))) == 1, answers


def test_a_reset_request_answers_the_same_and_mails_only_after_the_answer(app, client, db, monkeypatch):
    make_user(email="hoa@example.com")
    make_user(email="old@example.com", active=False)
    db.session.commit()
    delivered = []
    monkeypatch.setattr(mail, "send_message", lambda message: delivered.append(message["To"]))
    answers = {}
    for email in ("hoa@example.com", "nobody@example.com", "old@example.com"):
        before = len(delivered)
        response = client.post("/auth/reset", data={"email": email})
        # Nothing is delivered while the answer is made: a slow mail server cannot tell that the address exists.
        assert len(delivered) == before, email
        answers[email] = (response.status_code, response.headers["Location"])
        response.close()  # the server has sent the answer
    assert delivered == ["hoa@example.com"]
    assert len(set(answers.values())) == 1, answers
    page = client.get("/auth/login").get_data(as_text=True)
    assert len(FLASH.findall(page)) == 3 and len(set(FLASH.findall(page))) == 1


@pytest.fixture
def lookups(monkeypatch):
    """Record every look-up of an account by e-mail (by the reset, the registration and their mails)."""
    from shop.services.accounts import registration

    seen = []
    real = accounts.find_user

    def recording(email):
        seen.append(email)
        return real(email)

    monkeypatch.setattr(accounts, "find_user", recording)
    monkeypatch.setattr(registration, "find_user", recording)
    return seen


def test_the_reset_answer_looks_nothing_up(app, client, db, lookups):
    """The answer is made before any look-up: a real and an unknown address take the same path."""
    make_user(email="hoa@example.com")
    db.session.commit()
    for email in ("hoa@example.com", "nobody@example.com"):
        response = client.post("/auth/reset", data={"email": email})
        assert lookups == [], email  # nothing yet: the look-up happens after the answer
        response.close()
        assert lookups == [email]
        lookups.clear()


REGISTRATION = {"name": "Lê Minh Anh", "password": "mot-mat-khau-dai", "confirm": "mot-mat-khau-dai"}


def test_registration_answers_the_same_for_a_taken_email_and_mails_its_owner(app, client, db, lookups, smtp_inbox):
    make_user(email="hoa@example.com", name="Hoa")
    db.session.commit()
    answers = {}
    for email in ("hoa@example.com", "nobody@example.com"):
        response = client.post("/auth/register", data={**REGISTRATION, "email": email})
        assert lookups == [], email  # nothing is looked up before the answer
        answers[email] = (response.status_code, response.headers["Location"])
        response.close()
        lookups.clear()
    assert len(set(answers.values())) == 1, answers
    page = client.get("/auth/login").get_data(as_text=True)
    flashes = FLASH.findall(page)
    assert len(flashes) == 2 and flashes[0].replace("hoa@", "nobody@") == flashes[1]
    (to_owner, notice), (to_new, confirm) = smtp_inbox.messages
    assert (to_owner, to_new) == (["hoa@example.com"], ["nobody@example.com"])
    assert "/auth/confirm/" not in notice.get_body(("plain",)).get_content()
    assert "/auth/confirm/" in confirm.get_body(("plain",)).get_content()
    assert db.session.query(User).count() == 1  # the free address waits for its link


def test_registration_hashes_the_password_either_way(app, client, db, monkeypatch):
    from shop.services.accounts import registration

    hashed = []
    monkeypatch.setattr(registration, "hash_password", lambda password: hashed.append(password) or "pbkdf2:x$y$z")
    make_user(email="hoa@example.com")
    db.session.commit()
    for email in ("hoa@example.com", "nobody@example.com"):
        client.post("/auth/register", data={**REGISTRATION, "email": email}).close()
    assert hashed == ["mot-mat-khau-dai", "mot-mat-khau-dai"]
