"""Operations: readiness, request ids in JSON logs, Prometheus figures behind a token, Sentry reports."""
import io
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from prometheus_client import REGISTRY

from shop.logs import JsonFormatter
from shop.models import Order
from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.moves import move
from tests.factories import make_order, make_product

TOKEN = "metrics-token-for-tests-0123456789"  # noqa: S105  (tests only)


def test_readyz_answers_ready_when_every_part_answers(client):
    answer = client.get("/readyz")
    assert (answer.status_code, answer.get_json()) == (200, {"status": "ready"})


def test_readyz_names_the_database_when_it_does_not_answer(client, monkeypatch):
    from shop.extensions import db

    def broken(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(db.session, "execute", broken)
    answer = client.get("/readyz")
    assert answer.status_code == 503 and list(answer.get_json()["failed"]) == ["database"]


def test_readyz_checks_redis_and_the_bucket_when_they_are_configured(make_app, db, redis_url, s3_settings):
    assert make_app(REDIS_URL=redis_url, **s3_settings).test_client().get("/readyz").status_code == 200
    broken = make_app(REDIS_URL="redis://127.0.0.1:9/0", **{**s3_settings, "S3_BUCKET": "no-such-bucket"})
    answer = broken.test_client().get("/readyz")
    assert answer.status_code == 503
    assert sorted(answer.get_json()["failed"]) == ["redis", "storage"]


def test_readyz_names_a_media_folder_that_cannot_be_written(make_app, db, tmp_path):
    folder = tmp_path / "media"
    folder.write_text("a file where the folder should be")
    answer = make_app(MEDIA_FOLDER=str(folder)).test_client().get("/readyz")
    assert answer.status_code == 503 and list(answer.get_json()["failed"]) == ["storage"]


def test_every_response_carries_a_request_id_and_the_proxys_own_is_kept(client):
    made = client.get("/healthz").headers["X-Request-ID"]
    assert len(made) == 32 and made != client.get("/healthz").headers["X-Request-ID"]
    assert client.get("/healthz", headers={"X-Request-ID": "nginx-abc123def"}).headers["X-Request-ID"] \
        == "nginx-abc123def"
    forged = client.get("/healthz", headers={"X-Request-ID": "bad id <script> and more"}).headers["X-Request-ID"]
    assert "<" not in forged and len(forged) == 32


def test_log_lines_are_json_objects_that_carry_the_request_id(client, db):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("shop.requests")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    disabled, logger.disabled = logger.disabled, False  # the migrations' logging config disables old loggers
    try:
        client.get("/healthz", headers={"X-Request-ID": "req-0123456789"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
        logger.disabled = disabled
    line = json.loads(stream.getvalue().splitlines()[-1])
    assert line["request_id"] == "req-0123456789" and line["status"] == 200 and line["path"] == "/healthz"
    assert line["endpoint"] == "main.healthz" and line["level"] == "info" and line["duration_ms"] >= 0


def test_metrics_need_the_token_and_do_not_exist_without_one(make_app, db, client):
    assert client.get("/metrics").status_code == 404
    shop = make_app(METRICS_TOKEN=TOKEN).test_client()
    assert shop.get("/metrics").status_code == 401
    assert shop.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    shop.get("/healthz")
    answer = shop.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert answer.status_code == 200 and answer.headers["Cache-Control"] == "no-store"
    text = answer.get_data(as_text=True)
    assert 'shop_requests_total{endpoint="main.healthz",method="GET",status="200"}' in text
    assert 'shop_request_seconds_bucket{endpoint="main.healthz"' in text


def _value(name, **labels):
    return REGISTRY.get_sample_value(name, labels) or 0


def test_orders_and_payments_are_counted_when_committed_only(db):
    product = make_product(stock=10)
    placed = _value("shop_orders_placed_total", payment_method="card")
    paid = _value("shop_payments_total", payment_method="card", result="paid")
    failed = _value("shop_payments_total", payment_method="card", result="failed")
    order = make_order([(product, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD)
    db.session.commit()
    make_order([(product, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD)
    db.session.rollback()  # never placed: not counted
    assert _value("shop_orders_placed_total", payment_method="card") == placed + 1
    move(db.session.get(Order, order.id), OrderStatus.PAID, None, "paid")
    db.session.commit()
    assert _value("shop_payments_total", payment_method="card", result="paid") == paid + 1
    other = make_order([(product, 1)], status=OrderStatus.PENDING_PAYMENT, payment_method=PaymentMethod.CARD)
    db.session.commit()
    move(other, OrderStatus.CANCELLED, None, "expired")
    db.session.commit()
    assert _value("shop_payments_total", payment_method="card", result="failed") == failed + 1


def test_page_cache_hits_and_misses_are_counted(make_app, db):
    shop = make_app(CACHE_TYPE="SimpleCache", PAGE_CACHE_SECONDS=30).test_client()
    hits, misses = _value("shop_page_cache_total", result="hit"), _value("shop_page_cache_total", result="miss")
    for _ in range(3):
        shop.get("/products")
    assert _value("shop_page_cache_total", result="miss") == misses + 1
    assert _value("shop_page_cache_total", result="hit") == hits + 2


class _Collector(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):  # noqa: N802  (the http.server API)
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        self.received.append((self.path, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *_args):
        pass


@pytest.fixture
def sentry_collector():
    """A stand-in for Sentry's ingest on 127.0.0.1 that keeps every envelope it is sent."""
    _Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    import sentry_sdk

    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reporting off again for the other tests


def test_with_sentry_dsn_an_error_is_reported_to_sentry(make_app, db, sentry_collector):
    import sentry_sdk

    port = sentry_collector.server_address[1]
    shop = make_app(SENTRY_DSN=f"http://publickey@127.0.0.1:{port}/42", PROPAGATE_EXCEPTIONS=False)

    @shop.route("/test-boom")
    def boom():
        raise ZeroDivisionError("boom for the report")

    assert shop.test_client().get("/test-boom").status_code == 500
    sentry_sdk.flush(timeout=5)
    paths = [path for path, _body in _Collector.received]
    assert paths and all(path.startswith("/api/42/envelope/") for path in paths)
    assert any(b"boom for the report" in body for _path, body in _Collector.received)
