"""A local emulator of SePay, the bank-notification service, and of the customer's banking app.

It follows SePay's published webhook protocol: for every transaction on the linked account it POSTs
one JSON object to the webhook URL with `Content-Type: application/json` and `Authorization: Apikey
<key>`, the fields `id, gateway, transactionDate, accountNumber, code, content, transferType,
transferAmount, accumulated, subAccount, referenceCode, description`, and counts the delivery done
only on a 2xx answer whose JSON says `{"success": true}`; otherwise it retries (SePay: up to 7 more
times at Fibonacci intervals; here each `retry_failed()` call is the next interval).

The banking-app side reads a VietQR payload as an app does (its own EMVCo parser and CRC check, not
the shop's), then transfers the amount with the note, which the bank may rewrite as banks do.

    emulator = SepayEmulator(account_number="0011001932418", bank_bin="970436")
    emulator.sink = lambda headers, data: client.post("/webhooks/bank", data=data, headers=headers)
    emulator.pay_qr(payload)          # scan and pay: one transaction, one webhook
"""
from .emulator import BANK_REWRITES, SepayEmulator, http_sink, parse_vietqr

__all__ = ["BANK_REWRITES", "SepayEmulator", "http_sink", "parse_vietqr"]
