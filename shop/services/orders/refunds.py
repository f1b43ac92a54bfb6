"""What the office gives back: cancelling an order (stock back) and refunding it (money back).

Refunds go through the provider that took the money (shop.services.payments.providers: Stripe's
Refund API for cards); cash and bank-transfer refunds are recorded by hand. Every refund is a
Refund row (keyed on Stripe's refund id, so a refund reported again by the `charge.refunded`
webhook is counted once) and `order.refunded_amount` is their sum.
"""
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from shop.errors import InvalidInput, InvalidTransition
from shop.extensions import db
from shop.i18n import N_, current_locale
from shop.models import Refund
from shop.models.statuses import OrderStatus, PaymentMethod, ShipmentStatus
from shop.services.audit import record_audit
from shop.services.bookings.capacity import release_places
from shop.services.money import format_vnd
from shop.services.moves import move
from shop.services.orders.flow import can_move, transition_order
from shop.services.orders.placing import lock_order, release_locked_order
from shop.services.payments.providers import provider_for
from shop.services.stock import return_stock
from shop.services.transaction import transaction


def cancel_order(order, actor, reason):
    """Cancel an unpaid order (awaiting its payment, or cash on delivery not yet shipped); return its stock.

    An order awaiting payment is closed at its provider first (a Checkout Session is expired at
    Stripe); if the customer has paid in the meantime the payment is confirmed and the
    cancellation refused (refund it instead). Commits.
    """
    if order.status not in (OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED):
        raise InvalidTransition(_("Only an unpaid order can be cancelled; refund a paid one instead."))
    session_expired = False
    if order.status == OrderStatus.PENDING_PAYMENT:
        if provider_for(order.payment_method).close(order) != "expired":
            raise InvalidTransition(_("Order %(number)s has just been paid: refund it instead of cancelling.",
                                      number=order.number))
        session_expired = True
    reason = (reason or "").strip() or "cancelled"
    with transaction():
        locked = lock_order(order.id)
        if not release_locked_order(locked, reason, actor):
            if not (session_expired and locked.status == OrderStatus.CANCELLED):
                raise InvalidTransition(_("Only an unpaid order can be cancelled; refund a paid one instead."))
            # The session's "expired" webhook got here first and released the stock: keep who asked and why.
            record_audit(actor, "order.cancel", locked, None, {"status": locked.status}, reason)
    return locked


def refundable_amount(order):
    """Return how much of the order can still be refunded (0 if it cannot be refunded)."""
    if not provider_for(order.payment_method).holds_money(order):
        return 0
    return order.total - order.refunded_amount


def refund_order(order, amount, actor, reason, restock=False):
    """Refund `amount` VND of `order` through the provider that took it (Stripe…), or recorded by hand.

    A full refund moves the order to "refunded". With `restock`, every unit of the order
    not yet returned goes back to stock (ledger reason "refund"). A provider's refund is keyed on
    the order and its refunded total before this refund (Stripe's idempotency key), so a click
    retried after a lost answer refunds once. Commits.
    """
    amount = _valid_amount(amount, refundable_amount(order))
    reason = (reason or "").strip()[:500]
    provider_refund_id = provider_for(order.payment_method).refund(order, amount, reason)
    stripe_refund_id = provider_refund_id if order.payment_method == PaymentMethod.CARD else None
    with transaction():
        locked = lock_order(order.id)
        refund = _existing_refund(stripe_refund_id)
        if refund is None:
            if provider_refund_id is None:  # by hand: check again under the lock
                _valid_amount(amount, refundable_amount(locked))
            refund = Refund(order=locked, amount=amount, stripe_refund_id=stripe_refund_id,
                            provider_refund_id=None if stripe_refund_id else provider_refund_id)
            db.session.add(refund)
        refund.reason = reason
        refund.actor_id = getattr(actor, "id", None)
        before = locked.refunded_amount
        if restock and not refund.restocked and locked.status != OrderStatus.CANCELLED:
            _restock_lines(locked, actor, reason)
            refund.restocked = True
        _settle(locked, actor, reason)
        record_audit(actor, "order.refund", locked, {"refunded_amount": before},
                     {"refunded_amount": locked.refunded_amount, "refund": amount, "restock": bool(restock)}, reason)
    current_app.logger.info("order %s refunded %d VND (%s)", locked.number, amount, provider_refund_id or "by hand")
    return refund


