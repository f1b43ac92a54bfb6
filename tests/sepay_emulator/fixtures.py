"""Pytest fixtures for the SePay emulator (registered as a plugin in tests/conftest.py)."""
import pytest

from . import SepayEmulator

BANK_SETTINGS = {"BANK_BIN": "970436", "BANK_ACCOUNT_NUMBER": "0011001932418",
                 "BANK_ACCOUNT_NAME": "HTX OCOP QUANG NINH", "BANK_WEBHOOK_API_KEY": "sepay-test-api-key"}


def use_bank(app, monkeypatch, settings=None):
    """Give the shop the test bank account and webhook key (monkeypatch puts the settings back)."""
    for name, value in (settings or BANK_SETTINGS).items():
        monkeypatch.setitem(app.config, name, value)


@pytest.fixture
def sepay(app, client, monkeypatch):
    """The shop with VietQR configured and a SePay emulator whose webhooks reach it through the test client."""
    use_bank(app, monkeypatch)
    emulator = SepayEmulator(account_number=BANK_SETTINGS["BANK_ACCOUNT_NUMBER"], bank_bin=BANK_SETTINGS["BANK_BIN"],
                             api_key=BANK_SETTINGS["BANK_WEBHOOK_API_KEY"])
    emulator.sink = lambda headers, data: client.post("/webhooks/bank", data=data, headers=headers)
    return emulator
