"""The checkout form: contact, delivery and payment (prices are never part of it)."""
from flask_babel import lazy_gettext as _l
from wtforms import DateField, EmailField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from shop.models.statuses import CUSTOMER, DeliveryMethod, Destination, PaymentMethod
from shop.services.localtime import local_today
from shop.services.orders import contact
from shop.services.orders.placing import CheckoutDetails
from shop.web.forms import ShopForm

DELIVERY_CHOICES = [SelectChoice(value, label) for value, label in DeliveryMethod.choices(CUSTOMER)
                    if value in DeliveryMethod.shipped()]
DESTINATION_CHOICES = [SelectChoice(value, label) for value, label in Destination.choices(CUSTOMER)]
PAYMENT_CHOICES = [SelectChoice(value, label) for value, label in PaymentMethod.choices(CUSTOMER)]
_M = contact.MESSAGES


class _ContactAndPaymentForm(ShopForm):
    """Who buys and how they pay: the fields and checks an order and a booked visit share.

    Each form built on it gives `details()`, its values as CheckoutDetails, which `validate` checks.
    """

    messages = _M  # given to the browser too (data-missing, data-invalid), so it says what the server says
    # What the browser accepts before sending (HTML's pattern, whole value): international with "+" or "00",
    # or a Vietnamese mobile in local form. shop.services.orders.contact decides; this only catches typos early.
    phone_pattern = r"(\+|00)[1-9][0-9 .\-\(\)]{6,19}|0[35789][0-9 .\-\(\)]{8,13}"
    name = StringField(_l("Full name"), validators=[DataRequired(_M["name"]), Length(max=contact.NAME_MAX)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(_M["email"]), Email(_M["email"]),
                                                     Length(max=contact.EMAIL_MAX)])
    phone = StringField(_l("Mobile phone"), validators=[DataRequired(_M["phone"]), Length(max=30)])
    payment_method = RadioField(_l("Payment method"), choices=PAYMENT_CHOICES, default=PaymentMethod.COD.value)

    def __init__(self, *args, offered=(PaymentMethod.COD,), **kwargs):
        super().__init__(*args, **kwargs)
        self.payment_method.choices = [choice for choice in PAYMENT_CHOICES if choice.value in offered]
        if self.payment_method.data is None:
            self.payment_method.data = PaymentMethod.COD.value

    def validate(self, extra_validators=None):
        """Check every field at once: the form's own checks, then the checkout's rules, each on its field."""
        valid = super().validate(extra_validators)
        _details, errors = contact.check_details(self.details(), local_today())
        for name, message in errors.items():
            if name in self and not self[name].errors:
                self[name].errors = [*self[name].errors, message]
                valid = False
        return valid


class CheckoutForm(_ContactAndPaymentForm):
    """Order what the cart holds: the contact, where it goes and the payment."""

    delivery_method = RadioField(_l("Delivery"), choices=DELIVERY_CHOICES, default=DeliveryMethod.PROVINCE.value)
    destination = RadioField(_l("Deliver to"), choices=DESTINATION_CHOICES, default=Destination.HOME.value)
    address = TextAreaField(_l("Delivery address"), validators=[Optional(), Length(max=contact.ADDRESS_MAX)])
    hotel_name = StringField(_l("Hotel"), validators=[Optional(), Length(max=contact.HOTEL_MAX)])
    hotel_room = StringField(_l("Room (optional)"), validators=[Optional(), Length(max=contact.ROOM_MAX)])
    leaves_on = DateField(_l("I leave the hotel on"), validators=[Optional()])
    note = TextAreaField(_l("Note for the producers (optional)"), validators=[Optional(), Length(max=contact.NOTE_MAX)])

    def details(self):
        """Return the form's values as plain CheckoutDetails."""
        return CheckoutDetails(
            name=self.name.data or "", email=self.email.data or "", phone=self.phone.data or "",
            delivery_method=self.delivery_method.data, address=self.address.data or "",
            note=self.note.data or "", payment_method=self.payment_method.data,
            destination=self.destination.data, hotel_name=self.hotel_name.data or "",
            hotel_room=self.hotel_room.data or "", leaves_on=self.leaves_on.data,
        )


class BookingForm(_ContactAndPaymentForm):
    """Book a visit: a slot of the calendar, how many people, the contact and the payment (no delivery)."""

    slot_id = StringField(_l("Day and time"))
    people = StringField(_l("Number of people"), default="2")
    note = TextAreaField(_l("Note for the producer (optional)"), validators=[Optional(), Length(max=contact.NOTE_MAX)])

    def details(self):
        """Return the form's contact and payment as plain CheckoutDetails of a visit (nothing delivered)."""
        return CheckoutDetails(
            name=self.name.data or "", email=self.email.data or "", phone=self.phone.data or "",
            delivery_method=DeliveryMethod.VOUCHER, note=self.note.data or "", payment_method=self.payment_method.data,
        )
