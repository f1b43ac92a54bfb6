"""Whole numbers in links: in the query string (`?page=`, `?producer=`…) and in paths (`<int:id>`).

A number beyond any id or page the database can hold (a 32-bit INTEGER) is nonsense: in the
query string it reads as the default, in a path it is not found (404). Neither ever reaches
the database, where an enormous one overflowed SQLite's integers (a server error).
"""
from flask import request
from werkzeug.routing import IntegerConverter

from shop.services.numbers import INT_MAX, parse_whole_number

MAX_QUERY_INT = INT_MAX


def int_arg(name, default=None, minimum=1):
    """Return the query argument `name` as an int in [minimum, MAX_QUERY_INT], else `default`."""
    text = request.args.get(name, "")
    if not text.isascii() or not text.isdigit():  # no sign, no spaces in a link's number
        return default
    try:
        return parse_whole_number(text, minimum=minimum)
    except ValueError:
        return default


class DatabaseIntConverter(IntegerConverter):
    """`<int:…>` in a route, up to MAX_QUERY_INT: a larger number matches no route (404)."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_QUERY_INT)
        super().__init__(url_map, *args, **kwargs)
