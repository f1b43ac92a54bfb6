"""Faults: the shop's answers, and how long they take, when a dependency hangs, refuses or is gone.

Each test starts a redis-server of its own on a free loopback port (tests/redis_process.py) and freezes it
(SIGSTOP: connections are accepted, nothing is answered) or stops it (refused), by its PID; the shared
Redis on 6379 is never touched. The SMTP servers are the tests' own too. Marker `faults` (run by
`make test` and `make faults`, hence by .ci/run).
"""
import os
import signal
import socket
import statistics
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from shop.extensions import limiter
from shop.models import Order, OutboxMail
from shop.models.statuses import MailStatus
from shop.services.metrics import DEPENDENCY_FAILURES
from shop.web.page_cache import CACHE_BREAKER
from tests.factories import make_producer, make_product
from tests.redis_process import RedisProcess
from tests.smtp_server import Inbox, free_port

pytestmark = pytest.mark.faults

PAGES = ("/", "/products", "/products/{slug}", "/products?q=cha+muc", "/producers/{producer}")
WRONG_LOGIN = {"email": "x@example.com", "password": "wrong-password"}
CHECKOUT = {"name": "Nguyễn Văn An", "email": "an@example.com", "phone": "+84 912 345 678",
            "delivery_method": "province", "address": "12 Lê Thánh Tông, Hạ Long", "payment_method": "cod"}


@pytest.fixture
def redis_server():
    """A redis-server of this test's own; resumed and stopped (by its PID) afterwards."""
    server = RedisProcess().start()
    yield server
    if server.process.poll() is None:
        os.kill(server.process.pid, signal.SIGCONT)
    server.stop()
    CACHE_BREAKER.reset()
    limiter._storage_dead = False  # the limiter object is shared by every app of the process


@pytest.fixture
def catalogue(db):
    product = make_product(producer=make_producer(email="hoa@example.com"), name_vi="Chả mực Hạ Long", stock=50)
    db.session.commit()
    return product


def shop_on(make_app, redis_server, **settings):
    """An app using `redis_server` for the page cache and the rate limits, as in production."""
    return make_app(REDIS_URL=redis_server.url, CACHE_TYPE="RedisCache", PAGE_CACHE_SECONDS=60,
                    RATELIMIT_ENABLED=True, DEPENDENCY_RETRY_SECONDS=2, **settings)


def timed(call):
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def browse(client, product, rounds=6):
    """GET every public page `rounds` times; return [(path, status, seconds)]."""
    answers = []
    for _ in range(rounds):
        for template in PAGES:
            path = template.format(slug=product.slug, producer=product.producer.slug)
            response, seconds = timed(lambda p=path: client.get(p))
            answers.append((path, response.status_code, seconds))
    return answers


def p95(seconds):
    return statistics.quantiles(seconds, n=20)[-1]


def failures(part):
    return DEPENDENCY_FAILURES.labels("redis", part)._value.get()


def check_outage(client, product, caplog):
    """Pages answer 200 within a second (p95), log in stays limited in memory, the outage is logged and counted."""
    cache_failures, limiter_failures = failures("page cache"), failures("rate limiter")
    answers = browse(client, product)
    assert {status for _path, status, _s in answers} == {200}, answers
    assert p95([s for _p, _st, s in answers]) < 1.0, answers
    assert max(s for _p, _st, s in answers) < 2.0, answers
    logins = [timed(lambda: client.post("/auth/login", data=WRONG_LOGIN)) for _ in range(11)]
    assert [response.status_code for response, _s in logins] == [200] * 10 + [429]  # in-process limit
    assert p95([s for _r, s in logins]) < 1.0
    assert failures("page cache") > cache_failures and failures("rate limiter") > limiter_failures
    assert any("unavailable for the page cache" in r.getMessage() for r in caplog.records)
    assert any("unreachable" in r.getMessage() for r in caplog.records)


def test_a_frozen_redis_stalls_no_page_and_login_stays_limited(db, make_app, redis_server, catalogue, caplog):
    client = shop_on(make_app, redis_server).test_client()
    assert {status for _p, status, _s in browse(client, catalogue, rounds=1)} == {200}  # the cache is warm
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    check_outage(client, catalogue, caplog)


