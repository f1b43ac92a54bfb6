"""certification reminders: one row per rating and threshold (60, 30, 7 days) e-mailed to its producer

Revision ID: 5df7e511571e
Revises: d4e1f0a2b3c4
Create Date: 2026-12-04 14:27:52.314348

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5df7e511571e'
down_revision = 'd4e1f0a2b3c4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('certification_reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('certification_id', sa.Integer(), nullable=False),
    sa.Column('days_before', sa.Integer(), nullable=False),
    sa.Column('sent_to', sa.String(length=254), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['certification_id'], ['certification.id'], name=op.f('fk_certification_reminder_certification_id_certification'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certification_reminder')),
    sa.UniqueConstraint('certification_id', 'days_before', name='uq_certification_reminder')
    )


def downgrade():
    op.drop_table('certification_reminder')
