"""order lines keep the product's name in the buyer's language beside the Vietnamese

Revision ID: c3f18a9d2e57
Revises: a16c0e7f4b21
Create Date: 2026-12-04 20:50:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'c3f18a9d2e57'
down_revision = 'a16c0e7f4b21'
branch_labels = None
depends_on = None


def upgrade():
    # Older lines keep "": what their buyer saw is not known, and the Vietnamese name stands in.
    with op.batch_alter_table('order_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('buyer_product_name', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    op.drop_column('order_line', 'buyer_product_name')
