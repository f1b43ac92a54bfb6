"""Money is integer VND end to end; this is the one place that formats it.

Foreign visitors also see an approximate amount in their own currency beside the VND price —
US dollars in English, yuan in Chinese, won in Korean — from the configured rates (`USD_RATE`,
`CNY_RATE`, `KRW_RATE`: đồng per unit), formatted for their locale. It is shown, never charged:
every order is priced and paid in VND.
"""
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_name

# The visitor's currency in each storefront language, the setting of its rate, and the Babel locale it is written in.
VISITOR_CURRENCIES = {"en": ("USD", "USD_RATE", "en"), "zh": ("CNY", "CNY_RATE", "zh_Hans_CN"),
                      "ko": ("KRW", "KRW_RATE", "ko_KR")}
# How VND is written in the languages whose format is not the shop's own (Vietnamese, English).
BABEL_LOCALES = {"zh": "zh_Hans_CN", "ko": "ko_KR"}
# Digits after the point of each approximate currency (the won has no minor unit in use).
DECIMALS = {"USD": 2, "CNY": 2, "KRW": 0}


def _group(amount, sep):
    return f"{amount:,}".replace(",", sep)


def format_vnd(amount, locale="vi"):
    """Format an integer VND amount: "85.000 ₫" in Vietnamese, "₫85,000" in English, Chinese and Korean."""
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    if locale in BABEL_LOCALES:
        return format_currency(amount, "VND", locale=BABEL_LOCALES[locale])
    if locale == "en":
        return f"{sign}₫{_group(abs(amount), ',')}"
    return f"{sign}{_group(abs(amount), '.')} ₫"


def vnd_to_usd(amount, rate):
    """Convert VND to an approximate whole-cent USD figure (a float, display only)."""
    return round(int(amount) / rate, 2) if rate else 0.0


def format_usd_approx(amount, rate):
    """Format an approximate USD price for foreign visitors, e.g. "≈ US$3.27"."""
    return f"≈ US${vnd_to_usd(amount, rate):,.2f}"


def visitor_currency(locale):
    """Return the currency code shown beside VND in `locale` ("CNY" in Chinese), or None (Vietnamese)."""
    return VISITOR_CURRENCIES[locale][0] if locale in VISITOR_CURRENCIES else None


def visitor_currency_name(locale):
    """Return the name of `locale`'s currency in that language ("US dollars", "人民币", "대한민국 원"), or None."""
    if locale not in VISITOR_CURRENCIES:
        return None
    currency, _setting, babel_locale = VISITOR_CURRENCIES[locale]
    return get_currency_name(currency, count=2, locale=babel_locale)


def rate_for(locale, config):
    """Return the rate (đồng per unit, a Decimal) of `locale`'s currency in `config`, or None when there is none."""
    if locale not in VISITOR_CURRENCIES:
        return None
    rate = Decimal(str(config.get(VISITOR_CURRENCIES[locale][1]) or 0))
    return rate if rate > 0 else None


def convert(amount, currency, rate):
    """Return VND `amount` in `currency` at `rate` (đồng per unit), rounded to the currency's digits (a Decimal)."""
    step = Decimal(1).scaleb(-DECIMALS[currency])
    return (Decimal(int(amount)) / rate).quantize(step, rounding=ROUND_HALF_UP)


def format_approx(amount, locale, config):
    """Format the approximate amount in the visitor's currency: "≈ US$3.27", "≈ ¥23.29", "≈ ₩4,595"; "" in Vietnamese
    or without a rate."""
    rate = rate_for(locale, config)
    if rate is None:
        return ""
    if locale == "en":
        return format_usd_approx(amount, float(rate))
    currency, _setting, babel_locale = VISITOR_CURRENCIES[locale]
    value = convert(amount, currency, rate)
    return "≈ " + format_currency(value, currency, locale=babel_locale)


def format_rate(locale, config):
    """Format the rate of `locale`'s currency for the note beside a total: "1 CNY ≈ ₫3,650"; "" without one."""
    rate = rate_for(locale, config)
    if rate is None:
        return ""
    vnd = rate.quantize(Decimal(1), rounding=ROUND_HALF_UP) if rate >= 100 else rate.normalize()
    shown = format_vnd(vnd, locale) if vnd == vnd.to_integral_value() else f"₫{vnd}"
    return f"1 {visitor_currency(locale)} ≈ {shown}"
