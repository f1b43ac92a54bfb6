"""The shop under failure: a webhook delivered twenty times at once, a database that is down, a crash at checkout."""
import threading

import pytest

from shop.models import Order, OrderEvent, PaymentEvent, Product
from shop.services import mail
from shop.services.orders import placing as orders
from tests.checkout_helpers import checkout_session, post_event, stripe_event
from tests.factories import make_producer, make_product, place_test_order
from tests.security_world import checkout_form

DELIVERIES = 20


@pytest.fixture
def sent_to(monkeypatch):
    """Record the recipient of every e-mail the shop sends (from any thread)."""
    recipients = []
    lock = threading.Lock()

    def record(message):
        with lock:
            recipients.append(message["To"])

    monkeypatch.setattr(mail, "send_message", record)
    return recipients


def test_one_event_delivered_twenty_times_at_once_pays_the_order_once(app, db, card_enabled, postgres_only,
                                                                      sent_to):
    product = make_product(producer=make_producer(email="hoa@example.com"), stock=5)
    order = place_test_order({product: 2}, payment_method="card", email="khach@example.com")
    order.stripe_session_id = f"cs_test_{order.id}"
    db.session.commit()
    order_id, product_id = order.id, product.id
    event = stripe_event("checkout.session.completed", checkout_session(order))
    start = threading.Barrier(DELIVERIES)
    answers, errors = [], []

    def deliver():
        try:
            client = app.test_client()  # its own request, app context and database session
            start.wait(timeout=30)
            response = post_event(client, event)
            answers.append((response.status_code, response.get_json()["result"]))
        except Exception as error:  # anything else is a failure of the test
            errors.append(repr(error))

    threads = [threading.Thread(target=deliver) for _delivery in range(DELIVERIES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert sorted(answers) == [(200, "duplicate")] * (DELIVERIES - 1) + [(200, "handled")]
    db.session.expire_all()
    assert db.session.get(Order, order_id).status == "paid"
    assert db.session.query(PaymentEvent).count() == 1
    assert db.session.query(OrderEvent).filter_by(order_id=order_id, to_status="paid").count() == 1
    assert db.session.get(Product, product_id).stock == 3  # reserved once at checkout, nothing more
    assert sent_to.count("khach@example.com") == 1 and sent_to.count("hoa@example.com") == 1


@pytest.mark.parametrize("url", [
    "postgresql+psycopg://postgres@127.0.0.1:1/none",  # nothing listens on port 1
    "sqlite:////nonexistent-directory/for/the/shop.db",
])
def test_healthz_answers_503_when_the_database_really_is_down(make_app, url):
    down = make_app(SQLALCHEMY_DATABASE_URI=url, PROPAGATE_EXCEPTIONS=False)
    client = down.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable"}
    # Pages fail politely too: the error page, not a traceback.
    page = client.get("/")
    assert page.status_code == 500 and "<h1" in page.get_data(as_text=True)
    assert "Traceback" not in page.get_data(as_text=True)


def test_a_crash_while_placing_the_order_keeps_the_cart_and_writes_nothing(app, db, make_app, monkeypatch):
    product = make_product(stock=4)
    db.session.commit()
    shop = make_app(PROPAGATE_EXCEPTIONS=False)
    client = shop.test_client()
    with client.session_transaction() as session:
        session["cart"] = {str(product.id): 2}

    def failing_event(**_values):
        raise RuntimeError("the database went away after the stock update")

    monkeypatch.setattr(orders, "OrderEvent", failing_event)
    response = client.post("/checkout", data=checkout_form())
    assert response.status_code == 500
    db.session.expire_all()
    assert db.session.query(Order).count() == 0 and db.session.get(Product, product.id).stock == 4
    with client.session_transaction() as session:
        assert session["cart"] == {str(product.id): 2}  # the customer can simply try again
