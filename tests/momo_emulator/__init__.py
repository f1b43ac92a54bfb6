"""A local MoMo emulator (All-In-One v2, `captureWallet`) for the shop's tests, on 127.0.0.1.

It follows MoMo's published AIO v2 protocol:

- `POST /v2/gateway/api/create` (JSON) checks `signature` = HMAC-SHA256 with the secret key over
  `accessKey=…&amount=…&extraData=…&ipnUrl=…&orderId=…&orderInfo=…&partnerCode=…&redirectUrl=…&requestId=…&requestType=…`
  and answers `payUrl` (the emulator's payment page) with `resultCode` 0, or a non-zero `resultCode`;
- the payment page `GET /v2/gateway/pay?t=…` lets the customer pay or cancel; finishing sends the IPN
  (`POST ipnUrl`, JSON signed over `accessKey, amount, extraData, message, orderId, orderInfo, orderType,
  partnerCode, payType, requestId, responseTime, resultCode, transId`) and redirects to `redirectUrl` with
  the same signed fields in the query string;
- `POST /v2/gateway/api/query` (signed over `accessKey, orderId, partnerCode, requestId`) and
  `POST /v2/gateway/api/refund` (signed over `accessKey, amount, description, orderId, partnerCode,
  requestId, transId`).

Point the shop at it (`momo_emulator` is started once and reset before each test)::

    app.config["MOMO_PARTNER_CODE"] = momo_emulator.partner_code
    app.config["MOMO_ACCESS_KEY"] = momo_emulator.access_key
    app.config["MOMO_SECRET_KEY"] = momo_emulator.secret_key
    app.config["MOMO_API_BASE"] = momo_emulator.base_url

The IPN goes to the request's `ipnUrl` unless a test sets `momo_emulator.ipn_sink = lambda body: client.post(...)`.
"""
from .emulator import MomoEmulator
from .signing import CREATE_FIELDS, IPN_FIELDS, QUERY_FIELDS, REFUND_FIELDS, sign

__all__ = ["CREATE_FIELDS", "IPN_FIELDS", "QUERY_FIELDS", "REFUND_FIELDS", "MomoEmulator", "sign"]
