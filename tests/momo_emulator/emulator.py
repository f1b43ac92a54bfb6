"""`MomoEmulator`: the local server, the customer's side of a payment, and IPN delivery."""
import json
import threading
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit

from .server import EmulatorHTTPServer
from .store import Store


class MomoEmulator:
    """A MoMo stand-in on 127.0.0.1 with helpers that play the customer (`pay`, `deny`) and MoMo (`deliver_ipn`).

    Finishing a payment posts the IPN first (when `auto_ipn` is on), then gives the redirect address.
    Every delivery is kept in `deliveries` with the HTTP status the shop answered.
    """

    def __init__(self, partner_code="MOMOOCOPQN01", access_key="momoTestAccess01",  # noqa: S107
                 secret_key="momoTestSecretOcopQuangNinh00001"):  # noqa: S107
        self.partner_code, self.access_key, self.secret_key = partner_code, access_key, secret_key
        self.store = Store(partner_code, access_key, secret_key)
        self.ipn_sink = None
        self.auto_ipn = True
        self.deliveries = []
        self.connections_to_drop = 0
        self._drop_lock = threading.Lock()
        self._server = self._thread = None

    def start(self):
        self._server = EmulatorHTTPServer(self)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="momo-emulator",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = self._thread = None

    def reset(self):
        self.store.clear()
        self.deliveries.clear()
        self.ipn_sink = None
        self.auto_ipn = True
        self.connections_to_drop = 0

    def drop_connections(self, count=1):
        """Close the next `count` connections as soon as their request line arrives, answering nothing."""
        with self._drop_lock:
            self.connections_to_drop = count

    def take_dropped_connection(self):
        """Tell whether the connection being handled is one to drop (counting it)."""
        with self._drop_lock:
            if self.connections_to_drop > 0:
                self.connections_to_drop -= 1
                return True
            return False

    @property
    def base_url(self):
        """What MOMO_API_BASE is in tests, e.g. "http://127.0.0.1:54321"."""
        if self._server is None:
            raise RuntimeError("the MoMo emulator is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def payments(self):
        return self.store.payments

    @property
    def refunds(self):
        return self.store.refunds

    def order_id_of(self, pay_url):
        """The partner's orderId behind a payUrl."""
        return self.store.tokens[dict(parse_qsl(urlsplit(pay_url).query))["t"]]

    def finish(self, order_id, outcome="paid"):
        """Pay, deny or expire a payment; post the IPN when `auto_ipn` is on; return the redirect URL."""
        payment = self.store.settle(order_id, outcome)
        if self.auto_ipn:
            self.deliver_ipn(order_id)
        fields = self.store.result(order_id)
        return payment["redirectUrl"] + ("&" if "?" in payment["redirectUrl"] else "?") + urlencode(fields)

    def pay(self, pay_url):
        """Pay the payment behind `pay_url`; return the redirect URL."""
        return self.finish(self.order_id_of(pay_url), "paid")

    def deny(self, pay_url):
        """The customer refuses on the payment page (resultCode 1006)."""
        return self.finish(self.order_id_of(pay_url), "denied")

    def ipn_body(self, order_id, **changes):
        """The signed IPN body of a payment as a dict (changes are applied before signing)."""
        return self.store.result(order_id, **changes)

    def deliver_ipn(self, order_id, body=None):
        """POST the IPN to the sink (preferred) or the payment's ipnUrl; record and return the HTTP status."""
        body = body if body is not None else self.ipn_body(order_id)
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if self.ipn_sink is not None:
            result = self.ipn_sink(data)
            status = getattr(result, "status_code", result)
        else:
            status = _post(self.store.payments[order_id]["ipnUrl"], data)
        self.deliveries.append({"orderId": order_id, "status": status})
        return status


def _post(url, data, timeout=10):
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={"Content-Type": "application/json; charset=UTF-8"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (tests post to 127.0.0.1)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None
