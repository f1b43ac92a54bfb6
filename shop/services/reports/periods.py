"""The periods of the office's reports: defaults, presets, grouping by day or month, and checked input."""
from datetime import date, timedelta

from flask_babel import gettext as _

from shop.errors import InvalidInput
from shop.services.localtime import local_today, month_start

MAX_DAYS_BY_DAY = 366  # longer ranges are shown by month
MAX_PERIOD_DAYS = 3653  # ten years


def default_period(today=None):
    """Return this month so far (Vietnamese days): (first day of the month, today)."""
    today = today or local_today()
    return month_start(today), today


def period_presets(today=None):
    """Return the usual periods as (name, start, end): this month, last month, last 30 days, this year."""
    today = today or local_today()
    this_month = month_start(today)
    last_month_end = this_month - timedelta(days=1)
    return [
        ("this_month", this_month, today),
        ("last_month", month_start(last_month_end), last_month_end),
        ("last_30_days", today - timedelta(days=29), today),
        ("this_year", date(today.year, 1, 1), today),
    ]


def grouping_for(start, end, asked=""):
    """Return "day" or "month": what was asked, but by month beyond MAX_DAYS_BY_DAY days."""
    if asked == "month" or (end - start).days >= MAX_DAYS_BY_DAY:
        return "month"
    return "day"


def resolve_period(start_text, end_text, today=None):
    """Return (start, end) from ISO dates; a missing bound defaults to this month so far.

    Raise InvalidInput for a date that is not one, an end before the start or a period
    longer than MAX_PERIOD_DAYS.
    """
    default_start, default_end = default_period(today)
    try:
        start = date.fromisoformat(start_text.strip()) if (start_text or "").strip() else default_start
        end = date.fromisoformat(end_text.strip()) if (end_text or "").strip() else default_end
    except ValueError as error:
        raise InvalidInput(_("Give dates as YYYY-MM-DD.")) from error
    if end < start:
        raise InvalidInput(_("The end date is before the start date."))
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise InvalidInput(_("Choose a period of at most ten years."))
    return start, end
