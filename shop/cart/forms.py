"""Cart forms: they carry the CSRF token; the cart service checks the values."""
from wtforms import HiddenField, StringField

from shop.web.forms import ShopForm


class CartLineForm(ShopForm):
    """Add a product or change its quantity (`product_id`, `quantity`)."""

    product_id = HiddenField()
    quantity = StringField()
    next = HiddenField()


class CartRemoveForm(ShopForm):
    """Take a product out of the cart."""

    product_id = HiddenField()
