"""Whether the shop can serve: the health check's question to the database."""
from flask import current_app
from sqlalchemy import text

from shop.extensions import db
from shop.services.transaction import rolled_back_on_error


def database_answers():
    """Return whether the database answers a trivial query (a failure is logged and rolled back). Does not commit."""
    try:
        with rolled_back_on_error():
            db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        current_app.logger.exception("health check: database unreachable")
        return False
    return True


def _redis_answers(url):
    import redis

    config = current_app.config
    client = redis.Redis.from_url(url, socket_connect_timeout=config["REDIS_CONNECT_TIMEOUT"],
                                  socket_timeout=config["REDIS_SOCKET_TIMEOUT"])
    try:
        client.ping()
    finally:
        client.close()


def readiness():
    """Return {part: problem} for each part the shop needs that does not answer (empty: ready). Reads only.

    The parts: the database, Redis when REDIS_URL is set, and the media store.
    """
    from shop.services.media.storage import media_store

    problems = {}
    if not database_answers():
        problems["database"] = "does not answer"
    if current_app.config.get("REDIS_URL"):
        try:
            _redis_answers(current_app.config["REDIS_URL"])
        except Exception as error:  # any Redis failure means "not ready"
            problems["redis"] = type(error).__name__
    try:
        media_store().check()
    except Exception as error:  # StorageError or a misconfigured client
        problems["storage"] = str(error)[:200] or type(error).__name__
    for part, problem in problems.items():
        current_app.logger.warning("readiness: %s %s", part, problem)
    return problems
