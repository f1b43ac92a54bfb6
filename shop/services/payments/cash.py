"""Cash on delivery: no provider at all; the order is placed at once and paid to the courier."""
from flask_babel import gettext as _

from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.payments.providers import PaymentProvider, Start


class CashOnDelivery(PaymentProvider):
    """Always offered; the money is with the shop once the order is completed (delivered and paid)."""

    method = PaymentMethod.COD

    def is_configured(self, config):
        return True

    def start(self, order, context):
        return Start(message=_("Thank you! Order %(number)s is placed: you pay on delivery.", number=order.number))

    def holds_money(self, order):
        return order.status == OrderStatus.COMPLETED


PROVIDER = CashOnDelivery()
