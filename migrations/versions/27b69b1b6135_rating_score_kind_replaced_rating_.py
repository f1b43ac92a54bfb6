"""rating score, kind, replaced rating, potential 5 stars; product sets of products

Revision ID: 27b69b1b6135
Revises: c5c88826c49f
Create Date: 2026-12-03 14:50:22.730380

"""
from alembic import op
import sqlalchemy as sa

PRODUCT_SETS = ('fresh-produce', 'fresh-animal', 'raw-grains', 'honey', 'fast-food', 'processed-grains', 'processed-plants', 'processed-animal', 'liquid-condiments', 'other-condiments', 'tea', 'other-tea', 'coffee-cocoa', 'spirits', 'other-alcohol', 'mineral-water', 'soft-drinks', 'herbal-health', 'herbal-cosmetics', 'herbal-other', 'crafts', 'textiles', 'flowers', 'ornamental-plants', 'ornamental-animals', 'tourism')


# revision identifiers, used by Alembic.
revision = '27b69b1b6135'
down_revision = 'c5c88826c49f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.add_column(sa.Column('score', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('kind', sa.String(length=16), nullable=False, server_default='new'))
        batch_op.add_column(sa.Column('replaces_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('potential_five_star', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('stars_verified', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.create_foreign_key(batch_op.f('fk_certification_replaces_id_certification'), 'certification', ['replaces_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(op.f('ck_certification_score_range'), 'score IS NULL OR (score >= 0 AND score <= 100)')
        batch_op.create_check_constraint(op.f('ck_certification_kind'), "kind IN ('new', 're_rated', 'upgraded')")

    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.add_column(sa.Column('product_set', sa.String(length=40), nullable=True))
        batch_op.create_index(batch_op.f('ix_product_product_set'), ['product_set'], unique=False)
        batch_op.create_check_constraint(op.f('ck_product_product_set'),
                                         f"product_set IS NULL OR product_set IN {PRODUCT_SETS}")


def downgrade():
    with op.batch_alter_table('product', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_product_product_set'), type_='check')
        batch_op.drop_index(batch_op.f('ix_product_product_set'))
        batch_op.drop_column('product_set')

    with op.batch_alter_table('certification', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_certification_kind'), type_='check')
        batch_op.drop_constraint(op.f('ck_certification_score_range'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_certification_replaces_id_certification'), type_='foreignkey')
        batch_op.drop_column('stars_verified')
        batch_op.drop_column('potential_five_star')
        batch_op.drop_column('replaces_id')
        batch_op.drop_column('kind')
        batch_op.drop_column('score')
