"""The bank's word on incoming transfers (SePay's webhook format), stored once and matched to orders.

SePay POSTs one JSON object per transaction on the linked account with the header
`Authorization: Apikey <key>` and the fields `id, gateway, transactionDate, accountNumber, code,
content, transferType ("in" or "out"), transferAmount, accumulated, subAccount, referenceCode,
description`; it counts any 2xx answer with `{"success": true}` as delivered and retries otherwise.

- A wrong or missing key: Unauthenticated (401), nothing stored.
- A malformed body: InvalidInput (400), nothing stored.
- Anything else is stored once by its `id` (shop.services.payments.notifications) and answered as
  received, a redelivery included. Money out of the account and transfers to another account
  change nothing. An incoming transfer is a BankTransfer row: when its note names one order
  awaiting a bank transfer and the amount is that order's total, it pays the order (exactly once:
  the order is locked, and a second notification of the same id is refused by the unique index);
  otherwise it waits in the office's queue (shop.services.payments.bank_reconcile) with its issue.

Matching survives what banks do to transfer text (upper or lower case, spaces and punctuation
added or dropped, their own words before and after): the note and the text are folded to capital
letters and digits, and every order number found in the folded text is looked up.
"""
import hmac
import re
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from shop.errors import InvalidInput, Unauthenticated
from shop.extensions import db
from shop.models import BankTransfer, Order, OrderEvent
from shop.models.statuses import BankTransferStatus, OrderStatus, PaymentMethod, TransferIssue
from shop.services.audit import record_audit
from shop.services.orders.placing import NUMBER_ALPHABET, NUMBER_LENGTH, NUMBER_PREFIX, lock_order
from shop.services.payments.bank_transfer import BankAccount
from shop.services.payments.notifications import receive_notification, record_payment
from shop.services.payments.providers import Outcome

MAX_AMOUNT = 2_147_483_647  # the largest amount a database INTEGER holds
ORDER_NUMBER = re.compile(f"(?=({NUMBER_PREFIX}[{NUMBER_ALPHABET}]{{{NUMBER_LENGTH}}}))")


@dataclass(frozen=True)
class TransferNotice:
    """One SePay notification, checked and in the shop's terms."""

    sepay_id: str
    incoming: bool
    amount: int
    account_number: str
    sub_account: str
    gateway: str
    transaction_date: str
    code: str | None
    content: str
    reference_code: str


def _text(body, name, limit):
    value = body.get(name)
    if value is None:
        return ""
    if not isinstance(value, str | int):
        raise InvalidInput(_("This bank notification is malformed (%(field)s).", field=name))
    return str(value)[:limit]


def _whole(body, name):
    value = body.get(name)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_AMOUNT:
        raise InvalidInput(_("This bank notification is malformed (%(field)s).", field=name))
    return value


def parse_notice(body):
    """Return the TransferNotice of a SePay body (a dict); InvalidInput when a field is missing or wrong."""
    if not isinstance(body, dict):
        raise InvalidInput(_("This bank notification is malformed (%(field)s).", field="body"))
    sepay_id = str(_whole(body, "id"))
    kind = body.get("transferType")
    if kind not in ("in", "out"):
        raise InvalidInput(_("This bank notification is malformed (%(field)s).", field="transferType"))
    code = _text(body, "code", 80) or None
    return TransferNotice(
        sepay_id=sepay_id, incoming=kind == "in", amount=_whole(body, "transferAmount"),
        account_number=_text(body, "accountNumber", 40), sub_account=_text(body, "subAccount", 40),
        gateway=_text(body, "gateway", 80), transaction_date=_text(body, "transactionDate", 40), code=code,
        content=_text(body, "content", 2000), reference_code=_text(body, "referenceCode", 80),
    )


def is_authorized(header, api_key):
    """Whether an Authorization header is `Apikey <api_key>` (the scheme in any case; compared in constant time)."""
    scheme, _space, token = (header or "").strip().partition(" ")
    return bool(api_key) and scheme.lower() == "apikey" and hmac.compare_digest(token.strip().encode(),
                                                                                   api_key.encode())


