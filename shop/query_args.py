"""Whole numbers from the query string (`?page=`, `?producer=`…) for the shop's lists.

A value that is not a plain whole number, or lies beyond any id or page the database can
hold (a 32-bit INTEGER), reads as the default: nonsense in a link is ignored, never a
server error (an enormous number once overflowed SQLite's integers).
"""
from flask import request

MAX_QUERY_INT = 2**31 - 1


def int_arg(name, default=None, minimum=1):
    """Return the query argument `name` as an int in [minimum, MAX_QUERY_INT], else `default`."""
    text = request.args.get(name, "")
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return default
    value = int(text)
    return value if minimum <= value <= MAX_QUERY_INT else default
