"""issuing level and override reason of a certification

Revision ID: a98a4454842f
Revises: 0315828e2042
Create Date: 2026-12-03 14:41:54.949704

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a98a4454842f'
down_revision = '0315828e2042'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuing_level', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('issuer_reason', sa.String(length=300), nullable=False, server_default=''))
        batch_op.create_check_constraint(
            op.f('ck_certification_issuing_level'),
            "issuing_level IS NULL OR issuing_level IN ('district', 'province', 'central')")


def downgrade():
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_certification_issuing_level'), type_='check')
        batch_op.drop_column('issuer_reason')
        batch_op.drop_column('issuing_level')
