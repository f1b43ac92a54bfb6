"""Logs: one JSON object a line (LOG_FORMAT=json, the production default) carrying the request id.

The request id comes from the proxy (`X-Request-ID`, nginx's `$request_id`) or is made here,
is sent back in the response, and travels with every job the request enqueues, so one id
follows a customer's click from nginx through the node to the worker that sent its e-mail.
"""
import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

current_request_id = ContextVar("current_request_id", default="")


class JsonFormatter(logging.Formatter):
    """Format a record as one JSON object: time, level, logger, message, request id, error."""

    EXTRA_FIELDS = ("method", "path", "status", "duration_ms", "endpoint", "job", "queue")

    def format(self, record):
        """Return the record as a line of JSON."""
        entry = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(), "logger": record.name, "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id.get()
        if request_id:
            entry["request_id"] = request_id
        for name in self.EXTRA_FIELDS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestIdFilter(logging.Filter):
    """Give every record the current request id (for text formats that name it)."""

    def filter(self, record):
        """Attach the id; never drop a record."""
        if not getattr(record, "request_id", None):
            record.request_id = current_request_id.get() or "-"
        return True


def configure_logging(app):
    """Send the shop's logs to stderr as JSON lines or text (LOG_FORMAT), at LOG_LEVEL."""
    if app.config.get("TESTING"):
        return  # pytest captures the records as they are
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RequestIdFilter())
    if app.config.get("LOG_FORMAT") == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "shop_handler", False)]:
        root.removeHandler(old)
    handler.shop_handler = True
    root.addHandler(handler)
    root.setLevel(app.config.get("LOG_LEVEL", "INFO"))
    app.logger.handlers.clear()  # records go up to the root handler above
