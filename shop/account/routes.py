"""The order page (customer, administrator or signed link) and a customer's order list."""
from flask import current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from shop.account import bp
from shop.errors import PaymentError
from shop.models.statuses import OrderStatus
from shop.services.bookings.vouchers import voucher_qr_svg
from shop.services.catalog.qrcodes import qr_svg
from shop.services.orders.access import find_order_for
from shop.services.orders.finding import customer_orders_query
from shop.services.payments.bank_transfer import instructions_for
from shop.services.payments.stripe_checkout import confirm_checkout_session
from shop.services.traceability.allocation import lots_of_lines
from shop.web.forms import OrderActionForm
from shop.web.lookups import paginate

ORDERS_PER_PAGE = 20


@bp.get("/orders/<number>")
def order_page(number):
    token = request.args.get("t", "")
    order = find_order_for(number, current_user, token)
    session_id = request.args.get("session_id", "")
    if session_id and order.status == OrderStatus.PENDING_PAYMENT and session_id == order.stripe_session_id:
        # Back from Stripe: the webhook may not have arrived yet, so ask Stripe directly.
        try:
            confirm_checkout_session(session_id)
        except PaymentError:
            current_app.logger.info("order %s: payment not confirmed yet from the success page", order.number)
    vouchers = [(booking, voucher_qr_svg(booking)) for booking in order.bookings]
    transfer = instructions_for(order)
    transfer_qr = qr_svg(transfer.payload, label=_("VietQR code for order %(number)s", number=order.number)) \
        if transfer else None
    return render_template("account/order.html", order=order, token=token, lots=lots_of_lines(order.lines),
                           vouchers=vouchers,
                           action_form=OrderActionForm(t=token), back_from_stripe=bool(session_id),
                           paying=request.args.get("paying") == "1", transfer=transfer, transfer_qr=transfer_qr)


@bp.get("/orders/<number>/status")
def order_status(number):
    """The order's status as JSON, polled by the order page while a payment is processing."""
    order = find_order_for(number, current_user, request.args.get("t", ""))
    return jsonify(status=order.status, label=str(order.state.customer_label))


@bp.get("/account/orders")
@login_required
def orders():
    pagination = paginate(customer_orders_query(current_user.id), per_page=ORDERS_PER_PAGE)
    return render_template("account/orders.html", pagination=pagination)
