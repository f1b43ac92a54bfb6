"""The shop's form base: WTForms' own messages ("This field is required.") in the reader's language."""
from flask import current_app
from flask_babel import Domain
from flask_wtf import FlaskForm
from wtforms import HiddenField

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


class OrderActionForm(ShopForm):
    """Pay or cancel an unpaid order; `t` is the order's signed link for guests."""

    t = HiddenField()
