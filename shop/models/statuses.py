"""Every status and labelled kind of the shop, each in one enum: its stored value, its labels, its moves.

A member *is* the string stored in the database (``OrderStatus.PAID == "paid"``), so it compares
with the plain String columns, goes into SQL, URLs and JSON as it is, and the CHECK constraints
are built from the enum (``OrderStatus.values()``) without any schema change.

Each enum names the audiences that read it (customer, producer, office) and gives one wording
per audience, translated lazily: ``status.label_for("producer")``, ``status.office_label``.
A status enum also says where each member may move (``can_move_to``, ``next_statuses``); every
move of a row goes through ``shop.services.moves.move``, which asks it.

Templates see every enum by name (``OrderStatus.PAID``, shop.web.templating) and ask the models
questions (``order.is_awaiting_payment``) instead of comparing strings.
"""
from flask_babel import lazy_gettext as _l

from shop.models.delivery_states import JobState, MailStatus  # noqa: F401  (re-exported: import them from here)
from shop.models.enums import (  # noqa: F401  (re-exported: import them from here too)
    CUSTOMER,
    OFFICE,
    PRODUCER,
    Audience,
    LabelledEnum,
    StatusEnum,
    is_status,
    member_of,
)
from shop.models.page_kinds import InfoPageKind  # noqa: F401  (re-exported: the office's information pages)
from shop.models.product_kinds import FACT_ENUMS  # the kinds of a product's facts (labelled like the rest)
from shop.models.transfer_statuses import BankTransferStatus, TransferIssue  # noqa: F401  (the bank's queue)


class OrderStatus(StatusEnum):
    """Where an order stands (docs: pending_payment → paid → fulfilled → completed; cash: placed → …)."""

    PENDING_PAYMENT = "pending_payment"  # paid-first order (card, transfer, wallet), stock reserved
    PLACED = "placed"  # cash-on-delivery order accepted, to be paid on delivery
    PAID = "paid"  # payment confirmed by its provider
    FULFILLED = "fulfilled"  # every shipment has shipped
    COMPLETED = "completed"  # delivered (and, for cash orders, paid)
    CANCELLED = "cancelled"  # payment failed, reservation expired or cancelled by the office
    REFUNDED = "refunded"  # fully refunded

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        PENDING_PAYMENT: _l("Awaiting payment"),
        PLACED: _l("Placed (cash on delivery)"),
        PAID: _l("Paid"),
        FULFILLED: _l("Shipped"),
        COMPLETED: _l("Completed"),
        CANCELLED: _l("Cancelled"),
        REFUNDED: _l("Refunded"),
    }
    __moves__ = {
        PENDING_PAYMENT: (PAID, CANCELLED),  # card: paid, or failed/expired/cancelled
        PLACED: (FULFILLED, CANCELLED),  # cash on delivery
        PAID: (FULFILLED, REFUNDED),
        FULFILLED: (COMPLETED, REFUNDED),
        COMPLETED: (REFUNDED,),
    }


class ShipmentStatus(StatusEnum):
    """Where one producer's part of an order stands."""

    PENDING = "pending"  # waiting for the producer
    PACKED = "packed"  # packed, not yet handed to a carrier
    SHIPPED = "shipped"  # on its way (carrier, tracking number)
    DELIVERED = "delivered"  # received by the customer
    CANCELLED = "cancelled"  # the order was cancelled or refunded

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        PENDING: {CUSTOMER: _l("Being prepared"), PRODUCER: _l("To pack"), OFFICE: _l("Waiting for the producer")},
        PACKED: _l("Packed"),
        SHIPPED: {CUSTOMER: _l("On its way"), PRODUCER: _l("Shipped"), OFFICE: _l("Shipped")},
        DELIVERED: _l("Delivered"),
        CANCELLED: _l("Cancelled"),
    }
    __moves__ = {
        PENDING: (PACKED, SHIPPED, CANCELLED),  # packing first is optional
        PACKED: (SHIPPED, CANCELLED),
        SHIPPED: (DELIVERED, CANCELLED),  # cancelled with its (cash) order before the others shipped
    }

    @classmethod
    def producer_steps(cls):
        """The moves a producer makes by hand (cancelling follows the order, never the producer)."""
        return (cls.PACKED, cls.SHIPPED, cls.DELIVERED)


