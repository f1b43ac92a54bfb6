"""Shared pieces of the cart, checkout and payment tests.

A pytest plugin (listed in tests/conftest.py): its fixtures are available everywhere; a module
that checks English messages says so with `pytestmark = pytest.mark.usefixtures("english")`.
"""
import hashlib
import hmac
import itertools
import json
import os
import time

import pytest

WEBHOOK_SECRET = "whsec_checkout_tests"
_event_ids = itertools.count(1)


@pytest.fixture
def card_enabled(app, monkeypatch):
    """A Stripe key and webhook secret are configured (no Stripe call is made unless the test does one)."""
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_checkout")
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)


@pytest.fixture
def stripe_shop(app, monkeypatch, stripe_emulator):
    """The shop pointed at the Stripe emulator, whose webhooks reach the shop through their own test client."""
    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", stripe_emulator.api_key)
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", stripe_emulator.webhook_secret)
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", stripe_emulator.base_url)
    webhook_client = app.test_client()
    stripe_emulator.webhook_sink = lambda body, headers: webhook_client.post(
        "/webhooks/stripe", data=body, headers=headers)
    return stripe_emulator


def mail_files(app):
    """Return the messages written to MAIL_FOLDER, oldest first."""
    folder = app.config["MAIL_FOLDER"]
    if not os.path.isdir(folder):
        return []
    paths = sorted((os.path.join(folder, name) for name in os.listdir(folder)), key=os.path.getmtime)
    return [open(path, "rb").read() for path in paths]


def stripe_event(event_type, obj, event_id=None):
    """Return a Stripe event (as Stripe would send it) wrapping `obj`."""
    return {
        "id": event_id or f"evt_test_{next(_event_ids)}_{int(time.time() * 1000)}",
        "object": "event",
        "type": event_type,
        "api_version": "2025-01-27.acacia",
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def sign(payload, secret=WEBHOOK_SECRET, timestamp=None):
    """Return the Stripe-Signature header for `payload` (bytes), computed as Stripe does."""
    timestamp = int(timestamp or time.time())
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def post_event(client, event, secret=WEBHOOK_SECRET):
    """POST `event` to the webhook, signed with `secret`."""
    payload = json.dumps(event).encode()
    return client.post("/webhooks/stripe", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": sign(payload, secret)})


def checkout_session(order, status="complete", payment_status="paid", **values):
    """A Checkout Session object for `order`, as it appears inside webhook events."""
    session = {
        "id": order.stripe_session_id or f"cs_test_{order.id}",
        "object": "checkout.session",
        "status": status,
        "payment_status": payment_status,
        "amount_total": order.total,
        "currency": "vnd",
        "client_reference_id": order.number,
        "metadata": {"order_id": str(order.id), "order_number": order.number},
        "payment_intent": f"pi_test_{order.id}",
        "url": None,
    }
    session.update(values)
    return session
