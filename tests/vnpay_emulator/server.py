"""The emulator's HTTP side: the payment page and the merchant API (querydr, refund)."""
import html
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

from .store import PaymentPageError

PAYMENT_PATH = "/paymentv2/vpcpay.html"
API_PATH = "/merchant_webapi/api/transaction"


class EmulatorHTTPServer(ThreadingHTTPServer):
    """A threading HTTP server that knows its emulator."""

    daemon_threads = True

    def __init__(self, emulator):
        super().__init__(("127.0.0.1", 0), Handler)
        self.emulator = emulator


class Handler(BaseHTTPRequestHandler):
    """One request: the payment page (GET shows it, POST pays or cancels) or a merchant API call."""

    server_version = "VnpayEmulator/1.0"

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's signature)
        """Stay quiet: test output is not the place for an access log."""

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path != PAYMENT_PATH:
            return self._send(404, "text/plain", b"not found")
        emulator = self.server.emulator
        try:
            payment = emulator.store.open_payment(dict(parse_qsl(url.query, keep_blank_values=True)))
        except PaymentPageError as error:
            return self._send_html(400, f'<p role="alert">Lỗi {error.code}: {html.escape(str(error))}</p>')
        self._send_html(200, _payment_page(payment))

    def do_POST(self):
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        emulator = self.server.emulator
        if url.path == API_PATH:
            try:
                request = json.loads(body)
            except ValueError:
                request = None
            if not isinstance(request, dict):
                return self._send(400, "application/json", b'{"vnp_ResponseCode": "03"}')
            answer = emulator.store.api_call({key: str(value) for key, value in request.items()})
            return self._send(200, "application/json", json.dumps(answer).encode("utf-8"))
        if url.path != PAYMENT_PATH:
            return self._send(404, "text/plain", b"not found")
        form = dict(parse_qsl(body))
        txn_ref = form.get("vnp_TxnRef", "")
        if txn_ref not in emulator.store.payments:
            return self._send_html(404, "<p>Không tìm thấy giao dịch.</p>")
        outcome = "paid" if form.get("action") == "pay" else "cancelled"
        return_url = emulator.finish(txn_ref, outcome)
        self.send_response(302)
        self.send_header("Location", return_url)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_html(self, status, body):
        page = ('<!doctype html><html lang="vi"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f"<title>VNPAY</title></head><body><main>{body}</main></body></html>")
        self._send(status, "text/html; charset=utf-8", page.encode("utf-8"))

    def _send(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _payment_page(payment):
    amount = f"{int(payment['vnp_Amount']) // 100:,}".replace(",", ".")
    ref = html.escape(payment["vnp_TxnRef"])
    return f"""
<h1>Thanh toán {amount} VND</h1>
<p>{html.escape(payment["vnp_OrderInfo"])}</p>
<form method="post">
  <input type="hidden" name="vnp_TxnRef" value="{ref}">
  <button type="submit" name="action" value="pay">Thanh toán</button>
  <button type="submit" name="action" value="cancel">Hủy thanh toán</button>
</form>"""


def with_query(url, params):
    """Return `url` with `params` added to its query string (VNPay's return redirect)."""
    return url + ("&" if "?" in url else "?") + urlencode(params)
