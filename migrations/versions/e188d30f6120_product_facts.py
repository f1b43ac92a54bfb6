"""product facts: ingredients, net quantity, shipping weight, shelf life, storage, allergens, luggage, sending abroad

Revision ID: e188d30f6120
Revises: c0d2a4fe4621
Create Date: 2026-12-04 20:11:00.117829

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e188d30f6120'
down_revision = 'c0d2a4fe4621'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('product_facts',
    sa.Column('product_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('ingredients_vi', sa.String(length=1000), nullable=False),
    sa.Column('ingredients_en', sa.String(length=1000), nullable=False),
    sa.Column('net_quantity', sa.Integer(), nullable=True),
    sa.Column('net_unit', sa.String(length=4), nullable=True),
    sa.Column('shipping_weight_g', sa.Integer(), nullable=True),
    sa.Column('shelf_life_days', sa.Integer(), nullable=True),
    sa.Column('storage', sa.String(length=16), nullable=True),
    sa.Column('allergens', sa.String(length=200), nullable=False),
    sa.Column('air_travel', sa.String(length=16), nullable=True),
    sa.Column('sending_abroad', sa.String(length=16), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("air_travel IS NULL OR air_travel IN ('cabin', 'checked', 'no')",
                       name=op.f('ck_product_facts_air_travel')),
    sa.CheckConstraint("net_unit IS NULL OR net_unit IN ('g', 'ml')", name=op.f('ck_product_facts_net_unit')),
    sa.CheckConstraint("sending_abroad IS NULL OR sending_abroad IN ('yes', 'check', 'no')",
                       name=op.f('ck_product_facts_sending_abroad')),
    sa.CheckConstraint("storage IS NULL OR storage IN ('room', 'cool_dry', 'chilled', 'frozen')",
                       name=op.f('ck_product_facts_storage')),
    sa.CheckConstraint('(net_quantity IS NULL) = (net_unit IS NULL)', name=op.f('ck_product_facts_net_quantity_unit')),
    sa.CheckConstraint('net_quantity IS NULL OR (net_quantity >= 1 AND net_quantity <= 100000)',
                       name=op.f('ck_product_facts_net_quantity_range')),
    sa.CheckConstraint('shelf_life_days IS NULL OR (shelf_life_days >= 1 AND shelf_life_days <= 3650)',
                       name=op.f('ck_product_facts_shelf_life_days_range')),
    sa.CheckConstraint('shipping_weight_g IS NULL OR (shipping_weight_g >= 1 AND shipping_weight_g <= 50000)',
                       name=op.f('ck_product_facts_shipping_weight_g_range')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'],
                       name=op.f('fk_product_facts_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_facts'))
    )


def downgrade():
    op.drop_table('product_facts')
