"""The one place that commits or rolls back: services run their writes inside `transaction()`.

    with transaction():
        ...                      # every write of the change, its e-mails too (send_mail writes the outbox)
        after_commit(callback)   # what may only start once the change is kept (starting a job)

A block inside another (a service called by a service) joins the outer one: only the
outermost block commits or rolls back, so a change of several services is still one
transaction. Views, forms and models never commit.
"""
from contextlib import contextmanager
from functools import wraps

from flask import current_app

from shop.extensions import db

_DEPTH = "shop.transaction_depth"  # in session.info: how many transaction() blocks are open
_AFTER_COMMIT = "shop.after_commit"  # in session.info: callbacks waiting for the outermost commit


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
            session.info.pop(_AFTER_COMMIT, None)
        raise
    finally:
        session.info[_DEPTH] = depth
    if depth == 0:
        _run_after_commit(session)


def after_commit(callback):
    """Call `callback()` once the open transaction has committed; a rollback drops it. Does not commit.

    Outside any transaction() block it is called at once. A failing callback is logged: the change
    it follows is kept either way.
    """
    session = db.session()
    session.info.setdefault(_AFTER_COMMIT, []).append(callback)
    if session.info.get(_DEPTH, 0) == 0:
        _run_after_commit(session)


def _run_after_commit(session):
    for callback in session.info.pop(_AFTER_COMMIT, []):
        try:
            callback()
        except Exception:  # the commit stands; what failed here is retried by its own means
            current_app.logger.exception("a step after the commit failed")


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
            db.session().info.pop(_AFTER_COMMIT, None)
        raise
