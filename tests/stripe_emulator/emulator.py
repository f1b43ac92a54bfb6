"""`StripeEmulator`: the local server, the customer's and Stripe's side of a payment, and webhook delivery."""
import threading

from . import webhooks
from .server import EmulatorHTTPServer
from .store import DECLINED_CARD, SUCCESS_CARD, PaymentRefused, Store


class StripeEmulator:
    """A Stripe stand-in on 127.0.0.1 for the real `stripe` library, with helpers to drive payments in tests.

    Events of what the customer or Stripe does (`pay`, `decline`, `expire`, `async_*`, the hosted page)
    are delivered before the helper returns. Events caused by an API call (a refund, an expiry through the
    API) are delivered on a background thread once the call has answered, as Stripe does; `flush()` waits
    for them.
    """

    def __init__(self, api_key="sk_test_emulator", webhook_secret="whsec_test_emulator"):
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.store = Store()
        self.webhook_url = None
        self.webhook_sink = None
        self.auto_deliver = True
        self.deliveries = []
        self._outbox = webhooks.Outbox(self.deliver)
        self._server = None
        self._thread = None

    # -- lifecycle -----------------------------------------------------------------------------------

    def start(self):
        """Listen on a free port of 127.0.0.1 in a background thread; return self."""
        self._server = EmulatorHTTPServer(self)
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="stripe-emulator", daemon=True
        )
        self._thread.start()
        return self

    def stop(self):
        """Drop undelivered webhooks and shut the server down."""
        self._outbox.clear()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def base_url(self):
        """The address to give the stripe library, e.g. "http://127.0.0.1:54321"."""
        if self._server is None:
            raise RuntimeError("the Stripe emulator is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def reset(self):
        """Forget every object, event and delivery; drop queued webhooks; unset the webhook target."""
        self._outbox.clear()
        self.store.clear()
        self.deliveries.clear()
        self.webhook_url = None
        self.webhook_sink = None
        self.auto_deliver = True

    # -- what the tests look at ----------------------------------------------------------------------

    @property
    def sessions(self):
        """Checkout sessions by id, as the API returns them."""
        return self.store.sessions

    @property
    def payment_intents(self):
        return self.store.payment_intents

    @property
    def charges(self):
        return self.store.charges

    @property
    def refunds(self):
        return self.store.refunds

    @property
    def events(self):
        """Every event produced, in order (delivered or not)."""
        return self.store.events

    def events_of(self, type):
        """Return the events of one type, in order."""
        return [event for event in self.store.events if event["type"] == type]

    # -- the customer's and Stripe's side ------------------------------------------------------------

    def submit_card(self, session_id, card, email=None):
        """Pay an open session by card, as the hosted page does; raise PaymentRefused when the card is refused."""
        with self.store.lock:
            events = self.store.pay(session_id, card, email)
        self.publish(events)
        return self.sessions[session_id]

    def pay(self, session_id, card=SUCCESS_CARD, email=None):
        """Pay an open session like the hosted page; return the session (still open when the card is declined)."""
        try:
            return self.submit_card(session_id, card, email)
        except PaymentRefused as refused:
            if str(refused) != "Your card was declined.":
                raise ValueError(f"{card!r} is not a test card the emulator knows: {refused}") from None
            return self.sessions[session_id]

    def decline(self, session_id):
        """Pay with the declined test card 4000 0000 0000 0002: nothing changes and no webhook is sent."""
        return self.pay(session_id, DECLINED_CARD)

    def expire(self, session_id):
        """Expire an open session as Stripe does at expires_at, sending checkout.session.expired."""
        with self.store.lock:
            events = self.store.expire_session(session_id)
        self.publish(events)
        return self.sessions[session_id]

    def pay_pending(self, session_id, email=None):
        """Complete a session with a delayed payment method: status complete, payment_status unpaid."""
        with self.store.lock:
            events = self.store.pay_pending(session_id, email)
        self.publish(events)
        return self.sessions[session_id]

    def async_succeeded(self, session_id):
        """Settle a delayed payment (starting it first if the session is open); send async_payment_succeeded."""
        return self._settle(session_id, succeeded=True)

    def async_failed(self, session_id):
        """Fail a delayed payment (starting it first if the session is open); send async_payment_failed."""
        return self._settle(session_id, succeeded=False)

    def _settle(self, session_id, succeeded):
        with self.store.lock:
            events = self.store.settle_async(session_id, succeeded)
        self.publish(events)
        return self.sessions[session_id]

    # -- events and webhooks -------------------------------------------------------------------------

    def make_event(self, type, obj):
        """Build and record an event carrying a snapshot of obj, without delivering it."""
        with self.store.lock:
            return self.store.make_event(type, obj)

    def signed(self, event, timestamp=None):
        """Return (payload bytes, headers) for event, signed now or at `timestamp`."""
        return webhooks.sign(event, self.webhook_secret, timestamp)

    def deliver(self, event):
        """Send one event to the sink (preferred) or the URL; record and return the HTTP status.

        Returns None when no target is set or the URL did not answer. A sink may return an int or a
        response object with `status_code` (such as Flask's test client response).
        """
        payload, headers = self.signed(event)
        if self.webhook_sink is not None:
            target = "sink"
            result = self.webhook_sink(payload, dict(headers))
            status = getattr(result, "status_code", result)
        elif self.webhook_url:
            target = self.webhook_url
            status = webhooks.post(self.webhook_url, payload, headers)
        else:
            return None
        self.deliveries.append({"event": event["id"], "type": event["type"], "target": target, "status": status})
        return status

    def publish(self, events):
        """Deliver events now, in order, when auto_deliver is on."""
        if self.auto_deliver:
            for event in events:
                self.deliver(event)

    def publish_later(self, events, ready=None):
        """Deliver events on the background thread once `ready` is set, when auto_deliver is on (API calls)."""
        if self.auto_deliver:
            self._outbox.put(events, ready)

    def flush(self, timeout=10):
        """Wait until the webhooks of earlier API calls were delivered; re-raise a delivery's error."""
        self._outbox.flush(timeout)
