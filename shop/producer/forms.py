"""Forms of the producer portal."""
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, EmailField, PasswordField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from shop.models.facts import MAX_INGREDIENTS, MAX_NET_QUANTITY, MAX_SHELF_LIFE_DAYS, MAX_SHIPPING_WEIGHT
from shop.models.product_kinds import AirTravel, Allergen, NetUnit, SendingAbroad, Storage
from shop.models.statuses import PRODUCER, LegalType, StockReason
from shop.services.accounts.users import MIN_PASSWORD_LENGTH
from shop.services.bookings.slots import MAX_CAPACITY
from shop.services.catalog.products import MAX_PRICE, MAX_STOCK
from shop.services.traceability.batches import MAX_BATCH_QUANTITY
from shop.web.forms import IdSelectField, ShopForm, WholeNumberField


class BusinessFields:
    """The producer's public details, shared by the application and the profile."""

    address = StringField(_l("Address"), validators=[DataRequired(), Length(max=300)])
    phone = StringField(_l("Phone"), validators=[DataRequired(), Length(max=30)])
    story_vi = TextAreaField(_l("Your story (Vietnamese)"), validators=[Optional(), Length(max=5000)])
    story_en = TextAreaField(_l("Your story (English)"), validators=[Optional(), Length(max=5000)])


class ApplyForm(BusinessFields, ShopForm):
    business_name = StringField(_l("Business name"), validators=[DataRequired(), Length(max=200)])
    legal_type = SelectField(_l("Kind of business"),
                             choices=[SelectChoice(kind, label) for kind, label in LegalType.choices(PRODUCER)])
    area_id = IdSelectField(_l("Area"), validators=[InputRequired()])


class AccountFields(ShopForm):
    """A new account for someone who applies without being signed in."""

    name = StringField(_l("Your full name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=MIN_PASSWORD_LENGTH, max=200)])
    confirm = PasswordField(
        _l("Repeat password"), validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))]
    )


class ApplyWithAccountForm(ApplyForm, AccountFields):
    pass


class ProfileForm(BusinessFields, ShopForm):
    story_zh = TextAreaField(_l("Your story (Chinese)"), validators=[Optional(), Length(max=5000)])
    story_ko = TextAreaField(_l("Your story (Korean)"), validators=[Optional(), Length(max=5000)])


def _blank_and(enum):
    """The choices of an optional kind: "not stated" first, then the enum's members in the producer's words."""
    return [SelectChoice("", _l("Not stated"))] + _choices(enum)


def _choices(enum):
    return [SelectChoice(value, label) for value, label in enum.choices(PRODUCER)]


class ProductForm(ShopForm):
    name_vi = StringField(_l("Name (Vietnamese)"), validators=[DataRequired(), Length(max=200)])
    name_en = StringField(_l("Name (English)"), validators=[Optional(), Length(max=200)])
    category_id = IdSelectField(_l("Product group"), validators=[InputRequired()])
    product_set = SelectField(_l("Product set (Decision 148/QĐ-TTg)"), validators=[Optional()], validate_choice=False)
    price = WholeNumberField(
        _l("Price (đồng)"), validators=[InputRequired(), NumberRange(min=1, max=MAX_PRICE, message=_l(
            "The price must be a whole number of đồng greater than zero."))]
    )
    unit_vi = StringField(_l("Unit (Vietnamese)"), validators=[DataRequired(), Length(max=60)])
    unit_en = StringField(_l("Unit (English)"), validators=[Optional(), Length(max=60)])
    description_vi = TextAreaField(_l("Description (Vietnamese)"), validators=[DataRequired(), Length(max=10000)])
    description_en = TextAreaField(_l("Description (English)"), validators=[Optional(), Length(max=10000)])
    # Chinese and Korean, like English, are optional: a missing one shows the English, then the Vietnamese.
    name_zh = StringField(_l("Name (Chinese)"), validators=[Optional(), Length(max=200)])
    unit_zh = StringField(_l("Unit (Chinese)"), validators=[Optional(), Length(max=60)])
    description_zh = TextAreaField(_l("Description (Chinese)"), validators=[Optional(), Length(max=10000)])
    name_ko = StringField(_l("Name (Korean)"), validators=[Optional(), Length(max=200)])
    unit_ko = StringField(_l("Unit (Korean)"), validators=[Optional(), Length(max=60)])
    description_ko = TextAreaField(_l("Description (Korean)"), validators=[Optional(), Length(max=10000)])
    low_stock_threshold = WholeNumberField(
        _l("Low-stock alert at"), default=5,
        validators=[InputRequired(), NumberRange(min=0, max=MAX_STOCK)],
    )
    # The product's facts (shop.services.catalog.facts): every one optional, numbers bounded like the columns.
    ingredients_vi = TextAreaField(_l("Ingredients (Vietnamese)"), validators=[Optional(), Length(max=MAX_INGREDIENTS)])
    ingredients_en = TextAreaField(_l("Ingredients (English)"), validators=[Optional(), Length(max=MAX_INGREDIENTS)])
    net_quantity = WholeNumberField(_l("Net quantity"),
                                    validators=[Optional(), NumberRange(min=1, max=MAX_NET_QUANTITY)])
    net_unit = SelectField(_l("Unit of the net quantity"), choices=_blank_and(NetUnit), validators=[Optional()])
    shipping_weight_g = WholeNumberField(_l("Weight packed (grams)"),
                                         validators=[Optional(), NumberRange(min=1, max=MAX_SHIPPING_WEIGHT)])
    shelf_life_days = WholeNumberField(_l("Shelf life (days)"),
                                       validators=[Optional(), NumberRange(min=1, max=MAX_SHELF_LIFE_DAYS)])
    storage = SelectField(_l("Storage"), choices=_blank_and(Storage), validators=[Optional()])
    allergens = SelectMultipleField(_l("Allergens"), choices=_choices(Allergen), validators=[Optional()],
                                    widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())
    air_travel = SelectField(_l("Can it go on a plane?"), choices=_blank_and(AirTravel), validators=[Optional()])
    sending_abroad = SelectField(_l("Can it be sent abroad?"), choices=_blank_and(SendingAbroad),
                                 validators=[Optional()])


