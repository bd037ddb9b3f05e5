"""Short dialogues kept in the database (a preview awaiting confirmation, a draft notice)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.clock import Clock
from storage.models import Conversation


async def begin(
    session: AsyncSession, clock: Clock, chat_id: int, person_id: int, kind: str, data: dict[str, Any],
    ttl: timedelta = timedelta(days=1),
) -> Conversation:
    """Start (or restart) the one dialogue a person has in a chat."""
    await session.execute(
        delete(Conversation).where(
            Conversation.chat_external_id == chat_id, Conversation.person_external_id == person_id
        )
    )
    row = Conversation(
        chat_external_id=chat_id, person_external_id=person_id, kind=kind, data=data, expires_at=clock.now() + ttl
    )
    session.add(row)
    await session.flush()
    return row


async def _own(session: AsyncSession, conversation_id: int, person_id: int, kind: str) -> Conversation | None:
    row = await session.get(Conversation, conversation_id)
    return row if row is not None and row.person_external_id == person_id and row.kind == kind else None


async def take(session: AsyncSession, clock: Clock, conversation_id: int, person_id: int, kind: str) -> Conversation | None:
    """The dialogue if it is this person's, of this kind and still fresh; it ends here."""
    row = await _own(session, conversation_id, person_id, kind)
    if row is None:
        return None
    await session.delete(row)
    return row if row.expires_at > clock.now() else None


async def spend(
    session: AsyncSession, conversation_id: int, kind: str, holding: dict[str, str]
) -> tuple[int, dict[str, Any], datetime] | None:
    """End the dialogue ``conversation_id`` of ``kind`` whose data holds ``holding`` and hand back its
    person, data and expiry, in one statement (``DELETE … RETURNING``): of two concurrent uses, only
    one gets the row; a dialogue that does not match is left alone."""
    query = delete(Conversation).where(Conversation.id == conversation_id, Conversation.kind == kind)
    for key, value in holding.items():
        query = query.where(Conversation.data[key].as_string() == value)
    taking = query.returning(Conversation.person_external_id, Conversation.data, Conversation.expires_at)
    found = (await session.execute(taking, execution_options={"synchronize_session": False})).first()
    return (int(found[0]), dict(found[1]), found[2]) if found is not None else None


async def current(session: AsyncSession, clock: Clock, chat_id: int, person_id: int, kind: str) -> Conversation | None:
    row = await session.scalar(
        select(Conversation).where(
            Conversation.chat_external_id == chat_id,
            Conversation.person_external_id == person_id,
            Conversation.kind == kind,
        )
    )
    return row if row is not None and row.expires_at > clock.now() else None


async def peek(session: AsyncSession, clock: Clock, conversation_id: int, person_id: int, kind: str) -> Conversation | None:
    """The dialogue if it is this person's, of this kind and still fresh; it goes on."""
    row = await _own(session, conversation_id, person_id, kind)
    return row if row is not None and row.expires_at > clock.now() else None
