"""`flask --app shop reconcile-payments`: ask VNPay (querydr) and MoMo (query) about attempts still pending.

An IPN can be lost (the shop was down, VNPay or MoMo gave up retrying); the gateway's answer to a
query is then applied exactly like an IPN (stored once, same rules), so running this beside
`expire-orders` settles every payment the customer made. Safe to run twice and while IPNs arrive.
"""
from collections import Counter

from flask import current_app

from shop.errors import PaymentError
from shop.extensions import db
from shop.models import PaymentAttempt
from shop.services.payments.notifications import pending_attempts
from shop.services.payments.providers import provider_for


def reconcile_payments():
    """Settle every pending attempt whose provider can be asked; return a Counter of what happened. Commits."""
    counts = Counter()
    for attempt_id in [attempt.id for attempt in pending_attempts()]:
        attempt = db.session.get(PaymentAttempt, attempt_id)
        reconcile = getattr(provider_for(attempt.provider), "reconcile", None)
        if reconcile is None or not attempt.is_pending:
            continue
        try:
            counts[reconcile(attempt)] += 1
        except PaymentError as error:
            current_app.logger.warning("payment %s: %s cannot be asked now: %s", attempt.reference,
                                       attempt.provider, error.message)
            counts["unreachable"] += 1
    return counts
