"""Placing orders and giving their reservations back.

Placing an order is one transaction: the order, its lines, one shipment per producer and
the stock reservation (with its ledger rows). If one line cannot be served, nothing at all
is written and the customer is told which product and how many are left.
"""
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.extensions import db
from shop.i18n import N_, localized
from shop.models import Order, OrderEvent, OrderLine, Product, Shipment, utcnow
from shop.models.statuses import (
    Destination,
    OrderStatus,
    PaymentMethod,
    ProducerStatus,
    ProductStatus,
    ShipmentStatus,
)
from shop.services import moves
from shop.services.bookings.capacity import release_places
from shop.services.localtime import local_today
from shop.services.orders.cart import shipping_fee
from shop.services.orders.contact import check_details
from shop.services.orders.flow import transition_order
from shop.services.orders.mail import send_order_mails
from shop.services.payments.providers import is_offered
from shop.services.stock import reserve_stock, return_stock
from shop.services.transaction import transaction

# Public order numbers: "QN" + 8 characters without look-alikes (no 0/O, 1/I/L),
# drawn with `secrets` so that one customer's number says nothing about another's.
NUMBER_PREFIX = "QN"
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NUMBER_LENGTH = 8


@dataclass(frozen=True)
class CheckoutDetails:
    """What the customer typed at checkout, as plain values."""

    name: str
    email: str
    phone: str
    delivery_method: str
    address: str = ""
    note: str = ""
    payment_method: str = PaymentMethod.COD
    destination: str = Destination.HOME  # a home address, or a hotel (name, room, the day the guest leaves)
    hotel_name: str = ""
    hotel_room: str = ""
    leaves_on: date | None = None


def card_payment_enabled():
    """Whether the shop can take cards (a Stripe secret key is configured)."""
    return bool(current_app.config.get("STRIPE_SECRET_KEY"))


def validate_details(details):
    """Return `details` trimmed and normalised, or raise InvalidInput naming what is wrong."""
    details, errors = check_details(details, local_today())
    if errors:
        field, message = next(iter(errors.items()))
        raise InvalidInput(message, field=field)
    if details.payment_method == PaymentMethod.CARD and not card_payment_enabled():
        raise InvalidInput(_("Card payment is not available: choose cash on delivery."))
    if not is_offered(details.payment_method):
        raise InvalidInput(_("Choose how to pay."))
    return details


def new_order_number():
    """Return an unused public order number such as "QN7KX2M9PA"."""
    while True:
        number = NUMBER_PREFIX + "".join(secrets.choice(NUMBER_ALPHABET) for _i in range(NUMBER_LENGTH))
        if db.session.scalar(select(Order.id).where(Order.number == number)) is None:
            return number


def place_order(items, details, customer=None, locale="vi"):
    """Write an order for {product_id: quantity} with its lines, shipments and reserved stock.

    One transaction; prices come from the database, never from the caller. An order paid before
    delivery (card, bank transfer, wallet) waits for payment with its stock reserved for
    RESERVATION_MINUTES; a cash order is placed at once and its e-mails go out. Commits.
    """
    details = validate_details(details)
    wanted = _clean_items(items)
    with transaction():
        products = _lock_products(list(wanted))
        prices = {}
        for product_id in wanted:
            product = products.get(product_id)
            _check_line(product, wanted[product_id], locale)
            prices[product_id] = product.price
        subtotal = sum(prices[product_id] * quantity for product_id, quantity in wanted.items())
        order = new_order(details, customer, locale, subtotal, shipping_fee(details.delivery_method, subtotal))
        for product_id, quantity in wanted.items():  # id order, like the locks above
            product = products[product_id]
            _reserve(product, quantity, order, locale)
            db.session.add(OrderLine(
                order=order, product_id=product.id, producer_id=product.producer_id,
                product_name=product.name_vi, buyer_product_name=localized(product, "name", order.locale),
                unit_price=prices[product_id], quantity=quantity,
                line_total=prices[product_id] * quantity,
            ))
        for producer_id in sorted({product.producer_id for product in products.values()}):
            db.session.add(Shipment(order=order, producer_id=producer_id, status=ShipmentStatus.PENDING))
        note_placed(order)
        if order.status == OrderStatus.PLACED:
            send_order_mails(order)  # in the outbox, with the order
    current_app.logger.info("order %s placed (%s, %d VND)", order.number, order.payment_method, order.total)
    return order


def new_order(details, customer, locale, subtotal, fee):
    """Add and flush the order row of checked `details`: waiting for its payment, or placed when paid in cash.

    An order paid before delivery (card, bank transfer, wallet) holds what it reserved for
    RESERVATION_MINUTES. Does not commit: the caller's transaction carries it.
    """
    pays_first = PaymentMethod(details.payment_method).is_paid_before_delivery
    order = Order(
        number=new_order_number(), customer_id=getattr(customer, "id", None), contact_name=details.name,
        email=details.email, phone=details.phone, address=details.address, note=details.note,
        destination=details.destination, hotel_name=details.hotel_name, hotel_room=details.hotel_room,
        leaves_on=details.leaves_on,
        delivery_method=details.delivery_method, payment_method=details.payment_method,
        locale=locale if locale in current_app.config["LANGUAGES"] else "vi",
        subtotal=subtotal, shipping_fee=fee, total=subtotal + fee,
        status=OrderStatus.PENDING_PAYMENT if pays_first else OrderStatus.PLACED,
        reservation_expires_at=utcnow() + timedelta(minutes=current_app.config["RESERVATION_MINUTES"])
        if pays_first else None,
    )
    db.session.add(order)
    db.session.flush()
    return order


