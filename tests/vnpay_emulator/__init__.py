"""A local VNPay emulator (payment gateway version 2.1.0) for the shop's tests, on 127.0.0.1.

It follows VNPay's published merchant protocol:

- the payment page `GET /paymentv2/vpcpay.html?vnp_...` checks `vnp_SecureHash` (HMAC-SHA512 with the
  hash secret over the `vnp_*` parameters sorted by name, each value `quote_plus`-encoded, joined with
  `&`), the merchant code, the version, the command and the expiry, then shows a page where the
  customer pays or cancels; paying sends the IPN (a signed GET to the merchant's IPN address, which
  VNPay keeps in the merchant's settings, not in the request) and redirects the browser to
  `vnp_ReturnUrl` with the same signed parameters;
- the merchant API `POST /merchant_webapi/api/transaction` (JSON) answers `vnp_Command=querydr` and
  `vnp_Command=refund`, each request and answer signed with HMAC-SHA512 over its own fields joined
  with `|` in VNPay's documented order.

Point the shop at it (the `vnpay_emulator` fixture gives a started one, reset before each test)::

    app.config["VNPAY_TMN_CODE"] = vnpay_emulator.tmn_code
    app.config["VNPAY_HASH_SECRET"] = vnpay_emulator.hash_secret
    app.config["VNPAY_PAYMENT_URL"] = vnpay_emulator.payment_url
    app.config["VNPAY_API_URL"] = vnpay_emulator.api_url

and say where the IPN goes: `vnpay_emulator.ipn_sink = lambda query: client.get("/webhooks/vnpay?" + query)`
(preferred in tests) or `vnpay_emulator.ipn_url = live_server_url + "/webhooks/vnpay"`.
"""
from .emulator import VnpayEmulator
from .signing import pipe_hash, secure_hash

__all__ = ["VnpayEmulator", "pipe_hash", "secure_hash"]
