"""The checkout's contact and delivery rules: phone numbers of any country, homes and hotels.

Every rule gives its message with the name of the field it is about, so the checkout shows
all of them at once, each on its field (``check_details``); ``validate_details`` in
shop.services.orders.placing raises the first one for callers without a form.
"""
import re
from dataclasses import replace

import phonenumbers
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from shop.errors import InvalidInput
from shop.models.statuses import DeliveryMethod, Destination

_PHONE_CHARACTERS = re.compile(r"[0-9+\s.\-()]+")  # ASCII only: no full-width digits slip through
_VN_MOBILE = re.compile(r"[35789][0-9]{8}")  # the national part of a Vietnamese mobile (after +84 or 0)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# The message of each field when it is left empty or is not acceptable; the checkout form also
# gives them to the browser, so the page says the same before sending as the server after.
MESSAGES = {
    "name": _l("Enter your name."),
    "email": _l("Enter a valid e-mail address, such as name@example.com."),
    "phone": _l("Enter a mobile number: Vietnamese like 0912 345 678, or international with its country code "
                "like +82 10 1234 5678."),
    "address": _l("Enter the delivery address, or choose pick-up."),
    "hotel_name": _l("Enter the name of your hotel."),
    "leaves_on": _l("Enter the day you leave the hotel."),
    "leaves_on_past": _l("The day you leave the hotel cannot be in the past."),
}
NAME_MAX, EMAIL_MAX, ADDRESS_MAX, NOTE_MAX, HOTEL_MAX, ROOM_MAX = 120, 254, 500, 1000, 120, 20


def normalize_phone(raw):
    """Return a phone number in E.164 ("+84912345678", "+821012345678"), or raise InvalidInput.

    An international number ("+82 10 1234 5678", "0082…") may be of any country and must be a
    valid one; a number without a country code is Vietnamese and must be a mobile in local form
    ("0912 345 678"), as on the shop's first days.
    """
    text = str(raw or "").strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    if not text or not _PHONE_CHARACTERS.fullmatch(text):
        raise InvalidInput(_phone_message(), field="phone")
    try:
        number = phonenumbers.parse(text if text.startswith("+") else "+84" + _national(text))
    except phonenumbers.NumberParseException:
        raise InvalidInput(_phone_message(), field="phone") from None
    vietnamese = number.country_code == 84
    if not phonenumbers.is_valid_number(number) or (
            vietnamese and not _VN_MOBILE.fullmatch(str(number.national_number))):
        raise InvalidInput(_phone_message(), field="phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _national(text):
    digits = re.sub(r"[\s.\-()]", "", text)
    if not digits.startswith("0") or "+" in digits:
        raise InvalidInput(_phone_message(), field="phone")
    return digits[1:]


def _phone_message():
    return str(MESSAGES["phone"])


def check_details(details, today):
    """Return (`details` trimmed and normalised, {field: message}) for every rule the details break."""
    errors = {}
    name, email = details.name.strip(), details.email.strip().lower()
    if not name or len(name) > NAME_MAX:
        errors["name"] = str(MESSAGES["name"])
    if not _EMAIL.fullmatch(email) or len(email) > EMAIL_MAX:
        errors["email"] = str(MESSAGES["email"])
    try:
        phone = normalize_phone(details.phone)
    except InvalidInput as error:
        phone, errors["phone"] = details.phone, error.message
    delivery = _delivery_values(details, today, errors)
    if len(details.note.strip()) > NOTE_MAX:
        errors["note"] = _("The note is too long (at most %(n)d characters).", n=NOTE_MAX)
    return replace(details, name=name, email=email, phone=phone, note=details.note.strip(), **delivery), errors


def _delivery_values(details, today, errors):
    """Return the delivery fields cleaned for the chosen method and destination, noting what is wrong."""
    method = details.delivery_method
    if method not in tuple(DeliveryMethod):
        errors["delivery_method"] = _("Choose a delivery method.")
    destination = details.destination if details.destination in tuple(Destination) else None
    nothing_sent = method in (DeliveryMethod.PICKUP, DeliveryMethod.VOUCHER)
    if destination is None and not nothing_sent:
        errors["destination"] = _("Choose where we deliver: a home address or your hotel.")
    if nothing_sent or destination is None:
        return {"address": "", "destination": Destination.HOME, "hotel_name": "", "hotel_room": "", "leaves_on": None}
    address = details.address.strip()
    if len(address) > ADDRESS_MAX:
        errors["address"] = _("The address is too long (at most %(n)d characters).", n=ADDRESS_MAX)
    if destination == Destination.HOME:
        if not address:
            errors["address"] = str(MESSAGES["address"])
        return {"address": address, "destination": destination, "hotel_name": "", "hotel_room": "", "leaves_on": None}
    return {"address": address, "destination": destination, **_hotel_values(details, today, errors)}


def _hotel_values(details, today, errors):
    hotel, room = details.hotel_name.strip(), details.hotel_room.strip()
    if not hotel or len(hotel) > HOTEL_MAX:
        errors["hotel_name"] = str(MESSAGES["hotel_name"])
    if len(room) > ROOM_MAX:
        errors["hotel_room"] = _("Enter the room number (at most %(n)d characters).", n=ROOM_MAX)
    if details.leaves_on is None:
        errors["leaves_on"] = str(MESSAGES["leaves_on"])
    elif details.leaves_on < today:
        errors["leaves_on"] = str(MESSAGES["leaves_on_past"])
    return {"hotel_name": hotel, "hotel_room": room, "leaves_on": details.leaves_on}
