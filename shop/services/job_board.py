"""The office's view of the background jobs: each queue's jobs, the failed ones, the mails not sent yet.

On Redis it reads RQ's registries (queued, running, scheduled for a retry, failed) and retries a
failed job with its retries restored; in-process (no Redis) there are no queues, only the outbox.
The outbox's failed mails are retried through shop.services.outbox.retry_mail.
"""
import re
from dataclasses import dataclass
from datetime import datetime

import redis
from flask_babel import gettext as _
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job
from sqlalchemy import select

from shop.errors import NotFound
from shop.extensions import db
from shop.models import OutboxMail
from shop.models.statuses import JobState, MailStatus
from shop.services import jobs

STATES = tuple(JobState)
JOB_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
SHOWN = 50


@dataclass
class FailedJob:
    """A job in a failed registry: what it was, when it failed, how often it was tried, its last error line."""

    id: str
    queue: str
    description: str
    failed_at: datetime | None
    tries: int
    error: str


def queue_counts():
    """Return [(queue, {JobState: number})] on Redis; None when jobs run in-process; raises RedisError. Reads only."""
    if not jobs.jobs_on_redis():
        return None
    depths = jobs.queue_depths()
    return [(name, {state: depths.get((name, state.value), 0) for state in STATES}) for name in jobs.QUEUES]


def _last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def _failed(job, queue_name):
    result = job.latest_result()
    retries = (job.meta or {}).get("retries", 0)
    tries = 1 + max(retries - (job.retries_left or 0), 0)
    return FailedJob(job.id, queue_name, job.description or job.func_name, job.ended_at, tries,
                     _last_line(result.exc_string if result is not None else ""))


def failed_jobs(limit=SHOWN):
    """Return the most recent failed jobs of every queue (newest first), at most `limit`. Reads only."""
    if not jobs.jobs_on_redis():
        return []
    connection = jobs.connection()
    found = []
    for name in jobs.QUEUES:
        registry = jobs.queue(name, connection).failed_job_registry
        ids = registry.get_job_ids(0, limit - 1, desc=True)
        found += [_failed(job, name) for job in Job.fetch_many(ids, connection=connection) if job is not None]
    found.sort(key=lambda job: job.failed_at or datetime.min, reverse=True)
    return found[:limit]


def retry_job(job_id):
    """Put the failed job `job_id` back on its queue with its retries restored; return it. Does not commit.

    Raises NotFound when no failed job has that id (already retried, or expired from the registry).
    """
    gone = NotFound(_("This job is no longer among the failed ones."))
    if not JOB_ID.match(job_id or "") or not jobs.jobs_on_redis():
        raise gone
    connection = jobs.connection()
    try:
        job = Job.fetch(job_id, connection=connection)
        if (job.meta or {}).get("retries"):
            job.retries_left = job.meta["retries"]
            job.save()
        return jobs.queue(job.origin, connection).failed_job_registry.requeue(job)
    except (NoSuchJobError, InvalidJobOperation) as error:
        raise gone from error
    except redis.exceptions.RedisError as error:
        raise NotFound(_("The job queue cannot be reached right now.")) from error


def waiting_mails(limit=SHOWN):
    """Return the outbox's mails not sent yet (failed first, then the oldest waiting), at most `limit`. Reads only."""
    failed_first = (OutboxMail.status != MailStatus.FAILED)
    return db.session.scalars(select(OutboxMail).where(OutboxMail.status != MailStatus.SENT)
                              .order_by(failed_first, OutboxMail.id).limit(limit)).all()
