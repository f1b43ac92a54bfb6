"""The emulator's state and Stripe's rules: what a request may ask, and how objects change.

Objects are kept as the JSON dicts Stripe returns (built in `objects`), so the API answers with
them as they are. Methods that change state return the events they produced; the emulator decides
when to deliver them. Callers hold `Store.lock` around a call (the server runs a thread per request).
"""
import copy
import threading

from . import objects
from .params import (
    StripeError,
    check_choice,
    check_list,
    check_metadata,
    check_url,
    display_amount,
    reject_empty_strings,
    reject_unknown,
    require,
    to_int,
)

SUCCESS_CARD = "4242424242424242"
DECLINED_CARD = "4000000000000002"

SESSION_PARAMS = {
    "mode", "currency", "line_items", "success_url", "cancel_url", "client_reference_id", "customer_email",
    "metadata", "locale", "expires_at", "payment_method_types", "payment_intent_data", "submit_type",
    "billing_address_collection", "phone_number_collection", "allow_promotion_codes", "expand",
}
LINE_ITEM_PARAMS = {"price", "price_data", "quantity"}
PRICE_DATA_PARAMS = {"currency", "product_data", "unit_amount", "tax_behavior"}
PRODUCT_DATA_PARAMS = {"name", "description", "images", "metadata"}
PAYMENT_INTENT_DATA_PARAMS = {"metadata", "description", "receipt_email", "statement_descriptor_suffix"}
REFUND_PARAMS = {"payment_intent", "charge", "amount", "reason", "metadata", "expand"}
REFUND_REASONS = {"duplicate", "fraudulent", "requested_by_customer"}
LOCALES = {
    "auto", "bg", "cs", "da", "de", "el", "en", "en-GB", "es", "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr",
    "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl",
    "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
}
MIN_EXPIRY_SECONDS = 30 * 60
MAX_EXPIRY_SECONDS = 24 * 60 * 60


class PaymentRefused(Exception):
    """The hosted page refused a card; the message is what the customer reads."""


