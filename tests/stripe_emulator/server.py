"""The emulator's HTTP side: Stripe's REST routes under /v1 and the hosted payment page under /c/pay.

API calls need `Authorization: Bearer <secret key>`, read form-encoded parameters, honour the
`Idempotency-Key` header on POST and answer JSON in Stripe's shapes. The hosted page is a plain
HTML form; submitting it pays the session like `StripeEmulator.pay`.
"""
import html
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .objects import API_VERSION, new_id
from .params import StripeError, decode_form, display_amount
from .store import PaymentRefused

ROUTES = [
    ("POST", r"/v1/checkout/sessions", "create_session"),
    ("GET", r"/v1/checkout/sessions/(?P<id>[^/]+)", "retrieve_session"),
    ("POST", r"/v1/checkout/sessions/(?P<id>[^/]+)/expire", "expire_session"),
    ("GET", r"/v1/checkout/sessions/(?P<id>[^/]+)/line_items", "list_line_items"),
    ("GET", r"/v1/payment_intents/(?P<id>[^/]+)", "retrieve_payment_intent"),
    ("GET", r"/v1/charges/(?P<id>[^/]+)", "retrieve_charge"),
    ("POST", r"/v1/refunds", "create_refund"),
    ("GET", r"/v1/refunds/(?P<id>[^/]+)", "retrieve_refund"),
    ("GET", r"/v1/events/(?P<id>[^/]+)", "retrieve_event"),
]


class EmulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its emulator."""

    daemon_threads = True

    def __init__(self, emulator):
        super().__init__(("127.0.0.1", 0), Handler)
        self.emulator = emulator


class Handler(BaseHTTPRequestHandler):
    """One request to the emulator: an API call or the hosted payment page."""

    server_version = "StripeEmulator/1.0"

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's signature)
        """Stay quiet: test output is not the place for an access log."""

    def do_GET(self):
        self._dispatch("GET")

    def do_POST(self):
        self._dispatch("POST")

    def do_DELETE(self):
        self._dispatch("DELETE")

    # -- plumbing ------------------------------------------------------------------------------------

    @property
    def emulator(self):
        return self.server.emulator

    def _dispatch(self, method):
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        page = re.fullmatch(r"/c/pay/(?P<id>[^/]+)", url.path)
        if page and method in ("GET", "POST"):
            return self._hosted_page(page["id"], method, decode_form(body) if method == "POST" else {})
        self.request_id = new_id("req_", 14)
        try:
            self._authenticate()
            for route_method, pattern, name in ROUTES:
                match = re.fullmatch(pattern, url.path)
                if match and route_method == method:
                    params = decode_form(body if method == "POST" else url.query)
                    return self._api_call(method, url.path, params, getattr(self, name), match.groupdict())
            raise StripeError(
                f"Unrecognized request URL ({method}: {url.path}). Please see https://stripe.com/docs or we can "
                "help at https://support.stripe.com/.",
                status=404,
            )
        except StripeError as error:
            self._send_json(error.status, error.body())

    def _authenticate(self):
        header = self.headers.get("Authorization", "")
        if not header.startswith("Bearer ") or not header[7:].strip():
            raise StripeError(
                "You did not provide an API key. You need to provide your API key in the Authorization header, "
                "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api"
                "#authentication for details, or we can help at https://support.stripe.com/.",
                status=401,
            )
        key = header[7:].strip()
        if key != self.emulator.api_key:
            redacted = key[:8] + "*" * max(len(key) - 12, 0) + key[-4:]
            raise StripeError(f"Invalid API Key provided: {redacted}", status=401, code="api_key_invalid")

    def _api_call(self, method, path, params, view, arguments):
        """Run one API view under the store's lock, replaying idempotent POSTs; queue its events."""
        store = self.emulator.store
        key = self.headers.get("Idempotency-Key") if method == "POST" else None
        self.request_info = {"id": self.request_id, "idempotency_key": key}
        with store.lock:
            if key is not None and key in store.idempotent_results:
                saved = store.idempotent_results[key]
                if saved["request"] != (method, path, params):
                    raise StripeError(
                        "Keys for idempotent requests can only be used with the same parameters they were first "
                        f"used with. Try using a key other than '{key}' if you meant to execute a different "
                        "request.",
                        type="idempotency_error",
                    )
                return self._send_json(200, saved["body"], replayed=True)
            body, events = view(params, **arguments)
            if key is not None:
                store.idempotent_results[key] = {"request": (method, path, params), "body": body}
        answered = threading.Event()  # queued now so that flush() sees them, sent once the caller has its answer
        self.emulator.publish_later(events, answered)
        try:
            self._send_json(200, body)
        finally:
            answered.set()

    def _send_json(self, status, body, replayed=False):
        data = json.dumps(body, indent=2, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", getattr(self, "request_id", ""))
        self.send_header("Stripe-Version", API_VERSION)
        if self.headers.get("Idempotency-Key"):
            self.send_header("Idempotency-Key", self.headers["Idempotency-Key"])
        if replayed:
            self.send_header("Idempotent-Replayed", "true")
        if status >= 400:
            self.send_header("Stripe-Should-Retry", "false")
        self.end_headers()
        self.wfile.write(data)

    # -- API views: each returns (body, events to deliver) -------------------------------------------

    def create_session(self, params):
        session = self.emulator.store.create_session(params, self.emulator.base_url)
        return self._expanded(session, params), []

    def retrieve_session(self, params, id):
        return self._expanded(self.emulator.store.session(id), params), []

    def expire_session(self, params, id):
        store = self.emulator.store
        events = store.expire_session(id, self.request_info)
        return self._expanded(store.session(id), params), events

    def list_line_items(self, params, id):
        return self.emulator.store.session_line_items(id, params), []

    def retrieve_payment_intent(self, params, id):
        return self._expanded(self.emulator.store.payment_intent(id), params), []

    def retrieve_charge(self, params, id):
        return self._expanded(self.emulator.store.charge(id, "id"), params), []

    def create_refund(self, params):
        refund, events = self.emulator.store.create_refund(params, self.request_info)
        return self._expanded(refund, params), events

    def retrieve_refund(self, params, id):
        return self._expanded(self.emulator.store.refund(id), params), []

    def retrieve_event(self, params, id):
        return self.emulator.store.event(id), []

    def _expanded(self, obj, params):
        return self.emulator.store.expand(obj, params.get("expand"))

    # -- hosted payment page -------------------------------------------------------------------------

    def _hosted_page(self, session_id, method, form):
        """Show the payment form, or take a card: pay and redirect to success_url, or show the refusal."""
        emulator = self.emulator
        session = emulator.store.sessions.get(session_id)
        if session is None:
            return self._send_html(404, _page("Checkout", "<p>This checkout page does not exist.</p>"))
        error = None
        if method == "POST" and session["status"] == "open":
            try:
                emulator.submit_card(session_id, form.get("card_number", ""), form.get("email") or None)
            except PaymentRefused as refused:
                error = str(refused)
            else:
                self.send_response(303)
                self.send_header("Location", session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id))
                self.send_header("Content-Length", "0")
                return self.end_headers()
        status = 200 if session["status"] == "open" else 410
        self._send_html(status, _payment_form(session, emulator.store.line_items[session_id], error))

    def _send_html(self, status, text):
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _payment_form(session, items, error):
    """Render the hosted page for a session: its lines, the card form, or why it can no longer be paid."""
    esc = html.escape
    total = display_amount(session["amount_total"], session["currency"])
    lines = "".join(
        f"<li>{esc(item['description'])} × {item['quantity']}: "
        f"{display_amount(item['amount_total'], item['currency'])}</li>"
        for item in items
    )
    cancel = f'<p><a href="{esc(session["cancel_url"])}">Cancel</a></p>' if session["cancel_url"] else ""
    if session["status"] != "open":
        state = "complete" if session["status"] == "complete" else "expired"
        return _page("Checkout", f"<p>This checkout session is {state}.</p>")
    if session["customer_email"]:
        email = f'<p>Email: <span id="email">{esc(session["customer_email"])}</span></p>'
    else:
        email = '<p><label for="email">Email</label> <input id="email" name="email" type="email" required></p>'
    alert = f'<p role="alert" class="error">{esc(error)}</p>' if error else ""
    body = f"""
<h1>Pay {total}</h1>
<ul>{lines}</ul>
<form method="post">
  {email}
  <p><label for="card_number">Card number</label>
     <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required></p>
  {alert}
  <button type="submit">Pay {total}</button>
</form>
{cancel}"""
    return _page("Checkout", body)


def _page(title, body):
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body><main>{body}</main></body></html>"
    )
