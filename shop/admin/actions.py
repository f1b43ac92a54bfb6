"""Helpers the back-office views share: load or 404, run one service call behind a form, paginate."""
from flask import abort, flash, request
from flask_babel import gettext as _

from shop.errors import ShopError
from shop.extensions import db
from shop.web.query_args import int_arg

PER_PAGE = 30


def get_or_404(model, ident):
    """Return the row of `model` with primary key `ident`, or answer 404."""
    row = db.session.get(model, ident)
    if row is None:
        abort(404)
    return row


def flash_form_errors(form):
    """Flash each field error of `form` as "Label: message"."""
    for field in form:
        for error in field.errors:
            label = _("Form") if field.name == "csrf_token" else field.label.text
            flash(f"{label}: {error}", "error")


def perform(form, action, success):
    """Validate `form`, then call `action()`; flash `success` or what went wrong. Return whether it worked."""
    if not form.validate_on_submit():
        flash_form_errors(form)
        return False
    try:
        action()
    except ShopError as error:
        db.session.rollback()
        flash(error.message, "error")
        return False
    flash(success, "success")
    return True


def paginate(query):
    """Paginate a select by the `page` argument."""
    return db.paginate(query, page=int_arg("page", 1), per_page=PER_PAGE,
                       error_out=False, count=True)


def list_args():
    """The current query arguments without `page`, for pager links."""
    return {key: value for key, value in request.args.items() if key != "page"}
