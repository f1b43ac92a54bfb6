"""Whole numbers from outside (forms, links), bounded by what the database's columns hold.

Ids, quantities, stock and prices are INTEGER columns (32-bit on PostgreSQL): a number beyond
INT_MAX never reaches the database, where it would be an error (NumericValueOutOfRange), not a
refusal. Forms ask `shop.web.forms.WholeNumberField` / `IdSelectField`, services `parse_id`, and
links `shop.web.query_args.int_arg`; all three read digits through `parse_whole_number`.
"""
import re

INT_MAX = 2**31 - 1
INT_MIN = -(2**31)
_WHOLE = re.compile(r"[+-]?[0-9]+")
_MAX_DIGITS = 40  # longer is out of range whatever the digits (and int() of it would cost time)


class NotAWholeNumber(ValueError):
    """The text is not a whole number written in digits."""


class OutOfRange(ValueError):
    """The text is a whole number outside the range asked for (`too_large` says on which side)."""

    def __init__(self, too_large):
        super().__init__("too large" if too_large else "too small")
        self.too_large = too_large


def parse_whole_number(raw, minimum=INT_MIN, maximum=INT_MAX):
    """Return `raw` (ASCII digits, an optional sign, spaces around) as an int in [minimum, maximum].

    Raise NotAWholeNumber for anything else (decimals, separators, other scripts' digits, text) and
    OutOfRange for a whole number beyond the bounds (never wider than a database INTEGER).
    """
    text = str(raw if raw is not None else "").strip()
    if not text.isascii() or not _WHOLE.fullmatch(text):
        raise NotAWholeNumber(text)
    if len(text.lstrip("+-").lstrip("0")) > _MAX_DIGITS:
        raise OutOfRange(too_large=not text.startswith("-"))
    value = int(text)
    low, high = max(minimum, INT_MIN), min(maximum, INT_MAX)
    if not low <= value <= high:
        raise OutOfRange(too_large=value > high)
    return value


def parse_id(raw):
    """Return `raw` as the id of a row (1 to INT_MAX), or None when it cannot be one."""
    try:
        return parse_whole_number(raw, minimum=1)
    except ValueError:
        return None
