"""GET /metrics for Prometheus, behind a bearer token (METRICS_TOKEN; without one the page does not exist)."""
import hmac

from flask import Response, abort, current_app, request
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

from shop.services.metrics import QUEUE_DEPTH


def _registry():
    folder = current_app.config.get("PROMETHEUS_MULTIPROC_DIR")
    if not folder:
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=folder)
    return registry


def _update_queue_depths():
    from shop.services.jobs import queue_depths

    for (queue, state), depth in queue_depths().items():
        QUEUE_DEPTH.labels(queue, state).set(depth)


def metrics_response():
    """Answer a scrape: 404 when metrics are off, 401 without the right token, the figures otherwise."""
    token = current_app.config.get("METRICS_TOKEN")
    if not token:
        abort(404)
    given = request.headers.get("Authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return Response("metrics need the bearer token\n", 401, {"WWW-Authenticate": "Bearer"})
    _update_queue_depths()
    response = Response(generate_latest(_registry()), mimetype=CONTENT_TYPE_LATEST)
    response.headers["Cache-Control"] = "no-store"
    return response
