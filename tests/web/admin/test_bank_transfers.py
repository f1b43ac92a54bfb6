"""The office's queue of bank transfers to reconcile: match to an order, refunded by hand, dismissed — audited."""
from datetime import timedelta

from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import AuditEvent, BankTransfer
from shop.models.statuses import BankTransferStatus, OrderStatus, TransferIssue
from shop.services.payments.expiry import expire_overdue_orders
from tests.html import flashes, parse, table_rows
from tests.wallet_helpers import place


def queued(sepay, note, amount):
    sepay.transfer(note, amount)
    return _db.session.scalars(select(BankTransfer).order_by(BankTransfer.id.desc())).first()


def decisions(transfer):
    return _db.session.scalars(select(AuditEvent).where(AuditEvent.action == "bank_transfer.status",
                                                        AuditEvent.entity_id == transfer.id)).all()


def test_the_queue_lists_what_waits_and_why(admin_client, db, product, sepay):
    _response, order = place(admin_client, product, "bank_transfer")
    queued(sepay, f"OCOP {order.number}", order.total - 5000)
    queued(sepay, "chuyen tien nha", 30_000)
    page = admin_client.get("/admin/bank-transfers")
    rows = table_rows(page, "table.bank-queue")
    assert len(rows) == 2
    assert rows[0]["Why"] == "Less than the order's total" and rows[0]["Order"].startswith(order.number)
    assert rows[1]["Why"] == "Names no order" and rows[1]["Order"] == "—"
    assert parse(page).select_one(f'input[name="order_number"][value="{order.number}"]') is not None


def test_a_different_amount_is_matched_only_when_accepted(admin_client, db, product, sepay, office):
    _response, order = place(admin_client, product, "bank_transfer")
    transfer = queued(sepay, f"OCOP {order.number}", order.total - 5000)
    url = f"/admin/bank-transfers/{transfer.id}/match"
    refused = admin_client.post(url, data={"order_number": order.number}, follow_redirects=True)
    assert any("tick the box" in message for message in flashes(refused))
    db.session.expire_all()
    assert transfer.status == BankTransferStatus.TO_RECONCILE and order.status == OrderStatus.PENDING_PAYMENT
    admin_client.post(url, data={"order_number": order.number.lower(), "accept_difference": "y",
                                 "note": "the customer paid 5.000 ₫ in cash"})
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and transfer.status == BankTransferStatus.MATCHED
    assert transfer.resolved_by_id == office.id and transfer.resolution_note == "the customer paid 5.000 ₫ in cash"
    [audit] = decisions(transfer)
    assert audit.actor_id == office.id and audit.after == {"status": "matched", "order_id": order.id}


def test_an_unnamed_transfer_is_matched_to_the_order_the_office_finds(admin_client, db, product, sepay):
    _response, order = place(admin_client, product, "bank_transfer")
    transfer = queued(sepay, "chuyen khoan mua che", order.total)
    assert transfer.issue == TransferIssue.NO_ORDER
    admin_client.post(f"/admin/bank-transfers/{transfer.id}/match", data={"order_number": f" {order.number} "})
    db.session.expire_all()
    assert order.status == OrderStatus.PAID and transfer.order_id == order.id


def test_a_late_transfer_cannot_revive_a_cancelled_order_and_is_refunded_by_hand(admin_client, db, product, sepay):
    _response, order = place(admin_client, product, "bank_transfer")
    expire_overdue_orders(now=order.reservation_expires_at + timedelta(minutes=1))
    transfer = queued(sepay, f"OCOP {order.number}", order.total)
    assert transfer.issue == TransferIssue.LATE
    refused = admin_client.post(f"/admin/bank-transfers/{transfer.id}/match", data={"order_number": order.number},
                                follow_redirects=True)
    assert any("not awaiting payment" in message for message in flashes(refused))
    empty = admin_client.post(f"/admin/bank-transfers/{transfer.id}/refund", data={"note": ""},
                              follow_redirects=True)
    assert any("Reason" in message for message in flashes(empty))
    db.session.expire_all()
    assert transfer.status == BankTransferStatus.TO_RECONCILE
    admin_client.post(f"/admin/bank-transfers/{transfer.id}/refund", data={"note": "sent back, FT26339001"})
    db.session.expire_all()
    assert transfer.status == BankTransferStatus.REFUNDED and order.status == OrderStatus.CANCELLED
    assert [row["Note"] for row in table_rows(admin_client.get("/admin/bank-transfers"), "table.bank-recent")] == [
        "sent back, FT26339001"]


def test_a_dismissed_transfer_is_decided_once(admin_client, db, product, sepay):
    transfer = queued(sepay, "tra tien dien thang 11", 420_000)
    admin_client.post(f"/admin/bank-transfers/{transfer.id}/dismiss", data={"note": "the office's own bill"})
    again = admin_client.post(f"/admin/bank-transfers/{transfer.id}/refund", data={"note": "oops"},
                              follow_redirects=True)
    assert any("already dealt with" in message for message in flashes(again))
    db.session.expire_all()
    assert transfer.status == BankTransferStatus.DISMISSED and len(decisions(transfer)) == 1
    assert admin_client.post("/admin/bank-transfers/999999/dismiss", data={"note": "x"}).status_code == 404


def test_the_demo_command_plays_the_banks_notification(app, db, product, sepay, client):
    _response, order = place(client, product, "bank_transfer")
    runner = app.test_cli_runner()
    short = runner.invoke(args=["simulate-bank-transfer", order.number, "--amount", "1000"])
    assert short.exit_code == 0 and "short" in short.output
    paid = runner.invoke(args=["simulate-bank-transfer", order.number.lower()])
    assert paid.exit_code == 0 and "paid" in paid.output
    db.session.expire_all()
    assert order.status == OrderStatus.PAID
    assert runner.invoke(args=["simulate-bank-transfer", "QN22222222"]).exit_code != 0


def test_the_demo_command_refuses_production(make_app):
    from config import ProductionConfig

    production = make_app(ProductionConfig, SECRET_KEY="x" * 40, PUBLIC_BASE_URL="https://shop.example")
    result = production.test_cli_runner().invoke(args=["simulate-bank-transfer", "QN22222222"])
    assert result.exit_code != 0 and "production" in result.output
