"""Cart views: thin wrappers around shop.services.orders.cart."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from shop.cart import bp
from shop.cart.forms import CartLineForm, CartRemoveForm
from shop.errors import ShopError
from shop.extensions import limiter
from shop.services.orders import cart as carts
from shop.services.orders.cart import product_name
from shop.web.feedback import reporting
from shop.web.page_cache import register_visitor_part
from shop.web.security import is_safe_next
from shop.web.visitor_cart import SESSION_KEY, cart_badge, cart_count, current_cart

# Every cart change shares one budget per client address: far more than a shopper clicks,
# far less than a script filling carts (each change re-reads products from the database).
cart_changes_limit = limiter.shared_limit("30 per minute", scope="cart-changes")


# The header's cart count is filled in for each visitor, so a guest with a cart is still
# served the catalogue from the page cache.
register_visitor_part("cart-badge", cart_badge, session_keys=(SESSION_KEY,))


@bp.get("/cart")
def show():
    summary = carts.price_cart(current_cart().items())
    return render_template("cart/cart.html", summary=summary, line_form=CartLineForm(), remove_form=CartRemoveForm())


@bp.post("/cart/add")
@cart_changes_limit
def add():
    form = CartLineForm()
    if _wants_json():
        return _add_in_place(form)
    with reporting():
        product = carts.add_to_cart(current_cart(), form.product_id.data, form.quantity.data)
        flash(_("%(name)s is in your cart.", name=product_name(product)), "success")
    return _back(form.next.data)


def _wants_json():
    """Whether the product page's script asked (it confirms in place); a plain form post gets a page."""
    return request.accept_mimetypes.best == "application/json"


def _add_in_place(form):
    """Answer the product page's script: what it tells the visitor and the header's new count (no flash).

    A refusal is an answer too (200, `ok` false, the service's message), as the page's flash would be: the
    sheet shows it and the browser logs no failed request.
    """
    try:
        product = carts.add_to_cart(current_cart(), form.product_id.data, form.quantity.data)
    except ShopError as error:
        return jsonify(ok=False, message=error.message)
    return jsonify(ok=True, message=_("%(name)s is in your cart.", name=product_name(product)), count=cart_count())


@bp.post("/cart/update")
@cart_changes_limit
def update():
    form = CartLineForm()
    with reporting():
        product = carts.update_cart(current_cart(), form.product_id.data, form.quantity.data)
        flash(_("Quantity of %(name)s updated.", name=product_name(product)), "success")
    return _back()


@bp.post("/cart/remove")
@cart_changes_limit
def remove():
    form = CartRemoveForm()
    with reporting():
        carts.remove_from_cart(current_cart(), form.product_id.data)
        flash(_("Removed from your cart."), "info")
    return _back()


def _back(target=None):
    """Go back where the form came from when that is a page of the shop, else to the cart."""
    target = target or request.args.get("next")
    return redirect(target if is_safe_next(target) else url_for("cart.show"))
