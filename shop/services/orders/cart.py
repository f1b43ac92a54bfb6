"""The cart: guests keep it in their session, signed-in customers in cart_item rows.

Both kinds of cart are a mapping product id → quantity behind the same small interface,
so the rules (whole quantities, never more than in stock, only products on sale) and the
pricing live here once. Prices and totals are always computed from the database.
"""
from dataclasses import dataclass, field, replace

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select
from sqlalchemy.orm import selectinload

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.extensions import db
from shop.i18n import current_locale, localized
from shop.models import CartItem, Producer, Product
from shop.models.statuses import DeliveryMethod, ProducerStatus, ProductStatus
from shop.services.numbers import NotAWholeNumber, OutOfRange, parse_id, parse_whole_number
from shop.services.transaction import commits

# A guest cart lives in the signed session cookie, which must stay small.
MAX_CART_LINES = 30
# More than anyone can order: a longer number is read as this (and refused as more than in stock).
_HUGE = 10**9


class SessionCart:
    """A guest's cart kept in a plain dict (the session's "cart" entry: "product id" → quantity)."""

    def __init__(self, data, on_save=None):
        self.data = data
        self.on_save = on_save

    def items(self):
        """Return {product_id: quantity}."""
        items = {}
        for key, quantity in self.data.items():
            if str(key).isdigit() and isinstance(quantity, int) and quantity > 0:
                items[int(key)] = quantity
        return items

    def count(self):
        """Return the number of units, without a query."""
        return sum(self.items().values())

    def set(self, product_id, quantity):
        self.data[str(product_id)] = quantity

    def remove(self, product_id):
        self.data.pop(str(product_id), None)

    def clear(self):
        self.data.clear()

    def save(self):
        """Hand the dict back to whoever keeps it (the web layer writes it into the session)."""
        if self.on_save:
            self.on_save(self.data)


class UserCart:
    """A signed-in customer's cart, stored as cart_item rows."""

    def __init__(self, user_id):
        self.user_id = user_id

    def items(self):
        rows = db.session.execute(
            select(CartItem.product_id, CartItem.quantity).where(CartItem.user_id == self.user_id)
        )
        return {product_id: quantity for product_id, quantity in rows}

    def count(self):
        """Return the number of units with one aggregate query."""
        return db.session.scalar(
            select(func.coalesce(func.sum(CartItem.quantity), 0)).where(CartItem.user_id == self.user_id)
        )

    def set(self, product_id, quantity):
        item = db.session.scalar(
            select(CartItem).where(CartItem.user_id == self.user_id, CartItem.product_id == product_id)
        )
        if item is None:
            db.session.add(CartItem(user_id=self.user_id, product_id=product_id, quantity=quantity))
        else:
            item.quantity = quantity

    def remove(self, product_id):
        db.session.execute(
            delete(CartItem).where(CartItem.user_id == self.user_id, CartItem.product_id == product_id)
        )

    def clear(self):
        db.session.execute(delete(CartItem).where(CartItem.user_id == self.user_id))

    def save(self):
        """Nothing to hand back: the rows are in the session, committed by the service's transaction."""


@dataclass
class CartLine:
    """One priced line of a cart; `problem` says why it cannot be ordered as it is."""

    product: Product | None
    product_id: int
    quantity: int
    unit_price: int = 0
    line_total: int = 0
    available: int = 0
    problem: str = ""


@dataclass
class CartSummary:
    """A cart priced from the database: lines, subtotal, shipping and total (integer VND)."""

    lines: list = field(default_factory=list)
    delivery_method: str = DeliveryMethod.PROVINCE
    subtotal: int = 0
    shipping_fee: int = 0
    total: int = 0
    item_count: int = 0
    free_shipping_over: int = 0

    @property
    def is_empty(self):
        return not self.lines

    @property
    def has_problems(self):
        return any(line.problem for line in self.lines)

    @property
    def orderable_lines(self):
        return [line for line in self.lines if not line.problem]

    @property
    def missing_for_free_shipping(self):
        """How much more would make delivery free (0 when it already is, or for pick-up)."""
        if self.delivery_method == DeliveryMethod.PICKUP or self.subtotal >= self.free_shipping_over:
            return 0
        return self.free_shipping_over - self.subtotal


def parse_quantity(raw):
    """Return `raw` as a whole number of at least 1, or raise InvalidInput with a clear message.

    A quantity beyond any stock (up to and past a database INTEGER) reads as _HUGE, so the stock
    check says how many are left.
    """
    try:
        return min(parse_whole_number(raw, minimum=1), _HUGE)
    except NotAWholeNumber:
        raise InvalidInput(_("Enter the quantity as a whole number, for example 1 or 2.")) from None
    except OutOfRange as error:
        if not error.too_large:
            raise InvalidInput(_("The quantity must be at least 1.")) from None
        return _HUGE


def parse_product_id(raw):
    """Return `raw` as a product id (1 to a database INTEGER), or raise NotFound (it cannot be on sale)."""
    product_id = parse_id(raw)
    if product_id is None:
        raise NotFound(_("This product is not on sale."))
    return product_id


def sellable_product(product_id):
    """Return the product if it is published by an approved producer, else raise NotFound."""
    product = db.session.scalar(
        select(Product).join(Producer, Product.producer_id == Producer.id).where(
            Product.id == product_id, Product.status == ProductStatus.PUBLISHED,
            Producer.status == ProducerStatus.APPROVED,
        )
    )
    if product is None:
        raise NotFound(_("This product is not on sale."))
    return product


def product_name(product, locale=None):
    """Return the product's name in `locale` (the shop's current language by default)."""
    return localized(product, "name", locale or current_locale())


