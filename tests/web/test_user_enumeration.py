"""Log-in and password reset say nothing about which e-mails have accounts: same answer, same cost."""
import re

import pytest

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
