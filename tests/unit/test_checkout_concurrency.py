"""Many customers racing for the last units (PostgreSQL: real row locks, real concurrency)."""
import threading

from shop.errors import OutOfStock
from shop.extensions import db as _db
from shop.models import Order, Product
from shop.services.orders.placing import place_order
from shop.services.stock import ledger_balance
from tests.factories import checkout_details, make_product

BUYERS = 50
UNITS = 10


def test_fifty_buyers_for_the_last_ten_units_sell_exactly_ten(app, db, postgres_only):
    product = make_product(stock=UNITS)
    product_id = product.id
    other = make_product(stock=1000)  # a second line, so that every order locks two rows
    other_id = other.id
    db.session.commit()
    start = threading.Barrier(BUYERS)
    sold, refused, errors = [], [], []
    lowest = []

    def buy(n):
        with app.app_context():
            try:
                start.wait(timeout=30)
                items = {product_id: 1, other_id: 1} if n % 2 else {other_id: 1, product_id: 1}
                order = place_order(items, checkout_details(email=f"buyer{n}@example.com"))
                sold.append(order.number)
            except OutOfStock:
                refused.append(n)
            except Exception as error:  # anything else is a failure of the test
                errors.append(repr(error))
            finally:
                lowest.append(_db.session.get(Product, product_id).stock)
                _db.session.remove()

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(BUYERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(sold) == UNITS and len(refused) == BUYERS - UNITS
    db.session.expire_all()
    assert db.session.get(Product, product_id).stock == 0 == ledger_balance(product_id)
    assert db.session.get(Product, other_id).stock == 1000 - UNITS
    assert min(lowest) >= 0
    assert db.session.query(Order).count() == UNITS
