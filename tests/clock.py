"""A frozen clock for the tests that depend on the day: the instants around the shop's midnight.

The shop's day is Asia/Ho_Chi_Minh (UTC+7): 17:00:00 UTC is midnight in Vietnam. Between 17:00 and 24:00 UTC
the server's day (UTC) and the shop's day differ by one, so a test run only at office hours cannot tell the two
clocks apart. `shop_clock` runs a test at each instant below, the clock stopped (time-machine), and hands it the
shop's day written out by hand (never worked out by the code under test).
"""
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine


@dataclass(frozen=True)
class Instant:
    utc: datetime  # naive UTC, how the database stores time
    shop_day: date  # the date in Vietnam at that instant


INSTANTS = {
    "16:59:59Z": Instant(datetime(2026, 12, 2, 16, 59, 59), date(2026, 12, 2)),  # 23:59:59 in Vietnam
    "17:00:00Z-local-midnight": Instant(datetime(2026, 12, 2, 17, 0, 0), date(2026, 12, 3)),
    "17:00:01Z": Instant(datetime(2026, 12, 2, 17, 0, 1), date(2026, 12, 3)),
    "23:59:59Z": Instant(datetime(2026, 12, 2, 23, 59, 59), date(2026, 12, 3)),  # the server's day still 2 Dec
    "00:00:00Z": Instant(datetime(2026, 12, 3, 0, 0, 0), date(2026, 12, 3)),  # 07:00 in Vietnam
}


def frozen_at(instant):
    """The clock stopped at `instant` (naive UTC) for the body of a `with`."""
    return time_machine.travel(instant.replace(tzinfo=UTC), tick=False)


@pytest.fixture(params=list(INSTANTS.values()), ids=list(INSTANTS))
def shop_clock(request):
    """Run the test at each instant around the shop's midnight; yield that Instant."""
    with frozen_at(request.param.utc):
        yield request.param


@pytest.fixture
def frozen_clock():
    """One instant (17:00:01 UTC, just after midnight in Vietnam) for tests that read the day more than once."""
    instant = INSTANTS["17:00:01Z"]
    with frozen_at(instant.utc):
        yield instant
