"""Pytest fixtures for the VNPay emulator (registered as a plugin in tests/conftest.py).

`vnpay_emulator` is one server for the whole test session, reset before and after each test. A test
points the shop at it with `use_vnpay(app, monkeypatch, vnpay_emulator)` or the `vnpay_payments`
fixture, which also sends the IPN to the test client.
"""
import pytest

from . import VnpayEmulator


@pytest.fixture(scope="session")
def vnpay_emulator_server():
    """The emulator's server, started once for the test session."""
    emulator = VnpayEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def vnpay_emulator(vnpay_emulator_server):
    """The started emulator with no payments, refunds or IPN target."""
    vnpay_emulator_server.reset()
    yield vnpay_emulator_server
    vnpay_emulator_server.reset()


def use_vnpay(app, monkeypatch, emulator):
    """Point the shop's VNPay settings at the emulator (monkeypatch puts them back)."""
    monkeypatch.setitem(app.config, "VNPAY_TMN_CODE", emulator.tmn_code)
    monkeypatch.setitem(app.config, "VNPAY_HASH_SECRET", emulator.hash_secret)
    monkeypatch.setitem(app.config, "VNPAY_PAYMENT_URL", emulator.payment_url)
    monkeypatch.setitem(app.config, "VNPAY_API_URL", emulator.api_url)
