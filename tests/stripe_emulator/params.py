"""Stripe's request parameters: nested form decoding, validation, and the error shape.

The `stripe` library sends form bodies with bracketed keys (`line_items[0][price_data][unit_amount]=85000`,
`metadata[order_id]=7`, `expand[0]=payment_intent`). `decode_form` turns them back into dicts and lists;
the checks below answer bad input with Stripe's own messages, codes and HTTP statuses.
"""
import re
from urllib.parse import parse_qsl, urlsplit

_KEY_PART = re.compile(r"\[([^\]]*)\]")


class StripeError(Exception):
    """A Stripe API error, rendered as {"error": {...}} with its HTTP status."""

    def __init__(self, message, *, status=400, type="invalid_request_error", code=None, param=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.type = type
        self.code = code
        self.param = param

    def body(self):
        """Return the JSON body Stripe sends for this error (absent fields are left out, as Stripe does)."""
        error = {"type": self.type, "message": self.message}
        if self.code:
            error["code"] = self.code
            error["doc_url"] = f"https://stripe.com/docs/error-codes/{self.code.replace('_', '-')}"
        if self.param:
            error["param"] = self.param
        return {"error": error}


def decode_form(text):
    """Decode a form-encoded body or query string with bracketed keys into nested dicts and lists."""
    root = {}
    for key, value in parse_qsl(text, keep_blank_values=True):
        head = key.split("[", 1)[0]
        parts = [head, *_KEY_PART.findall(key[len(head):])]
        node = root
        for depth, part in enumerate(parts):
            if part == "":  # `expand[]=x`: append
                part = str(len(node))
            if depth == len(parts) - 1:
                node[part] = value
                break
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise StripeError(f"Invalid hash: {key} mixes a value and nested keys.", param=key)
            node = child
    return _listify(root)


def _listify(node):
    """Turn dicts whose keys are all indexes (`0`, `1`, …) into lists, depth first."""
    if not isinstance(node, dict):
        return node
    items = {key: _listify(value) for key, value in node.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def reject_unknown(params, allowed, prefix=""):
    """Refuse parameters Stripe does not know, as Stripe does (typos must not pass silently)."""
    for key in params:
        if key not in allowed:
            name = f"{prefix}[{key}]" if prefix else key
            raise StripeError(f"Received unknown parameter: {name}", code="parameter_unknown", param=name)


def reject_empty_strings(params, prefix=""):
    """Refuse empty strings outside metadata: Stripe reads them as an attempt to unset a parameter."""
    entries = params.items() if isinstance(params, dict) else enumerate(params)
    for key, value in entries:
        name = f"{prefix}[{key}]" if prefix else str(key)
        if key == "metadata":
            continue
        if value == "":
            raise StripeError(
                f"You passed an empty string for '{name}'. We assume empty values are an attempt to unset a "
                f"parameter; however '{name}' cannot be unset. You should remove '{name}' from your request "
                "or supply a non-empty value.",
                param=name,
            )
        if isinstance(value, dict | list):
            reject_empty_strings(value, name)


def require(params, key, name=None):
    """Return params[key], or answer Stripe's "Missing required param" error."""
    value = params.get(key) if isinstance(params, dict) else None
    if value is None:
        name = name or key
        raise StripeError(f"Missing required param: {name}.", code="parameter_missing", param=name)
    return value


def to_int(value, name, minimum=None):
    """Parse an integer parameter the way Stripe does (no decimals, optional lower bound)."""
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and re.fullmatch(r"-?\d+", value):
        number = int(value)
    else:
        raise StripeError(f"Invalid integer: {value}", code="parameter_invalid_integer", param=name)
    if minimum is not None and number < minimum:
        raise StripeError(
            f"This value must be greater than or equal to {minimum}.", code="parameter_invalid_integer", param=name
        )
    return number


def check_url(value, name):
    """Refuse anything but an absolute http(s) URL, as Stripe does for success_url, cancel_url and images."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if not parts or parts.scheme not in ("http", "https") or not parts.netloc:
        raise StripeError("Not a valid URL", code="url_invalid", param=name)
    return value


def check_metadata(value, name="metadata"):
    """Return metadata as a dict of strings within Stripe's limits (50 keys, 40-char keys, 500-char values)."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise StripeError("Invalid object", code="parameter_invalid_empty", param=name)
    if len(value) > 50:
        raise StripeError("Metadata can have up to 50 keys.", param=name)
    for key, item in value.items():
        if len(key) > 40:
            raise StripeError("Metadata keys can be up to 40 characters long.", param=f"{name}[{key}]")
        if not isinstance(item, str) or len(item) > 500:
            raise StripeError("Metadata values can be up to 500 characters long.", param=f"{name}[{key}]")
    return {key: item for key, item in value.items() if item != ""}


def check_choice(value, choices, name):
    """Refuse a value outside an enumeration, naming the allowed ones."""
    if value not in choices:
        listed = ", ".join(sorted(choices))
        raise StripeError(f"Invalid {name}: must be one of {listed}", code="parameter_invalid_string", param=name)
    return value


def check_list(value, name):
    """Return a list parameter (the library sends lists as `name[0]=…`)."""
    if isinstance(value, list):
        return value
    raise StripeError(f"Invalid array: {name} must be a list", code="parameter_invalid_array", param=name)


def display_amount(amount, currency):
    """Write an amount the way Stripe's messages and hosted page do ("₫85,000" for VND)."""
    if currency == "vnd":
        return f"₫{amount:,}"
    return f"{amount:,} {currency.upper()}"