def record_charge_refunds(order, charge):
    """Record the refunds Stripe reports on a charge (the `charge.refunded` webhook); the caller commits.

    Refunds already recorded (those made from the back office) are skipped by their Stripe
    id. When the charge does not list its refunds, the part of `amount_refunded` not yet
    recorded becomes one Refund row. Does not commit: the caller's transaction carries it.
    """
    refunds = _listed_refunds(charge)
    added = 0
    if refunds is None:
        missing = int(charge["amount_refunded"]) - order.refunded_amount
        if missing > 0:
            db.session.add(Refund(order=order, amount=missing, reason=N_("reported by Stripe")))
            added += missing
    else:
        for stripe_refund in refunds:
            if stripe_refund["status"] in ("failed", "canceled") or _existing_refund(stripe_refund["id"]):
                continue
            db.session.add(Refund(order=order, amount=int(stripe_refund["amount"]),
                                  stripe_refund_id=stripe_refund["id"], reason=N_("reported by Stripe")))
            added += int(stripe_refund["amount"])
    if added:
        db.session.flush()
        before = order.refunded_amount
        _settle(order, None, N_("refunded at Stripe"))
        record_audit(None, "order.refund", order, {"refunded_amount": before},
                     {"refunded_amount": order.refunded_amount}, f"charge {charge['id']}")
    return added


def _settle(order, actor, reason):
    """Set refunded_amount to the sum of the refunds; a full refund makes the order "refunded"."""
    order.refunded_amount = db.session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.order_id == order.id)
    )
    if order.refunded_amount >= order.total and can_move(order, OrderStatus.REFUNDED):
        for shipment in order.shipments:
            if shipment.status in (ShipmentStatus.PENDING, ShipmentStatus.PACKED):  # not sent yet
                move(shipment, ShipmentStatus.CANCELLED, actor, reason or N_("refunded"))
        release_places(order, actor, reason or N_("refunded"))  # a refunded visit's places go back on sale
        transition_order(order, OrderStatus.REFUNDED, actor, reason or N_("refunded"))


def _restock_lines(order, actor, reason):
    visits = {booking.order_line_id for booking in order.bookings}  # places, not stock: given back in full refunds
    for line in sorted(order.lines, key=lambda line: line.product_id):
        quantity = line.quantity - line.refunded_quantity
        if quantity > 0 and line.id not in visits:
            return_stock(line.product_id, quantity, "refund", order_id=order.id,
                         actor_id=getattr(actor, "id", None), note=reason)
            line.refunded_quantity = line.quantity


def _existing_refund(stripe_refund_id):
    if not stripe_refund_id:
        return None
    return db.session.scalar(select(Refund).where(Refund.stripe_refund_id == stripe_refund_id))


def _listed_refunds(charge):
    if "refunds" not in charge or charge["refunds"] is None:
        return None
    listing = charge["refunds"]
    return list(listing["data"]) if "data" in listing else None


def _valid_amount(amount, remaining):
    if remaining <= 0:
        raise InvalidTransition(_("This order has nothing left to refund."))
    if isinstance(amount, bool) or not isinstance(amount, int):
        try:
            amount = int(str(amount).strip())
        except ValueError:
            raise InvalidInput(_("Enter the amount as a whole number of đồng.")) from None
    if not 1 <= amount <= remaining:
        raise InvalidInput(_("The refund must be between %(min)s and %(max)s.",
                             min=format_vnd(1, current_locale()), max=format_vnd(remaining, current_locale())))
    return amount
