"""POST /webhooks/stripe (signed by Stripe) and POST /webhooks/bank (the bank's key): exempt from CSRF."""
from flask import current_app, jsonify, request

from shop.errors import InvalidInput, Unauthenticated
from shop.extensions import csrf
from shop.models.statuses import PaymentMethod
from shop.services.payments.providers import provider_for
from shop.services.payments.stripe_webhooks import handle_stripe_webhook
from shop.webhooks import bp


@bp.post("/stripe")
@csrf.exempt
def stripe_webhook():
    try:
        result = handle_stripe_webhook(request.get_data(), request.headers.get("Stripe-Signature"))
    except InvalidInput as error:
        return jsonify(error=error.message), 400
    current_app.logger.info("stripe webhook: %s", result)
    return jsonify(received=True, result=result)


@bp.post("/bank")
@csrf.exempt
def bank():
    """The bank-notification service (SePay): 401 without the shop's key, 400 malformed, else {"success": true}."""
    try:
        result = provider_for(PaymentMethod.BANK_TRANSFER).handle_notification(
            request.headers.get("Authorization"), request.get_json(silent=True))
    except Unauthenticated as error:
        return jsonify(success=False, error=error.message), 401
    except InvalidInput as error:
        return jsonify(success=False, error=error.message), 400
    current_app.logger.info("bank notification: %s", result)
    return jsonify(success=True)
