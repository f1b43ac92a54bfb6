"""The e-voucher e-mail (the customer, in the order's language, with its QR code) and the producer's notice."""
from flask import current_app
from flask_babel import lazy_gettext as _l

from shop.i18n import portal_language
from shop.services.bookings.vouchers import check_in_url, voucher_qr_png
from shop.services.mail import send_mail
from shop.services.orders.mail import order_link

QR_CID = "voucher-qr"


def send_booking_mails(order):
    """Mail the customer their e-voucher (QR code, code, day, time, people) and the producer a notice."""
    for booking in order.bookings:
        send_mail(order.email, _l("Your e-voucher %(code)s (order %(number)s)", code=booking.display_code,
                                  number=order.number),
                  "booking_voucher", order.locale, images={QR_CID: voucher_qr_png(booking)},
                  order=order, booking=booking, slot=booking.slot, link=order_link(order), qr_cid=QR_CID)
        producer = booking.producer
        address = producer.notice_address
        if not address:
            current_app.logger.warning("producer %s has no e-mail for booking %s", producer.slug, order.number)
            continue
        locale = portal_language(producer.owner.locale) if producer.owner is not None else "vi"
        send_mail(address, _l("New booking %(number)s", number=order.number), "new_booking_producer", locale,
                  order=order, booking=booking, slot=booking.slot, producer=producer, check_in=check_in_url(booking))
