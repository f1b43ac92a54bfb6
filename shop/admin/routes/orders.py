"""Orders: the filtered list, one order's full story, cancelling and refunding."""
from flask import redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import ReasonForm, RefundForm
from shop.i18n import current_locale
from shop.models.statuses import OrderStatus
from shop.services.localtime import parse_iso_day
from shop.services.money import format_vnd
from shop.services.orders import refunds
from shop.services.orders.finding import OrderFilter, order_by_number, orders_query
from shop.services.producers.approval import producers_by_name
from shop.web.lookups import list_args, paginate
from shop.web.query_args import int_arg

# Orders the office may cancel (shop.services.orders.refunds.cancel_order decides; this only offers the button).
CANCELLABLE = (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED)


def _filter():
    return OrderFilter(
        status=request.args.get("status", ""), payment_method=request.args.get("payment", ""),
        start=parse_iso_day(request.args.get("start")), end=parse_iso_day(request.args.get("end")),
        producer_id=int_arg("producer"), q=request.args.get("q", ""),
    )


@bp.get("/orders")
def orders():
    criteria = _filter()
    return render_template(
        "admin/orders.html", page=paginate(orders_query(criteria)), criteria=criteria, args=list_args(),
        producers=producers_by_name(),
    )


@bp.get("/orders/<number>")
def order(number):
    order = order_by_number(number)
    refundable = refunds.refundable_amount(order)
    return render_template(
        "admin/order.html", order=order, refundable=refundable,
        cancel_form=ReasonForm(formdata=None) if order.status in CANCELLABLE else None,
        refund_form=RefundForm(formdata=None, amount=refundable) if refundable else None,
    )


@bp.post("/orders/<number>/cancel")
def cancel_order(number):
    order = order_by_number(number)
    form = ReasonForm()
    perform(form, lambda: refunds.cancel_order(order, current_user, form.note.data),
            _("Order %(number)s is cancelled and its goods are back in stock.", number=order.number))
    return redirect(url_for(".order", number=order.number))


@bp.post("/orders/<number>/refund")
def refund_order(number):
    order = order_by_number(number)
    form = RefundForm()
    amount = format_vnd(form.amount.data or 0, current_locale())
    perform(form, lambda: refunds.refund_order(order, form.amount.data, current_user, form.note.data,
                                               restock=form.restock.data),
            _("%(amount)s refunded on order %(number)s.", amount=amount, number=order.number))
    return redirect(url_for(".order", number=order.number))
