from decimal import Decimal

import pytest

from shop.services.money import (
    convert,
    format_approx,
    format_rate,
    format_usd_approx,
    format_vnd,
    visitor_currency,
    visitor_currency_name,
    vnd_to_usd,
)


def test_vnd_in_vietnamese_uses_dots_and_trailing_symbol():
    assert format_vnd(85000) == "85.000 ₫"
    assert format_vnd(1250000) == "1.250.000 ₫"
    assert format_vnd(0) == "0 ₫"


def test_vnd_in_english_uses_commas_and_leading_symbol():
    assert format_vnd(85000, "en") == "₫85,000"
    assert format_vnd(12500000, "en") == "₫12,500,000"


def test_negative_amounts_keep_their_sign():
    assert format_vnd(-50000) == "-50.000 ₫"
    assert format_vnd(-50000, "en") == "-₫50,000"


def test_usd_is_an_approximation_from_the_configured_rate():
    assert vnd_to_usd(85000, 26000) == 3.27
    assert format_usd_approx(2600000, 26000) == "≈ US$100.00"


# --- The visitor's currency beside VND -------------------------------------------------------

RATES = {"USD_RATE": 26000, "CNY_RATE": 3650.0, "KRW_RATE": 18.5}


def test_vnd_in_chinese_and_korean_is_written_as_their_locales_write_it():
    assert format_vnd(85000, "zh") == "₫85,000" and format_vnd(12500000, "ko") == "₫12,500,000"


@pytest.mark.parametrize(("locale", "expected"), [
    ("en", "≈ US$3.27"),  # 85,000 / 26,000
    ("zh", "≈ ¥23.29"),  # 85,000 / 3,650 = 23.287…
    ("ko", "≈ ₩4,595"),  # 85,000 / 18.5 = 4,594.59…: the won has no minor unit
    ("vi", ""),  # Vietnamese visitors read VND only
])
def test_each_language_sees_its_currency_approximately(locale, expected):
    assert format_approx(85000, locale, RATES) == expected


def test_large_amounts_are_grouped_in_the_visitors_locale():
    assert format_approx(12_345_678, "zh", RATES) == "≈ ¥3,382.38"
    assert format_approx(12_345_678, "ko", RATES) == "≈ ₩667,334"


def test_no_rate_means_no_approximate_amount():
    assert format_approx(85000, "ko", {**RATES, "KRW_RATE": 0}) == ""
    assert format_approx(85000, "zh", {}) == "" and format_rate("zh", {}) == ""


def test_conversion_rounds_half_up_to_the_currencys_digits():
    assert convert(18_250, "CNY", Decimal("3650")) == Decimal("5.00")
    assert convert(37, "KRW", Decimal("18.5")) == Decimal("2")  # 2.0
    assert convert(28, "KRW", Decimal("18.5")) == Decimal("2")  # 1.51… rounds up


def test_the_rate_and_the_currency_are_named_for_the_note_beside_totals():
    assert format_rate("zh", RATES) == "1 CNY ≈ ₫3,650" and format_rate("ko", RATES) == "1 KRW ≈ ₫18.5"
    assert format_rate("en", RATES) == "1 USD ≈ ₫26,000" and format_rate("vi", RATES) == ""
    assert visitor_currency_name("zh") == "人民币" and visitor_currency_name("ko") == "대한민국 원"
    assert visitor_currency("en") == "USD" and visitor_currency("vi") is None
