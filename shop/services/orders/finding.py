"""Finding orders: the back office's filters (status, payment, Vietnamese days, producer, search), a customer's list."""
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import exists, func, or_, select

from shop.errors import NotFound
from shop.extensions import db
from shop.models import Order, OrderLine
from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.localtime import utc_bounds

_PHONE_LIKE = re.compile(r"^[\d\s+().-]+$")


@dataclass
class OrderFilter:
    """What the office filters the order list by; empty values do not filter."""

    status: str = ""
    payment_method: str = ""
    start: date | None = None  # Vietnamese day the order was placed, inclusive
    end: date | None = None
    producer_id: int | None = None
    q: str = ""  # part of the number, the e-mail or the phone


def orders_query(criteria):
    """Return a select of the orders matching `criteria`, newest first."""
    query = select(Order)
    if criteria.status in tuple(OrderStatus):
        query = query.where(Order.status == criteria.status)
    if criteria.payment_method in tuple(PaymentMethod):
        query = query.where(Order.payment_method == criteria.payment_method)
    if criteria.start or criteria.end:
        begin, finish = utc_bounds(criteria.start or date(2000, 1, 1), criteria.end or date(2999, 12, 31))
        query = query.where(Order.created_at >= begin, Order.created_at < finish)
    if criteria.producer_id:
        query = query.where(exists().where(OrderLine.order_id == Order.id,
                                           OrderLine.producer_id == criteria.producer_id))
    q = (criteria.q or "").strip()[:100]
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        matches = [func.upper(Order.number).contains(q.upper(), autoescape=True),
                   func.lower(Order.email).contains(q.lower(), autoescape=True)]
        if len(digits) >= 3 and _PHONE_LIKE.match(q):
            # Phones are kept as typed ("0987 654 321", "+84 987…"): compare digits, without the leading 0.
            stored = func.replace(func.replace(func.replace(Order.phone, " ", ""), ".", ""), "-", "")
            matches.append(stored.contains(digits.lstrip("0") or digits, autoescape=True))
        query = query.where(or_(*matches))
    return query.order_by(Order.created_at.desc(), Order.id.desc())


def order_by_number(number):
    """Return the order with this public number (any case); NotFound when there is none."""
    order = db.session.scalar(select(Order).where(Order.number == (number or "").upper()))
    if order is None:
        raise NotFound(_("Order not found."))
    return order


def customer_orders_query(customer_id):
    """Return a select of a customer's orders, newest first."""
    return select(Order).where(Order.customer_id == customer_id).order_by(Order.created_at.desc(), Order.id.desc())
