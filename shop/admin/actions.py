"""The back office's way of running one service call behind a form, with flashed results."""
from flask import flash
from flask_babel import gettext as _

from shop.web.feedback import reporting


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
    with reporting() as outcome:  # the pages redirect afterwards: a refusal is flashed, never put on a field
        action()
        flash(success, "success")
    return outcome.ok
