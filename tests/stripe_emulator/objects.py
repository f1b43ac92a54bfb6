"""Stripe's object shapes: the JSON the API returns and webhooks carry, with ids like Stripe's."""
import copy
import secrets
import string
import time

API_VERSION = "2024-06-20"
_ID_ALPHABET = string.ascii_letters + string.digits


def new_id(prefix, length=24):
    """Return a fresh Stripe-looking id such as `pi_3PqR…`."""
    return prefix + "".join(secrets.choice(_ID_ALPHABET) for _ in range(length))


def now():
    """Return the current Unix time in whole seconds, as Stripe's `created` fields are."""
    return int(time.time())


def list_object(data, url, has_more=False):
    """Wrap objects in Stripe's list shape."""
    return {"object": "list", "data": data, "has_more": has_more, "url": url}


def event(type, obj, request=None, previous_attributes=None):
    """Return an event carrying a snapshot of obj (later changes to obj do not show in it)."""
    data = {"object": copy.deepcopy(obj)}
    if previous_attributes:
        data["previous_attributes"] = previous_attributes
    return {
        "id": new_id("evt_"),
        "object": "event",
        "api_version": API_VERSION,
        "created": now(),
        "data": data,
        "livemode": False,
        "pending_webhooks": 1,
        "request": request or {"id": None, "idempotency_key": None},
        "type": type,
    }


def customer_details(email):
    """Return the customer as Checkout records them."""
    return {"address": None, "email": email, "name": None, "phone": None, "tax_exempt": "none", "tax_ids": []}


def checkout_session(base_url, *, amount, currency, email, expires_at, **fields):
    """Return an open, unpaid payment-mode session; `fields` are the request's own values."""
    session_id = new_id("cs_test_", 58)
    return {
        "id": session_id,
        "object": "checkout.session",
        "amount_subtotal": amount,
        "amount_total": amount,
        "cancel_url": None,
        "client_reference_id": None,
        "created": now(),
        "currency": currency,
        "customer": None,
        "customer_details": customer_details(email) if email else None,
        "customer_email": email,
        "expires_at": expires_at,
        "livemode": False,
        "locale": None,
        "metadata": {},
        "mode": "payment",
        "payment_intent": None,
        "payment_method_types": ["card"],
        "payment_status": "unpaid",
        "status": "open",
        "success_url": None,
        "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
        "ui_mode": "hosted",
        "url": f"{base_url}/c/pay/{session_id}",
        **fields,
    }


def line_item(name, currency, unit_amount, quantity):
    """Return a Checkout line item with its inline one-time price."""
    price = {
        "id": new_id("price_"),
        "object": "price",
        "active": False,
        "created": now(),
        "currency": currency,
        "livemode": False,
        "product": new_id("prod_", 14),
        "type": "one_time",
        "unit_amount": unit_amount,
    }
    return {
        "id": new_id("li_"),
        "object": "item",
        "amount_discount": 0,
        "amount_subtotal": unit_amount * quantity,
        "amount_tax": 0,
        "amount_total": unit_amount * quantity,
        "currency": currency,
        "description": name,
        "price": price,
        "quantity": quantity,
    }


def payment_intent(session, status, metadata, description):
    """Return the payment intent Checkout creates for a session."""
    intent_id = new_id("pi_")
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": session["amount_total"],
        "amount_capturable": 0,
        "amount_received": session["amount_total"] if status == "succeeded" else 0,
        "capture_method": "automatic",
        "client_secret": f"{intent_id}_secret_{new_id('', 25)}",
        "created": now(),
        "currency": session["currency"],
        "customer": None,
        "description": description,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": metadata,
        "payment_method": new_id("pm_"),
        "payment_method_types": session["payment_method_types"],
        "status": status,
    }


def charge(intent, email, card_number):
    """Return the succeeded charge of a payment intent (by card when card_number is given)."""
    charge_id = new_id("ch_")
    if card_number:
        method = {"type": "card", "card": {"brand": "visa", "country": "US", "exp_month": 12, "exp_year": 2034,
                                           "funding": "credit", "last4": card_number[-4:]}}
    else:
        method = {"type": "customer_balance", "customer_balance": {}}
    outcome = {"network_status": "approved_by_network", "reason": None, "risk_level": "normal",
               "seller_message": "Payment complete.", "type": "authorized"}
    return {
        "id": charge_id,
        "object": "charge",
        "amount": intent["amount"],
        "amount_captured": intent["amount"],
        "amount_refunded": 0,
        "balance_transaction": new_id("txn_"),
        "billing_details": {"address": None, "email": email, "name": None, "phone": None},
        "captured": True,
        "created": now(),
        "currency": intent["currency"],
        "customer": None,
        "description": intent["description"],
        "disputed": False,
        "failure_code": None,
        "failure_message": None,
        "livemode": False,
        "metadata": {},
        "outcome": outcome,
        "paid": True,
        "payment_intent": intent["id"],
        "payment_method": intent["payment_method"],
        "payment_method_details": method,
        "receipt_email": None,
        "refunded": False,
        "refunds": list_object([], f"/v1/charges/{charge_id}/refunds"),
        "status": "succeeded",
    }


def refund(charge, amount, reason, metadata):
    """Return a succeeded refund of `amount` on a charge."""
    return {
        "id": new_id("re_"),
        "object": "refund",
        "amount": amount,
        "balance_transaction": new_id("txn_"),
        "charge": charge["id"],
        "created": now(),
        "currency": charge["currency"],
        "metadata": metadata,
        "payment_intent": charge["payment_intent"],
        "reason": reason,
        "receipt_number": None,
        "source_transfer_reversal": None,
        "status": "succeeded",
        "transfer_reversal": None,
    }
