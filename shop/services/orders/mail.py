"""Order e-mails: a confirmation to the customer and a notice to each producer with their lines."""
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l

from shop.i18n import language_prefix, portal_language
from shop.services.mail import send_mail
from shop.services.orders.access import order_token


def order_link(order):
    """Return the link to the order's page, signed so that a guest can open it.

    Absolute at PUBLIC_BASE_URL (or, in development without it, the request's address); a command
    run with neither gives the path alone.
    """
    token = order_token(order)
    if has_request_context() or current_app.config.get("PUBLIC_BASE_URL") or current_app.config.get("SERVER_NAME"):
        return url_for("account.order_page", number=order.number, t=token, _external=True, _lang=order.locale)
    return language_prefix(order.locale) + f"/orders/{order.number}?t={token}"


def send_order_mails(order):
    """Send the confirmation (in the order's language) and one notice per producer of the order.

    A booked visit gets its e-voucher instead (shop.services.bookings.mail).
    """
    if order.is_booking:
        from shop.services.bookings.mail import send_booking_mails  # bookings build on orders, not the reverse

        return send_booking_mails(order)
    send_mail(order.email, _l("Your order %(number)s", number=order.number), "order_confirmation",
              order.locale, order=order, link=order_link(order))
    for shipment in order.shipments:
        producer = shipment.producer
        address = producer.notice_address
        if not address:
            current_app.logger.warning("producer %s has no e-mail for order %s", producer.slug, order.number)
            continue
        lines = [line for line in order.lines if line.producer_id == producer.id]
        locale = portal_language(producer.owner.locale) if producer.owner is not None else "vi"
        send_mail(address, _l("New order %(number)s", number=order.number), "new_order_producer",
                  locale, order=order, producer=producer, lines=lines,
                  total=sum(line.line_total for line in lines))
