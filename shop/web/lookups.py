"""Rows for a view: one by its id or a 404, one page of a select, the arguments of pager links."""
from flask import abort, request

from shop.extensions import db
from shop.web.query_args import int_arg

PER_PAGE = 30


def get_or_404(model, ident):
    """Return the row of `model` with primary key `ident`, or answer 404."""
    row = db.session.get(model, ident)
    if row is None:
        abort(404)
    return row


def paginate(query, per_page=PER_PAGE):
    """Return the page of the select `query` the `page` argument asks for (the first for nonsense)."""
    return db.paginate(query, page=max(int_arg("page", 1), 1), per_page=per_page, error_out=False, count=True)


def list_args():
    """The current query arguments without `page`, for pager links."""
    return {key: value for key, value in request.args.items() if key != "page"}
