"""Every request gets an id (the proxy's X-Request-ID or a new one), sent back and logged with its timing."""
import logging
import re
import time
import uuid

from flask import g, request

from shop.logs import current_request_id
from shop.services.metrics import LATENCY, REQUESTS

VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
log = logging.getLogger("shop.requests")


def _start():
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if VALID_ID.match(given) else uuid.uuid4().hex
    g.request_token = current_request_id.set(g.request_id)
    g.request_started = time.perf_counter()


def _finish(response):
    started = g.pop("request_started", None)
    if started is None:
        return response
    seconds = time.perf_counter() - started
    endpoint = request.endpoint or "unmatched"
    REQUESTS.labels(endpoint, request.method, str(response.status_code)).inc()
    LATENCY.labels(endpoint).observe(seconds)
    response.headers["X-Request-ID"] = g.request_id
    log.info("%s %s %s", request.method, request.path, response.status_code, extra={
        "method": request.method, "path": request.path, "status": response.status_code,
        "duration_ms": round(seconds * 1000, 1), "endpoint": endpoint})
    return response


def _forget(_error=None):
    token = g.pop("request_token", None)
    if token is not None:
        current_request_id.reset(token)


def init_app(app):
    """Give requests their id, count and time them, and log one line for each."""
    app.before_request(_start)
    app.after_request(_finish)
    app.teardown_request(_forget)
