"""VNPay's IPN (GET, answered with {"RspCode", "Message"}) and MoMo's IPN (POST JSON, answered 204)."""
from flask import current_app, jsonify, request

from shop.errors import InvalidInput
from shop.extensions import csrf
from shop.models.statuses import PaymentMethod
from shop.services.payments.providers import provider_for
from shop.services.payments.vnpay_provider import answer
from shop.webhooks import bp


@bp.get("/vnpay")
def vnpay():
    """VNPay's IPN: its signed parameters in the query string; VNPay retries unless told 00, 01, 02, 04 or 97."""
    try:
        body = provider_for(PaymentMethod.VNPAY).handle_notification(request.args.to_dict())
    except Exception:  # anything unforeseen was rolled back: VNPay sends the IPN again later
        current_app.logger.exception("VNPay IPN failed")
        body = answer("99")
    current_app.logger.info("vnpay ipn %s: %s", request.args.get("vnp_TxnRef"), body["RspCode"])
    return jsonify(body)


@bp.post("/momo")
@csrf.exempt
def momo():
    """MoMo's IPN: a signed JSON body; 400 changes nothing, 204 says it was received."""
    try:
        result = provider_for(PaymentMethod.MOMO).handle_notification(request.get_json(silent=True))
    except InvalidInput as error:
        return jsonify(error=error.message), 400
    current_app.logger.info("momo ipn: %s", result)
    return "", 204