@commits
def add_to_cart(cart, raw_product_id, raw_quantity):
    """Add units of a product to `cart`; nothing changes when the product or quantity is refused. Commits."""
    product = sellable_product(parse_product_id(raw_product_id))
    if product.is_bookable:
        raise InvalidInput(_("%(name)s is a visit: book a day and time on its page.", name=product_name(product)))
    quantity = parse_quantity(raw_quantity)
    items = cart.items()
    already = items.get(product.id, 0)
    if product.id not in items and len(items) >= MAX_CART_LINES:
        raise InvalidInput(_("Your cart is full: order these products first, then add more."))
    _check_stock(product, already + quantity, already)
    cart.set(product.id, already + quantity)
    cart.save()
    return product


@commits
def update_cart(cart, raw_product_id, raw_quantity):
    """Set the quantity of a product already in `cart`. Commits."""
    product_id = parse_product_id(raw_product_id)
    if product_id not in cart.items():
        raise NotFound(_("This product is not in your cart."))
    product = sellable_product(product_id)
    quantity = parse_quantity(raw_quantity)
    _check_stock(product, quantity)
    cart.set(product.id, quantity)
    cart.save()
    return product


@commits
def remove_from_cart(cart, raw_product_id):
    """Take a product out of `cart` (whatever its state in the catalogue). Commits."""
    product_id = parse_product_id(raw_product_id)
    if product_id not in cart.items():
        raise NotFound(_("This product is not in your cart."))
    cart.remove(product_id)
    cart.save()


@commits
def empty_cart(cart):
    """Remove every line of `cart`. Commits."""
    cart.clear()
    cart.save()


@commits
def merge_into_cart(cart, items):
    """Add `items` ({product_id: quantity}) to `cart`, capped at stock; skip what is not on sale.

    Used when a guest signs in (their session cart joins their stored one) and when a
    customer abandons a card payment (the order's lines go back to the cart). Returns
    True when a quantity had to be reduced or a product left out. Commits.
    """
    current = cart.items()
    reduced = False
    for product_id, quantity in sorted(items.items()):
        try:
            product = sellable_product(product_id)
        except NotFound:
            reduced = True
            continue
        if product.is_bookable:  # a visit is booked for a slot, never carried in a cart
            reduced = True
            continue
        wanted = current.get(product_id, 0) + quantity
        capped = min(wanted, product.stock)
        if product_id not in current and len(current) >= MAX_CART_LINES:
            capped = 0
        reduced = reduced or capped < wanted
        if capped > 0:
            cart.set(product_id, capped)
            current[product_id] = capped
    cart.save()
    return reduced


def shipping_fee(delivery_method, subtotal):
    """Return the delivery fee for `delivery_method`: pick-up and orders from FREE_SHIPPING_OVER are free."""
    config = current_app.config
    if delivery_method not in tuple(DeliveryMethod):
        raise InvalidInput(_("Choose a delivery method."))
    if delivery_method in (DeliveryMethod.PICKUP, DeliveryMethod.VOUCHER) or subtotal <= 0 \
            or subtotal >= config["FREE_SHIPPING_OVER"]:
        return 0
    if delivery_method == DeliveryMethod.PROVINCE:
        return config["SHIPPING_FEE_PROVINCE"]
    return config["SHIPPING_FEE_NATIONWIDE"]


def price_cart(items, delivery_method=DeliveryMethod.PROVINCE):
    """Price {product_id: quantity} with today's prices and stock; flag lines that cannot be ordered.

    Lines with a problem (no longer on sale, not enough stock) are shown but left out of
    the totals, and checkout refuses the cart until they are fixed.
    """
    summary = CartSummary(delivery_method=delivery_method,
                          free_shipping_over=current_app.config["FREE_SHIPPING_OVER"])
    if not items:
        return summary
    products = {
        product.id: product
        for product in db.session.scalars(
            select(Product).where(Product.id.in_(list(items))).options(selectinload(Product.images))
        )
    }
    for product_id in sorted(items):
        quantity = items[product_id]
        product = products.get(product_id)
        line = CartLine(product=product, product_id=product_id, quantity=quantity)
        if product is None or not (product.is_published and product.producer.is_approved):
            line.problem = _("No longer on sale: please remove it.")
        else:
            line.unit_price = product.price
            line.line_total = product.price * quantity
            line.available = product.stock
            if product.stock == 0:
                line.problem = _("Sold out: please remove it.")
            elif product.stock < quantity:
                line.problem = _("Only %(n)d left: please lower the quantity.", n=product.stock)
        summary.lines.append(line)
    summary.subtotal = sum(line.line_total for line in summary.orderable_lines)
    summary.item_count = sum(line.quantity for line in summary.orderable_lines)
    summary.shipping_fee = shipping_fee(delivery_method, summary.subtotal)
    summary.total = summary.subtotal + summary.shipping_fee
    return summary


def reprice_delivery(summary, delivery_method):
    """Return `summary` with the shipping and total of another delivery method (no new query)."""
    fee = shipping_fee(delivery_method, summary.subtotal)
    return replace(summary, delivery_method=delivery_method, shipping_fee=fee, total=summary.subtotal + fee)


def _check_stock(product, quantity, already=0):
    if quantity <= product.stock:
        return
    name = product_name(product)
    if product.stock == 0:
        message = _("%(name)s is sold out.", name=name)
    elif already:
        message = _("Only %(n)d of %(name)s in stock, and %(have)d are already in your cart.",
                    n=product.stock, name=name, have=already)
    else:
        message = _("Only %(n)d of %(name)s in stock.", n=product.stock, name=name)
    raise OutOfStock(message, product_name=name, available=product.stock)
