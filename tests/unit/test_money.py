from shop.services.money import format_usd_approx, format_vnd, vnd_to_usd


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
