"""info pages written by the office

The contact, shipping, returns, privacy and terms pages: the office's own text per language (a page
without one shows the shop's default text).

Revision ID: c0d2a4fe4621
Revises: 5e55a0f1c0de
Create Date: 2026-12-04 20:32:30.818161

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c0d2a4fe4621'
down_revision = '5e55a0f1c0de'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('info_page',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('contact', 'shipping', 'returns', 'privacy', 'terms')", name=op.f('ck_info_page_kind')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['user.id'], name=op.f('fk_info_page_updated_by_id_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_info_page')),
    sa.UniqueConstraint('kind', 'locale', name='uq_info_page_kind_locale')
    )


def downgrade():
    op.drop_table('info_page')
