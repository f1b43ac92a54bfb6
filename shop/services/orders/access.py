"""Who may see an order: its customer, an administrator, or whoever holds its signed link."""
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select

from shop.errors import NotFound
from shop.extensions import db
from shop.models import Order


def order_token(order):
    """Return the signed token that opens the order's page to whoever holds the link."""
    return _token_serializer().dumps(order.number)


def find_order_for(number, user=None, token=""):
    """Return the order numbered `number` if `user` or `token` may see it, else raise NotFound.

    Its customer, an administrator, or anyone holding the signed link from the e-mail may
    see an order; everyone else gets "not found", so a guessed number confirms nothing.
    """
    order = db.session.scalar(select(Order).where(Order.number == str(number or "")[:20]))
    if order is not None and _may_see(order, user, token):
        return order
    raise NotFound(_("Order not found."))


def _may_see(order, user, token):
    if user is not None and getattr(user, "is_authenticated", False):
        if user.is_admin or (order.customer_id is not None and order.customer_id == user.id):
            return True
    if not token:
        return False
    try:
        return _token_serializer().loads(token) == order.number
    except BadSignature:
        return False


def _token_serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="order-access")
