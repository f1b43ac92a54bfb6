"""The checkout form: contact, delivery and payment (prices are never part of it)."""
from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, ValidationError

from shop.errors import InvalidInput
from shop.models.statuses import CUSTOMER, DeliveryMethod, PaymentMethod
from shop.services.orders.placing import CheckoutDetails, normalize_phone
from shop.web.forms import ShopForm

DELIVERY_CHOICES = [SelectChoice(value, label) for value, label in DeliveryMethod.choices(CUSTOMER)]
PAYMENT_CHOICES = [SelectChoice(value, label) for value, label in PaymentMethod.choices(CUSTOMER)]


class CheckoutForm(ShopForm):
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    phone = StringField(_l("Mobile phone"), validators=[DataRequired(), Length(max=30)])
    delivery_method = RadioField(_l("Delivery"), choices=DELIVERY_CHOICES, default=DeliveryMethod.PROVINCE.value)
    address = TextAreaField(_l("Delivery address"), validators=[Optional(), Length(max=500)])
    note = TextAreaField(_l("Note for the producers (optional)"), validators=[Optional(), Length(max=1000)])
    payment_method = RadioField(_l("Payment method"), choices=PAYMENT_CHOICES, default=PaymentMethod.COD.value)

    def __init__(self, *args, offered=(PaymentMethod.COD,), **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_method.choices = [choice for choice in PAYMENT_CHOICES if choice.value in offered]
        if self.payment_method.data is None:
            self.payment_method.data = PaymentMethod.COD.value

    def validate_phone(self, field):
        try:
            field.data = normalize_phone(field.data)
        except InvalidInput as error:
            raise ValidationError(error.message) from None

    def validate_address(self, field):
        if self.delivery_method.data != DeliveryMethod.PICKUP and not (field.data or "").strip():
            raise ValidationError(_l("Enter the delivery address, or choose pick-up."))

    def details(self):
        """Return the form's values as plain CheckoutDetails."""
        return CheckoutDetails(
            name=self.name.data, email=self.email.data, phone=self.phone.data,
            delivery_method=self.delivery_method.data, address=self.address.data or "",
            note=self.note.data or "", payment_method=self.payment_method.data,
        )
