"""One clock: the shop's day and the current instant come only from shop.services.localtime.

`date.today()`, `datetime.now()` and `datetime.utcnow()` read the server's own clock and time zone; between
17:00 and 24:00 UTC the server's day is not Vietnam's. The scan reads every module's syntax tree, so an alias
(`import datetime as dt; dt.date.today()`) or a call spread over lines is found as well as the plain form.
"""
import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CLOCK = ROOT / "shop" / "services" / "localtime.py"
SCANNED = sorted(path for folder in ("shop", "tests", "bench") for path in (ROOT / folder).rglob("*.py")
                 if path != CLOCK)
READS_THE_SERVERS_CLOCK = {("date", "today"), ("datetime", "today"), ("datetime", "now"),
                           ("datetime", "utcnow"), ("datetime", "utcfromtimestamp")}


def _aliases(tree):
    """{local name: "date" | "datetime" | "datetime-module"} for the module's imports of the datetime module."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "datetime":
            names.update({alias.asname or alias.name: alias.name for alias in node.names
                          if alias.name in ("date", "datetime")})
        elif isinstance(node, ast.Import):
            names.update({alias.asname or alias.name: "datetime-module" for alias in node.names
                          if alias.name == "datetime"})
    return names


def _class_named(node, aliases):
    """"date" or "datetime" when `node` names one of the two classes (directly or through the module)."""
    if isinstance(node, ast.Name) and aliases.get(node.id) in ("date", "datetime"):
        return aliases[node.id]
    if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and aliases.get(node.value.id) == "datetime-module" and node.attr in ("date", "datetime")):
        return node.attr
    return None


def clock_reads(source):
    """[(line, "date.today()"), …]: the calls in `source` that read the server's clock."""
    tree = ast.parse(source)
    aliases = _aliases(tree)
    return [(node.lineno, f"{_class_named(node.func.value, aliases)}.{node.func.attr}()")
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and (_class_named(node.func.value, aliases), node.func.attr) in READS_THE_SERVERS_CLOCK]


@pytest.mark.parametrize("source, found", [
    ("from datetime import date\nday = date.today()", [(2, "date.today()")]),
    ("from datetime import UTC, datetime\nnow = datetime.now(UTC)", [(2, "datetime.now()")]),
    ("from datetime import datetime as dt\nnow = dt.now()", [(2, "datetime.now()")]),
    ("import datetime\nnow = datetime.datetime.utcnow()", [(2, "datetime.utcnow()")]),
    ("import datetime as d\nday = d.date.today()", [(2, "date.today()")]),
    ("from shop.services.localtime import local_today\nday = local_today()", []),
    ("from datetime import date\nday = date.fromisoformat('2026-12-02')", []),
])
def test_the_scan_finds_every_spelling_of_the_servers_clock(source, found):
    assert clock_reads(source) == found


@pytest.mark.parametrize("path", SCANNED, ids=lambda path: str(path.relative_to(ROOT)))
def test_nothing_reads_the_servers_clock_but_the_shops_clock(path):
    found = clock_reads(path.read_text(encoding="utf-8"))
    assert not found, (f"{path.relative_to(ROOT)} reads the server's clock {found}: ask shop.services.localtime "
                       "(utc_now, local_now, local_today)")


def test_the_shops_clock_is_the_one_that_reads_it():
    assert [call for _line, call in clock_reads(CLOCK.read_text(encoding="utf-8"))] == ["datetime.now()"]