def test_a_refused_redis_stalls_no_page_and_login_stays_limited(db, make_app, redis_server, catalogue, caplog):
    client = shop_on(make_app, redis_server).test_client()
    browse(client, catalogue, rounds=1)
    redis_server.stop()  # refused from now on
    check_outage(client, catalogue, caplog)


def test_checkout_with_redis_frozen_is_limited_in_memory(db, make_app, redis_server, catalogue):
    # Ten orders a minute from this visitor; the eleventh is refused by the in-memory limiter.
    client = shop_on(make_app, redis_server, CHECKOUT_LIMIT_PER_SESSION="10 per minute").test_client()
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    answers = []
    for _ in range(11):
        client.post("/cart/add", data={"product_id": catalogue.id, "quantity": "1"})
        answers.append(timed(lambda: client.post("/checkout", data=CHECKOUT)))
    assert [response.status_code for response, _s in answers][-1] == 429
    assert all(response.status_code in (302, 303) for response, _s in answers[:10])
    assert p95([s for _r, s in answers]) < 1.0
    assert db.session.query(Order).count() == 10


def test_readiness_names_a_frozen_redis_within_a_second(db, make_app, redis_server):
    client = make_app(REDIS_URL=redis_server.url).test_client()
    assert client.get("/readyz").status_code == 200
    os.kill(redis_server.process.pid, signal.SIGSTOP)
    response, seconds = timed(lambda: client.get("/readyz"))
    assert response.status_code == 503 and "redis" in response.get_data(as_text=True) and seconds < 1.0


class SilentSmtpServer:
    """Accepts connections and never says a word (a hung mail server)."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.held = []
        self.thread = threading.Thread(target=self._hold, daemon=True)
        self.thread.start()

    def _hold(self):
        while True:
            try:
                connection, _address = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self):
        for connection in self.held:
            connection.close()
        self.socket.close()


def order_by_post(client, product):
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    return timed(lambda: client.post("/checkout", data=CHECKOUT))


def test_a_stopped_mail_server_does_not_stop_an_order(db, make_app, catalogue, caplog):
    controller = Controller(Inbox(), hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.stop()  # refused from now on
    client = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port).test_client()
    (response, seconds) = order_by_post(client, catalogue)
    assert response.status_code in (302, 303) and seconds < 1.0
    assert db.session.query(Order).count() == 1
    assert any("not delivered" in r.getMessage() for r in caplog.records)
    waiting = db.session.query(OutboxMail).all()  # kept, to be sent once the server is back
    assert len(waiting) == 2 and all(mail.state == MailStatus.PENDING for mail in waiting)


def test_a_hung_mail_server_holds_an_order_no_longer_than_its_timeout(db, make_app, catalogue):
    silent = SilentSmtpServer()
    try:
        client = make_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=silent.port, MAIL_TIMEOUT=0.3).test_client()
        (response, seconds) = order_by_post(client, catalogue)
    finally:
        silent.close()
    assert response.status_code in (302, 303)
    assert db.session.query(Order).count() == 1
    # Two mails (the customer's and the producer's), each given up after MAIL_TIMEOUT.
    assert seconds < 2.0


def test_every_redis_address_carries_sub_second_deadlines(make_app, redis_server):
    from config import with_deadlines

    assert with_deadlines("redis://h:6379/0", 0.25, 0.25) == \
        "redis://h:6379/0?socket_connect_timeout=0.25&socket_timeout=0.25"
    assert with_deadlines("redis://h/0?socket_timeout=0.1", 0.25, 0.25) == \
        "redis://h/0?socket_timeout=0.1&socket_connect_timeout=0.25"
    assert with_deadlines("", 0.25, 0.25) == "" and with_deadlines("memory://", 1, 1) == "memory://"
    app = shop_on(make_app, redis_server)
    for setting in ("CACHE_REDIS_URL", "RATELIMIT_STORAGE_URI"):
        assert "socket_timeout=0.25" in app.config[setting] and "socket_connect_timeout=0.25" in app.config[setting]


def test_stripe_and_mail_have_deadlines(app, monkeypatch):
    from shop.services.payments.stripe_checkout import stripe_client

    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_x")
    with app.app_context():
        client = stripe_client()
    http = client._requestor._client
    assert http._timeout == (app.config["STRIPE_CONNECT_TIMEOUT"], app.config["STRIPE_READ_TIMEOUT"])
    assert 0 < app.config["MAIL_TIMEOUT"] <= 10
