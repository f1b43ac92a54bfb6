"""Pytest fixtures for the MoMo emulator (registered as a plugin in tests/conftest.py)."""
import pytest

from . import MomoEmulator


@pytest.fixture(scope="session")
def momo_emulator_server():
    """The emulator's server, started once for the test session."""
    emulator = MomoEmulator().start()
    yield emulator
    emulator.stop()


@pytest.fixture
def momo_emulator(momo_emulator_server):
    """The started emulator with no payments, refunds or IPN target."""
    momo_emulator_server.reset()
    yield momo_emulator_server
    momo_emulator_server.reset()


def use_momo(app, monkeypatch, emulator):
    """Point the shop's MoMo settings at the emulator (monkeypatch puts them back)."""
    monkeypatch.setitem(app.config, "MOMO_PARTNER_CODE", emulator.partner_code)
    monkeypatch.setitem(app.config, "MOMO_ACCESS_KEY", emulator.access_key)
    monkeypatch.setitem(app.config, "MOMO_SECRET_KEY", emulator.secret_key)
    monkeypatch.setitem(app.config, "MOMO_API_BASE", emulator.base_url)