class ProductStatus(StatusEnum):
    """Where a product stands between its producer, the office and the shop."""

    DRAFT = "draft"  # being written by the producer
    PENDING_REVIEW = "pending_review"  # submitted, waiting for the OCOP office
    PUBLISHED = "published"  # listed in the shop
    HIDDEN = "hidden"  # taken off the shop by its producer or the office

    __audiences__ = (PRODUCER, OFFICE)
    __labels__ = {
        DRAFT: _l("Draft"),
        PENDING_REVIEW: _l("Waiting for review"),
        PUBLISHED: {PRODUCER: _l("In the shop"), OFFICE: _l("Published")},
        HIDDEN: _l("Hidden"),
    }
    __moves__ = {
        DRAFT: (PENDING_REVIEW,),  # the producer submits it
        PENDING_REVIEW: (PUBLISHED, DRAFT),  # the office publishes it or sends it back
        PUBLISHED: (HIDDEN,),
        HIDDEN: (PUBLISHED, PENDING_REVIEW),  # shown again; submitted when it was never published
    }


class ProducerStatus(StatusEnum):
    """Whether a producer may sell."""

    PENDING = "pending"  # applied, waiting for the OCOP office
    APPROVED = "approved"  # may sell; their published products are listed
    SUSPENDED = "suspended"  # hidden from the shop, portal read-only

    __audiences__ = (PRODUCER, OFFICE)
    __labels__ = {
        PENDING: _l("Waiting for approval"),
        APPROVED: _l("Approved"),
        SUSPENDED: _l("Suspended"),
    }
    __moves__ = {
        PENDING: (APPROVED, SUSPENDED),  # suspending an application turns it down
        APPROVED: (SUSPENDED,),
        SUSPENDED: (APPROVED,),
    }


class CertificationStatus(StatusEnum):
    """Whether the office has checked an OCOP certification."""

    SUBMITTED = "submitted"  # details sent by the producer, not yet checked
    VERIFIED = "verified"  # recorded by an administrator: stars are authoritative
    REJECTED = "rejected"  # the office could not verify it

    __audiences__ = (PRODUCER, OFFICE)
    __labels__ = {
        SUBMITTED: {PRODUCER: _l("Waiting for the office"), OFFICE: _l("Submitted by the producer")},
        VERIFIED: _l("Verified"),
        REJECTED: {PRODUCER: _l("Not accepted"), OFFICE: _l("Rejected")},
    }
    __moves__ = {
        SUBMITTED: (VERIFIED, REJECTED),
    }


class IssuingLevel(LabelledEnum):
    """Which level of government issues an OCOP rating decision (shop.services.certification.issuers)."""

    DISTRICT = "district"  # district People's Committee: 3★ until the district level ended (30 June 2025)
    PROVINCE = "province"  # provincial People's Committee: 4★, and 3★ since 1 July 2025
    CENTRAL = "central"  # the ministry in charge of agriculture: 5★ (national OCOP products)

    __audiences__ = (OFFICE, CUSTOMER)
    __labels__ = {
        DISTRICT: _l("District level"),
        PROVINCE: _l("Province level"),
        CENTRAL: _l("National level"),
    }


class RatingKind(LabelledEnum):
    """Why a product was rated: for the first time, again at expiry, or to a higher star level."""

    NEW = "new"  # công nhận mới
    RE_RATED = "re_rated"  # công nhận lại, when the previous rating runs out
    UPGRADED = "upgraded"  # nâng hạng: more stars than the rating it replaces

    __audiences__ = (OFFICE, PRODUCER)
    __labels__ = {
        NEW: _l("New rating"),
        RE_RATED: _l("Re-rated at expiry"),
        UPGRADED: _l("Upgraded"),
    }

    @property
    def replaces_another(self):
        """Whether a rating of this kind names the rating it replaces."""
        return self is not RatingKind.NEW


