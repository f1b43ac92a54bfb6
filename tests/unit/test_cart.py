import pytest

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.models import CartItem
from shop.models.statuses import ProducerStatus, ProductStatus
from shop.services.orders.cart import (
    MAX_CART_LINES,
    SessionCart,
    UserCart,
    add_to_cart,
    merge_into_cart,
    parse_quantity,
    price_cart,
    remove_from_cart,
    shipping_fee,
    update_cart,
)
from tests.factories import make_producer, make_product, make_user

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("raw", ["0", "-1", "-100"])
def test_a_quantity_below_one_is_refused(raw):
    with pytest.raises(InvalidInput, match="at least 1"):
        parse_quantity(raw)


@pytest.mark.parametrize("raw", ["", None, "abc", "1.5", "2e3", "１", "³", "1 2", "0x10", "--1"])
def test_a_quantity_that_is_not_a_whole_number_is_refused(raw):
    with pytest.raises(InvalidInput, match="whole number"):
        parse_quantity(raw)


def test_a_quantity_is_read_as_an_integer():
    assert parse_quantity(" 3 ") == 3
    assert parse_quantity("+007") == 7


@pytest.mark.parametrize("raw", ["1000000000", "9" * 40, "9" * 5000])
def test_a_huge_quantity_is_read_as_more_than_anyone_has(db, raw):
    product = make_product(stock=5, name_en="Squid cake")
    with pytest.raises(OutOfStock, match="Only 5 of Squid cake"):
        add_to_cart(SessionCart({}), product.id, raw)


def test_adding_to_a_guest_cart_keeps_product_ids_and_quantities(db):
    product = make_product(stock=5)
    saved = {}
    cart = SessionCart({}, on_save=saved.update)
    add_to_cart(cart, str(product.id), "2")
    add_to_cart(cart, product.id, "1")
    assert cart.items() == {product.id: 3}
    assert saved == {str(product.id): 3}
    assert cart.count() == 3


@pytest.mark.parametrize("raw", ["6", "999999999999", "-1", "0", "x"])
def test_a_refused_quantity_changes_nothing(db, raw):
    product = make_product(stock=5)
    cart = SessionCart({str(product.id): 1})
    with pytest.raises((InvalidInput, OutOfStock)):
        add_to_cart(cart, product.id, raw)
    assert cart.items() == {product.id: 1}


def test_adding_more_than_stock_counts_what_is_already_in_the_cart(db):
    product = make_product(stock=5, name_vi="Chả mực", name_en="Squid cake")
    cart = SessionCart({str(product.id): 4})
    with pytest.raises(OutOfStock) as error:
        add_to_cart(cart, product.id, "2")
    assert error.value.message == "Only 5 of Squid cake in stock, and 4 are already in your cart."
    assert (error.value.product_name, error.value.available) == ("Squid cake", 5)
    assert cart.items() == {product.id: 4}


@pytest.mark.parametrize("case", ["unknown", "draft", "hidden", "suspended_producer", "garbage"])
def test_only_products_on_sale_can_be_added(db, case):
    product = make_product(stock=5)
    product_id = product.id
    if case == "unknown":
        product_id = product.id + 1000
    elif case == "draft":
        product.status = "draft"
    elif case == "hidden":
        product.status = ProductStatus.HIDDEN
    elif case == "suspended_producer":
        product.producer.status = ProducerStatus.SUSPENDED
    elif case == "garbage":
        product_id = "1 OR 1=1"
    db.session.flush()
    cart = SessionCart({})
    with pytest.raises(NotFound):
        add_to_cart(cart, product_id, "1")
    assert cart.items() == {}


def test_a_customer_cart_is_stored_and_updated(db):
    user = make_user()
    product = make_product(stock=5)
    cart = UserCart(user.id)
    add_to_cart(cart, product.id, "2")
    update_cart(cart, product.id, "5")
    assert db.session.query(CartItem).one().quantity == 5
    assert cart.count() == 5
    with pytest.raises(OutOfStock):
        update_cart(cart, product.id, "6")
    remove_from_cart(cart, product.id)
    assert cart.items() == {} and cart.count() == 0


def test_updating_or_removing_a_product_not_in_the_cart_is_refused(db):
    product = make_product(stock=5)
    cart = SessionCart({})
    with pytest.raises(NotFound):
        update_cart(cart, product.id, "1")
    with pytest.raises(NotFound):
        remove_from_cart(cart, product.id)


def test_a_cart_has_a_limited_number_of_lines(db):
    producer = make_producer()
    products = [make_product(producer=producer, stock=3) for _i in range(MAX_CART_LINES + 1)]
    cart = SessionCart({str(p.id): 1 for p in products[:MAX_CART_LINES]})
    with pytest.raises(InvalidInput, match="full"):
        add_to_cart(cart, products[-1].id, "1")


def test_pricing_reads_prices_from_the_database_and_flags_problems(app, db):
    producer = make_producer()
    tea = make_product(producer=producer, price=120_000, stock=10)
    squid = make_product(producer=producer, price=350_000, stock=1)
    gone = make_product(producer=producer, price=50_000, stock=10, status=ProductStatus.HIDDEN)
    summary = price_cart({tea.id: 2, squid.id: 3, gone.id: 1, 999_999: 1}, "nationwide")
    by_id = {line.product_id: line for line in summary.lines}
    assert by_id[tea.id].line_total == 240_000 and not by_id[tea.id].problem
    assert "Only 1 left" in by_id[squid.id].problem
    assert by_id[gone.id].problem and by_id[999_999].problem
    assert summary.has_problems
    assert summary.subtotal == 240_000
    assert summary.shipping_fee == app.config["SHIPPING_FEE_NATIONWIDE"]
    assert summary.total == 240_000 + app.config["SHIPPING_FEE_NATIONWIDE"]


def test_shipping_by_delivery_method_and_free_above_the_threshold(app):
    with app.app_context():
        free_over = app.config["FREE_SHIPPING_OVER"]
        assert shipping_fee("province", 100_000) == app.config["SHIPPING_FEE_PROVINCE"]
        assert shipping_fee("nationwide", 100_000) == app.config["SHIPPING_FEE_NATIONWIDE"]
        assert shipping_fee("pickup", 100_000) == 0
        assert shipping_fee("nationwide", free_over) == 0
        assert shipping_fee("province", free_over - 1) == app.config["SHIPPING_FEE_PROVINCE"]
        with pytest.raises(InvalidInput):
            shipping_fee("drone", 100_000)


def test_merging_adds_quantities_capped_at_stock_and_skips_what_is_off_sale(db):
    user = make_user()
    tea = make_product(stock=4)
    squid = make_product(stock=10)
    hidden = make_product(stock=10, status=ProductStatus.HIDDEN)
    cart = UserCart(user.id)
    add_to_cart(cart, tea.id, "3")
    reduced = merge_into_cart(cart, {tea.id: 3, squid.id: 2, hidden.id: 1})
    assert reduced is True
    assert cart.items() == {tea.id: 4, squid.id: 2}
