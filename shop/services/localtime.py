"""The shop's day: Asia/Ho_Chi_Minh, UTC+7 all year (Vietnam has no daylight saving time).

Timestamps are stored as naive UTC. Reports count days in Vietnamese time, so a sale at
16:59 UTC belongs to one day and a sale at 17:00 UTC to the next. The SQL expressions
below shift a timestamp by the offset inside the database, the same on SQLite and
PostgreSQL, so that grouping by day happens in a GROUP BY.

This module is the shop's one clock: everything else asks `utc_now()` (a naive-UTC instant, how the
database stores time), `local_now()` or `local_today()` (the shop's day), never `date.today()` or
`datetime.now()`, which read the server's own time zone (tests/unit/test_one_clock.py keeps it).
"""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Date, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

SHOP_UTC_OFFSET_HOURS = 7
SHOP_OFFSET = timedelta(hours=SHOP_UTC_OFFSET_HOURS)


def utc_now():
    """Return this moment in UTC, without tzinfo (how the database stores time)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local_now(now=None):
    """Return the wall-clock time in Vietnam (naive) at the naive-UTC instant `now` (default: this moment)."""
    return (now or utc_now()) + SHOP_OFFSET


def local_today(now=None):
    """Return the date in Vietnam at the naive-UTC instant `now` (default: today)."""
    return local_now(now).date()


def to_local(moment):
    """Return a naive UTC timestamp as naive Vietnamese wall-clock time."""
    return moment + SHOP_OFFSET if moment is not None else None


def utc_bounds(start, end):
    """Return the naive UTC [from, to) range covering the Vietnamese days `start`..`end` inclusive."""
    begin = datetime(start.year, start.month, start.day) - SHOP_OFFSET
    finish = datetime(end.year, end.month, end.day) + timedelta(days=1) - SHOP_OFFSET
    return begin, finish


def parse_iso_day(text):
    """Return the date written as "YYYY-MM-DD" in `text`, or None when it is empty or not a date."""
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def month_start(day):
    """Return the first day of `day`'s month."""
    return date(day.year, day.month, 1)


class local_day(FunctionElement):
    """SQL: the Vietnamese calendar day of a naive-UTC timestamp column."""

    type = Date()
    name = "local_day"
    inherit_cache = True


class local_month(FunctionElement):
    """SQL: the Vietnamese calendar month ("2026-11") of a naive-UTC timestamp column."""

    type = String()
    name = "local_month"
    inherit_cache = True


@compiles(local_day, "sqlite")
def _local_day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+{SHOP_UTC_OFFSET_HOURS} hours')"


@compiles(local_day, "postgresql")
def _local_day_postgresql(element, compiler, **kw):
    return f"CAST(({compiler.process(element.clauses, **kw)} + INTERVAL '{SHOP_UTC_OFFSET_HOURS} hours') AS DATE)"


@compiles(local_month, "sqlite")
def _local_month_sqlite(element, compiler, **kw):
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)}, '+{SHOP_UTC_OFFSET_HOURS} hours')"


@compiles(local_month, "postgresql")
def _local_month_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)} + INTERVAL '{SHOP_UTC_OFFSET_HOURS} hours', 'YYYY-MM')"
