"""Unpaid orders whose reservation ran out: closed at their provider, cancelled, their stock returned."""
from datetime import timedelta

from flask import current_app
from sqlalchemy import select

from shop.errors import PaymentError
from shop.extensions import db
from shop.i18n import N_
from shop.models import Order, utcnow
from shop.models.statuses import OrderStatus
from shop.services.orders.placing import release_order
from shop.services.payments.providers import provider_for

# When a provider cannot be reached, an order waits for the next run, unless its payment page has
# certainly lapsed: 24 hours past the reservation (Stripe's longest session life, and longer than
# VNPay's and MoMo's payment pages live).
CERTAINLY_LAPSED = timedelta(hours=24)


def expire_overdue_orders(now=None):
    """Cancel unpaid orders whose reservation has run out and return their stock; return how many.

    Safe to run twice and while notifications arrive: each order is released under its row lock
    and only if it is still pending (a provider's "expired" notification may release it first; the
    order counts as cancelled by this run either way). The provider is asked to close the payment
    first (`close`: a Stripe session is expired at Stripe); when it says the order was paid after
    all, the order stays. Commits each order's release on its own.
    """
    now = now or utcnow()
    overdue = db.session.scalars(
        select(Order.id).where(
            Order.status == OrderStatus.PENDING_PAYMENT,
            Order.reservation_expires_at.is_not(None), Order.reservation_expires_at < now,
        ).order_by(Order.id)
    ).all()
    released = 0
    for order_id in overdue:
        order = db.session.get(Order, order_id)
        try:
            state = provider_for(order.payment_method).close(order)
        except PaymentError:
            if now - order.reservation_expires_at < CERTAINLY_LAPSED:
                current_app.logger.warning("order %s: %s unreachable, will retry", order.number, order.payment_method)
                continue
            state = "expired"
        if state != "expired":
            continue
        release_order(order, N_("reservation expired"))
        if order.status == OrderStatus.CANCELLED:
            released += 1
    return released