class Store:
    """Every object the emulator knows, keyed by id, plus the events it produced in order."""

    def __init__(self):
        self.lock = threading.RLock()
        self.clear()

    def clear(self):
        """Forget every object, event and idempotent result."""
        with self.lock:
            self.sessions = {}
            self.line_items = {}
            self.intent_data = {}
            self.payment_intents = {}
            self.charges = {}
            self.refunds = {}
            self.events = []
            self.idempotent_results = {}

    def make_event(self, type, obj, request=None, previous_attributes=None):
        """Record and return an event carrying a snapshot of obj."""
        event = objects.event(type, obj, request, previous_attributes)
        self.events.append(event)
        return event

    # -- lookups (404 like Stripe) -------------------------------------------------------------------

    def session(self, session_id):
        """Return a session by id, or answer Stripe's 404."""
        return _find(self.sessions, session_id, "checkout.session", "session")

    def payment_intent(self, intent_id):
        """Return a payment intent by id, or answer Stripe's 404."""
        return _find(self.payment_intents, intent_id, "payment_intent", "intent")

    def charge(self, charge_id, param="charge"):
        """Return a charge by id, or answer Stripe's 404."""
        return _find(self.charges, charge_id, "charge", param)

    def refund(self, refund_id):
        """Return a refund by id, or answer Stripe's 404."""
        return _find(self.refunds, refund_id, "refund", "id")

    def event(self, event_id):
        """Return a event by id, or answer Stripe's 404."""
        return _find({event["id"]: event for event in self.events}, event_id, "event", "id")

    # -- checkout sessions ---------------------------------------------------------------------------

    def create_session(self, params, base_url):
        """Validate the parameters like Stripe and create an open checkout session."""
        reject_unknown(params, SESSION_PARAMS)
        reject_empty_strings(params)
        if require(params, "mode") != "payment":
            raise StripeError("The Stripe emulator supports mode=payment only.", param="mode")
        items = self._line_items(check_list(require(params, "line_items"), "line_items"))
        currency = params.get("currency", items[0]["currency"]).lower()
        if any(item["currency"] != currency for item in items):
            raise StripeError("All line items must use the same currency as the Checkout Session.", param="currency")
        email = params.get("customer_email")
        if email is not None and ("@" not in email or " " in email):
            raise StripeError(f"Invalid email address: {email}", code="email_invalid", param="customer_email")
        reference = params.get("client_reference_id")
        if reference is not None and len(reference) > 200:
            raise StripeError("client_reference_id can be up to 200 characters long.", param="client_reference_id")
        if "locale" in params:
            check_choice(params["locale"], LOCALES, "locale")
        intent_data = params.get("payment_intent_data") or {}
        reject_unknown(intent_data, PAYMENT_INTENT_DATA_PARAMS, "payment_intent_data")
        session = objects.checkout_session(
            base_url,
            amount=sum(item["amount_total"] for item in items),
            currency=currency,
            email=email,
            expires_at=_expiry(params.get("expires_at"), objects.now()),
            success_url=check_url(require(params, "success_url"), "success_url"),
            cancel_url=check_url(params["cancel_url"], "cancel_url") if "cancel_url" in params else None,
            client_reference_id=reference,
            locale=params.get("locale"),
            metadata=check_metadata(params.get("metadata")),
            payment_method_types=check_list(params.get("payment_method_types", ["card"]), "payment_method_types"),
        )
        self.sessions[session["id"]] = session
        self.line_items[session["id"]] = items
        self.intent_data[session["id"]] = {
            "metadata": check_metadata(intent_data.get("metadata"), "payment_intent_data[metadata]"),
            "description": intent_data.get("description"),
        }
        return session

    @staticmethod
    def _line_items(lines):
        """Build line items from `price_data` (the emulator keeps no saved prices, so `price` is unknown)."""
        items = []
        for index, line in enumerate(lines):
            name = f"line_items[{index}]"
            reject_unknown(line, LINE_ITEM_PARAMS, name)
            if "price" in line:
                raise StripeError(f"No such price: '{line['price']}'", code="resource_missing", param=f"{name}[price]")
            price_data = require(line, "price_data", f"{name}[price_data]")
            reject_unknown(price_data, PRICE_DATA_PARAMS, f"{name}[price_data]")
            product_data = require(price_data, "product_data", f"{name}[price_data][product_data]")
            reject_unknown(product_data, PRODUCT_DATA_PARAMS, f"{name}[price_data][product_data]")
            for position, image in enumerate(product_data.get("images", [])):
                check_url(image, f"{name}[price_data][product_data][images][{position}]")
            unit_amount = require(price_data, "unit_amount", f"{name}[price_data][unit_amount]")
            items.append(objects.line_item(
                require(product_data, "name", f"{name}[price_data][product_data][name]"),
                require(price_data, "currency", f"{name}[price_data][currency]").lower(),
                to_int(unit_amount, f"{name}[price_data][unit_amount]", minimum=0),
                to_int(require(line, "quantity", f"{name}[quantity]"), f"{name}[quantity]", minimum=1),
            ))
        return items

    def session_line_items(self, session_id, params):
        """Return a page of a session's line items (Stripe's default page holds 10)."""
        items = self.line_items[self.session(session_id)["id"]]
        limit = to_int(params.get("limit", 10), "limit", minimum=1)
        start = 0
        if "starting_after" in params:
            ids = [item["id"] for item in items]
            if params["starting_after"] not in ids:
                raise _missing("item", params["starting_after"], "starting_after")
            start = ids.index(params["starting_after"]) + 1
        url = f"/v1/checkout/sessions/{session_id}/line_items"
        return objects.list_object(items[start : start + limit], url, has_more=start + limit < len(items))

    def expire_session(self, session_id, request=None):
        """Expire an open session (API call or the clock reaching expires_at); return its events."""
        session = self.session(session_id)
        if session["status"] != "open":
            raise StripeError(
                'Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a '
                f'status of "{session["status"]}".',
                param="session",
            )
        session.update(status="expired", url=None)
        return [self.make_event("checkout.session.expired", session, request)]

    # -- payment -------------------------------------------------------------------------------------

    def pay(self, session_id, card, email=None):
        """Pay an open session by card as the hosted page does; return its events or raise PaymentRefused."""
        session = self._open_session(session_id)
        number = "".join(card.split())
        if not number:
            raise PaymentRefused("Your card number is incomplete.")
        if number == DECLINED_CARD:
            raise PaymentRefused("Your card was declined.")
        if number != SUCCESS_CARD:
            raise PaymentRefused("Your card number is invalid.")
        self._complete(session, email, "paid")
        intent = self._create_intent(session, "succeeded")
        self._create_charge(intent, session, number)
        return [self.make_event("checkout.session.completed", session)]

    def pay_pending(self, session_id, email=None):
        """Complete a session with a delayed payment method: the money has not arrived yet."""
        session = self._open_session(session_id)
        self._complete(session, email, "unpaid")
        self._create_intent(session, "processing")
        return [self.make_event("checkout.session.completed", session)]

    def settle_async(self, session_id, succeeded):
        """Settle a delayed payment (starting it if the session is still open); return the events."""
        session = self.session(session_id)
        events = self.pay_pending(session_id) if session["status"] == "open" else []
        intent = self.payment_intents.get(session["payment_intent"])
        if intent is None or intent["status"] != "processing":
            raise ValueError(f"{session_id} has no delayed payment waiting to settle")
        if succeeded:
            intent.update(status="succeeded", amount_received=intent["amount"])
            self._create_charge(intent, session, None)
            session["payment_status"] = "paid"
            events.append(self.make_event("checkout.session.async_payment_succeeded", session))
        else:
            error = {"type": "card_error", "code": "payment_intent_payment_attempt_failed",
                     "message": "The payment failed."}
            intent.update(status="requires_payment_method", last_payment_error=error)
            events.append(self.make_event("checkout.session.async_payment_failed", session))
        return events

    def _open_session(self, session_id):
        session = self.session(session_id)
        if session["status"] != "open":
            raise ValueError(f"{session_id} is {session['status']}, not open")
        return session

    @staticmethod
    def _complete(session, email, payment_status):
        details = objects.customer_details(session["customer_email"] or email)
        session.update(status="complete", payment_status=payment_status, url=None, customer_details=details)

    def _create_intent(self, session, status):
        data = self.intent_data[session["id"]]
        intent = objects.payment_intent(session, status, dict(data["metadata"]), data["description"])
        self.payment_intents[intent["id"]] = intent
        session["payment_intent"] = intent["id"]
        return intent

    def _create_charge(self, intent, session, card_number):
        charge = objects.charge(intent, session["customer_details"]["email"], card_number)
        self.charges[charge["id"]] = charge
        intent["latest_charge"] = charge["id"]
        return charge

    # -- refunds -------------------------------------------------------------------------------------

    def create_refund(self, params, request=None):
        """Refund a charge (the whole rest by default, or `amount`); return the refund and its events."""
        reject_unknown(params, REFUND_PARAMS)
        reject_empty_strings(params)
        charge = self._refundable_charge(params)
        remaining = charge["amount"] - charge["amount_refunded"]
        if remaining == 0:
            raise StripeError(f"Charge {charge['id']} has already been refunded.", code="charge_already_refunded")
        amount = to_int(params["amount"], "amount", minimum=1) if "amount" in params else remaining
        if amount > remaining:
            raise StripeError(
                f"Refund amount ({display_amount(amount, charge['currency'])}) is greater than unrefunded amount "
                f"on charge ({display_amount(remaining, charge['currency'])})",
                code="amount_too_large",
                param="amount",
            )
        if "reason" in params:
            check_choice(params["reason"], REFUND_REASONS, "reason")
        refund = objects.refund(charge, amount, params.get("reason"), check_metadata(params.get("metadata")))
        self.refunds[refund["id"]] = refund
        previous = {"amount_refunded": charge["amount_refunded"], "refunded": charge["refunded"]}
        charge["amount_refunded"] += amount
        charge["refunded"] = charge["amount_refunded"] == charge["amount"]
        charge["refunds"]["data"].insert(0, refund)
        return refund, [self.make_event("charge.refunded", charge, request, previous)]

    def _refundable_charge(self, params):
        if "charge" in params:
            charge = self.charge(params["charge"])
            if "payment_intent" in params and params["payment_intent"] != charge["payment_intent"]:
                raise StripeError("The charge does not belong to this PaymentIntent.", param="payment_intent")
            return charge
        if "payment_intent" not in params:
            raise StripeError(
                "One of the following params should be provided for this request: payment_intent or charge.",
                code="parameter_missing",
            )
        intent = self.payment_intent(params["payment_intent"])
        if intent["status"] != "succeeded" or not intent["latest_charge"]:
            raise StripeError(
                f"This PaymentIntent ({intent['id']}) does not have a successful charge to refund.",
                param="payment_intent",
            )
        return self.charges[intent["latest_charge"]]

    # -- expansion -----------------------------------------------------------------------------------

    def expand(self, obj, paths):
        """Return a copy of obj with the named id fields replaced by the objects (Stripe's `expand[]`)."""
        lookups = {"payment_intent": self.payment_intents, "latest_charge": self.charges, "charge": self.charges}
        result = copy.deepcopy(obj)
        for path in paths or []:
            if path == "line_items" and obj.get("object") == "checkout.session":
                result["line_items"] = self.session_line_items(obj["id"], {})
            elif path in lookups and path in obj:
                result[path] = copy.deepcopy(lookups[path][obj[path]]) if obj[path] else None
            else:
                raise StripeError(f"This property cannot be expanded ({path}).", param="expand")
        return result


def _expiry(value, created):
    """Apply Stripe's rule: expires_at between 30 minutes and 24 hours after creation (default 24 hours)."""
    if value is None:
        return created + MAX_EXPIRY_SECONDS
    expires_at = to_int(value, "expires_at")
    if expires_at < created + MIN_EXPIRY_SECONDS:
        raise StripeError(
            "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
            param="expires_at",
        )
    if expires_at > created + MAX_EXPIRY_SECONDS:
        raise StripeError(
            "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
            param="expires_at",
        )
    return expires_at


def _find(table, object_id, kind, param):
    try:
        return table[object_id]
    except KeyError:
        raise _missing(kind, object_id, param) from None


def _missing(kind, object_id, param):
    return StripeError(f"No such {kind}: '{object_id}'", status=404, code="resource_missing", param=param)
