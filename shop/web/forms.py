"""The shop's form base: WTForms' own messages ("This field is required.") in the reader's language."""
from flask import current_app
from flask_babel import Domain
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField

from shop.services.numbers import INT_MAX, INT_MIN, NotAWholeNumber, OutOfRange, parse_whole_number

# WTForms ships no Vietnamese, so the shop keeps WTForms' messages in its own catalogue,
# under the domain "wtforms" (shop/translations/<lang>/LC_MESSAGES/wtforms.po).
_domain = Domain(domain="wtforms")


class _WTFormsMessages:
    """Translate a WTForms message; WTForms fills its %(name)s placeholders itself afterwards."""

    def gettext(self, string):
        return _domain.get_translations().ugettext(string)

    def ngettext(self, singular, plural, n):
        return _domain.get_translations().ungettext(singular, plural, n)


_messages = _WTFormsMessages()


class ShopForm(FlaskForm):
    """Every form of the shop: Flask-WTF's form whose validation messages speak the shop's language."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            if not current_app.config.get("WTF_I18N_ENABLED", True):
                return super().get_translations(form)
            return _messages


class WholeNumberField(IntegerField):
    """The one integer field of the shop's forms: digits only, never beyond a database INTEGER.

    Decimals, separators and text get a plain message; a number outside [minimum, maximum] (at most
    the INTEGER range) a "too large" / "too small" error on the field, so it never reaches the
    database. Blank is None, left to InputRequired or Optional.
    """

    def __init__(self, label=None, validators=None, minimum=INT_MIN, maximum=INT_MAX, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.minimum, self.maximum = max(minimum, INT_MIN), min(maximum, INT_MAX)

    def process_formdata(self, valuelist):
        if not valuelist or not str(valuelist[0]).strip():
            self.data = None
            return
        try:
            self.data = parse_whole_number(valuelist[0], self.minimum, self.maximum)
        except NotAWholeNumber:
            self.data = None
            raise ValueError(_l("Enter a whole number, digits only (no decimals or separators).")) from None
        except OutOfRange as error:
            self.data = None
            raise ValueError(_l("This number is too large.") if error.too_large else _l("This number is too small.")) \
                from None


def optional_id(value):
    """Coerce a submitted choice to a row id (1 to INT_MAX), "" and None to None; raise ValueError otherwise."""
    if value in ("", None):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return parse_whole_number(value, minimum=1)


class IdSelectField(SelectField):
    """A choice of a row by its id: the submitted id is bounded like every id (never a database error)."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("coerce", optional_id)
        super().__init__(label, validators, **kwargs)


class OrderActionForm(ShopForm):
    """Pay or cancel an unpaid order; `t` is the order's signed link for guests."""

    t = HiddenField()
