"""VietQR bank transfer end to end: the QR on the order page, paid by SePay's webhook exactly once."""
import json
import re
from datetime import timedelta

from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import AuditEvent, BankTransfer, OrderEvent, Product
from shop.models.statuses import BankTransferStatus, OrderStatus, PaymentMethod, TransferIssue
from shop.services.payments.expiry import expire_overdue_orders
from shop.services.payments.vietqr import parse_payload
from tests.checkout_helpers import mail_files
from tests.html import parse
from tests.wallet_helpers import PRICE, STOCK, notifications, place


def transfers():
    return _db.session.scalars(select(BankTransfer).order_by(BankTransfer.id)).all()


def payload_on(page):
    """The VietQR payload the page's QR code carries (kept on the figure as the text the code draws)."""
    return re.search(r'data-payload="([^"]+)"', page).group(1)


def test_only_a_fully_configured_bank_is_offered(client, product, app, monkeypatch, sepay):
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    assert 'value="bank_transfer"' in client.get("/checkout").get_data(as_text=True)
    monkeypatch.setitem(app.config, "BANK_WEBHOOK_API_KEY", "")
    assert 'value="bank_transfer"' not in client.get("/checkout").get_data(as_text=True)


def test_placing_reserves_the_stock_and_lands_on_the_order_page_with_the_qr(client, db, product, sepay):
    response, order = place(client, product, "bank_transfer", quantity=2)
    assert response.status_code == 302 and f"/orders/{order.number}" in response.headers["Location"]
    assert order.status == OrderStatus.PENDING_PAYMENT and order.reservation_expires_at is not None
    assert _db.session.get(Product, product.id).stock == STOCK - 2
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    qr = parse_payload(payload_on(page))
    assert (qr.bank_bin, qr.account_number, qr.amount, qr.note) == (
        "970436", "0011001932418", order.total, f"OCOP {order.number}")
    html = parse(page)
    assert html.select_one('[data-field="bank"]').get_text(strip=True) == "Vietcombank"
    assert html.select_one('[data-field="account"]').get_text(strip=True) == "0011001932418"
    assert html.select_one('[data-field="name"]').get_text(strip=True) == "HTX OCOP QUANG NINH"
    assert html.select_one('[data-field="note"]').get_text(strip=True) == f"OCOP {order.number}"
    assert html.select_one("#transfer-amount").get_text(strip=True) == str(2 * PRICE)
    assert len(html.select("[data-copy]")) == 3 and html.select_one("[data-countdown]") is not None
    assert html.select_one(".qr-code svg") is not None and html.select_one("[data-poll]") is not None


def test_the_exact_amount_pays_once_even_when_redelivered(app, client, db, product, sepay):
    response, order = place(client, product, "bank_transfer")
    before = len(mail_files(app))
    body = sepay.pay_qr(payload_on(client.get(response.headers["Location"]).get_data(as_text=True)),
                        rewrite="vietcombank")
    assert sepay.deliveries[-1] == {"id": body["id"], "status": 200, "success": True}
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and order.paid_at is not None
    assert sepay.deliver(body) == 200 and sepay.deliveries[-1]["success"]  # redelivered: received, nothing more
    paid = db.session.scalars(select(OrderEvent).where(OrderEvent.order_id == order.id,
                                                       OrderEvent.to_status == OrderStatus.PAID)).all()
    assert len(paid) == 1 and len(notifications(PaymentMethod.BANK_TRANSFER)) == 1
    assert [(t.status, t.order_id, t.amount) for t in transfers()] == [
        (BankTransferStatus.APPLIED, order.id, PRICE + order.shipping_fee)]
    assert len(mail_files(app)) == before + 1  # the customer's, once (the test producer has no e-mail)
    assert client.get(f"/orders/{order.number}/status?t=" + response.headers["Location"].split("t=")[1]
                      ).get_json()["status"] == "paid"


