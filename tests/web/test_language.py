"""Vietnamese is the shop's default language, down to form messages and e-mails; English on request."""
from email import message_from_bytes, policy

from tests.checkout_helpers import mail_files
from tests.factories import make_product, place_test_order

BAD_REGISTRATION = {"name": "", "email": "khong-phai-email", "password": "ngan", "confirm": "ngan"}


def test_form_messages_are_in_vietnamese_by_default(client, db):
    page = client.post("/auth/register", data=BAD_REGISTRATION).get_data(as_text=True)
    assert "Vui lòng điền trường này." in page and "Địa chỉ e-mail không hợp lệ." in page
    assert "Trường này phải có từ 10 đến 200 ký tự." in page
    assert "This field is required" not in page and "Invalid email" not in page


def test_form_messages_are_in_english_for_an_english_reader(english, client, db):
    page = client.post("/auth/register", data=BAD_REGISTRATION).get_data(as_text=True)
    assert "This field is required." in page and "Invalid email address." in page
    assert "Field must be between 10 and 200 characters long." in page
    assert "Vui lòng" not in page


def test_the_order_confirmation_speaks_vietnamese(app, db):
    before = len(mail_files(app))
    order = place_test_order({make_product(stock=5): 2}, email="khach@example.com")
    mails = [message_from_bytes(mail, policy=policy.default) for mail in mail_files(app)[before:]]
    confirmation = next(mail for mail in mails if mail["To"] == "khach@example.com")
    assert confirmation["Subject"] == f"Đơn hàng {order.number} của bạn"
    text = confirmation.get_body(("plain",)).get_content()
    assert "Xin chào" in text and "Tạm tính" in text and "Tổng cộng" in text
    assert "Subtotal" not in text and "Hello" not in text


def test_the_sign_in_prompt_is_in_vietnamese(client, db):
    page = client.get("/account/orders", follow_redirects=True).get_data(as_text=True)
    assert "Vui lòng đăng nhập để xem trang này." in page and "Please log in" not in page
