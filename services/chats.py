"""Chats the bot is in: binding, losing them, migration, and telling the secretariat."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from services.access import RoleName
from services.clock import Clock
from services.outbox_events import ChatLost, to_payload
from services.unit import UnitOfWork
from storage.models import DEFAULT_CHANNEL, Agency, Chat, Person, Role
from storage.outbox import OutboxItem, enqueue

log = logging.getLogger(__name__)


async def ensure_chat(
    session: AsyncSession, clock: Clock, external_id: int, kind: str, title: str | None, channel: str = DEFAULT_CHANNEL
) -> Chat:
    chat = await session.scalar(select(Chat).where(Chat.channel == channel, Chat.external_id == external_id))
    if chat is None:
        chat = Chat(channel=channel, external_id=external_id, kind=kind, title=title, active=True, created_at=clock.now())
        session.add(chat)
        await session.flush()
    elif title:
        chat.title = title
    return chat


async def ensure_secretariat_chats(session: AsyncSession, clock: Clock, working_group_id: int) -> list[Chat]:
    """Private chats of the secretariat and admins of a group, active ones only; the rows of those
    not stored yet are written here (only for queueing a message: reads use
    ``scheduler.facts.secretariat_reachable``)."""
    return (await ensure_secretariat_chats_by_group(session, clock, [working_group_id]))[working_group_id]


async def ensure_secretariat_chats_by_group(
    session: AsyncSession, clock: Clock, group_ids: list[int]
) -> dict[int, list[Chat]]:
    """:func:`ensure_secretariat_chats` of several groups, their people read in one query."""
    rows = await session.execute(
        select(Role.working_group_id, Person)
        .join(Role, Role.person_id == Person.id)
        .where(
            Role.working_group_id.in_(group_ids),
            Role.role.in_((RoleName.ADMIN, RoleName.SECRETARIAT)),
            Person.private_chat_id.is_not(None),
        )
        .distinct()
        .order_by(Role.working_group_id, Person.id)
    )
    found: dict[int, list[Chat]] = {group_id: [] for group_id in group_ids}
    for group_id, person in rows.all():
        assert person.private_chat_id is not None
        chat = await ensure_chat(session, clock, person.private_chat_id, "private", person.full_name, person.channel)
        if chat.working_group_id is None:
            chat.working_group_id = group_id
            chat.role = RoleName.SECRETARIAT
        if chat.active:
            found[group_id].append(chat)
    return found


async def notify_secretariat(
    session: AsyncSession, clock: Clock, working_group_id: int, key: str, payload: dict[str, Any]
) -> int:
    """Queue ``payload`` (an outbox event or a rendered message) once, per ``key``, to every
    secretariat chat of the group."""
    chats = await ensure_secretariat_chats(session, clock, working_group_id)
    items = [
        OutboxItem(
            key=f"{key}:to:{chat.id}",
            chat_id=chat.id,
            kind="secretariat",
            payload=payload,
            not_before=clock.now(),
            working_group_id=working_group_id,
        )
        for chat in chats
    ]
    return await enqueue(session, items, clock.now())


async def chat_lost(session: AsyncSession, clock: Clock, chat_id: int, reason: str) -> bool:
    """The bot can no longer write there: stop using the chat and tell the secretariat once."""
    chat = await session.get(Chat, chat_id)
    if chat is None or not chat.active:
        return False
    chat.active = False
    chat.inactive_reason = reason[:200]
    log.info("chat %s marked inactive: %s", chat.external_id, reason)
    if chat.working_group_id is not None and chat.role != RoleName.SECRETARIAT:
        agency = await session.get(Agency, chat.agency_id) if chat.agency_id is not None else None
        lost = ChatLost(
            agency.name if agency else None, chat.role == RoleName.LEADER, chat.title or str(chat.external_id)
        )
        key = f"chat-lost:{chat.id}:{clock.now().date().isoformat()}"
        await notify_secretariat(session, clock, chat.working_group_id, key, to_payload(lost))
    return True


async def chat_migrated(session: AsyncSession, channel: str, old_external_id: int, new_external_id: int) -> None:
    """A group became a supergroup: same chat, new id; the binding follows."""
    of_channel = Chat.channel == channel
    existing = await session.scalar(select(Chat).where(of_channel, Chat.external_id == new_external_id))
    old = await session.scalar(select(Chat).where(of_channel, Chat.external_id == old_external_id))
    if old is None:
        return
    if existing is not None and existing.id != old.id:
        if existing.agency_id is None and existing.role is None:
            await session.delete(existing)
            await session.flush()
        else:
            return
    old.external_id = new_external_id
    old.kind = "supergroup"


async def agency_chats(session: AsyncSession, agency_ids: list[int]) -> dict[int, list[Chat]]:
    """Active chats of each agency, on each messenger: its groups there, or its focal points' private
    chats there when it has no group on that messenger (an agency may have a Telegram group and a
    Zalo group: each receives each reminder once)."""
    rows = list(
        await session.scalars(select(Chat).where(Chat.agency_id.in_(agency_ids), Chat.active.is_(True)).order_by(Chat.id))
    )
    found: dict[int, list[Chat]] = {}
    for chat in rows:
        assert chat.agency_id is not None
        found.setdefault(chat.agency_id, []).append(chat)
    for agency_id, chats in found.items():
        kept: list[Chat] = []
        for channel in dict.fromkeys(c.channel for c in chats):
            here = [c for c in chats if c.channel == channel]
            kept.extend([c for c in here if c.kind != "private"] or here)
        found[agency_id] = sorted(kept, key=lambda c: c.id)
    return found


async def deactivate_agency_chats(session: AsyncSession, agency_id: int) -> None:
    await session.execute(update(Chat).where(Chat.agency_id == agency_id).values(active=False, inactive_reason="agency deleted"))


async def bot_added(
    db: UnitOfWork, clock: Clock, external_id: int, kind: str, title: str | None, channel: str = DEFAULT_CHANNEL
) -> bool:
    """The bot joined a group: the chat is known from now on; True when it is bound already."""
    async with db.transaction() as session:
        row = await ensure_chat(session, clock, external_id, kind, title, channel)
        return row.agency_id is not None or row.role is not None


async def bot_removed(
    db: UnitOfWork, clock: Clock, external_id: int, kind: str, title: str | None, channel: str = DEFAULT_CHANNEL
) -> None:
    """The bot was removed from a group or blocked in a private chat (see :func:`chat_lost`)."""
    async with db.transaction() as session:
        row = await ensure_chat(session, clock, external_id, kind, title, channel)
        await chat_lost(session, clock, row.id, "bot removed" if kind != "private" else "bot blocked")


async def moved(db: UnitOfWork, channel: str, old_external_id: int, new_external_id: int) -> None:
    """The messenger gave the chat a new id (see :func:`chat_migrated`)."""
    async with db.transaction() as session:
        await chat_migrated(session, channel, old_external_id, new_external_id)
