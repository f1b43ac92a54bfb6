"""The one whole-number parser and the form fields built on it: nothing beyond a database INTEGER gets through."""
from pathlib import Path

import pytest
from werkzeug.datastructures import MultiDict

from shop.services.numbers import INT_MAX, INT_MIN, NotAWholeNumber, OutOfRange, parse_id, parse_whole_number
from shop.web.forms import IdSelectField, ShopForm, WholeNumberField


@pytest.mark.parametrize("text,value", [("0", 0), ("42", 42), (" 7 ", 7), ("+5", 5), ("-3", -3), ("0007", 7),
                                        (str(INT_MAX), INT_MAX), (str(INT_MIN), INT_MIN)])
def test_whole_numbers_are_read(text, value):
    assert parse_whole_number(text) == value


@pytest.mark.parametrize("text", ["", " ", "1.5", "1,000", "1_000", "1e3", "0x10", "１２", "٣", "12abc", "--1", None])
def test_anything_but_digits_is_not_a_whole_number(text):
    with pytest.raises(NotAWholeNumber):
        parse_whole_number(text)


@pytest.mark.parametrize("text,too_large", [(str(2**31), True), (str(2**63), True), (str(2**64), True),
                                            ("9" * 5000, True), (str(-(2**31) - 1), False), ("-" + "9" * 5000, False)])
def test_numbers_beyond_an_integer_are_out_of_range(text, too_large):
    with pytest.raises(OutOfRange) as raised:
        parse_whole_number(text)
    assert raised.value.too_large is too_large


def test_ids_are_one_to_int_max():
    assert [parse_id(t) for t in ("1", str(INT_MAX), "0", "-1", str(2**31), "x", "")] == [1, INT_MAX] + [None] * 5


class NumberForm(ShopForm):
    class Meta:
        csrf = False

    count = WholeNumberField(minimum=0, maximum=10)
    amount = WholeNumberField()
    product_id = IdSelectField(validate_choice=False)


def form_with(app, **data):
    with app.test_request_context(method="POST", data=MultiDict(data)):
        form = NumberForm()
        form.validate()
        return form.data, {name: list(errors) for name, errors in form.errors.items()}


@pytest.mark.usefixtures("english")
def test_the_fields_give_a_field_error_beyond_their_bounds(app):
    assert form_with(app, count="3", amount="5", product_id="9")[0] == {"count": 3, "amount": 5, "product_id": 9}
    _data, errors = form_with(app, count="11", amount=str(2**31), product_id=str(2**63))
    assert errors == {"count": ["This number is too large."], "amount": ["This number is too large."],
                      "product_id": ["Invalid Choice: could not coerce."]}
    _data, errors = form_with(app, count="-1", amount="1.5", product_id="0")
    assert errors == {"count": ["This number is too small."],
                      "amount": ["Enter a whole number, digits only (no decimals or separators)."],
                      "product_id": ["Invalid Choice: could not coerce."]}


def test_no_form_reads_a_number_but_through_the_bounded_fields():
    """IntegerField, DecimalField and SelectField(coerce=int) accept any size: forms use the shop's fields."""
    shop = Path(__file__).resolve().parents[2] / "shop"
    offenders = []
    for path in shop.rglob("*.py"):
        text = path.read_text()
        for needle in ("IntegerField(", "DecimalField(", "FloatField(", "coerce=int"):
            if needle in text and path != shop / "web" / "forms.py":
                offenders.append(f"{path.relative_to(shop)}: {needle}")
    assert offenders == []
