"""The models and the migrations describe the same schema."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext


def test_migrations_match_the_models(db):
    # The session schema was built by `flask db upgrade`; autogenerate must find nothing to do.
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == []
