"""orders delivered to a hotel: destination, hotel name and room, the day the guest leaves

Revision ID: e17a0c1d2f30
Revises: fca113a7d71e
Create Date: 2026-12-04 14:45:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'e17a0c1d2f30'
down_revision = 'fca113a7d71e'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('shop_order', schema=None) as batch_op:
        batch_op.add_column(sa.Column('destination', sa.String(length=8), nullable=False, server_default='home'))
        batch_op.add_column(sa.Column('hotel_name', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('hotel_room', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('leaves_on', sa.Date(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_shop_order_destination'), "destination IN ('home', 'hotel')")


def downgrade():
    with op.batch_alter_table('shop_order', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_shop_order_destination'), type_='check')
        batch_op.drop_column('leaves_on')
        batch_op.drop_column('hotel_room')
        batch_op.drop_column('hotel_name')
        batch_op.drop_column('destination')
