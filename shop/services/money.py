"""Money is integer VND end to end; this is the one place that formats it."""


def _group(amount, sep):
    return f"{amount:,}".replace(",", sep)


def format_vnd(amount, locale="vi"):
    """Format an integer VND amount: "85.000 ₫" in Vietnamese, "₫85,000" in English."""
    amount = int(amount)
    sign = "-" if amount < 0 else ""
    if locale == "en":
        return f"{sign}₫{_group(abs(amount), ',')}"
    return f"{sign}{_group(abs(amount), '.')} ₫"


def vnd_to_usd(amount, rate):
    """Convert VND to an approximate whole-cent USD figure (a float, display only)."""
    return round(int(amount) / rate, 2) if rate else 0.0


def format_usd_approx(amount, rate):
    """Format an approximate USD price for foreign visitors, e.g. "≈ US$3.27"."""
    return f"≈ US${vnd_to_usd(amount, rate):,.2f}"
