"""The office's jobs page: each queue's jobs, the failed ones and the mails not sent yet, each with a retry."""
import pytest
from sqlalchemy import select

from shop.models import OutboxMail
from shop.models.statuses import MailStatus
from shop.services import jobs
from shop.worker import make_worker
from tests.factories import make_product, place_test_order
from tests.html import parse
from tests.smtp_server import free_port


@pytest.fixture
def mail_server_down(app, monkeypatch, smtp_inbox):
    """The mail server refuses (nobody on the port) and mails fail at once; the result brings it back."""
    port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())
    monkeypatch.setitem(app.config, "MAIL_RETRY_DELAYS", [0])
    return lambda: monkeypatch.setitem(app.config, "MAIL_PORT", port)


def rows(html, heading):
    section = next(s for s in parse(html).select("section.card") if s.h2 and s.h2.get_text(strip=True) == heading)
    return [[cell.get_text(" ", strip=True) for cell in row.select("th, td")] for row in section.select("tbody tr")]


def test_without_redis_the_page_says_so_and_a_failed_mail_is_retried(admin_client, db, mail_server_down,
                                                                      smtp_inbox):
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    mail = db.session.scalars(select(OutboxMail)).one()
    assert mail.state == MailStatus.PENDING
    from shop.services.outbox import MailNotDelivered, deliver_mail

    with pytest.raises(MailNotDelivered):
        deliver_mail(mail.id)  # the last try: it now waits for the office
    html = admin_client.get("/admin/jobs").get_data(as_text=True)
    assert "Jobs run in the web process" in html
    (row,) = rows(html, "Mails not sent yet")
    assert row[0] == "khach@example.com" and row[2] == "Not delivered" and row[3] == "2" and "refused" in row[5]

    mail_server_down()  # back
    response = admin_client.post(f"/admin/jobs/mail/{mail.id}/retry", follow_redirects=True)
    assert "The mail will be sent again." in response.get_data(as_text=True)
    assert len(smtp_inbox.to("khach@example.com")) == 1
    assert "Every mail has been sent." in admin_client.get("/admin/jobs").get_data(as_text=True)
    again = admin_client.post(f"/admin/jobs/mail/{mail.id}/retry", follow_redirects=True)
    assert "This mail is not waiting for a retry." in again.get_data(as_text=True)
    assert len(smtp_inbox.to("khach@example.com")) == 1


def test_on_redis_the_office_sees_the_queues_and_retries_a_failed_job(app, admin_client, db, redis_url, monkeypatch,
                                                                       mail_server_down, smtp_inbox):
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", redis_url)
    place_test_order({make_product(stock=5): 1}, email="khach@example.com")
    queues = dict((row[0], row[1:]) for row in rows(admin_client.get("/admin/jobs").get_data(as_text=True), "Queues"))
    assert queues == {"mail": ["1", "0", "0", "0"], "default": ["0", "0", "0", "0"]}

    make_worker(app).work(burst=True, with_scheduler=True)  # first try, refused: a retry is scheduled
    make_worker(app).work(burst=True, with_scheduler=True)  # the retry (no delay), refused: failed
    html = admin_client.get("/admin/jobs").get_data(as_text=True)
    (failed,) = rows(html, "Failed jobs")
    assert failed[0].startswith("mail ") and failed[1] == "mail" and failed[3] == "2" and "refused" in failed[4]
    assert rows(html, "Mails not sent yet")[0][2] == "Not delivered"
    (job_id,) = jobs.queue(jobs.MAIL_QUEUE).failed_job_registry.get_job_ids()

    mail_server_down()  # back
    response = admin_client.post(f"/admin/jobs/{job_id}/retry", follow_redirects=True)
    assert "The job is back on its queue." in response.get_data(as_text=True)
    make_worker(app).work(burst=True)
    assert len(smtp_inbox.to("khach@example.com")) == 1
    html = admin_client.get("/admin/jobs").get_data(as_text=True)
    assert "No job has failed." in html and "Every mail has been sent." in html
    gone = admin_client.post(f"/admin/jobs/{job_id}/retry", follow_redirects=True)
    assert "This job is no longer among the failed ones." in gone.get_data(as_text=True)


def test_the_page_says_when_the_queue_cannot_be_reached(app, admin_client, db, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")
    response = admin_client.get("/admin/jobs")
    assert response.status_code == 200
    assert "The job queue cannot be reached right now" in response.get_data(as_text=True)