def test_a_wrong_or_missing_key_is_401_and_stores_nothing(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    body = sepay.transaction(f"OCOP {order.number}", order.total)
    assert sepay.deliver(body, api_key="not-the-key") == 401
    assert sepay.deliver(body, headers={"Content-Type": "application/json"}) == 401
    assert sepay.deliver(body, headers={**sepay.headers(), "Authorization": "Bearer sepay-test-api-key"}) == 401
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and notifications(PaymentMethod.BANK_TRANSFER) == []
    sepay.retry_failed()  # SePay itself retries the three failed deliveries with its key: one payment
    assert [d["status"] for d in sepay.deliveries[-3:]] == [200, 200, 200] and sepay.failed == []
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and len(transfers()) == 1


def test_a_malformed_body_is_400_and_stores_nothing(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    good = sepay.transaction(f"OCOP {order.number}", order.total)
    post = lambda data: client.post("/webhooks/bank", data=data, headers=sepay.headers())  # noqa: E731
    assert post(b"not json").status_code == 400
    for broken in ({**good, "transferAmount": "many"}, {**good, "transferAmount": -5}, {**good, "id": None},
                   {**good, "transferType": "sideways"}, {**good, "transferAmount": 2**31}, [good]):
        assert post(json.dumps(broken)).status_code == 400
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and notifications(PaymentMethod.BANK_TRANSFER) == []


def test_short_over_and_unnamed_transfers_wait_for_the_office(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    sepay.transfer(f"OCOP {order.number}", order.total - 1000, rewrite="lower_no_spaces")
    sepay.transfer(f"OCOP {order.number}", order.total + 1000, rewrite="dashes")
    sepay.transfer("chuyen tien an trua", 50_000)
    assert all(d["success"] for d in sepay.deliveries)
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT
    assert [(t.status, t.issue, t.order_id) for t in transfers()] == [
        (BankTransferStatus.TO_RECONCILE, TransferIssue.SHORT, order.id),
        (BankTransferStatus.TO_RECONCILE, TransferIssue.OVER, order.id),
        (BankTransferStatus.TO_RECONCILE, TransferIssue.NO_ORDER, None)]
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "bank_transfer.queued")) is not None


def test_a_late_transfer_is_kept_for_the_office_and_never_sells_the_stock_twice(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer", quantity=2)
    assert expire_overdue_orders(now=order.reservation_expires_at + timedelta(minutes=1)) == 1
    assert _db.session.get(Product, product.id).stock == STOCK
    sepay.transfer(f"OCOP {order.number}", order.total)
    db.session.expire_all()
    assert order.status == OrderStatus.CANCELLED and _db.session.get(Product, product.id).stock == STOCK
    assert [(t.issue, t.order_id) for t in transfers()] == [(TransferIssue.LATE, order.id)]


def test_a_transfer_for_an_order_paid_otherwise_or_already_paid_waits_for_the_office(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    sepay.transfer(f"OCOP {order.number}", order.total)
    sepay.transfer(f"OCOP {order.number}", order.total)  # the customer paid twice
    db.session.expire_all()
    assert [t.issue for t in transfers()] == [None, TransferIssue.ALREADY_PAID]


def test_money_out_and_transfers_to_another_account_change_nothing(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    sepay.transfer(f"OCOP {order.number}", order.total, transfer_type="out")
    sepay.transfer(f"OCOP {order.number}", order.total, account_number="9999999999")
    assert [d["status"] for d in sepay.deliveries] == [200, 200]
    db.session.expire_all()
    assert order.status == OrderStatus.PENDING_PAYMENT and transfers() == []
    assert sorted(n.outcome for n in notifications(PaymentMethod.BANK_TRANSFER)) == ["other_account", "outgoing"]


def test_sepays_payment_code_field_names_the_order_too(client, db, product, sepay):
    _response, order = place(client, product, "bank_transfer")
    sepay.transfer("IBFT chuyen khoan", order.total, code=order.number)
    db.session.expire_all()
    assert order.status == OrderStatus.PAID


def test_the_paid_order_page_shows_no_qr_any_more(client, db, product, sepay):
    response, order = place(client, product, "bank_transfer")
    sepay.transfer(f"OCOP {order.number}", order.total)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "data-payload" not in page and "data-copy" not in page
