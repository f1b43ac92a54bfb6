"""When a delivery arrives: a window of days by delivery method, counted from the shop's day."""
from datetime import timedelta

from flask import current_app

from shop.models.statuses import DeliveryMethod

_SETTINGS = {DeliveryMethod.PROVINCE: "DELIVERY_DAYS_PROVINCE", DeliveryMethod.NATIONWIDE: "DELIVERY_DAYS_NATIONWIDE"}


def delivery_window(delivery_method, today):
    """Return (earliest, latest) days a delivery by `delivery_method` reaches the door, or None for pick-up."""
    setting = _SETTINGS.get(delivery_method)
    if setting is None:
        return None
    fastest, slowest = current_app.config[setting]
    return today + timedelta(days=fastest), today + timedelta(days=max(fastest, slowest))


def arrives_too_late(delivery_method, leaves_on, today):
    """Whether a hotel guest leaving on `leaves_on` may be gone before the slowest delivery comes."""
    window = delivery_window(delivery_method, today)
    return bool(window and leaves_on and leaves_on < window[1])


def delivery_terms():
    """Return, for each delivery method, (method, fee below the free-delivery amount, (fastest, slowest) days or
    None for pick-up): the shipping page's table, from the same settings the checkout charges by."""
    from shop.services.orders.cart import shipping_fee  # the cart's rules, read at call time

    config = current_app.config
    return [(method, shipping_fee(method, 1), config[_SETTINGS[method]] if method in _SETTINGS else None)
            for method in DeliveryMethod if method is not DeliveryMethod.VOUCHER]  # a booked visit ships nothing
