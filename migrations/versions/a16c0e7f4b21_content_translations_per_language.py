"""content translations: product, producer, group and area texts in their own tables, one row per language

The English texts move from the name_en/description_en/unit_en/story_en columns into rows of
language 'en'; Chinese and Korean are rows of 'zh' and 'ko'. The Vietnamese texts stay on the objects.
The read model's name_en (lower-cased English name, for ranking) becomes names (every translated name).

Revision ID: a16c0e7f4b21
Revises: bc674b3d5700
Create Date: 2026-12-04 20:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = 'a16c0e7f4b21'
down_revision = 'bc674b3d5700'
branch_labels = None
depends_on = None

LANGUAGES = "language IN ('en', 'zh', 'ko')"
# (table, its translation table, owner column, [(translated field, old English column, type)])
TRANSLATED = [
    ('product', 'product_translation', 'product_id', [
        ('name', 'name_en', sa.String(length=200)), ('description', 'description_en', sa.Text()),
        ('unit', 'unit_en', sa.String(length=60))]),
    ('producer', 'producer_translation', 'producer_id', [('story', 'story_en', sa.Text())]),
    ('category', 'category_translation', 'category_id', [('name', 'name_en', sa.String(length=80))]),
    ('area', 'area_translation', 'area_id', [('name', 'name_en', sa.String(length=80))]),
]


def upgrade():
    for table, translations, owner, fields in TRANSLATED:
        op.create_table(
            translations,
            sa.Column(owner, sa.Integer(), nullable=False),
            sa.Column('language', sa.String(length=8), nullable=False),
            *[sa.Column(field, kind, nullable=False) for field, _old, kind in fields],
            sa.CheckConstraint(LANGUAGES, name=op.f(f'ck_{translations}_language')),
            sa.ForeignKeyConstraint([owner], [f'{table}.id'], name=op.f(f'fk_{translations}_{owner}_{table}'),
                                    ondelete='CASCADE'),
            sa.PrimaryKeyConstraint(owner, 'language', name=op.f(f'pk_{translations}')),
        )
        names = ', '.join(field for field, _old, _kind in fields)
        olds = ', '.join(old for _field, old, _kind in fields)
        filled = ' OR '.join(f"{old} <> ''" for _field, old, _kind in fields)
        op.execute(f"INSERT INTO {translations} ({owner}, language, {names}) "  # noqa: S608  (fixed names)
                   f"SELECT id, 'en', {olds} FROM {table} WHERE {filled}")
        for _field, old, _kind in fields:
            # ALTER TABLE … DROP COLUMN, on SQLite too (3.35+): a batch would copy the table, and dropping
            # a table others point at fails once it has rows.
            op.drop_column(table, old)
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.alter_column('name_en', new_column_name='names', existing_type=sa.Text(), existing_nullable=False)


def downgrade():
    with op.batch_alter_table('product_listing', schema=None) as batch_op:
        batch_op.alter_column('names', new_column_name='name_en', existing_type=sa.Text(), existing_nullable=False)
    for table, translations, owner, fields in reversed(TRANSLATED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for _field, old, kind in fields:
                batch_op.add_column(sa.Column(old, kind, nullable=False, server_default=''))
        for field, old, _kind in fields:
            op.execute(f"UPDATE {table} SET {old} = coalesce((SELECT {field} FROM {translations} "  # noqa: S608
                       f"WHERE {owner} = {table}.id AND language = 'en'), '')")
        op.drop_table(translations)
