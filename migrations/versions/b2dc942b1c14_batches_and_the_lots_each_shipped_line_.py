"""batches and the lots each shipped line took

Revision ID: b2dc942b1c14
Revises: e17a0c1d2f30
Create Date: 2026-12-04 14:35:10.950628

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2dc942b1c14'
down_revision = 'e17a0c1d2f30'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('lot_number', sa.String(length=40), nullable=False),
    sa.Column('produced_on', sa.Date(), nullable=False),
    sa.Column('best_before', sa.Date(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('traceability_url', sa.String(length=500), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('best_before >= produced_on', name=op.f('ck_batch_best_before_after_production')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_batch_quantity_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['product.id'], name=op.f('fk_batch_product_id_product'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch')),
    sa.UniqueConstraint('product_id', 'lot_number', name='uq_batch_product_lot')
    )
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_product_id'), ['product_id'], unique=False)

    op.create_table('batch_allocation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shipment_id', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_batch_allocation_quantity_positive')),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], name=op.f('fk_batch_allocation_batch_id_batch')),
    sa.ForeignKeyConstraint(['order_line_id'], ['order_line.id'], name=op.f('fk_batch_allocation_order_line_id_order_line'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipment_id'], ['shipment.id'], name=op.f('fk_batch_allocation_shipment_id_shipment'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_batch_allocation')),
    sa.UniqueConstraint('order_line_id', 'batch_id', name='uq_batch_allocation_line_batch')
    )
    with op.batch_alter_table('batch_allocation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_batch_allocation_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_allocation_order_line_id'), ['order_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_batch_allocation_shipment_id'), ['shipment_id'], unique=False)



def downgrade():
    with op.batch_alter_table('batch_allocation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_allocation_shipment_id'))
        batch_op.drop_index(batch_op.f('ix_batch_allocation_order_line_id'))
        batch_op.drop_index(batch_op.f('ix_batch_allocation_batch_id'))

    op.drop_table('batch_allocation')
    with op.batch_alter_table('batch', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_batch_product_id'))

    op.drop_table('batch')