class PaymentMethod(LabelledEnum):
    """How a customer pays (each is one provider of shop.services.payments.providers)."""

    CARD = "card"  # Stripe Checkout
    COD = "cod"  # cash on delivery
    BANK_TRANSFER = "bank_transfer"  # VietQR transfer over NAPAS 247, confirmed by the bank's notification
    VNPAY = "vnpay"  # VNPay payment gateway
    MOMO = "momo"  # MoMo e-wallet

    __audiences__ = (CUSTOMER, OFFICE)
    __labels__ = {
        CARD: {CUSTOMER: _l("Card (Visa, Mastercard…), paid securely on Stripe"), OFFICE: _l("Card")},
        COD: _l("Cash on delivery"),
        BANK_TRANSFER: {CUSTOMER: _l("Bank transfer by VietQR"), OFFICE: _l("Bank transfer")},
        VNPAY: _l("VNPay"),
        MOMO: {CUSTOMER: _l("MoMo e-wallet"), OFFICE: _l("MoMo")},
    }
    __explanations__ = {
        CARD: _l("For cards issued abroad or in Vietnam: you pay on Stripe's secure page."),
        COD: _l("Pay the courier in cash when your order arrives."),
        BANK_TRANSFER: _l("Scan the QR code with any Vietnamese banking app; the order is confirmed "
                          "as soon as the money arrives."),
        VNPAY: _l("Pay with a domestic bank card, internet banking or the VNPAY-QR code."),
        MOMO: _l("Pay in the MoMo app on your phone."),
    }

    @property
    def explanation(self):
        """One line telling a customer how this method works (checkout), lazily translated."""
        return type(self).__explanations__[self.value]

    @property
    def is_paid_before_delivery(self):
        """Whether an order paid this way waits for its payment, with its stock reserved (all but cash)."""
        return self is not PaymentMethod.COD


class AttemptStatus(StatusEnum):
    """Where one payment attempt stands at its provider (a row of payment_attempt)."""

    PENDING = "pending"  # started: the customer is paying, or the provider has not told us yet
    SUCCEEDED = "succeeded"  # the provider says the money is in
    FAILED = "failed"  # refused, abandoned or cancelled at the provider
    EXPIRED = "expired"  # the order's reservation ran out before the provider said anything

    __audiences__ = (OFFICE,)
    __labels__ = {
        PENDING: _l("Waiting for the provider"),
        SUCCEEDED: _l("Payment received"),
        FAILED: _l("Payment failed"),
        EXPIRED: _l("Expired unpaid"),
    }
    __moves__ = {
        PENDING: (SUCCEEDED, FAILED, EXPIRED),
        FAILED: (SUCCEEDED,),  # a provider may report success after a failed try (the IPN is the truth)
        EXPIRED: (SUCCEEDED,),  # money arriving late: recorded, and the office is told
    }


class DeliveryMethod(LabelledEnum):
    """How an order reaches its customer."""

    PROVINCE = "province"  # within Quảng Ninh
    NATIONWIDE = "nationwide"  # elsewhere in Vietnam
    PICKUP = "pickup"  # collected from the producer / OCOP showroom
    VOUCHER = "voucher"  # a booked visit (group 6, tourism): nothing is sent, the e-voucher is shown at the site

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        PROVINCE: _l("Delivery within Quảng Ninh"),
        NATIONWIDE: _l("Delivery elsewhere in Vietnam"),
        PICKUP: {CUSTOMER: _l("Pick up from the producer (we call you to arrange it)"),
                 PRODUCER: _l("Pick-up"), OFFICE: _l("Pick-up")},
        VOUCHER: {CUSTOMER: _l("E-voucher: nothing is delivered, show it at the site"),
                  PRODUCER: _l("E-voucher (visit)"), OFFICE: _l("E-voucher (visit)")},
    }

    @classmethod
    def shipped(cls):
        """The methods the checkout offers for goods (a booked visit has its own page and sends nothing)."""
        return (cls.PROVINCE, cls.NATIONWIDE, cls.PICKUP)


class VoucherState(LabelledEnum):
    """Where a booked visit's e-voucher stands, read from its order and its check-in (shop.models.booking)."""

    RESERVED = "reserved"  # the order waits for its payment: the places are held until the reservation ends
    VALID = "valid"  # paid (or to be paid in cash at the site): shown at the entrance
    USED = "used"  # checked in by the producer, once
    CANCELLED = "cancelled"  # the order was cancelled or refunded: the places went back on sale

    __audiences__ = (CUSTOMER, PRODUCER)
    __labels__ = {
        RESERVED: _l("Awaiting payment"),
        VALID: _l("Valid"),
        USED: _l("Checked in"),
        CANCELLED: _l("Cancelled"),
    }


class Destination(LabelledEnum):
    """Where a delivered order goes: a home or office address, or the hotel a visitor stays at."""

    HOME = "home"
    HOTEL = "hotel"  # with the hotel's name, the room and the day the guest leaves

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        HOME: {CUSTOMER: _l("To an address"), PRODUCER: _l("Address"), OFFICE: _l("Address")},
        HOTEL: {CUSTOMER: _l("To my hotel"), PRODUCER: _l("Hotel"), OFFICE: _l("Hotel")},
    }


class Role(LabelledEnum):
    """What a user account may do."""

    CUSTOMER = "customer"  # buys in the shop
    PRODUCER = "producer"  # owns a producer and its listings
    ADMIN = "admin"  # the provincial OCOP office

    __audiences__ = (OFFICE,)
    __labels__ = {
        CUSTOMER: _l("Customer"),
        PRODUCER: _l("Producer"),
        ADMIN: _l("Administrator"),
    }


class LegalType(LabelledEnum):
    """The legal form of a producer (chủ thể OCOP)."""

    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "coop_group"  # tổ hợp tác, a recognised OCOP subject
    COMPANY = "company"
    HOUSEHOLD = "household"

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        COOPERATIVE: _l("Cooperative"),
        COOPERATIVE_GROUP: _l("Cooperative group (tổ hợp tác)"),
        COMPANY: _l("Company"),
        HOUSEHOLD: _l("Household business"),
    }


class UnitKind(LabelledEnum):
    """The kind of a commune-level unit since the 2025 reform (shop.models.communes)."""

    WARD = "ward"  # phường
    COMMUNE = "commune"  # xã
    SPECIAL_ZONE = "special_zone"  # đặc khu (Vân Đồn, Cô Tô)

    __audiences__ = (CUSTOMER, PRODUCER, OFFICE)
    __labels__ = {
        WARD: _l("Ward"),
        COMMUNE: _l("Commune"),
        SPECIAL_ZONE: _l("Special zone"),
    }
    __prefixes_vi__ = {WARD: "phường", COMMUNE: "xã", SPECIAL_ZONE: "đặc khu"}

    @property
    def prefix_vi(self):
        """The word in front of the unit's name in a Vietnamese address."""
        return type(self).__prefixes_vi__[self.value]


class StockReason(LabelledEnum):
    """Why a product's stock changed (one row of the stock ledger)."""

    SALE = "sale"  # reserved by an order
    RELEASE = "release"  # an unpaid or cancelled order gave its reservation back
    RESTOCK = "restock"  # new goods from the producer
    DAMAGE = "damage"  # broken, spoiled or lost goods written off
    CORRECTION = "correction"  # a count that did not match
    REFUND = "refund"  # goods of a refunded line returned to stock

    __audiences__ = (PRODUCER,)
    __labels__ = {
        SALE: _l("Sale (order)"),
        RELEASE: _l("Order cancelled: stock returned"),
        RESTOCK: _l("Restock (new goods)"),
        DAMAGE: _l("Damage or loss"),
        CORRECTION: _l("Correction of a count"),
        REFUND: _l("Refund: goods returned"),
    }

    @classmethod
    def manual(cls):
        """The reasons a producer may give by hand; the others come from orders."""
        return (cls.RESTOCK, cls.DAMAGE, cls.CORRECTION)



LABELLED_ENUMS = (OrderStatus, ShipmentStatus, ProductStatus, ProducerStatus, CertificationStatus, IssuingLevel,
                  RatingKind, PaymentMethod, AttemptStatus, BankTransferStatus, TransferIssue, DeliveryMethod, Role,
                  LegalType, StockReason, Destination, VoucherState, UnitKind, MailStatus, JobState, InfoPageKind,
                  *FACT_ENUMS)
