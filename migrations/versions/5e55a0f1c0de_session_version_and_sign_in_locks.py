"""a session version per user and sign-in locks per e-mail address

Revision ID: 5e55a0f1c0de
Revises: 9546f58dbbd8
Create Date: 2026-12-04 20:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e55a0f1c0de'
down_revision = '9546f58dbbd8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))

    op.create_table('sign_in_lock',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_digest', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('first_failure_at', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_lock')),
    sa.UniqueConstraint('email_digest', name=op.f('uq_sign_in_lock_email_digest'))
    )


def downgrade():
    op.drop_table('sign_in_lock')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('session_version')
