"""Pytest fixtures for the Stripe emulator (registered as a plugin in tests/conftest.py).

`stripe_emulator` is one server for the whole test session, reset before and after each test, so a
test starts with no sessions, no events and no webhook target. A test points the shop at it with
(monkeypatch puts the values back, since `app` is shared by the whole session)::

    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", stripe_emulator.api_key)
    monkeypatch.setitem(app.config, "STRIPE_WEBHOOK_SECRET", stripe_emulator.webhook_secret)
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", stripe_emulator.base_url)
"""
import pytest

from . import StripeEmulator


@pytest.fixture(scope="session")
def stripe_emulator_server():
    """The emulator's server, started once for the test session."""
    emulator = StripeEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def stripe_emulator(stripe_emulator_server):
    """The started emulator with nothing in it: no objects, no events, no webhook target."""
    stripe_emulator_server.reset()
    yield stripe_emulator_server
    stripe_emulator_server.reset()
