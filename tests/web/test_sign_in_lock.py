"""A lock on an e-mail address after repeated failed sign-ins: the same for every address, never for ever.

Ten failures within fifteen minutes lock the address for fifteen minutes (SIGN_IN_LOCK_*); the answers,
the lock and its timing are the same for an address with an account and one without; the owner is
mailed after the answer; attempts while locked do not lengthen it; the owner's known browsers and a new
password get round it.
"""
import re
from datetime import datetime, timedelta

import pytest

from shop.models import SignInLock
from shop.services import mail
from shop.services.accounts import users as accounts
from tests.clock import frozen_at
from tests.factories import DEFAULT_PASSWORD, make_user

FLASH = re.compile(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', re.S)
LOCKED = "Too many failed sign-ins with this e-mail: try again in 15 minutes, or choose a new password."
WRONG = "Wrong e-mail or password."
START = datetime(2026, 12, 2, 9, 0, 0)


@pytest.fixture
def delivered(monkeypatch):
    sent = []
    monkeypatch.setattr(mail, "send_message", lambda message: sent.append(message))
    return sent


def sign_in(client, email, password="not-the-password", at=START):
    with frozen_at(at):
        response = client.post("/auth/login", data={"email": email, "password": password})
        flashes = FLASH.findall(response.get_data(as_text=True))
        response.close()  # the answer has gone out: work after it runs now
    return response.status_code, flashes


def fail(client, email, times, at=START):
    return [sign_in(client, email, at=at + timedelta(seconds=i)) for i in range(times)]


def test_ten_failures_lock_the_address_and_even_the_right_password_waits(app, client, db, english, delivered):
    user = make_user(email="hoa@example.com", locale="en")
    db.session.commit()
    answers = fail(client, user.email, 10)
    assert answers[:9] == [(200, [WRONG])] * 9
    assert answers[9] == (200, [LOCKED])
    assert sign_in(client, user.email, DEFAULT_PASSWORD, START + timedelta(minutes=1)) == (200, [LOCKED])
    # The owner is told once, after the answer, with a link to choose a new password.
    assert [message["To"] for message in delivered] == ["hoa@example.com"]
    body = delivered[0].get_body(("plain",)).get_content()
    assert "10 times" in body and "15 minutes" in body and "/auth/reset/" in body


def test_an_address_without_an_account_is_locked_the_same_way_and_nobody_is_mailed(app, client, db, english,
                                                                                   delivered):
    make_user(email="hoa@example.com")
    db.session.commit()
    with_account = fail(client, "hoa@example.com", 11)
    delivered.clear()
    without = fail(app.test_client(), "nobody@example.com", 11)
    assert with_account == without  # answer for answer: no account enumeration
    assert delivered == []
    # The table keeps no address in the clear.
    assert all("@" not in lock.email_digest for lock in db.session.query(SignInLock))


def test_the_lock_runs_out_and_attempts_during_it_do_not_lengthen_it(app, client, db, english):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    fail(client, user.email, 10)
    for minute in range(1, 15):  # the attacker keeps trying all through the lock
        assert sign_in(client, user.email, at=START + timedelta(minutes=minute)) == (200, [LOCKED])
    status, flashes = sign_in(client, user.email, DEFAULT_PASSWORD, START + timedelta(minutes=15, seconds=10))
    assert status == 302


def test_failures_spread_over_more_than_the_window_never_lock(app, client, db, english):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    for i in range(27):  # nine failures, then a pause longer than the window, three times over
        assert sign_in(client, user.email, at=START + timedelta(minutes=16 * (i // 9), seconds=i)) == (200, [WRONG])
    assert sign_in(client, user.email, DEFAULT_PASSWORD, START + timedelta(hours=2))[0] == 302


def test_a_browser_the_owner_signed_in_with_before_still_signs_in_while_locked(app, client, db, english):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    owners_phone = app.test_client()
    assert sign_in(owners_phone, user.email, DEFAULT_PASSWORD)[0] == 302
    owners_phone.post("/auth/logout")
    fail(client, user.email, 10, at=START + timedelta(minutes=1))
    later = START + timedelta(minutes=2)
    assert sign_in(client, user.email, DEFAULT_PASSWORD, later) == (200, [LOCKED])  # the attacker's browser
    assert sign_in(owners_phone, user.email, DEFAULT_PASSWORD, later)[0] == 302
    # A forged known-device cookie is worth nothing.
    forger = app.test_client()
    forger.set_cookie("known_device", owners_phone.get_cookie("known_device").value[:-2] + "xx")
    assert sign_in(forger, user.email, DEFAULT_PASSWORD, later) == (200, [LOCKED])


def test_a_new_password_lifts_the_lock(app, client, db, english):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    fail(client, user.email, 10)
    with frozen_at(START + timedelta(minutes=1)):
        accounts.reset_password(user, "a-brand-new-password")
    assert sign_in(client, user.email, "a-brand-new-password", START + timedelta(minutes=2))[0] == 302


def test_a_right_password_before_the_lock_starts_the_count_again(app, client, db, english):
    user = make_user(email="hoa@example.com")
    db.session.commit()
    fail(client, user.email, 9)
    assert sign_in(client, user.email, DEFAULT_PASSWORD, START + timedelta(seconds=30))[0] == 302
    client.post("/auth/logout")
    assert fail(client, user.email, 9, at=START + timedelta(minutes=1)) == [(200, [WRONG])] * 9
