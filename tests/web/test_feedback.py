"""The one way a view reports a domain error: on the form field it names, otherwise as a flash."""
import pytest
from flask import get_flashed_messages
from wtforms import StringField

from shop.errors import InvalidInput, NotFound, OutOfStock
from shop.web.feedback import report_error, reporting
from shop.web.forms import ShopForm


class NameForm(ShopForm):
    name = StringField("Name")
    email = StringField("E-mail")


@pytest.fixture
def request_context(app):
    with app.test_request_context("/", method="POST"):
        yield


def new_form():
    return NameForm(meta={"csrf": False})


def test_an_error_naming_a_field_goes_on_that_field(request_context):
    form = new_form()
    report_error(InvalidInput("Give the name.", field="name"), form)
    assert form.name.errors == ["Give the name."] and not form.email.errors
    assert get_flashed_messages() == []


def test_an_error_naming_no_field_is_flashed(request_context):
    form = new_form()
    report_error(InvalidInput("Nothing to change."), form)
    assert not form.name.errors and not form.email.errors
    assert get_flashed_messages(with_categories=True) == [("error", "Nothing to change.")]


def test_the_default_field_takes_an_error_naming_none(request_context):
    form = new_form()
    report_error(InvalidInput("This e-mail is taken."), form, default_field="email")
    assert form.email.errors == ["This e-mail is taken."]


def test_without_a_form_or_with_an_unknown_field_it_is_flashed(request_context):
    report_error(InvalidInput("Refused.", field="name"))
    report_error(InvalidInput("Unknown field.", field="colour"), new_form())
    assert get_flashed_messages() == ["Refused.", "Unknown field."]


def test_reporting_swallows_a_domain_error_and_says_what_it_was(request_context):
    form = new_form()
    error = OutOfStock("Sold out.")
    with reporting(form) as outcome:
        raise error
    assert outcome.error is error and not outcome.ok and outcome.status == 409
    assert get_flashed_messages() == ["Sold out."]


def test_reporting_lets_a_block_without_error_through(request_context):
    with reporting() as outcome:
        pass
    assert outcome.ok and outcome.status == 200 and get_flashed_messages() == []


def test_reporting_leaves_other_errors_to_the_error_pages(request_context):
    with pytest.raises(NotFound):
        with reporting(errors=(InvalidInput, OutOfStock)):
            raise NotFound("No such product.")
    with pytest.raises(RuntimeError):
        with reporting():
            raise RuntimeError("a bug")
    assert get_flashed_messages() == []
