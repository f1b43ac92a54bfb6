"""The e-mail outbox: a mail is a row written in the transaction of the change it tells of, then delivered.

`queue_message` adds the rendered mail to the open transaction: the order, the approval or the
reminder and its e-mail are kept together or not at all. Once that commits, a job (`deliver_mail`,
shop.services.jobs: on a worker with Redis, at once in-process without) sends it.

A delivery first claims its row (one guarded UPDATE: pending or failed, or a claim whose lease ran
out), so two deliveries of the same mail never both send it, and a mail once sent is never sent
again. A try that fails (the mail server down, refusing, too slow) is counted on the row with the
error and the time of the next try (MAIL_RETRY_DELAYS, growing); the job raises and the queue tries
again after the same delays. After the last delay the mail is "failed" and waits for the office's
retry. `deliver_due_mail` (every minute on the queue's scheduler, `flask --app shop deliver-mail`
otherwise) sends whatever is due and was not picked up: a job lost with Redis, a worker killed.

A worker killed after the mail server accepted a mail but before its row said so sends it once more
after the lease (MAIL_LEASE_SECONDS): at least once, with the same Message-ID for the receiver.
"""
import smtplib
from datetime import timedelta
from email import message_from_bytes, policy

from flask import current_app
from sqlalchemy import func, or_, select, update

from shop.extensions import db
from shop.logs import current_request_id
from shop.models import OutboxMail, utcnow
from shop.models.statuses import MailStatus
from shop.services import jobs
from shop.services.transaction import after_commit, transaction

SWEEP_LIMIT = 200


class MailNotDelivered(Exception):
    """A delivery try failed; the row says when the next one is due."""


def queue_message(message):
    """Write the rendered `message` to the outbox in the open transaction; start its delivery once that commits.

    Commits when no transaction is open (it then is its own); inside one it joins it.
    """
    with transaction():
        row = OutboxMail(recipient=str(message["To"])[:320], subject=str(message["Subject"] or "")[:500],
                         message_id=str(message["Message-ID"])[:255], content=bytes(message),
                         request_id=current_request_id.get()[:64])
        db.session.add(row)
        db.session.flush()
        mail_id = row.id
        after_commit(lambda: start_delivery(mail_id))
    return row


def start_delivery(mail_id):
    """Start the job that delivers the outbox mail `mail_id` (retried with MAIL_RETRY_DELAYS). Does not commit."""
    return jobs.enqueue(deliver_mail, mail_id, queue_name=jobs.MAIL_QUEUE,
                        retry_delays=current_app.config["MAIL_RETRY_DELAYS"], description=f"mail {mail_id}")


def _claim(mail_id, now):
    claimable = or_(OutboxMail.status.in_((MailStatus.PENDING, MailStatus.FAILED)),
                    (OutboxMail.status == MailStatus.SENDING) & (OutboxMail.next_attempt_at <= now))
    with transaction():
        claimed = db.session.execute(
            update(OutboxMail).where(OutboxMail.id == mail_id, claimable)
            .values(status=MailStatus.SENDING, attempts=OutboxMail.attempts + 1,
                    next_attempt_at=now + timedelta(seconds=current_app.config["MAIL_LEASE_SECONDS"]))
            .execution_options(synchronize_session=False)
        ).rowcount
    if claimed != 1:
        return None
    return db.session.scalars(select(OutboxMail).where(OutboxMail.id == mail_id)
                              .execution_options(populate_existing=True)).one()


def _next_try(attempts):
    """Return (status, seconds until the next try) after `attempts` failed tries."""
    delays = current_app.config["MAIL_RETRY_DELAYS"]
    if attempts > len(delays):
        return MailStatus.FAILED, 0
    return MailStatus.PENDING, delays[attempts - 1]


def _record_failure(row, error):
    status, delay = _next_try(row.attempts)
    with transaction():
        row.status, row.last_error = status, f"{type(error).__name__}: {error}"[:500]
        row.next_attempt_at = utcnow() + timedelta(seconds=delay)
    current_app.logger.warning("mail %s to %s not delivered (try %d): %s", row.id, row.recipient, row.attempts,
                               row.last_error)


def deliver_mail(mail_id):
    """Send the outbox mail `mail_id` unless it is sent or being sent; return "sent" or "skipped". Commits.

    A failed try is recorded on the row and raises MailNotDelivered, so that the queue retries it.
    """
    from shop.services import mail as transport  # the SMTP or folder transport (tests replace send_message)

    row = _claim(mail_id, utcnow())
    if row is None:
        return "skipped"
    try:
        transport.send_message(message_from_bytes(row.content, policy=policy.default))
    except (OSError, smtplib.SMTPException) as error:
        _record_failure(row, error)
        raise MailNotDelivered(f"mail {mail_id}: {error}") from error
    with transaction():
        row.status, row.sent_at, row.last_error = MailStatus.SENT, utcnow(), ""
    current_app.logger.info("mail %s sent to %s: %s", row.id, row.recipient, row.subject)
    return "sent"


def due_mail_ids(now=None, limit=SWEEP_LIMIT):
    """Return the ids of mails whose next try is due: waiting past their delay, or claimed past the lease."""
    now = now or utcnow()
    statement = (select(OutboxMail.id)
                 .where(OutboxMail.status.in_((MailStatus.PENDING, MailStatus.SENDING)),
                        OutboxMail.next_attempt_at <= now)
                 .order_by(OutboxMail.id).limit(limit))
    return list(db.session.scalars(statement))


def deliver_due_mail(limit=SWEEP_LIMIT):
    """Send every mail that is due, oldest first; return {"sent": n, "failed": n}. Commits; safe to repeat.

    The first failed try ends the round (the mail server is likely down): the others keep their tries.
    """
    counts = {"sent": 0, "failed": 0}
    for mail_id in due_mail_ids(limit=limit):
        try:
            if deliver_mail(mail_id) == "sent":
                counts["sent"] += 1
        except MailNotDelivered:
            counts["failed"] += 1
            break
    return counts


def retry_mail(mail_id):
    """Make a failed mail due again and start its delivery; return whether it was failed. Commits."""
    with transaction():
        changed = db.session.execute(
            update(OutboxMail).where(OutboxMail.id == mail_id, OutboxMail.status == MailStatus.FAILED)
            .values(status=MailStatus.PENDING, next_attempt_at=utcnow())
            .execution_options(synchronize_session=False)
        ).rowcount
        if changed:
            after_commit(lambda: start_delivery(mail_id))
    return bool(changed)


def outbox_counts():
    """Return {status: number of mails} for the mails not sent yet (pending, sending, failed). Reads only."""
    rows = db.session.execute(select(OutboxMail.status, func.count()).where(OutboxMail.status != MailStatus.SENT)
                              .group_by(OutboxMail.status))
    counts = {status: 0 for status in (MailStatus.PENDING, MailStatus.SENDING, MailStatus.FAILED)}
    counts.update({MailStatus(status): count for status, count in rows})
    return {str(status): count for status, count in counts.items()}
