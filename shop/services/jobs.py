"""Background jobs: one way to start one (`enqueue`), on RQ queues in Redis when JOBS_REDIS_URL is set.

With Redis, a job is an entry on one of QUEUES that any worker (`make worker`, on any machine)
takes. A worker keeps nothing between jobs: every job reads what it needs from the database and
writes its result there, so workers are started, stopped and killed at will; a job that raises is
retried after its delays (RQ's scheduler, inside each worker) and then kept in the queue's failed
registry, which the office sees and retries (shop.services.job_board). Each job carries the id of
the request that asked for it, and its log lines carry that id (shop.services.job_worker).

Without Redis (the embedded default, `make run`) a job runs at once in the process that asks for it,
as the shop always did, and the periodic work is the `flask --app shop …` commands run by cron.
"""
import redis
from flask import current_app
from rq import Queue, Retry

from config import with_deadlines
from shop.logs import current_request_id

MAIL_QUEUE = "mail"
DEFAULT_QUEUE = "default"
QUEUES = (MAIL_QUEUE, DEFAULT_QUEUE)  # a worker takes mail first


def jobs_on_redis():
    """Whether jobs go through Redis (JOBS_REDIS_URL set) rather than running in-process."""
    return bool(current_app.config.get("JOBS_REDIS_URL"))


def connection(for_worker=False):
    """A Redis connection to the job queues; the web side's answers within the Redis deadlines.

    A worker waits on its queues with long blocking reads, so its connection has no read deadline.
    """
    config = current_app.config
    url = config["JOBS_REDIS_URL"]
    if not for_worker:
        url = with_deadlines(url, config["REDIS_CONNECT_TIMEOUT"], max(config["REDIS_SOCKET_TIMEOUT"], 1.0))
    return redis.Redis.from_url(url)


def queue(name=DEFAULT_QUEUE, redis_connection=None):
    """The RQ queue `name` on the jobs' Redis."""
    return Queue(name, connection=redis_connection or connection())


def enqueue(function, *args, queue_name=DEFAULT_QUEUE, retry_delays=None, description=None):
    """Start `function(*args)` as a job; return the RQ job, or the function's result when run in-process.

    `retry_delays` (seconds) retries a job that raises. In-process (no Redis) the job runs at once
    and an exception is logged, never raised to the caller. With Redis unreachable the job is not
    started: it is logged and counted, and what it was for must be found again by a periodic job
    (the outbox sweep finds every mail still waiting). Does not commit.
    """
    if not jobs_on_redis():
        try:
            return function(*args)
        except Exception:
            current_app.logger.exception("job %s failed", function.__name__)
            return None
    retry = Retry(max=len(retry_delays), interval=list(retry_delays)) if retry_delays else None
    try:
        return queue(queue_name).enqueue(
            function, *args, retry=retry, description=description,
            meta={"request_id": current_request_id.get(), "retries": len(retry_delays or ())},
            job_timeout=current_app.config["JOB_TIMEOUT_SECONDS"],
            failure_ttl=current_app.config["FAILED_JOB_DAYS"] * 86400,
        )
    except redis.exceptions.RedisError:
        from shop.services.metrics import DEPENDENCY_FAILURES

        DEPENDENCY_FAILURES.labels("redis", "jobs").inc()
        current_app.logger.warning("could not queue job %s: Redis unreachable", function.__name__, exc_info=True)
        return None


def queue_depths():
    """Return {(queue, state): number}: the outbox's mails waiting or failed, and each RQ queue's jobs
    (queued, started, scheduled for a retry, failed) when jobs run on Redis. Reads only."""
    from shop.services.outbox import outbox_counts

    depths = {("outbox", status): count for status, count in outbox_counts().items()}
    if not jobs_on_redis():
        return depths
    try:
        redis_connection = connection()
        for name in QUEUES:
            rq_queue = queue(name, redis_connection)
            depths[(name, "queued")] = rq_queue.count
            depths[(name, "started")] = rq_queue.started_job_registry.count
            depths[(name, "scheduled")] = rq_queue.scheduled_job_registry.count
            depths[(name, "failed")] = rq_queue.failed_job_registry.count
    except redis.exceptions.RedisError:
        current_app.logger.warning("job queues unreadable: Redis unreachable")
    return depths
