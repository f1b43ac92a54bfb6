"""The office's queue of bank transfers to reconcile: match one to an order, refund it by hand, or dismiss it.

A transfer lands here when it could not pay an order by itself (shop.services.payments.bank_notifications:
it named no order, the amount differed, the order was cancelled or paid already). Each decision is
one status move of the transfer (shop.services.moves: audited, with the administrator and the note);
matching also pays the order, exactly as the webhook would have, under the order's lock.
"""
from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import InvalidInput, InvalidTransition, NotFound
from shop.extensions import db
from shop.models import BankTransfer, Order, utcnow
from shop.models.statuses import BankTransferStatus, OrderStatus
from shop.services.moves import move
from shop.services.orders.placing import lock_order
from shop.services.payments.notifications import record_payment
from shop.services.transaction import transaction

RECENT = 30


def transfers_to_reconcile():
    """Return the transfers waiting for the office, oldest first."""
    return db.session.scalars(select(BankTransfer).where(BankTransfer.status == BankTransferStatus.TO_RECONCILE)
                              .order_by(BankTransfer.id)).all()


def recent_transfers(limit=RECENT):
    """Return the latest transfers already settled (paid an order, or decided by the office), newest first."""
    return db.session.scalars(select(BankTransfer).where(BankTransfer.status != BankTransferStatus.TO_RECONCILE)
                              .order_by(BankTransfer.id.desc()).limit(limit)).all()


def _locked_transfer(transfer_id):
    transfer = db.session.scalar(select(BankTransfer).where(BankTransfer.id == transfer_id).with_for_update()
                                 .execution_options(populate_existing=True))
    if transfer is None:
        raise NotFound(_("No such bank transfer."))
    if not transfer.is_to_reconcile:
        raise InvalidTransition(_("This transfer was already dealt with (%(status)s).",
                                  status=transfer.state.office_label))
    return transfer


def _decide(transfer, status, actor, note, **changes):
    move(transfer, status, actor, note, changes={"resolved_by_id": actor.id, "resolved_at": utcnow(),
                                                 "resolution_note": note[:500], **changes})


def match_transfer(transfer_id, order_number, actor, note="", accept_difference=False):
    """Match a queued transfer to an order awaiting payment and pay that order; return the Outcome. Commits.

    A transfer whose amount is not the order's total is matched only with `accept_difference`
    (the office has settled the difference with the customer). The order's e-mails go to the outbox with it.
    """
    number = (order_number or "").strip().upper()
    with transaction():
        transfer = _locked_transfer(transfer_id)
        order_id = db.session.scalar(select(Order.id).where(Order.number == number))
        if order_id is None:
            raise InvalidInput(_("No order has the number %(number)s.", number=number or "—"), field="order_number")
        order = lock_order(order_id)
        if order.status != OrderStatus.PENDING_PAYMENT:
            raise InvalidInput(_("Order %(number)s is not awaiting payment (%(status)s): refund the transfer by "
                                 "hand instead.", number=order.number, status=order.state.office_label),
                               field="order_number")
        if transfer.amount != order.total and not accept_difference:
            raise InvalidInput(_("The transfer is %(amount)s ₫ and the order's total %(total)s ₫: tick the box to "
                                 "accept the difference.", amount=f"{transfer.amount:,}".replace(",", "."),
                                 total=f"{order.total:,}".replace(",", ".")), field="accept_difference")
        _decide(transfer, BankTransferStatus.MATCHED, actor, note or f"matched to order {order.number}",
                order_id=order.id)
        outcome = record_payment(order, f"bank transfer {transfer.reference_code or transfer.sepay_id} matched by hand")
        outcome.send_mails()  # to the outbox, in the transaction that paid the order
    return outcome


def refund_transfer(transfer_id, actor, note):
    """Record that the office sent a queued transfer's money back by hand (the note says how). Commits."""
    with transaction():
        _decide(_locked_transfer(transfer_id), BankTransferStatus.REFUNDED, actor, note)


def dismiss_transfer(transfer_id, actor, note):
    """Set a queued transfer aside as not a customer's payment (the note says why). Commits."""
    with transaction():
        _decide(_locked_transfer(transfer_id), BankTransferStatus.DISMISSED, actor, note)
