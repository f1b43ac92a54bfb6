"""Count the SQL statements each request runs and send the number as `X-Query-Count`.

Registered by `create_app` only when COUNT_QUERIES is on (SHOP_COUNT_QUERIES=1): the
benchmark reads the header to show queries per page and to check that a page runs as
many queries with ten products as with ten thousand.
"""
from flask import has_request_context, request
from sqlalchemy import event

from shop.extensions import db

HEADER = "X-Query-Count"
_ENVIRON_KEY = "shop.web.query_count"


def queries_so_far():
    """Return how many SQL statements the current request has run."""
    return request.environ.get(_ENVIRON_KEY, 0)


def init_app(app):
    """Count statements on the app's engine and add the header to every response."""
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def _count(_connection, _cursor, _statement, _parameters, _context, _executemany):
        if has_request_context():
            request.environ[_ENVIRON_KEY] = request.environ.get(_ENVIRON_KEY, 0) + 1

    @app.after_request
    def _add_header(response):
        response.headers[HEADER] = str(queries_so_far())
        return response
