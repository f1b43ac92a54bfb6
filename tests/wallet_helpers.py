"""What the VNPay and MoMo tests share: the shop pointed at the emulators, a cart, an order placed at checkout."""
from urllib.parse import parse_qsl, urlsplit

import pytest
from sqlalchemy import select

from shop.extensions import db as _db
from shop.models import Order, PaymentAttempt, PaymentNotification
from tests.factories import make_producer, make_product
from tests.momo_emulator.fixtures import use_momo
from tests.vnpay_emulator.fixtures import use_vnpay

PRICE, STOCK = 150_000, 5


@pytest.fixture
def vnpay_shop(app, client, monkeypatch, vnpay_emulator):
    """The shop pointed at the VNPay emulator, whose IPN reaches the shop through the test client."""
    use_vnpay(app, monkeypatch, vnpay_emulator)
    vnpay_emulator.ipn_sink = lambda query: client.get("/webhooks/vnpay?" + query)
    return vnpay_emulator


@pytest.fixture
def momo_shop(app, client, monkeypatch, momo_emulator):
    """The shop pointed at the MoMo emulator, whose IPN reaches the shop through the test client."""
    use_momo(app, monkeypatch, momo_emulator)
    momo_emulator.ipn_sink = lambda data: client.post("/webhooks/momo", data=data, content_type="application/json")
    return momo_emulator


@pytest.fixture
def product(db):
    made = make_product(producer=make_producer(), price=PRICE, stock=STOCK)
    db.session.commit()
    return made


def place(client, product, method, quantity=1):
    """Put `product` in the cart and check out paying by `method`; return (response, order)."""
    client.post("/cart/add", data={"product_id": product.id, "quantity": str(quantity)})
    response = client.post("/checkout", data={
        "name": "Lê Minh Anh", "email": "anh@example.com", "phone": "0912345678", "delivery_method": "pickup",
        "payment_method": method,
    })
    return response, _db.session.scalars(select(Order).order_by(Order.id.desc())).first()


def follow(client, url):
    """GET a shop address the provider sends the customer to (absolute, built from PUBLIC_BASE_URL)."""
    parts = urlsplit(url)
    return client.get(parts.path + "?" + parts.query)


def query_of(url):
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def attempts_of(order):
    return _db.session.scalars(select(PaymentAttempt).where(PaymentAttempt.order_id == order.id)
                               .order_by(PaymentAttempt.id)).all()


def notifications(method):
    return _db.session.scalars(select(PaymentNotification).where(PaymentNotification.provider == method)).all()
