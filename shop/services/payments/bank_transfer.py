"""VietQR bank transfer behind the provider interface: the order page's QR code, confirmed by the bank's word.

Placing the order reserves its stock like a card order; the customer lands on the order page, which
shows a VietQR code (shop.services.payments.vietqr: the account, the exact total and the transfer
note) and the same details as text. Nothing is asked of a bank: the money is confirmed by the
bank-notification webhook (`POST /webhooks/bank`, shop.services.payments.bank_notifications), and
an order whose reservation runs out unpaid is simply cancelled. Refunds are made by hand at the
bank and recorded as such (`refund` returns None).
"""
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_babel import gettext as _

from shop.models.statuses import OrderStatus, PaymentMethod
from shop.services.payments import vietqr
from shop.services.payments.providers import PaymentProvider, Start


@dataclass(frozen=True)
class BankAccount:
    """The shop's account that customers transfer to, and the key its notification service signs with."""

    bank_bin: str
    account_number: str
    account_name: str
    api_key: str

    @classmethod
    def from_config(cls, config=None):
        """Return the configured account, or None unless all four BANK_* settings are present."""
        config = current_app.config if config is None else config
        values = [str(config.get(name) or "").strip() for name in
                  ("BANK_BIN", "BANK_ACCOUNT_NUMBER", "BANK_ACCOUNT_NAME", "BANK_WEBHOOK_API_KEY")]
        return cls(*values) if all(values) else None

    @property
    def bank_name(self):
        return vietqr.bank_name(self.bank_bin)


@dataclass(frozen=True)
class TransferInstructions:
    """What the order page shows a customer who pays by transfer: the QR payload and the same as text."""

    bank_name: str
    account_number: str
    account_name: str
    amount: int
    note: str
    payload: str
    expires_at: datetime | None


def instructions_for(order):
    """Return the TransferInstructions of a bank-transfer order awaiting payment, or None."""
    account = BankAccount.from_config()
    if account is None or order.payment_method != PaymentMethod.BANK_TRANSFER:
        return None
    if order.status != OrderStatus.PENDING_PAYMENT:
        return None
    note = vietqr.transfer_note(order.number)
    payload = vietqr.build_payload(vietqr.TransferQR(account.bank_bin, account.account_number, order.total, note))
    return TransferInstructions(bank_name=account.bank_name, account_number=account.account_number,
                                account_name=account.account_name, amount=order.total, note=note,
                                payload=payload, expires_at=order.reservation_expires_at)


class VietQRTransfer(PaymentProvider):
    """A transfer to the shop's bank account by VietQR: offered when the four BANK_* settings are set."""

    method = PaymentMethod.BANK_TRANSFER

    def is_configured(self, config):
        return BankAccount.from_config(config) is not None

    def start(self, order, context):
        """Land on the order page, which shows the QR code and the transfer details."""
        return Start(message=_("Order %(number)s is placed. Scan the QR code with your banking app, or transfer "
                               "the exact amount with the note shown: the order is confirmed as soon as the money "
                               "arrives.", number=order.number))

    def handle_notification(self, authorization, body):
        """Check the bank-notification service's key and apply its transfer; see bank_notifications."""
        from shop.services.payments.bank_notifications import receive_bank_notification

        return receive_bank_notification(authorization, body)


PROVIDER = VietQRTransfer()
