"""Webhook signing (Stripe's `Stripe-Signature` scheme), posting to a URL, and background delivery."""
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.request
from collections import deque

USER_AGENT = "Stripe/1.0 (+https://stripe.com/docs/webhooks)"


def event_payload(event):
    """Serialise an event the way Stripe posts it: pretty-printed JSON, UTF-8."""
    return json.dumps(event, indent=2, ensure_ascii=False).encode("utf-8")


def signature_header(payload, secret, timestamp):
    """Return `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<payload>">`, as Stripe signs webhooks."""
    signed = f"{timestamp}.".encode() + payload
    digest = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def sign(event, secret, timestamp=None):
    """Return (payload bytes, headers) for delivering `event` signed with `secret`."""
    payload = event_payload(event)
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "Stripe-Signature": signature_header(payload, secret, timestamp),
        "User-Agent": USER_AGENT,
    }
    return payload, headers


def post(url, payload, headers, timeout=10):
    """POST a signed event to `url`; return the HTTP status, or None when nothing answered."""
    request = urllib.request.Request(url, data=payload, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (tests post to 127.0.0.1)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None


class Outbox:
    """Deliver events one by one on a background thread, after the API call that caused them has answered.

    Stripe sends the webhooks of an API call (a refund, an expiry) asynchronously; doing the same keeps the
    caller's transaction and the webhook handler from waiting on each other. `flush()` waits until the
    outbox is empty and re-raises the first error a delivery hit.
    """

    def __init__(self, deliver):
        self._deliver = deliver
        self._pending = deque()
        self._busy = False
        self._errors = []
        self._condition = threading.Condition()
        self._thread = None

    def put(self, events, ready=None):
        """Queue events for delivery in order, each sent once `ready` (a threading.Event) is set."""
        if not events:
            return
        with self._condition:
            self._pending.extend((event, ready) for event in events)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="stripe-emulator-outbox", daemon=True)
                self._thread.start()
            self._condition.notify_all()

    def flush(self, timeout=10):
        """Wait until every queued event was delivered; raise the first delivery error, if any."""
        with self._condition:
            if not self._condition.wait_for(lambda: not self._pending and not self._busy, timeout):
                raise TimeoutError(f"{len(self._pending)} webhook(s) still waiting after {timeout}s")
            errors, self._errors = self._errors, []
        if errors:
            raise errors[0]

    def clear(self, timeout=10):
        """Drop queued events and wait for a delivery in progress to end."""
        with self._condition:
            self._pending.clear()
            self._condition.wait_for(lambda: not self._busy, timeout)
            self._errors = []

    def _run(self):
        while True:
            with self._condition:
                self._condition.wait_for(lambda: self._pending)
                event, ready = self._pending.popleft()
                self._busy = True
            try:
                if ready is not None:
                    ready.wait(10)
                self._deliver(event)
            except Exception as error:  # a failing webhook handler must not stop later deliveries
                self._errors.append(error)
            finally:
                with self._condition:
                    self._busy = False
                    self._condition.notify_all()
