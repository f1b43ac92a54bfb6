"""Database engine tweaks that must hold on every connection."""
from sqlalchemy import event


def _unicode_lower(value):
    return None if value is None else str(value).lower()


def enable_sqlite_foreign_keys(engine):
    """Make SQLite enforce foreign keys (PostgreSQL always does)."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


def enable_sqlite_unicode_lower(engine):
    """Make SQLite's lower() fold every letter (Đ, Ả…) as PostgreSQL does, not only A–Z."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def enable_sqlite_word_similarity(engine):
    """Give SQLite pg_trgm's word_similarity(query, text), so a forgiving search reads the same on both."""
    if engine.dialect.name != "sqlite":
        return
    from shop.services.catalog.trigrams import word_similarity

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.create_function("word_similarity", 2, word_similarity, deterministic=True)


def disable_postgresql_jit(engine):
    """Turn PostgreSQL's JIT off: compiling took longer than the shop's short queries ran."""
    if engine.dialect.name != "postgresql":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET jit = off")
        dbapi_connection.commit()  # outside the pool's reset-on-return rollback
