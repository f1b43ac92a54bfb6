"""VNPay's two signatures, written from the protocol (not shared with the shop's own code)."""
import hashlib
import hmac
from urllib.parse import quote_plus

UNSIGNED = ("vnp_SecureHash", "vnp_SecureHashType")


def secure_hash(params, secret):
    """HMAC-SHA512 over the `vnp_*` parameters sorted by name, `key=quote_plus(value)` joined with `&`."""
    data = "&".join(
        f"{key}={quote_plus(str(value))}"
        for key, value in sorted(params.items())
        if key.startswith("vnp_") and key not in UNSIGNED and value not in (None, "")
    )
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def pipe_hash(values, secret):
    """HMAC-SHA512 over the values joined with `|` (the merchant API's querydr and refund signatures)."""
    data = "|".join("" if value is None else str(value) for value in values)
    return hmac.new(secret.encode("utf-8"), data.encode("utf-8"), hashlib.sha512).hexdigest()


def signature_matches(expected, given):
    """Compare two hex signatures in constant time, ignoring case."""
    return hmac.compare_digest(expected.lower(), (given or "").lower())
