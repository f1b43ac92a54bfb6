"""POST /webhooks/stripe: signed by Stripe, so exempt from CSRF."""
from flask import current_app, jsonify, request

from shop.errors import InvalidInput
from shop.extensions import csrf
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
