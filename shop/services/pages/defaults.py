"""The shop's own text of each information page, translated like the rest of the shop (messages.po).

A page shows them until the office writes its own for that language in the back office. The figures of
delivery (fees, days) are not written here: the shipping page shows them from the configuration.
"""
from flask_babel import lazy_gettext as _l

from shop.models.statuses import InfoPageKind

DEFAULT_BODIES = {
    InfoPageKind.CONTACT: _l(
        "Questions about a product, an order or a delivery: call us or write on Zalo during opening hours, "
        "or send an e-mail at any time; we answer e-mails within one working day.\n\n"
        "Please have your order number at hand: it is in your confirmation e-mail and on your order page."),
    InfoPageKind.SHIPPING: _l(
        "Each producer packs and sends their own part of your order, so an order from several producers may "
        "arrive in several parcels. The checkout shows the delivery dates for your order before you place it.\n\n"
        "We deliver to homes, offices and hotels anywhere in Vietnam; a hotel guest gives the hotel, the room "
        "and the day they leave. You may also pick your order up from the producer. We do not send parcels "
        "abroad yet."),
    InfoPageKind.RETURNS: _l(
        "If a product arrives damaged or spoiled, or is not what you ordered, tell us within 3 days of delivery, "
        "with a photo, by phone, Zalo or e-mail: the producer replaces it or we refund it in full, delivery "
        "included.\n\n"
        "Food and drink cannot be returned once opened. Other products, unused and in their packaging, can be "
        "returned within 7 days of delivery; the delivery back is then yours to pay.\n\n"
        "A refund goes back the way you paid (card, bank account, VNPay or MoMo), usually within 5 to 10 "
        "working days; an order paid in cash is refunded by bank transfer."),
    InfoPageKind.PRIVACY: _l(
        "We ask only for what delivering your order needs: your name, e-mail, phone number and address (or "
        "hotel), and what you ordered. We share them only with the producers who send your order and the "
        "courier who brings it, and never sell them.\n\n"
        "Cards are paid on the payment provider's own page: the shop never sees or keeps your card number.\n\n"
        "We keep orders as long as accounting law requires. You may ask to see, correct or delete your personal "
        "data (Decree 13/2023/NĐ-CP on personal data protection) by e-mail or by phone."),
    InfoPageKind.TERMS: _l(
        "This shop is run by the OCOP office of Quảng Ninh province for the producers whose OCOP products it "
        "lists; each product is sold and sent by its producer.\n\n"
        "Prices are in Vietnamese đồng; amounts in other currencies are approximate. The price and delivery fee "
        "shown at checkout are what you pay. A cash-on-delivery order is confirmed by its e-mail, an order paid "
        "online once the payment arrives. The shop may cancel an order it cannot serve and then refunds all "
        "that was paid.\n\n"
        "The OCOP stars shown are those of the certification decisions recorded by the office; each product "
        "page gives the decision number, who issued it and until when it is valid."),
}


def default_body(kind):
    """Return the shop's own text of page `kind` in the current language."""
    return str(DEFAULT_BODIES[InfoPageKind(kind)])
