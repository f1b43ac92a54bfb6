"""covering index for the catalogue listing

Revision ID: 0315828e2042
Revises: 262c41d44385
Create Date: 2026-12-02 05:34:22.898651

The catalogue counts the listed products and sorts them before loading one page. On
PostgreSQL this index holds every column those two queries read, so they scan it alone
(index-only) instead of every wide product row (descriptions, search text): 8.8 → 2.6 ms
to count 10,000 products. Elsewhere it is a plain index on the status.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0315828e2042'
down_revision = '262c41d44385'
branch_labels = None
depends_on = None

LISTING_COLUMNS = ['id', 'producer_id', 'category_id', 'featured', 'published_at', 'created_at', 'price']


def upgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.create_index('ix_product_listing', ['status'], unique=False, postgresql_include=LISTING_COLUMNS)


def downgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_index('ix_product_listing')
