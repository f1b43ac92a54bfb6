import email
from email import policy

import pytest

from tests.checkout_helpers import mail_files
from tests.factories import make_producer, make_product, make_user, place_test_order
from tests.smtp_server import free_port

pytestmark = pytest.mark.usefixtures("english")


def test_a_cash_order_mails_the_customer_and_each_producer_over_smtp(db, smtp_inbox):
    hoa = make_producer(email="hoa@example.com")
    minh = make_producer(owner=make_user(role="producer", email="minh@example.com"))
    tea = make_product(producer=hoa, stock=5, name_vi="Trà hoa vàng", name_en="Golden camellia tea")
    squid = make_product(producer=minh, stock=5, name_vi="Chả mực", name_en="Squid cakes")
    order = place_test_order({tea: 1, squid: 2}, email="khach@example.com", locale="en")

    received = {rcpt[0]: message for rcpt, message in smtp_inbox.messages}
    assert set(received) == {"khach@example.com", "hoa@example.com", "minh@example.com"}
    confirmation = received["khach@example.com"]
    assert confirmation["Subject"] == f"Your order {order.number}"
    text = confirmation.get_body(("plain",)).get_content()
    # The buyer reads the names they saw (English); each producer reads the Vietnamese.
    assert "Golden camellia tea" in text and "Squid cakes" in text and f"/orders/{order.number}?t=" in text
    assert "Trà hoa vàng" not in text
    assert confirmation.get_body(("html",)) is not None
    to_hoa = received["hoa@example.com"].get_body(("plain",)).get_content()
    assert "Trà hoa vàng" in to_hoa and "Chả mực" not in to_hoa
    to_minh = received["minh@example.com"].get_body(("plain",)).get_content()
    assert "Chả mực" in to_minh and "Trà hoa vàng" not in to_minh


def test_the_confirmation_link_opens_the_order(app, client, db, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_BASE_URL", "https://ocop.example.vn")
    with app.test_request_context("/checkout", base_url="http://forged.example.com"):  # the Host changes nothing
        order = place_test_order({make_product(stock=5): 1}, email="guest@example.com")
    message = email.message_from_bytes(
        next(m for m in reversed(mail_files(app)) if b"To: guest@example.com" in m), policy=policy.default)

    text = message.get_body(("plain",)).get_content()
    link = next(line for line in text.splitlines() if f"/orders/{order.number}?t=" in line).strip()
    assert link.startswith(f"https://ocop.example.vn/orders/{order.number}?t=")
    assert client.get(link.replace("https://ocop.example.vn", "")).status_code == 200


def test_a_mail_server_that_is_down_does_not_stop_the_order(app, db, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    order = place_test_order({make_product(stock=5): 1})
    assert order.status == "placed"
