"""Where VNPay and MoMo send the customer back: the order page, never a payment by itself."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _

from shop.checkout import bp
from shop.errors import InvalidInput
from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.orders.access import order_token
from shop.services.payments.providers import provider_for


@bp.get("/checkout/vnpay/return")
def vnpay_return():
    return _back_from(PaymentMethod.VNPAY, request.args.to_dict())


@bp.get("/checkout/momo/return")
def momo_return():
    return _back_from(PaymentMethod.MOMO, request.args.to_dict())


def _back_from(method, fields):
    """Check the provider's signed answer, say what it means, and show the order (its IPN decides the payment)."""
    try:
        order, paid = provider_for(method).returned_order(fields)
    except InvalidInput as error:
        flash(error.message, "error")
        return redirect(url_for("cart.show"))
    waiting = order.status == OrderStatus.PENDING_PAYMENT
    if waiting and not paid:
        flash(_("The payment was not completed. Your goods stay reserved for a while: pay again from this "
                "page, or cancel the order."), "error")
    # Paid but not confirmed yet: the order page waits for the notification and updates by itself.
    extra = {"paying": "1"} if waiting and paid else {}
    return redirect(url_for("account.order_page", number=order.number, t=order_token(order), **extra))
