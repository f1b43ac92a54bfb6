import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

from shop.services.accounts.users import make_reset_token, user_for_reset_token
from tests.factories import make_user


def sent_mail(app):
    folder = Path(app.config["MAIL_FOLDER"])
    return [BytesParser(policy=policy.default).parse(open(p, "rb")) for p in sorted(folder.glob("*.eml"))]


def clear_mail(app):
    for p in Path(app.config["MAIL_FOLDER"]).glob("*.eml"):
        p.unlink()


def test_reset_link_by_mail_sets_a_new_password_once(app, client, db):
    clear_mail(app)
    user = make_user(email="hoa@example.com")
    db.session.commit()
    response = client.post("/auth/reset", data={"email": "hoa@example.com"})
    assert response.status_code == 302
    response.close()  # the mail goes out once the answer has been sent
    (message,) = sent_mail(app)
    assert message["To"] == "hoa@example.com"
    link = re.search(r"http://\S+/auth/reset/\S+", message.get_body(("plain",)).get_content()).group(0)
    path = link.split("localhost", 1)[-1]
    assert client.get(path).status_code == 200
    response = client.post(path, data={"password": "a-new-long-password", "confirm": "a-new-long-password"})
    assert response.status_code == 302
    new_login = client.post("/auth/login", data={"email": "hoa@example.com", "password": "a-new-long-password"})
    assert new_login.status_code == 302
    assert client.get(path).status_code == 404  # used: the hash changed
    db.session.refresh(user)


def test_reset_answers_the_same_for_unknown_addresses_and_sends_nothing(app, client, db):
    clear_mail(app)
    make_user(email="hoa@example.com")
    db.session.commit()
    known = client.post("/auth/reset", data={"email": "hoa@example.com"}, follow_redirects=True)
    unknown = client.post("/auth/reset", data={"email": "nobody@example.com"}, follow_redirects=True)
    assert known.status_code == unknown.status_code == 200
    flash = re.compile(r'<p class="flash[^"]*"[^>]*>(.*?)</p>', re.S)
    assert flash.findall(known.get_data(as_text=True)) == flash.findall(unknown.get_data(as_text=True))
    assert len(sent_mail(app)) == 1


def test_reset_tokens_expire_and_cannot_be_forged(db):
    user = make_user()
    db.session.commit()
    token = make_reset_token(user)
    assert user_for_reset_token(token) == user
    assert user_for_reset_token(token, max_age=-1) is None
    assert user_for_reset_token(token[:-2] + "xx") is None
    assert user_for_reset_token("nonsense") is None
