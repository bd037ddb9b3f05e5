"""Handles for messengers whose ids are opaque strings (Zalo): a table giving each (channel, string id)
the integer our ``external_id`` columns keep.

Nothing existing is rewritten: Telegram's ids are integers already and stay as they are; the new
table starts empty.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'external_handles',
        sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
        sa.Column('channel', sa.String(length=16), nullable=False),
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_external_handles')),
        sa.UniqueConstraint('channel', 'key', name='uq_external_handles_channel_key'),
    )


def downgrade() -> None:
    op.drop_table('external_handles')