def note_placed(order):
    """Write the order's first history row ("order placed"). Does not commit."""
    db.session.add(OrderEvent(order=order, from_status="", to_status=order.status,
                              actor_id=order.customer_id, note=N_("order placed")))


def lock_order(order_id):
    """Return the order, re-read and locked (SELECT … FOR UPDATE) until the transaction ends.

    SQLite has no row locks and ignores FOR UPDATE; there a no-op UPDATE of the row takes
    the database's write lock first, which serialises the writers the same way (the
    embedded shop also runs webhooks and pages on several threads at once).
    Does not commit: the caller's transaction carries it.
    """
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.execute(
            update(Order).where(Order.id == order_id).values(id=Order.id)
            .execution_options(synchronize_session=False)
        )
    order = db.session.scalar(
        select(Order).where(Order.id == order_id).with_for_update().execution_options(populate_existing=True)
    )
    if order is None:
        raise NotFound(_("Order not found."))
    return order


def release_locked_order(order, reason, actor=None):
    """Give a pending or placed order's stock back and cancel it; the caller holds the lock and commits.

    Returns False, changing nothing, when the order is no longer pending or placed (a
    webhook and the expiry command may both try: the second finds nothing to do).
    """
    if order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED):
        return False
    actor_id = getattr(actor, "id", None)
    visits = release_places(order, actor, reason)  # a booked visit gives its places back, not stock
    for line in sorted(order.lines, key=lambda line: line.product_id):
        if line.id not in visits and line.quantity > line.refunded_quantity:
            return_stock(line.product_id, line.quantity - line.refunded_quantity, "release",
                         order_id=order.id, actor_id=actor_id, note=reason)
    for shipment in order.shipments:
        if moves.can_move(shipment, ShipmentStatus.CANCELLED):  # a delivered one stays delivered
            moves.move(shipment, ShipmentStatus.CANCELLED, actor, reason)
    transition_order(order, OrderStatus.CANCELLED, actor, reason)
    return True


def release_order(order, reason, actor=None):
    """Cancel a pending or placed order and return its reserved stock; True if this call did it. Commits."""
    with transaction():
        locked = lock_order(order.id)
        released = release_locked_order(locked, reason, actor)
    if released:
        current_app.logger.info("order %s cancelled, stock released: %s", order.number, reason)
    return released


def mark_paid_locked(order, payment_intent_id, note):
    """Move a locked pending order to paid; False (nothing changed) if it is not pending any more. Does not commit."""
    if payment_intent_id:
        order.stripe_payment_intent_id = payment_intent_id
    if order.status != OrderStatus.PENDING_PAYMENT:
        return False
    transition_order(order, OrderStatus.PAID, None, note)
    return True


def order_items(order):
    """Return the order's lines as {product_id: quantity} (to put them back in a cart)."""
    items = {}
    for line in order.lines:
        items[line.product_id] = items.get(line.product_id, 0) + line.quantity
    return items


def _clean_items(items):
    """Return {product_id: quantity} sorted by product id, refusing anything but whole positive quantities."""
    wanted = {}
    for product_id, quantity in dict(items or {}).items():
        if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 1:
            raise InvalidInput(_("The quantity must be at least 1."))
        wanted[int(product_id)] = wanted.get(int(product_id), 0) + quantity
    if not wanted:
        raise InvalidInput(_("Your cart is empty."))
    return dict(sorted(wanted.items()))


def _lock_products(product_ids):
    """Lock the products in id order (two checkouts sharing products then wait instead of deadlocking)."""
    statement = (
        select(Product).where(Product.id.in_(product_ids)).order_by(Product.id)
        .with_for_update(of=Product).execution_options(populate_existing=True)
    )
    return {product.id: product for product in db.session.scalars(statement)}


def _check_line(product, quantity, locale):
    if product is None:
        raise OutOfStock(_("A product in your cart is no longer on sale: please remove it."))
    name = localized(product, "name", locale)
    if product.status != ProductStatus.PUBLISHED or product.producer.status != ProducerStatus.APPROVED:
        raise OutOfStock(_("%(name)s is no longer on sale: please remove it from your cart.", name=name),
                         product_name=name, available=0)
    if product.is_bookable:
        raise OutOfStock(_("%(name)s is a visit: book a day and time on its page.", name=name),
                         product_name=name, available=0)
    if product.stock < quantity:
        raise _short(name, product.stock)


def _reserve(product, quantity, order, locale):
    try:
        reserve_stock(product.id, quantity, order_id=order.id, actor_id=order.customer_id)
    except OutOfStock as error:
        raise _short(localized(product, "name", locale), error.available) from error


def _short(name, available):
    if available <= 0:
        return OutOfStock(_("Sorry, %(name)s has just sold out.", name=name), product_name=name, available=0)
    return OutOfStock(
        _("Sorry, only %(n)d of %(name)s left: please lower the quantity in your cart.", n=available, name=name),
        product_name=name, available=available,
    )
