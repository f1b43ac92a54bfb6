"""Checkout views: place the order, then start its payment with its provider (Stripe, VietQR, wallets…)."""
import secrets

from flask import current_app, flash, g, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.checkout import bp
from shop.checkout.forms import DELIVERY_CHOICES, CheckoutForm
from shop.errors import OutOfStock, PaymentError
from shop.extensions import limiter
from shop.i18n import N_, current_locale
from shop.models.statuses import DeliveryMethod, OrderStatus
from shop.services.localtime import local_today
from shop.services.orders.access import find_order_for, order_token
from shop.services.orders.cart import empty_cart, merge_into_cart, price_cart, reprice_delivery
from shop.services.orders.estimate import arrives_too_late, delivery_window
from shop.services.orders.placing import order_items, place_order
from shop.services.orders.refunds import cancel_order
from shop.services.payments.providers import CheckoutContext, offered_methods, provider_for
from shop.web.feedback import reporting
from shop.web.forms import OrderActionForm
from shop.web.visitor_cart import current_cart


def _placed_an_order(_response):
    """Count a checkout POST against its limits only when it reached the stock (a refused form never does)."""
    return bool(g.get("checkout_reached_stock"))


def _visitor_key():
    """The visitor's session, for the per-session checkout limit (a key kept in the session itself)."""
    return "checkout-session:" + session.setdefault("checkout_key", secrets.token_urlsafe(12))


def _limit_reached(_limit):
    """Answer a checkout over its limit with the form again, everything typed kept, and a clear message."""
    form = CheckoutForm(offered=offered_methods())
    message = _("Many orders were just placed from your connection. Your details are kept: "
                "please wait a minute and press “Place order” again.")
    return make_response(_render_checkout(form, limit_message=message, status=429))


_LIMITED = {"methods": ["POST"], "deduct_when": _placed_an_order, "on_breach": _limit_reached}


@bp.route("/checkout", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["CHECKOUT_LIMIT_PER_ADDRESS"], **_LIMITED)
@limiter.limit(lambda: current_app.config["CHECKOUT_LIMIT_PER_SESSION"], key_func=_visitor_key, **_LIMITED)
def checkout():
    cart = current_cart()
    items = cart.items()
    form = CheckoutForm(offered=offered_methods())
    if request.method == "GET" and current_user.is_authenticated:
        form.name.data = form.name.data or current_user.name
        form.email.data = form.email.data or current_user.email
    summary = _summary(form, items)
    if summary.is_empty or summary.has_problems:
        flash(_("Your cart is empty.") if summary.is_empty else _("Please fix the marked lines of your cart first."),
              "info" if summary.is_empty else "error")
        return redirect(url_for("cart.show"))
    if form.validate_on_submit():
        customer = current_user if current_user.is_authenticated else None
        g.checkout_reached_stock = True
        with reporting(form) as outcome:
            order = place_order(items, form.details(), customer, current_locale())
        if outcome.ok:
            empty_cart(cart)
            return _after_placing(order)
        if isinstance(outcome.error, OutOfStock):  # the cart page shows which line to change
            return redirect(url_for("cart.show"))
    return _render_checkout(form, summary=summary)


def _summary(form, items):
    method = form.delivery_method.data
    return price_cart(items, method if method in tuple(DeliveryMethod) else DeliveryMethod.PROVINCE)


def _render_checkout(form, summary=None, limit_message="", status=200):
    """Show the checkout form with the delivery options priced, and the arrival window of each."""
    summary = summary or _summary(form, current_cart().items())
    today = local_today()
    options = {choice.value: reprice_delivery(summary, choice.value) for choice in DELIVERY_CHOICES}
    windows = {choice.value: delivery_window(choice.value, today) for choice in DELIVERY_CHOICES}
    too_late = arrives_too_late(form.delivery_method.data, form.leaves_on.data, today)
    return render_template("checkout/checkout.html", form=form, summary=summary, options=options, windows=windows,
                           too_late=too_late, today=today, limit_message=limit_message), status


@bp.post("/checkout/pay/<number>")
def pay(number):
    form = OrderActionForm()
    order = _order(number, form.t.data)
    with reporting():
        start = provider_for(order.payment_method).resume(order, _context(order))
        return redirect(start.redirect_url or _order_url(order), 303)
    return redirect(_order_url(order))


# Coming back from Stripe without paying keeps the reservation: the cancel address is
# also reached with the browser's back button or by closing the payment page by mistake,
# and the customer may still want to pay (the page offers "Pay now"). Only the explicit
# "Cancel order" button below releases the stock at once, so the goods go back on sale,
# and puts the products back in the cart; otherwise the reservation simply runs out.
@bp.get("/checkout/cancelled/<number>")
def cancelled(number):
    token = request.args.get("t", "")
    order = _order(number, token)
    if order.status != OrderStatus.PENDING_PAYMENT:
        return redirect(_order_url(order))
    return render_template("checkout/cancelled.html", order=order, form=OrderActionForm(t=token))


@bp.post("/checkout/cancel/<number>")
def cancel(number):
    form = OrderActionForm()
    order = _order(number, form.t.data)
    if order.status != OrderStatus.PENDING_PAYMENT:
        flash(_("This order is not waiting for a payment any more."), "error")
        return redirect(_order_url(order))
    actor = current_user if current_user.is_authenticated else None
    with reporting() as outcome:
        cancel_order(order, actor, N_("cancelled by the customer before paying"))
    if not outcome.ok:
        return redirect(_order_url(order))
    if order.is_booking:
        flash(_("Booking %(number)s is cancelled: its places are free again.", number=order.number), "info")
        return redirect(url_for("catalog.product", slug=order.lines[0].product.slug))
    if merge_into_cart(current_cart(), order_items(order)):
        flash(_("Some quantities in your cart were lowered to what is in stock."), "info")
    flash(_("Order %(number)s is cancelled and its products are back in your cart.", number=order.number), "info")
    return redirect(url_for("cart.show"))


def _after_placing(order):
    with reporting(errors=PaymentError):
        start = provider_for(order.payment_method).start(order, _context(order))
        if start.redirect_url:
            return redirect(start.redirect_url, 303)
        if start.message:
            flash(start.message, "success")
    return redirect(_order_url(order))


def _order(number, token):
    return find_order_for(number, current_user, token or "")


def _order_url(order, **values):
    return url_for("account.order_page", number=order.number, t=order_token(order), **values)


def _context(order):
    """Return what the order's provider needs of this request: the shop's addresses, the buyer's IP and language."""
    method = order.payment_method
    return CheckoutContext(
        order_url=_order_url(order, _external=True),
        cancel_url=url_for("checkout.cancelled", number=order.number, t=order_token(order), _external=True),
        return_url=_external_or(f"checkout.{method}_return", _order_url(order, _external=True)),
        notify_url=_external_or(f"webhooks.{method}", None),
        client_ip=request.remote_addr or "127.0.0.1", locale=current_locale(),
    )


def _external_or(endpoint, default):
    """The absolute address of `endpoint` when the shop has that page (a provider's return or webhook)."""
    return url_for(endpoint, _external=True) if endpoint in current_app.view_functions else default
