"""Cart forms: they carry the CSRF token; the cart service checks the values."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField


class CartLineForm(FlaskForm):
    """Add a product or change its quantity (`product_id`, `quantity`)."""

    product_id = HiddenField()
    quantity = StringField()
    next = HiddenField()


class CartRemoveForm(FlaskForm):
    """Take a product out of the cart."""

    product_id = HiddenField()
