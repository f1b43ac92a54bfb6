"""A local Stripe emulator for the shop's tests: the real `stripe` library talks to it over 127.0.0.1.

It speaks the parts of Stripe's API the shop uses (Checkout sessions, payment intents, charges,
refunds, events) with Stripe's shapes and errors, serves a hosted payment page, and sends webhooks
signed with Stripe's `Stripe-Signature` scheme. Nothing leaves the machine.

Point the shop at it (the `stripe_emulator` fixture gives a started one, reset before each test)::

    app.config["STRIPE_SECRET_KEY"] = stripe_emulator.api_key
    app.config["STRIPE_WEBHOOK_SECRET"] = stripe_emulator.webhook_secret
    app.config["STRIPE_API_BASE"] = stripe_emulator.base_url

and have the shop build its client from those settings::

    stripe.StripeClient(api_key, base_addresses={"api": api_base})

Deliver webhooks to the Flask test client, or to a live server by URL::

    stripe_emulator.webhook_sink = lambda body, headers: client.post("/webhooks/stripe", data=body, headers=headers)
    stripe_emulator.webhook_url = live_server_url + "/webhooks/stripe"

Test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined. See `StripeEmulator` for the
helpers that play the customer and Stripe (`pay`, `decline`, `expire`, `async_succeeded`, …) and
for replaying events (`make_event`, `signed`, `deliver`).
"""
from .emulator import StripeEmulator
from .store import DECLINED_CARD, SUCCESS_CARD

__all__ = ["DECLINED_CARD", "SUCCESS_CARD", "StripeEmulator"]
