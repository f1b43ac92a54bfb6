"""Jobs on a real Redis queue (RQ): the outbox through an SMTP server killed mid-batch, the scheduler, request ids.

The redis-server is this run's own (tests/redis_process.py, a free loopback port, emptied per test); the SMTP
server is a process of the test's own (tests/smtp_process.py) that it SIGKILLs and starts again on the same
port. The worker is the shop's (shop.worker.ShopWorker), run in bursts in this process.
"""
import io
import json
import logging
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from shop.logs import JsonFormatter, RequestIdFilter
from shop.models import Order, OutboxMail, utcnow
from shop.models.statuses import MailStatus, OrderStatus, PaymentMethod
from shop.services import jobs
from shop.worker import PERIODIC, build_scheduler, make_worker
from tests.factories import make_order, make_product, place_test_order
from tests.smtp_process import SmtpProcess
from tests.smtp_server import free_port

pytestmark = pytest.mark.faults


@pytest.fixture
def queued(app, redis_url, monkeypatch):
    """The shop's jobs on the run's own Redis, retried after short delays."""
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", redis_url)
    monkeypatch.setitem(app.config, "MAIL_RETRY_DELAYS", [1, 1, 1, 2, 2, 3, 3, 5])
    return redis_url


@pytest.fixture
def smtp_process(app, tmp_path, monkeypatch):
    server = SmtpProcess(tmp_path / "received", delay=0.1).start()
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.port)
    yield server
    server.kill()


def work_until(app, done, seconds=60):
    """Run worker bursts (each also moving due retries back to their queue) until `done()` or the deadline."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        make_worker(app).work(burst=True, with_scheduler=True)
        if done():
            return True
        time.sleep(0.2)
    return False


def outbox(db):
    db.session.expire_all()
    return db.session.scalars(select(OutboxMail).order_by(OutboxMail.id)).all()


def test_an_smtp_server_killed_mid_batch_loses_no_mail_and_sends_none_twice(app, db, queued, smtp_process):
    buyers = [f"buyer{i}@example.com" for i in range(12)]
    for buyer in buyers:
        place_test_order({make_product(stock=5): 1}, email=buyer)
    assert smtp_process.count() == 0  # queued with the orders, not sent by them
    assert jobs.queue_depths()[(jobs.MAIL_QUEUE, "queued")] == 12

    def kill_mid_batch():
        while smtp_process.count() < 4:
            time.sleep(0.01)
        smtp_process.kill()
        time.sleep(1.5)  # the worker meets a dead server for a while
        smtp_process.start()

    killer = threading.Thread(target=kill_mid_batch)
    killer.start()
    try:
        assert work_until(app, lambda: all(mail.is_sent for mail in outbox(db)))
    finally:
        killer.join(timeout=30)
    received = sorted(str(message["To"]) for message in smtp_process.messages())
    assert received == sorted(buyers)  # every mail, each once
    mails = outbox(db)
    assert any(mail.attempts > 1 for mail in mails)  # the outage was met and waited out
    assert all(mail.state == MailStatus.SENT and mail.sent_at for mail in mails)
    assert jobs.queue_depths()[(jobs.MAIL_QUEUE, "failed")] == 0


def test_mail_waits_in_the_outbox_while_redis_is_down_and_the_sweep_sends_it(app, db, smtp_process, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nobody there
    started = time.monotonic()
    order = place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    assert order.status == OrderStatus.PLACED and time.monotonic() - started < 5  # not held by the dead queue
    assert [mail.state for mail in outbox(db)] == [MailStatus.PENDING] and smtp_process.count() == 0

    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", "")
    from shop.services.outbox import deliver_due_mail

    assert deliver_due_mail() == {"sent": 1, "failed": 0}
    assert [str(m["To"]) for m in smtp_process.messages()] == ["khach@example.com"]


def test_a_job_that_keeps_failing_ends_in_the_failed_registry(app, db, queued, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_RETRY_DELAYS", [0, 0])
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # refused, every time
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    assert work_until(app, lambda: jobs.queue_depths()[(jobs.MAIL_QUEUE, "failed")] == 1, seconds=20)
    (mail,) = outbox(db)
    assert mail.state == MailStatus.FAILED and mail.attempts == 3 and "refused" in mail.last_error
    assert jobs.queue_depths()[("outbox", "failed")] == 1


def test_a_job_logs_with_the_request_id_of_the_click_that_queued_it(app, client, db, queued, smtp_process):
    product = make_product(stock=5)
    db.session.commit()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    checkout = {"name": "Nguyễn Văn An", "email": "an@example.com", "phone": "+84 912 345 678",
                "delivery_method": "province", "address": "12 Lê Thánh Tông, Hạ Long", "payment_method": "cod"}
    assert client.post("/checkout", data=checkout, headers={"X-Request-ID": "nginx-checkout-1"}).status_code == 302
    (job,) = jobs.queue(jobs.MAIL_QUEUE).get_jobs()
    assert job.meta["request_id"] == "nginx-checkout-1"

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("shop", "shop.jobs")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    try:
        make_worker(app).work(burst=True)
    finally:
        for logger, level in zip(loggers, levels):
            logger.removeHandler(handler)
            logger.setLevel(level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    sent = next(line for line in lines if line["message"].startswith("mail ") and " sent to an@example.com" in
                line["message"])
    assert sent["request_id"] == "nginx-checkout-1"
    assert any(line.get("job") == "shop.services.outbox.deliver_mail" and line["request_id"] == "nginx-checkout-1"
               for line in lines)
    assert outbox(db)[0].request_id == "nginx-checkout-1"


def test_the_scheduler_puts_the_periodic_jobs_on_the_queues_and_a_worker_runs_them(app, db, queued):
    scheduler = build_scheduler(app)
    names = {job.name for job in scheduler.get_jobs()}
    assert names == {dotted.rsplit(".", 1)[1] for dotted, _queue, _when in PERIODIC}
    assert {"expire_overdue_orders", "reconcile_payments", "send_certification_reminders", "refresh_due_listings",
            "repair_rollups", "deliver_due_mail"} == names
    tea = make_product(stock=5)
    order = make_order([(tea, 2)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD,
                       reservation_expires_at=utcnow() - timedelta(days=2), reserve=True)  # long past, Stripe or not
    db.session.commit()

    enqueued = {job.name for job in scheduler.enqueue_jobs()}
    assert {"expire_overdue_orders", "reconcile_payments", "deliver_due_mail"} <= enqueued  # the ones by interval
    make_worker(app).work(burst=True)
    assert jobs.queue_depths()[(jobs.DEFAULT_QUEUE, "failed")] == 0
    db.session.expire_all()
    assert db.session.get(Order, order.id).status == OrderStatus.CANCELLED
    assert db.session.get(type(tea), tea.id).stock == 5
    assert scheduler.enqueue_jobs() == []  # not again before their interval
