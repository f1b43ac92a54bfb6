"""The one way a view tells the user that a service refused: on the form field it names, else a flash.

    with reporting(form) as outcome:
        producers.update_profile(producer, values)
        flash(_("Your profile is saved."), "success")
        return redirect(url_for("producer.profile"))
    return render_template("producer/profile.html", form=form), outcome.status

A ShopError raised in the block is reported and swallowed, and the view goes on after the
block (usually to show the form again); any other exception goes on to the error pages.
"""
from contextlib import contextmanager

from flask import flash

from shop.errors import ShopError


def report_error(error, form=None, default_field=None):
    """Show `error`'s message on the field of `form` it names (or `default_field`), or flash it."""
    name = getattr(error, "field", None) or default_field
    field = form[name] if form is not None and name and name in form else None
    if field is not None:
        field.errors = [*field.errors, error.message]  # a tuple until the form is validated
    else:
        flash(error.message, "error")


class Outcome:
    """What a `reporting` block came to: the error it reported, if any."""

    def __init__(self):
        self.error = None

    @property
    def ok(self):
        """Whether the block ran without a domain error."""
        return self.error is None

    @property
    def status(self):
        """The HTTP status for the page shown after the block: 200, or the error's (400, 409…)."""
        return 200 if self.error is None else self.error.status_code


@contextmanager
def reporting(form=None, default_field=None, errors=ShopError):
    """Run the block; report a domain error of the kinds `errors` with `report_error` and carry on after it."""
    outcome = Outcome()
    try:
        yield outcome
    except errors as error:
        outcome.error = error
        report_error(error, form, default_field)
