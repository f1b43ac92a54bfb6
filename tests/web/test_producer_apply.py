"""Applying to sell: a new account or a signed-in customer becomes a pending producer."""
import pytest

from shop.models import Producer, User
from tests.factories import make_area, make_producer_owner, make_user


@pytest.fixture
def area(db):
    area = make_area("Ba Chẽ")
    db.session.commit()
    return area


def application(area, **changes):
    data = {"name": "Trần Văn Minh", "email": "minh@example.com", "password": "mật-khẩu-rất-dài",
            "confirm": "mật-khẩu-rất-dài", "business_name": "HTX Trà hoa vàng Ba Chẽ", "legal_type": "cooperative",
            "area_id": str(area.id), "address": "Thôn Làng Mới, Ba Chẽ", "phone": "0912 345 678",
            "story_vi": "Trà hoa vàng từ rừng Ba Chẽ.", "story_en": "Golden camellia tea from Ba Chẽ forests."}
    data.update(changes)
    return data


def test_a_visitor_applies_confirms_the_email_and_waits_for_approval(area, client, db, smtp_inbox):
    import re

    page = client.get("/producer/apply").get_data(as_text=True)
    assert "Tài khoản của bạn" in page and "Ba Chẽ" in page and "Hộ kinh doanh" in page
    response = client.post("/producer/apply", data=application(area))
    assert response.status_code == 302 and response.headers["Location"] == "/auth/login"
    response.close()
    assert db.session.query(Producer).count() == db.session.query(User).count() == 0
    (text,) = smtp_inbox.texts()
    link = re.search(r"http://localhost(/auth/confirm/\S+)", text).group(1)
    response = client.post(link)
    assert response.status_code == 302 and response.headers["Location"] == "/producer/status"
    producer = db.session.query(Producer).one()
    assert (producer.name, producer.status, producer.legal_type, producer.area_id) == (
        "HTX Trà hoa vàng Ba Chẽ", "pending", "cooperative", area.id)
    assert producer.owner.email == "minh@example.com" and producer.owner.role == "producer"
    status = client.get("/producer/status").get_data(as_text=True)
    assert "đang chờ phê duyệt" in status and "HTX Trà hoa vàng Ba Chẽ" in status
    assert client.get("/producer/products").headers["Location"] == "/producer/status"


@pytest.mark.parametrize("changes, message", [
    ({"email": "not-an-email"}, "Invalid email address"),
    ({"confirm": "something-else"}, "The passwords differ."),
    ({"password": "short", "confirm": "short"}, "Field must be between 10 and 200 characters long."),
    ({"legal_type": "corporation"}, "Not a valid choice"),
    ({"area_id": "999"}, "Not a valid choice"),
    ({"business_name": ""}, "This field is required"),
    ({"phone": "hello"}, "Give a phone number"),
])
def test_bad_applications_are_refused_and_nothing_is_created(area, english, client, db, changes, message):
    response = client.post("/producer/apply", data=application(area, **changes))
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db.session.query(User).count() == 0 and db.session.query(Producer).count() == 0


def test_a_taken_email_gets_the_same_answer_and_its_owner_a_notice(area, english, client, db, smtp_inbox):
    make_user(email="minh@example.com", name="Minh")
    db.session.commit()
    taken = client.post("/producer/apply", data=application(area))
    taken.close()
    free = client.post("/producer/apply", data=application(area, email="lan@example.com"))
    free.close()
    assert (taken.status_code, taken.headers["Location"]) == (free.status_code, free.headers["Location"])
    assert db.session.query(Producer).count() == 0
    (to_owner, _m), (to_new, _n) = smtp_inbox.messages
    assert to_owner == ["minh@example.com"] and to_new == ["lan@example.com"]
    owner_text, new_text = smtp_inbox.texts()
    assert "/auth/confirm/" not in owner_text and "/auth/login" in owner_text
    assert "/auth/confirm/" in new_text


def test_a_signed_in_customer_applies_without_account_fields(area, client, db, login):
    customer = make_user(role="customer")
    db.session.commit()
    login(customer)
    page = client.get("/producer/apply").get_data(as_text=True)
    assert "Your account" not in page and 'name="password"' not in page
    data = application(area)
    for key in ("name", "email", "password", "confirm"):
        data.pop(key)
    assert client.post("/producer/apply", data=data).headers["Location"] == "/producer/status"
    db.session.expire_all()
    assert customer.role == "producer" and customer.producer.status == "pending"


def test_producers_and_administrators_do_not_apply_again(area, client, db, login):
    user, _producer = make_producer_owner()
    db.session.commit()
    login(user)
    assert client.get("/producer/apply").headers["Location"] == "/producer/"
    client.post("/auth/logout")
    admin = make_user(role="admin")
    db.session.commit()
    login(admin)
    assert client.get("/producer/apply").status_code == 403
