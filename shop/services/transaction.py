"""The one place that commits or rolls back: services run their writes inside `transaction()`.

    with transaction():
        ...                      # every write of the change
    send_mail(...)               # what follows the commit (e-mails, logs)

A block inside another (a service called by a service) joins the outer one: only the
outermost block commits or rolls back, so a change of several services is still one
transaction. Views, forms and models never commit.
"""
from contextlib import contextmanager
from functools import wraps

from shop.extensions import db

_DEPTH = "shop.transaction_depth"  # in session.info: how many transaction() blocks are open


@contextmanager
def transaction():
    """Commit the session when the block ends; on any exception roll back and re-raise."""
    session = db.session()
    depth = session.info.get(_DEPTH, 0)
    session.info[_DEPTH] = depth + 1
    try:
        yield session
        if depth == 0:
            session.commit()
    except BaseException:
        if depth == 0:
            session.rollback()
        raise
    finally:
        session.info[_DEPTH] = depth


def commits(function):
    """Run the decorated service function in one `transaction()` (it commits, or writes nothing)."""

    @wraps(function)
    def in_transaction(*args, **kwargs):
        with transaction():
            return function(*args, **kwargs)

    return in_transaction


@contextmanager
def rolled_back_on_error():
    """Roll back (and re-raise) when the block fails, so the session is usable again; never commits.

    For reads made while a page renders: a commit there would expire every row the page shows.
    """
    try:
        yield
    except BaseException:
        if db.session().info.get(_DEPTH, 0) == 0:
            db.session.rollback()
        raise
