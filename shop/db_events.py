"""Database engine tweaks that must hold on every connection."""
from sqlalchemy import event


def enable_sqlite_foreign_keys(engine):
    """Make SQLite enforce foreign keys (PostgreSQL always does)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
