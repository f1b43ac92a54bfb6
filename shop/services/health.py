"""Whether the shop can serve: the health check's question to the database."""
from flask import current_app
from sqlalchemy import text

from shop.extensions import db
from shop.services.transaction import rolled_back_on_error


def database_answers():
    """Return whether the database answers a trivial query (a failure is logged and rolled back). Does not commit."""
    try:
        with rolled_back_on_error():
            db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not healthy"
        current_app.logger.exception("health check: database unreachable")
        return False
    return True
