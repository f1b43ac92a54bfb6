"""Reminders before a rating ends: 60, 30 and 7 days ahead, once each, over a real SMTP server."""
import re
from datetime import UTC, date, timedelta

import pytest
import time_machine
from sqlalchemy import select

from shop.models import CertificationReminder, OutboxMail, utcnow
from shop.models.statuses import CertificationStatus, MailStatus, RatingKind
from shop.services.certification.reminders import reminders_due, send_certification_reminders, threshold_for
from shop.services.outbox import deliver_due_mail
from tests.factories import make_certification, make_producer, make_product, make_user
from tests.smtp_server import free_port

END = date(2027, 6, 30)


def rating(db, stars=4, expires_on=END, email="hoa@example.com", locale="en", **values):
    owner = make_user(role="producer", email=email, locale=locale, name="Chị Hoa")
    product = make_product(producer=make_producer(owner=owner), name_vi="Trà hoa vàng Ba Chẽ")
    cert = make_certification(product, stars=stars, decision_date=expires_on - timedelta(days=1000),
                              expires_on=expires_on, decision_number="377/QĐ-UBND", **values)
    db.session.commit()
    return cert


@pytest.mark.parametrize("days_left, due", [
    (61, None), (60, 60), (31, 60), (30, 30), (8, 30), (7, 7), (0, 7), (-1, None)])
def test_the_reminder_due_is_the_nearest_threshold_not_yet_passed(days_left, due):
    assert threshold_for(days_left) == due


def test_a_rating_sixty_days_from_its_end_is_mailed_to_its_producer_in_their_language(db, smtp_inbox):
    cert = rating(db)

    assert send_certification_reminders(today=END - timedelta(days=60)) == 1

    [message] = smtp_inbox.to("hoa@example.com")
    assert message["Subject"] == "The OCOP rating of Trà hoa vàng Ba Chẽ expires on 30/06/2027"
    text = message.get_body(("plain",)).get_content()
    assert "4 stars, decision 377/QĐ-UBND" in text and "60 days from today" in text
    assert "/producer/certification" in text
    [row] = db.session.query(CertificationReminder).all()
    assert (row.certification_id, row.days_before, row.sent_to) == (cert.id, 60, "hoa@example.com")


def test_a_daily_run_sends_three_reminders_in_all_and_none_after_the_end(db, smtp_inbox):
    rating(db, locale="vi")
    for offset in range(70, -3, -1):
        send_certification_reminders(today=END - timedelta(days=offset))

    texts = [m.get_body(("plain",)).get_content() for m in smtp_inbox.to("hoa@example.com")]
    assert [int(re.search(r"còn (\d+) ngày nữa", t).group(1)) for t in texts] == [60, 30, 7]
    assert sorted(r.days_before for r in db.session.query(CertificationReminder)) == [7, 30, 60]


def test_a_missed_run_sends_only_the_nearest_reminder(db, smtp_inbox):
    rating(db)
    assert send_certification_reminders(today=END - timedelta(days=25)) == 1
    assert send_certification_reminders(today=END - timedelta(days=24)) == 0
    assert [r.days_before for r in db.session.query(CertificationReminder)] == [30]


def test_a_renewed_rating_is_not_reminded_of(db, smtp_inbox):
    old = rating(db)
    make_certification(old.product, stars=4, decision_date=END - timedelta(days=90), kind=RatingKind.RE_RATED.value,
                       replaces_id=old.id, decision_number="12/QĐ-UBND")
    db.session.commit()

    assert reminders_due(END - timedelta(days=60)) == []
    assert send_certification_reminders(today=END - timedelta(days=60)) == 0
    assert smtp_inbox.messages == []


@pytest.mark.parametrize("values", [
    {"stars": 2, "score": 40},  # an unsuccessful assessment is no certification
    {"status": CertificationStatus.SUBMITTED},  # not checked by the office
    {"status": CertificationStatus.REJECTED},
])
def test_only_verified_certifications_are_reminded_of(db, smtp_inbox, values):
    rating(db, **values)
    assert send_certification_reminders(today=END - timedelta(days=60)) == 0
    assert smtp_inbox.messages == []


def test_an_undelivered_reminder_waits_in_the_outbox_and_is_sent_once_the_server_is_back(app, db, smtp_inbox,
                                                                                         monkeypatch):
    rating(db)
    port = app.config["MAIL_PORT"]
    monkeypatch.setitem(app.config, "MAIL_PORT", free_port())  # nobody listens there
    assert send_certification_reminders(today=END - timedelta(days=60)) == 1
    assert db.session.query(CertificationReminder).count() == 1  # recorded with its mail, in one transaction
    waiting = db.session.scalars(select(OutboxMail)).one()
    assert waiting.state == MailStatus.PENDING and waiting.attempts == 1 and "refused" in waiting.last_error
    assert send_certification_reminders(today=END - timedelta(days=59)) == 0  # not written twice

    monkeypatch.setitem(app.config, "MAIL_PORT", port)
    after_the_delay = utcnow() + timedelta(seconds=app.config["MAIL_RETRY_DELAYS"][0] + 1)
    with time_machine.travel(after_the_delay.replace(tzinfo=UTC)):
        assert deliver_due_mail() == {"sent": 1, "failed": 0}
    assert len(smtp_inbox.to("hoa@example.com")) == 1
    assert deliver_due_mail() == {"sent": 0, "failed": 0}


def test_a_producer_without_an_address_is_not_recorded_as_reminded(db, smtp_inbox):
    cert = rating(db)
    cert.product.producer.email = ""
    cert.product.producer.owner.email = "x@example.com"
    cert.product.producer.owner = None
    db.session.commit()

    assert send_certification_reminders(today=END - timedelta(days=60)) == 0
    assert db.session.query(CertificationReminder).count() == 0
    assert [c for c, _ in reminders_due(END - timedelta(days=60))] == [cert]


def test_the_command_sends_the_reminders_due_today(app, db, smtp_inbox, monkeypatch):
    rating(db)
    monkeypatch.setattr("shop.services.certification.reminders.local_today", lambda: END - timedelta(days=7))

    result = app.test_cli_runner().invoke(args=["send-certification-reminders"])

    assert result.exit_code == 0 and "1 certification reminder(s) sent." in result.output
    assert [r.days_before for r in db.session.query(CertificationReminder)] == [7]