class NewProductForm(ProductForm):
    opening_stock = WholeNumberField(
        _l("Opening stock"), default=0, validators=[InputRequired(), NumberRange(min=0, max=MAX_STOCK)]
    )


class PhotoForm(ShopForm):
    photo = FileField(_l("Photo (JPEG, PNG or WebP, at most 5 MB)"), validators=[FileRequired()])


class StockForm(ShopForm):
    reason = SelectField(_l("Reason"),
                         choices=[SelectChoice(reason, label) for reason, label in StockReason.choices(
                             members=StockReason.manual())])
    quantity = WholeNumberField(_l("Quantity"), validators=[InputRequired()])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=300)])


class CertificationForm(ShopForm):
    # Not limited to the listed choices: the service answers 404 for a product that is not the producer's.
    product_id = IdSelectField(_l("Product"), validate_choice=False, validators=[InputRequired()])
    decision_number = StringField(_l("Decision number"), validators=[DataRequired(), Length(max=80)])
    decision_date = DateField(_l("Decision date"), validators=[InputRequired()])
    scan = FileField(_l("Scan of the decision (PDF or picture, at most 5 MB)"), validators=[FileRequired()])


class ShipForm(ShopForm):
    carrier = StringField(_l("Carrier"), validators=[DataRequired(), Length(max=80)])
    tracking_number = StringField(_l("Tracking number"), validators=[DataRequired(), Length(max=80)])


class BatchForm(ShopForm):
    lot_number = StringField(_l("Lot number"), validators=[DataRequired(), Length(max=40)])
    produced_on = DateField(_l("Production date"), validators=[InputRequired()])
    best_before = DateField(_l("Best before"), validators=[InputRequired()])
    quantity = WholeNumberField(_l("Units made"),
                                validators=[InputRequired(), NumberRange(min=1, max=MAX_BATCH_QUANTITY)])
    traceability_url = StringField(_l("Traceability record (qn.check.net.vn)"),
                                   validators=[Optional(), Length(max=500)])


class LotChoiceForm(ShopForm):
    batch_id = WholeNumberField(_l("Lot"), validators=[InputRequired()], minimum=1)


class SalesFilterForm(ShopForm):
    """The sales list's filter, read from the query string."""

    class Meta:
        csrf = False

    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
    status = SelectField(_l("Order status"), validators=[Optional()])


class SlotsForm(ShopForm):
    """Open visits of a tourism product: a range of days, the starting times and how many people each takes."""

    product_id = IdSelectField(_l("Visit"), validators=[InputRequired()])
    first_day = DateField(_l("First day"), validators=[InputRequired()])
    last_day = DateField(_l("Last day"), validators=[InputRequired()])
    times = StringField(_l("Starting times"), default="08:00, 14:00", validators=[DataRequired(), Length(max=100)])
    capacity = WholeNumberField(_l("People per visit"), minimum=1, maximum=MAX_CAPACITY, default=20,
                                validators=[InputRequired()])


class CapacityForm(ShopForm):
    """Change how many people one slot takes (never fewer than booked)."""

    capacity = WholeNumberField(_l("People"), minimum=0, maximum=MAX_CAPACITY, validators=[InputRequired()])


class VoucherCodeForm(ShopForm):
    """Type the code of a voucher shown at the entrance."""

    code = StringField(_l("Voucher code"), validators=[DataRequired(), Length(max=40)])
