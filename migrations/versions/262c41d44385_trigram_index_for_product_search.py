"""trigram index for product search

Revision ID: 262c41d44385
Revises: 5ab310823144
Create Date: 2026-11-28 20:01:24.322366

Search matches folded words anywhere in `product.search_text` (LIKE '%cha%'), which a
b-tree cannot serve. On PostgreSQL the index is a GIN over trigrams (extension pg_trgm,
trusted since PostgreSQL 13, so the database owner may create it); on SQLite it is a
plain index, kept only so that the models and the migrations describe the same schema.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '262c41d44385'
down_revision = '5ab310823144'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index('ix_product_search_text_trgm', ['search_text'], unique=False,
                              postgresql_using='gin', postgresql_ops={'search_text': 'gin_trgm_ops'})


def downgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index('ix_product_search_text_trgm')
