"""The statuses of incoming bank transfers (the office's reconciliation queue), re-exported by shop.models.statuses.

They live beside statuses.py only to keep that module within the size every module keeps; import them from
shop.models.statuses like every other status.
"""
from flask_babel import lazy_gettext as _l

from shop.models.enums import OFFICE, LabelledEnum, StatusEnum


class BankTransferStatus(StatusEnum):
    """Where one incoming bank transfer stands (a row of bank_transfer, from the bank's notification)."""

    APPLIED = "applied"  # named an order awaiting payment with its exact total: it paid that order
    TO_RECONCILE = "to_reconcile"  # anything else: waits in the office's queue
    MATCHED = "matched"  # the office matched it to an order by hand
    REFUNDED = "refunded"  # the office sent the money back by hand
    DISMISSED = "dismissed"  # the office found it is not a customer's payment

    __audiences__ = (OFFICE,)
    __labels__ = {
        APPLIED: _l("Paid its order"),
        TO_RECONCILE: _l("To reconcile"),
        MATCHED: _l("Matched by hand"),
        REFUNDED: _l("Refunded by hand"),
        DISMISSED: _l("Dismissed"),
    }
    __moves__ = {
        TO_RECONCILE: (MATCHED, REFUNDED, DISMISSED),
    }


class TransferIssue(LabelledEnum):
    """Why an incoming bank transfer did not pay an order by itself (the office's queue says it)."""

    NO_ORDER = "no_order"  # its note names no order of the shop
    SHORT = "short"  # less than the order's total
    OVER = "over"  # more than the order's total
    LATE = "late"  # the order was cancelled (its reservation ran out) before the money came
    ALREADY_PAID = "already_paid"  # the order is paid already, or past payment
    OTHER_METHOD = "other_method"  # the order waits for another way to pay (card, wallet)

    __audiences__ = (OFFICE,)
    __labels__ = {
        NO_ORDER: _l("Names no order"),
        SHORT: _l("Less than the order's total"),
        OVER: _l("More than the order's total"),
        LATE: _l("Arrived after the order was cancelled"),
        ALREADY_PAID: _l("The order was already paid"),
        OTHER_METHOD: _l("The order is paid another way"),
    }
