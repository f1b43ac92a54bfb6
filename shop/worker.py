"""The job worker and the queue's scheduler (`make worker`, `make scheduler`), both on JOBS_REDIS_URL.

`ShopWorker` takes jobs from shop.services.jobs.QUEUES (mail first) and runs each in its own
application context, with the request id the job was queued with: every log line of the job says
which click caused it. It runs the jobs in its own process (no fork per job) and keeps nothing
between two of them: the database session ends with each job's context. RQ's scheduler inside the
worker puts retried jobs back on their queue when their delay has passed.

`build_scheduler` registers PERIODIC with RQ's cron scheduler, the shop's replacement for cron lines
on each machine: the work that used to be `flask --app shop expire-orders` and friends. Cron times
are the shop's (Asia/Ho_Chi_Minh). Run one scheduler: every periodic job is safe to repeat, so a
second one only repeats work.
"""
import logging
import os
import time

from rq import SimpleWorker
from rq.cron import CronScheduler

from shop.logs import current_request_id
from shop.services import jobs

log = logging.getLogger("shop.jobs")

SHOP_TZ = "ICT-7"  # POSIX for UTC+7 all year (Asia/Ho_Chi_Minh), no time-zone database needed

# (the job, its queue, when: every N seconds or a cron line in the shop's time)
PERIODIC = (
    ("shop.services.outbox.deliver_due_mail", jobs.MAIL_QUEUE, {"interval": 60}),
    ("shop.services.payments.expiry.expire_overdue_orders", jobs.DEFAULT_QUEUE, {"interval": 60}),
    ("shop.services.payments.reconcile.reconcile_payments", jobs.DEFAULT_QUEUE, {"interval": 300}),
    ("shop.services.catalog.read_model.refresh_due_listings", jobs.DEFAULT_QUEUE, {"cron": "0 0 * * *"}),
    ("shop.services.certification.reminders.send_certification_reminders", jobs.DEFAULT_QUEUE,
     {"cron": "0 8 * * *"}),
    ("shop.services.reports.rollups.repair_rollups", jobs.DEFAULT_QUEUE, {"cron": "30 3 * * *"}),
)


class ShopWorker(SimpleWorker):
    """An RQ worker that runs each job inside the shop's application, under the request id it came with."""

    def __init__(self, *args, app, **kwargs):
        super().__init__(*args, **kwargs)
        self.app = app

    def perform_job(self, job, queue, execution):
        """Run `job` in a fresh application context, its log lines carrying the job's request id."""
        token = current_request_id.set((job.meta or {}).get("request_id") or f"job-{job.id}")
        try:
            with self.app.app_context():
                log.info("job %s started", job.description, extra={"job": job.func_name, "queue": queue.name})
                done = super().perform_job(job, queue, execution)
                log.info("job %s %s", job.description, "finished" if done else "failed",
                         extra={"job": job.func_name, "queue": queue.name})
                return done
        finally:
            current_request_id.reset(token)


def make_worker(app, name=None):
    """A ShopWorker on every queue of the shop (mail first)."""
    with app.app_context():
        connection = jobs.connection(for_worker=True)
    return ShopWorker(list(jobs.QUEUES), connection=connection, app=app, name=name)


def _function(dotted):
    module, name = dotted.rsplit(".", 1)
    return getattr(__import__(module, fromlist=[name]), name)


def build_scheduler(app):
    """RQ's cron scheduler with the shop's PERIODIC jobs registered."""
    with app.app_context():
        scheduler = CronScheduler(connection=jobs.connection(for_worker=True))
        timeout = app.config["JOB_TIMEOUT_SECONDS"]
    for dotted, queue_name, when in PERIODIC:
        scheduler.register(_function(dotted), queue_name, job_timeout=timeout, name=dotted.rsplit(".", 1)[1], **when)
    return scheduler


def use_shop_time():
    """Read cron lines in the shop's time (the process's local time becomes UTC+7; stored times stay UTC)."""
    os.environ["TZ"] = SHOP_TZ
    time.tzset()
