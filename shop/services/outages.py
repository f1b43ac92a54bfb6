"""Dependencies that may fail (Redis for the page cache): answered without, at once, for a moment.

A call that fails (refused, or no answer within its socket timeout) is logged as a warning and counted
(`shop_dependency_failures_total{dependency, part}` at /metrics); for DEPENDENCY_RETRY_SECONDS afterwards this
process does not try again, so a frozen Redis costs one timeout every few seconds, not one per request.
"""
import threading
import time

from flask import current_app

from shop.services.metrics import DEPENDENCY_FAILURES


class Breaker:
    """Call a dependency unless it failed within the last `cooldown` seconds; fail open with `default`."""

    def __init__(self, dependency, part, cooldown_setting="DEPENDENCY_RETRY_SECONDS"):
        self.dependency, self.part, self.cooldown_setting = dependency, part, cooldown_setting
        self._skip_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self):
        """Whether calls are skipped now (the dependency failed a moment ago)."""
        return time.monotonic() < self._skip_until

    def call(self, function, *args, default=None):
        """Return `function(*args)`, or `default` when it fails or failed a moment ago."""
        if self.is_open:
            return default
        try:
            return function(*args)
        except Exception:  # any failure of the dependency (refused, timeout, protocol) is answered without it
            cooldown = float(current_app.config.get(self.cooldown_setting, 5))
            with self._lock:
                self._skip_until = time.monotonic() + cooldown
            DEPENDENCY_FAILURES.labels(self.dependency, self.part).inc()
            current_app.logger.warning("%s unavailable for the %s: answering without it for %.1f s",
                                       self.dependency, self.part, cooldown, exc_info=True)
            return default

    def reset(self):
        """Try the dependency again on the next call."""
        self._skip_until = 0.0
