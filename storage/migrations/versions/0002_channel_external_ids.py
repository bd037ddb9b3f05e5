"""People and chats as (channel, external id); outbox payloads channel-neutral.

The ten ``telegram_id`` columns are renamed (their values kept), the tables whose external id is
a look-up key gain a ``channel`` column (every existing row is Telegram's), and the outbox
payloads written in Telegram's shape (``parse_mode``, ``buttons``, ``document``, ``caption``)
are rewritten in the channel port's shape (``format``, ``actions``, ``attachment``).

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TELEGRAM = 'telegram'


def _channel() -> sa.Column:
    return sa.Column('channel', sa.String(length=16), server_default=TELEGRAM, nullable=False)


def _rename(table: str, columns: dict[str, str], *, channel: bool = False) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        if channel:
            batch_op.add_column(_channel())
        for old, new in columns.items():
            batch_op.alter_column(old, new_column_name=new, existing_type=sa.BigInteger())


def neutral_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """An outbox payload of revision 0001 (Telegram's shape) in the channel port's shape."""
    if 'parse_mode' not in payload and 'buttons' not in payload and 'document' not in payload:
        return payload
    out = {k: v for k, v in payload.items() if k not in ('parse_mode', 'buttons', 'document', 'caption', 'text')}
    document = payload.get('document')
    out['text'] = (payload.get('caption') if document else payload.get('text')) or ''
    out['format'] = 'html' if str(payload.get('parse_mode') or '').upper() == 'HTML' else 'plain'
    if payload.get('buttons'):
        out['actions'] = [[{'label': b['text'], 'data': b['data']} for b in row] for row in payload['buttons']]
    if document:
        out['attachment'] = {'file_id': document['file_id'], 'name': document.get('file_name')}
    return out


def telegram_payload(payload: dict[str, Any]) -> dict[str, Any]:
    """The reverse of ``neutral_payload``, for a downgrade."""
    if 'format' not in payload:
        return payload
    out = {k: v for k, v in payload.items() if k not in ('format', 'actions', 'attachment', 'text')}
    if payload['format'] == 'html':
        out['parse_mode'] = 'HTML'
    if payload.get('actions'):
        out['buttons'] = [[{'text': a['label'], 'data': a['data']} for a in row] for row in payload['actions']]
    if attachment := payload.get('attachment'):
        out['document'] = {'file_id': attachment['file_id'], 'file_name': attachment.get('name')}
        out['caption'] = payload.get('text')
    else:
        out['text'] = payload.get('text')
    return out


def _rewrite_payloads(convert: Any) -> None:
    outbox = sa.table('outbox', sa.column('id', sa.Integer), sa.column('payload', sa.JSON))
    bind = op.get_bind()
    for row_id, payload in bind.execute(sa.select(outbox.c.id, outbox.c.payload)).all():
        new = convert(payload or {})
        if new != payload:
            bind.execute(outbox.update().where(outbox.c.id == row_id).values(payload=new))


def upgrade() -> None:
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.add_column(_channel())
        batch_op.alter_column('telegram_id', new_column_name='external_id', existing_type=sa.BigInteger())
        batch_op.drop_constraint('uq_chats_telegram_id', type_='unique')
    with op.batch_alter_table('chats', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_chats_channel_external', ['channel', 'external_id'])
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.add_column(_channel())
        batch_op.alter_column('telegram_id', new_column_name='external_id', existing_type=sa.BigInteger())
        batch_op.drop_constraint('uq_people_telegram_id', type_='unique')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_people_channel_external', ['channel', 'external_id'])
    with op.batch_alter_table('binding_attempts', schema=None) as batch_op:
        batch_op.add_column(_channel())
        batch_op.drop_index('ix_binding_attempts_chat_telegram_id')
        batch_op.alter_column('chat_telegram_id', new_column_name='chat_external_id', existing_type=sa.BigInteger())
    with op.batch_alter_table('binding_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_binding_attempts_chat_external_id', ['chat_external_id'], unique=False)
    with op.batch_alter_table('message_links', schema=None) as batch_op:
        batch_op.add_column(_channel())
        batch_op.drop_constraint('uq_message_links', type_='unique')
        batch_op.alter_column('chat_telegram_id', new_column_name='chat_external_id', existing_type=sa.BigInteger())
    with op.batch_alter_table('message_links', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_message_links', ['channel', 'chat_external_id', 'message_id'])
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.add_column(_channel())
        batch_op.drop_constraint('uq_conversations', type_='unique')
        batch_op.alter_column('chat_telegram_id', new_column_name='chat_external_id', existing_type=sa.BigInteger())
        batch_op.alter_column('person_telegram_id', new_column_name='person_external_id', existing_type=sa.BigInteger())
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_conversations', ['channel', 'chat_external_id', 'person_external_id'])
    for table in ('status_changes', 'attachments', 'report_submissions'):
        _rename(table, {'chat_telegram_id': 'chat_external_id'})
    _rename('outbox', {'telegram_message_id': 'external_message_id'})
    _rewrite_payloads(neutral_payload)


def downgrade() -> None:
    _rewrite_payloads(telegram_payload)
    _rename('outbox', {'external_message_id': 'telegram_message_id'})
    for table in ('status_changes', 'attachments', 'report_submissions'):
        _rename(table, {'chat_external_id': 'chat_telegram_id'})
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_constraint('uq_conversations', type_='unique')
        batch_op.alter_column('chat_external_id', new_column_name='chat_telegram_id', existing_type=sa.BigInteger())
        batch_op.alter_column('person_external_id', new_column_name='person_telegram_id', existing_type=sa.BigInteger())
        batch_op.drop_column('channel')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_conversations', ['chat_telegram_id', 'person_telegram_id'])
    with op.batch_alter_table('message_links', schema=None) as batch_op:
        batch_op.drop_constraint('uq_message_links', type_='unique')
        batch_op.alter_column('chat_external_id', new_column_name='chat_telegram_id', existing_type=sa.BigInteger())
        batch_op.drop_column('channel')
    with op.batch_alter_table('message_links', schema=None) as batch_op:
        batch_op.create_unique_constraint('uq_message_links', ['chat_telegram_id', 'message_id'])
    with op.batch_alter_table('binding_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_binding_attempts_chat_external_id')
        batch_op.alter_column('chat_external_id', new_column_name='chat_telegram_id', existing_type=sa.BigInteger())
        batch_op.drop_column('channel')
    with op.batch_alter_table('binding_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_binding_attempts_chat_telegram_id', ['chat_telegram_id'], unique=False)
    for table in ('people', 'chats'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'uq_{table}_channel_external', type_='unique')
            batch_op.alter_column('external_id', new_column_name='telegram_id', existing_type=sa.BigInteger())
            batch_op.drop_column('channel')
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_unique_constraint(f'uq_{table}_telegram_id', ['telegram_id'])