def folded(text):
    """Return `text` in capital letters and digits only (what is left of a note after any bank's rewriting)."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def named_numbers(*texts):
    """Return the order numbers that the texts spell out, in the order found, each once."""
    found = []
    for text in texts:
        for number in ORDER_NUMBER.findall(folded(text)):
            if number not in found:
                found.append(number)
    return found


def named_order_id(notice):
    """Return the id of the one order the transfer's code or content names, or None (none, or several)."""
    numbers = named_numbers(notice.code, notice.content)
    if not numbers:
        return None
    ids = db.session.scalars(select(Order.id).where(Order.number.in_(numbers))).all()
    return ids[0] if len(ids) == 1 else None


def issue_with(order, amount):
    """Why `amount` cannot pay `order` by itself (a TransferIssue), or None when it pays it."""
    if order is None:
        return TransferIssue.NO_ORDER
    if order.status == OrderStatus.CANCELLED:
        return TransferIssue.LATE
    if order.status != OrderStatus.PENDING_PAYMENT:
        return TransferIssue.ALREADY_PAID
    if order.payment_method != PaymentMethod.BANK_TRANSFER:
        return TransferIssue.OTHER_METHOD
    if amount != order.total:
        return TransferIssue.SHORT if amount < order.total else TransferIssue.OVER
    return None


def receive_bank_notification(authorization, body):
    """Check, store once and apply one SePay notification; return its result word. Commits.

    Unauthenticated for a wrong or missing key, InvalidInput for a malformed body (nothing stored).
    """
    account = BankAccount.from_config()
    if account is None or not is_authorized(authorization, account.api_key):
        raise Unauthenticated(_("This bank notification does not carry the shop's key."))
    notice = parse_notice(body)
    received = receive_notification(
        PaymentMethod.BANK_TRANSFER, notice.sepay_id, "transfer_in" if notice.incoming else "transfer_out", body,
        lambda: apply_notice(notice, account),
    )
    return received.notification.outcome


def apply_notice(notice, account):
    """Record an incoming transfer and pay the order it names, or queue it for the office; return an Outcome.

    Runs inside receive_notification's transaction; does not commit.
    """
    if not notice.incoming:
        return Outcome(result="outgoing")
    if account.account_number not in (notice.account_number, notice.sub_account):
        current_app.logger.warning("bank notification %s is for account %s", notice.sepay_id, notice.account_number)
        return Outcome(result="other_account")
    order_id = named_order_id(notice)
    order = lock_order(order_id) if order_id else None
    issue = issue_with(order, notice.amount)
    transfer = BankTransfer(
        sepay_id=notice.sepay_id, gateway=notice.gateway, transaction_date=notice.transaction_date,
        account_number=notice.account_number, code=notice.code, content=notice.content, amount=notice.amount,
        reference_code=notice.reference_code, order=order,
        status=BankTransferStatus.APPLIED if issue is None else BankTransferStatus.TO_RECONCILE,
        issue=issue.value if issue else None,
    )
    db.session.add(transfer)
    db.session.flush()
    if issue is None:
        return record_payment(order, f"bank transfer {notice.reference_code or notice.sepay_id}")
    _queue(transfer, issue)
    return Outcome(order, result=issue.value)


def _queue(transfer, issue):
    """Tell the office about a transfer it must reconcile: the log, the audit log, the order's history."""
    text = f"bank transfer of {transfer.amount} VND to reconcile: {issue.value}"
    current_app.logger.warning("bank transfer %s (%s): %s", transfer.sepay_id, transfer.reference_code, text)
    record_audit(None, "bank_transfer.queued", transfer, None, {"issue": issue.value, "amount": transfer.amount},
                 text)
    if transfer.order is not None:
        order = transfer.order
        db.session.add(OrderEvent(order=order, from_status=order.status, to_status=order.status, note=text[:500]))
