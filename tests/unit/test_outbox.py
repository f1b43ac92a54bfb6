"""The e-mail outbox without Redis: mails written with their change, delivered in-process, retried, never twice."""
from datetime import UTC, timedelta

import pytest
import time_machine
from sqlalchemy import select

from shop.errors import OutOfStock
from shop.logs import current_request_id
from shop.models import Order, OutboxMail, utcnow
from shop.models.statuses import MailStatus
from shop.services.outbox import deliver_due_mail, deliver_mail, due_mail_ids, outbox_counts, retry_mail
from tests.factories import make_product, place_test_order
from tests.smtp_server import free_port

pytestmark = pytest.mark.usefixtures("english")


def mails(db):
    return db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()


def at(seconds_from_now):
    """The clock moved `seconds_from_now` ahead (time-machine, ticking)."""
    return time_machine.travel((utcnow() + timedelta(seconds=seconds_from_now)).replace(tzinfo=UTC))


@pytest.fixture
def server_down(app, monkeypatch, smtp_inbox):
    """The mail server stops answering (a port nobody listens on); call the fixture's result to bring it back."""
    port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    return lambda: monkeypatch.setitem(app.config, "MAIL_PORT", port)


def test_an_order_and_its_mails_are_written_together_and_sent_after_the_commit(db, smtp_inbox):
    token = current_request_id.set("req-42")
    try:
        order = place_test_order({make_product(stock=5): 1}, email="khach@example.com", locale="en")
    finally:
        current_request_id.reset(token)
    rows = mails(db)
    assert {row.recipient for row in rows} >= {"khach@example.com"}
    assert all(row.state == MailStatus.SENT and row.attempts == 1 and row.sent_at for row in rows)
    assert all(row.request_id == "req-42" for row in rows)  # the request that caused them
    assert [m["Subject"] for m in smtp_inbox.to("khach@example.com")] == [f"Your order {order.number}"]
    assert smtp_inbox.to("khach@example.com")[0]["Message-ID"].strip() == rows[0].message_id


def test_a_checkout_that_fails_leaves_no_mail_behind(db, smtp_inbox):
    tea = make_product(stock=1)
    with pytest.raises(OutOfStock):
        place_test_order({tea: 2})
    assert mails(db) == [] and smtp_inbox.messages == []
    assert db.session.scalar(select(Order.id)) is None


def test_a_mail_server_outage_loses_no_mail_and_sends_none_twice(app, db, smtp_inbox, server_down):
    orders = [place_test_order({make_product(stock=5): 1}, email=f"buyer{i}@example.com") for i in range(3)]
    assert all(order.status == "placed" for order in orders)  # the customers were not held up
    waiting = mails(db)
    assert len(waiting) == 3 and {row.state for row in waiting} == {MailStatus.PENDING}
    assert all(row.attempts == 1 and "refused" in row.last_error for row in waiting)
    assert deliver_due_mail() == {"sent": 0, "failed": 0}  # none is due before its delay

    server_down()  # the server is back
    with at(app.config["MAIL_RETRY_DELAYS"][0] + 1):
        assert deliver_due_mail() == {"sent": 3, "failed": 0}
        assert deliver_due_mail() == {"sent": 0, "failed": 0}
    for i in range(3):
        assert len(smtp_inbox.to(f"buyer{i}@example.com")) == 1
    assert len(smtp_inbox.messages) == 3 and outbox_counts() == {"pending": 0, "sending": 0, "failed": 0}


def test_a_sweep_during_an_outage_stops_at_the_first_failure(app, db, smtp_inbox, server_down):
    for i in range(3):
        place_test_order({make_product(stock=5): 1}, email=f"buyer{i}@example.com")
    with at(app.config["MAIL_RETRY_DELAYS"][0] + 1):
        assert deliver_due_mail() == {"sent": 0, "failed": 1}
    assert sorted(row.attempts for row in mails(db)) == [1, 1, 2]  # the others kept their tries


def test_failed_tries_wait_longer_each_time_then_wait_for_the_office(app, db, smtp_inbox, server_down, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_RETRY_DELAYS", [10, 60])
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    row = next(row for row in mails(db) if row.recipient == "khach@example.com")
    first = row.next_attempt_at
    with at(11):
        with pytest.raises(Exception, match="Connection refused"):
            deliver_mail(row.id)
        db.session.refresh(row)
        assert row.state == MailStatus.PENDING and row.attempts == 2
        assert (row.next_attempt_at - first).total_seconds() > 60  # the second delay (60 s), from the second try
    with at(75):
        with pytest.raises(Exception, match="Connection refused"):
            deliver_mail(row.id)
    db.session.refresh(row)
    assert row.state == MailStatus.FAILED and row.attempts == 3
    assert row.id not in due_mail_ids(now=utcnow() + timedelta(days=30))  # only the office retries it now

    server_down()
    assert retry_mail(row.id) is True  # starts the delivery at once (in-process)
    db.session.refresh(row)
    assert row.state == MailStatus.SENT and len(smtp_inbox.to("khach@example.com")) == 1
    assert retry_mail(row.id) is False  # a sent mail is not sent again


def test_a_sent_mail_is_never_sent_again(db, smtp_inbox):
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    row = mails(db)[0]
    assert deliver_mail(row.id) == "skipped"
    assert len(smtp_inbox.to("khach@example.com")) == 1


def test_a_delivery_that_died_mid_send_is_taken_again_after_its_lease(app, db, smtp_inbox, server_down):
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    row = next(row for row in mails(db) if row.recipient == "khach@example.com")
    server_down()
    row.status, row.next_attempt_at = MailStatus.SENDING, utcnow() + timedelta(seconds=120)  # a worker's claim
    db.session.commit()
    assert deliver_mail(row.id) == "skipped"  # claimed by a live delivery
    assert row.id not in due_mail_ids()
    with at(121):
        assert row.id in due_mail_ids()
        assert deliver_due_mail()["sent"] >= 1
    assert len(smtp_inbox.to("khach@example.com")) == 1


def test_the_command_sends_what_is_due(app, db, smtp_inbox, server_down):
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    server_down()
    with at(app.config["MAIL_RETRY_DELAYS"][0] + 1):
        result = app.test_cli_runner().invoke(args=["deliver-mail"])
    assert result.exit_code == 0 and "1 mail(s) sent" in result.output
    assert len(smtp_inbox.to("khach@example.com")) == 1
