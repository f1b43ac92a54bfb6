"""cooperative group (tổ hợp tác) among producers' legal types

Revision ID: d4e1f0a2b3c4
Revises: 27b69b1b6135
Create Date: 2026-12-03 15:45:00

"""
from alembic import op

revision = 'd4e1f0a2b3c4'
down_revision = '27b69b1b6135'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('producer', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_producer_legal_type'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_producer_legal_type'), "legal_type IN ('cooperative', 'coop_group', 'company', 'household')")


def downgrade():
    with op.batch_alter_table('producer', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_producer_legal_type'), type_='check')
        batch_op.create_check_constraint(
            op.f('ck_producer_legal_type'), "legal_type IN ('cooperative', 'company', 'household')")
