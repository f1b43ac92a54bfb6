"""Bank transfers to reconcile: the office matches each to an order, refunds it by hand, or dismisses it."""
from flask import redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from shop.admin import bp
from shop.admin.actions import perform
from shop.admin.forms import MatchTransferForm, ReasonForm
from shop.models import BankTransfer
from shop.services.payments import bank_reconcile
from shop.web.lookups import get_or_404


@bp.get("/bank-transfers")
def bank_transfers():
    return render_template("admin/bank_transfers.html", queue=bank_reconcile.transfers_to_reconcile(),
                           recent=bank_reconcile.recent_transfers(), match_form=MatchTransferForm(formdata=None),
                           reason_form=ReasonForm(formdata=None))


@bp.post("/bank-transfers/<int:transfer_id>/match")
def match_bank_transfer(transfer_id):
    transfer = get_or_404(BankTransfer, transfer_id)
    form = MatchTransferForm()
    perform(form, lambda: bank_reconcile.match_transfer(transfer.id, form.order_number.data, current_user,
                                                        form.note.data or "", form.accept_difference.data),
            _("The transfer is matched to order %(number)s, which is now paid.",
              number=(form.order_number.data or "").strip().upper()))
    return redirect(url_for(".bank_transfers"))


@bp.post("/bank-transfers/<int:transfer_id>/refund")
def refund_bank_transfer(transfer_id):
    transfer = get_or_404(BankTransfer, transfer_id)
    form = ReasonForm()
    perform(form, lambda: bank_reconcile.refund_transfer(transfer.id, current_user, form.note.data),
            _("The transfer is recorded as refunded by hand."))
    return redirect(url_for(".bank_transfers"))


@bp.post("/bank-transfers/<int:transfer_id>/dismiss")
def dismiss_bank_transfer(transfer_id):
    transfer = get_or_404(BankTransfer, transfer_id)
    form = ReasonForm()
    perform(form, lambda: bank_reconcile.dismiss_transfer(transfer.id, current_user, form.note.data),
            _("The transfer is dismissed."))
    return redirect(url_for(".bank_transfers"))
