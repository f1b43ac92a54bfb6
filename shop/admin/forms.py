"""Forms of the back office (POST forms carry the CSRF token)."""
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField, URLField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from shop.models.info_page import BODY_MAX as INFO_BODY_MAX
from shop.models.info_page import TITLE_MAX as INFO_TITLE_MAX
from shop.models.statuses import RatingKind, Role
from shop.web.forms import IdSelectField, ShopForm, WholeNumberField, optional_id


class ActionForm(ShopForm):
    """A button that changes something: only the CSRF token."""


class NoteForm(ShopForm):
    """An action with an optional note."""

    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])


class ReasonForm(ShopForm):
    """An action that needs a reason the other party will read."""

    note = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=500)])


def _star_choices():
    choices = [SelectChoice("", _l("Choose…"))] + [SelectChoice(n, "★" * n + f" ({n})") for n in range(5, 2, -1)]
    return choices + [SelectChoice(n, "★" * n + f" ({n}) — " + _l("unsuccessful assessment, no certificate"))
                      for n in (2, 1)]


class CertificationForm(ShopForm):
    stars = SelectField(_l("Stars"), coerce=optional_id, validators=[InputRequired()],
                        choices=_star_choices())
    score = WholeNumberField(_l("Score (out of 100)"), validators=[Optional(), NumberRange(min=0, max=100)])
    kind = SelectField(_l("Kind of rating"), default=RatingKind.NEW.value,
                       choices=[SelectChoice(code, label) for code, label in RatingKind.choices()])
    replaces_id = IdSelectField(_l("Replaces the rating"), validate_choice=False,
                              validators=[Optional()], choices=[SelectChoice("", _l("None (a new rating)"))])
    potential_five_star = BooleanField(
        _l("Potential 5-star product (a 4-star rating proposed for the national assessment)"))
    decision_number = StringField(_l("Decision number"), validators=[DataRequired(), Length(max=80)])
    decision_date = DateField(_l("Decision date"), validators=[InputRequired()])
    issuing_body = StringField(_l("Issuing body"), validators=[Optional(), Length(max=200)])
    issuer_reason = StringField(_l("Reason for another issuing body"), validators=[Optional(), Length(max=300)])
    expires_on = DateField(_l("Valid until"), validators=[Optional()])
    traceability_url = URLField(_l("Traceability address"), validators=[Optional(), Length(max=500)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=500)])


class RoleForm(ShopForm):
    role = SelectField(_l("Role"), choices=[SelectChoice(code, label) for code, label in Role.choices()],
                       validators=[DataRequired()])


class RefundForm(ShopForm):
    amount = WholeNumberField(_l("Amount (₫)"), validators=[InputRequired(), NumberRange(min=1)])
    note = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=500)])
    restock = BooleanField(_l("Return all of the order’s goods to stock"))


class MatchTransferForm(ShopForm):
    """Match a bank transfer from the reconciliation queue to an order awaiting payment."""

    order_number = StringField(_l("Order number"), validators=[DataRequired(), Length(max=20)])
    accept_difference = BooleanField(_l("Accept an amount different from the order's total"))
    note = TextAreaField(_l("Note (optional)"), validators=[Optional(), Length(max=500)])
class InfoPageForm(ShopForm):
    """The office's text of one information page, a title and a text per language (both empty: the shop's own)."""

    @classmethod
    def for_languages(cls, languages):
        """Return the form class with a title and a body field for each of `languages`."""
        fields = {}
        for code in languages:
            fields[f"title_{code}"] = StringField(_l("Title"), validators=[Optional(), Length(max=INFO_TITLE_MAX)])
            fields[f"body_{code}"] = TextAreaField(_l("Text"), validators=[Optional(), Length(max=INFO_BODY_MAX)])
        return type("InfoPageTextsForm", (cls,), fields)

    def texts(self, languages):
        """Return {language: (title, body)} as typed."""
        return {code: (self[f"title_{code}"].data or "", self[f"body_{code}"].data or "") for code in languages}
