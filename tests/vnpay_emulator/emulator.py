"""`VnpayEmulator`: the local server, the customer's side of a payment, and IPN delivery."""
import json
import threading
import urllib.error
import urllib.request
from urllib.parse import parse_qsl, urlencode

from .server import API_PATH, PAYMENT_PATH, EmulatorHTTPServer, with_query
from .store import Store


class VnpayEmulator:
    """A VNPay stand-in on 127.0.0.1 with helpers that play the customer (`pay`, `cancel`) and VNPay (`ipn`).

    Finishing a payment sends the IPN first (when `auto_ipn` is on) and then gives the return address,
    as VNPay's servers usually do; a test turns `auto_ipn` off to have the customer come back first and
    sends the IPN itself with `deliver_ipn`. Every delivery is recorded in `deliveries` with the shop's
    `RspCode`.
    """

    def __init__(self, tmn_code="OCOPQN01", hash_secret="VNPAYTESTSECRETOCOPQUANGNINH0001"):  # noqa: S107
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.store = Store(tmn_code, hash_secret)
        self.ipn_url = None
        self.ipn_sink = None
        self.auto_ipn = True
        self.deliveries = []
        self._server = None
        self._thread = None

    def start(self):
        """Listen on a free port of 127.0.0.1 in a background thread; return self."""
        self._server = EmulatorHTTPServer(self)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="vnpay-emulator",
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
        """Forget every payment, refund and delivery; unset the IPN target."""
        self.store.clear()
        self.deliveries.clear()
        self.ipn_url = self.ipn_sink = None
        self.auto_ipn = True

    @property
    def base_url(self):
        if self._server is None:
            raise RuntimeError("the VNPay emulator is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def payment_url(self):
        """What VNPAY_PAYMENT_URL is in tests."""
        return self.base_url + PAYMENT_PATH

    @property
    def api_url(self):
        """What VNPAY_API_URL is in tests."""
        return self.base_url + API_PATH

    @property
    def payments(self):
        return self.store.payments

    @property
    def refunds(self):
        return self.store.refunds

    # -- the customer's side -------------------------------------------------------------------------

    def open(self, redirect_url):
        """Follow the shop's redirect to the payment page (as the browser does); return the payment."""
        query = redirect_url.split("?", 1)[1]
        return self.store.open_payment(dict(parse_qsl(query, keep_blank_values=True)))

    def finish(self, txn_ref, outcome="paid", now=None):
        """Pay (or fail: "cancelled", "timeout", "insufficient") an opened payment; return the return URL.

        The IPN is sent before the return address is given when `auto_ipn` is on.
        """
        payment = self.store.settle(txn_ref, outcome, now)
        if self.auto_ipn:
            self.deliver_ipn(txn_ref)
        return with_query(payment["vnp_ReturnUrl"], self.store.result_params(txn_ref))

    def pay(self, redirect_url, now=None):
        """Open the shop's redirect and pay it; return the return URL (signed parameters)."""
        payment = self.open(redirect_url)
        return self.finish(payment["vnp_TxnRef"], "paid", now)

    def cancel(self, redirect_url):
        """Open the shop's redirect and cancel on the payment page (vnp_ResponseCode 24)."""
        payment = self.open(redirect_url)
        return self.finish(payment["vnp_TxnRef"], "cancelled")

    # -- IPN -----------------------------------------------------------------------------------------

    def ipn_query(self, txn_ref, **changes):
        """The signed IPN query string of a finished payment (changes are applied before signing)."""
        return urlencode(self.store.result_params(txn_ref, **changes))

    def deliver_ipn(self, txn_ref, query=None):
        """Send the IPN of a payment to the sink (preferred) or the URL; record and return the shop's answer."""
        query = query or self.ipn_query(txn_ref)
        if self.ipn_sink is not None:
            answer = _json_of(self.ipn_sink(query))
        elif self.ipn_url:
            answer = _get_json(self.ipn_url + ("&" if "?" in self.ipn_url else "?") + query)
        else:
            return None
        self.deliveries.append({"vnp_TxnRef": txn_ref, "answer": answer})
        return answer


def _json_of(result):
    """Read the shop's JSON answer from a test-client response, a dict, or None."""
    if result is None or isinstance(result, dict):
        return result
    return result.get_json(silent=True)


def _get_json(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (tests call 127.0.0.1)
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return {"http_status": error.code}
    except (urllib.error.URLError, TimeoutError, ConnectionError, ValueError):
        return None
