"""The emulator's HTTP side: the AIO v2 API (create, query, refund) and the payment page."""
import html
import json
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

API = {"/v2/gateway/api/create": "create", "/v2/gateway/api/query": "query", "/v2/gateway/api/refund": "refund"}
PAY_PATH = "/v2/gateway/pay"


class EmulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, emulator):
        super().__init__(("127.0.0.1", 0), Handler)
        self.emulator = emulator


class Handler(BaseHTTPRequestHandler):
    """One request: an API call (POST JSON) or the payment page (GET shows it, POST pays or cancels)."""

    server_version = "MomoEmulator/1.0"

    def log_message(self, format, *args):  # noqa: A002 (BaseHTTPRequestHandler's signature)
        """Stay quiet."""

    def handle_one_request(self):
        """Read the request; close the connection without a word when the emulator is told to drop it."""
        if self.server.emulator.take_dropped_connection():
            self.rfile.readline(65537)
            self.close_connection = True
            return
        super().handle_one_request()

    def do_GET(self):
        url = urlsplit(self.path)
        store = self.server.emulator.store
        order_id = store.tokens.get(dict(parse_qsl(url.query)).get("t", ""))
        if url.path != PAY_PATH or order_id is None:
            return self._send(404, "text/plain", b"not found")
        payment = store.payments[order_id]
        amount = f"{payment['amount']:,}".replace(",", ".")
        page = (f"<h1>Thanh toán {amount}đ</h1><p>{html.escape(payment['orderInfo'])}</p>"
                '<form method="post"><button name="action" value="pay">Xác nhận thanh toán</button> '
                '<button name="action" value="cancel">Hủy</button></form>')
        self._send(200, "text/html; charset=utf-8", _page(page))

    def do_POST(self):
        url = urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        emulator = self.server.emulator
        if url.path in API:
            try:
                request = json.loads(body)
            except ValueError:
                request = None
            if not isinstance(request, dict):
                return self._json(400, {"resultCode": 20, "message": "Bad format request."})
            if API[url.path] == "create":
                answer = emulator.store.create(request, emulator.base_url)
            else:
                answer = getattr(emulator.store, API[url.path])(request)
            return self._json(200, answer)
        order_id = emulator.store.tokens.get(dict(parse_qsl(url.query)).get("t", ""))
        if url.path != PAY_PATH or order_id is None:
            return self._send(404, "text/plain", b"not found")
        action = dict(parse_qsl(body)).get("action")
        redirect = emulator.finish(order_id, "paid" if action == "pay" else "denied")
        self.send_response(302)
        self.send_header("Location", redirect)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _json(self, status, body):
        self._send(status, "application/json; charset=UTF-8", json.dumps(body, ensure_ascii=False).encode("utf-8"))

    def _send(self, status, content_type, data):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _page(body):
    return ('<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>MoMo</title></head>'
            f"<body><main>{body}</main></body></html>").encode()
