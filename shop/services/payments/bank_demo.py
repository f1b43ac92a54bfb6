"""The demo's bank: plays SePay's notification of a customer's transfer, so a newcomer can watch an order get paid."""
import secrets

from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import InvalidInput
from shop.extensions import db
from shop.models import Order
from shop.services.localtime import local_now
from shop.services.payments.bank_notifications import receive_bank_notification
from shop.services.payments.bank_transfer import BankAccount
from shop.services.payments.vietqr import transfer_note


def notification_for(order, account, amount=None, note=None):
    """Return the JSON body SePay would send for a transfer to `account` paying `order` (its fields as published)."""
    sepay_id = 900_000_000 + secrets.randbelow(99_999_999)
    content = note if note is not None else transfer_note(order.number)
    return {
        "id": sepay_id, "gateway": account.bank_name, "transactionDate": local_now().strftime("%Y-%m-%d %H:%M:%S"),
        "accountNumber": account.account_number, "code": None, "content": content, "transferType": "in",
        "transferAmount": order.total if amount is None else amount, "accumulated": 0, "subAccount": None,
        "referenceCode": f"DEMO{sepay_id}", "description": f"BankAPINotify {content}",
    }


def simulate_transfer(number, amount=None, note=None):
    """Deliver a demo transfer for order `number` through the webhook's own checks; return its result word. Commits."""
    account = BankAccount.from_config()
    if account is None:
        raise InvalidInput(_("VietQR is not configured: set BANK_BIN, BANK_ACCOUNT_NUMBER, BANK_ACCOUNT_NAME and "
                             "BANK_WEBHOOK_API_KEY."))
    order = db.session.scalar(select(Order).where(Order.number == (number or "").strip().upper()))
    if order is None:
        raise InvalidInput(_("No order has the number %(number)s.", number=number))
    return receive_bank_notification(f"Apikey {account.api_key}", notification_for(order, account, amount, note))
