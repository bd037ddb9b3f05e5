"""One-time codes that bind a chat to an agency or to the leaders' role."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from plans.text import fold
from services.access import Actor, RoleName
from services.chats import ensure_chat, notify_secretariat
from services.clock import Clock
from services.group_tree import Root, find_below, group_named
from services.outbox_events import ChatBound, SecretariatJoined, to_payload
from services.people import Identity, ensure_person
from services.roles import grant
from services.unit import UnitOfWork
from storage.models import Agency, BindingAttempt, BindingCode, WorkingGroup

CODE_TTL = timedelta(days=7)
WRONG_LIMIT = 5
WRONG_WINDOW = timedelta(hours=1)
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LEADER_WORDS = {"lanh dao", "lanh_dao", "lanhdao", "leaders"}


def _normalize(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normalize(code).encode()).hexdigest()


async def issue_code(
    session: AsyncSession,
    clock: Clock,
    working_group_id: int,
    *,
    agency_id: int | None,
    role: RoleName,
    created_by: int | None,
) -> str:
    """A fresh code (shown once, only its hash kept), valid for seven days, usable once."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    session.add(
        BindingCode(
            code_hash=_hash(raw),
            working_group_id=working_group_id,
            agency_id=agency_id,
            role=role,
            created_by=created_by,
            expires_at=clock.now() + CODE_TTL,
            created_at=clock.now(),
        )
    )
    await session.flush()
    return f"{raw[:4]}-{raw[4:]}"


Outcome = Literal["bound", "wrong", "expired", "used", "too_many"]


@dataclass(frozen=True)
class BindResult:
    outcome: Outcome
    agency: str | None = None  # what the chat was bound to: an agency, or (None) the leaders
    role: RoleName | None = None
    wait_minutes: int = 0
    group: str | None = None  # the working group the chat now belongs to


def _attempts_in(who: Identity) -> ColumnElement[bool]:
    return (BindingAttempt.channel == who.channel) & (BindingAttempt.chat_external_id == who.chat_id)


async def _wrong_attempts(session: AsyncSession, clock: Clock, who: Identity) -> list[BindingAttempt]:
    since = clock.now() - WRONG_WINDOW
    return list(
        await session.scalars(
            select(BindingAttempt)
            .where(_attempts_in(who), BindingAttempt.at > since)
            .order_by(BindingAttempt.at)
        )
    )


async def redeem(session: AsyncSession, clock: Clock, who: Identity, code: str) -> BindResult:
    """Bind ``who``'s chat with ``code``; more than five wrong codes in an hour are refused."""
    now = clock.now()
    wrong = await _wrong_attempts(session, clock, who)
    if len(wrong) >= WRONG_LIMIT:
        wait = wrong[-WRONG_LIMIT].at + WRONG_WINDOW - now
        return BindResult("too_many", wait_minutes=max(1, int(wait.total_seconds() // 60) + 1))
    row = await session.scalar(select(BindingCode).where(BindingCode.code_hash == _hash(code)))
    if row is None:
        session.add(BindingAttempt(channel=who.channel, chat_external_id=who.chat_id, at=now))
        return BindResult("wrong")
    if row.used_at is not None:
        return BindResult("used")
    if row.expires_at <= now:
        return BindResult("expired")
    row.used_at, row.used_by_chat = now, who.chat_id
    person = await ensure_person(session, clock, who)
    chat = await ensure_chat(session, clock, who.chat_id, who.chat_type, who.chat_title or who.full_name, who.channel)
    chat.working_group_id = row.working_group_id
    chat.active, chat.inactive_reason, chat.bound_at = True, None, now
    role = RoleName(row.role) if row.role else RoleName.FOCAL
    if row.agency_id is not None:
        agency = await session.get(Agency, row.agency_id)
        assert agency is not None
        chat.agency_id, chat.role = agency.id, None
        bound_to: str | None = agency.name
        await grant(session, clock, person.id, row.working_group_id, RoleName.FOCAL, agency.id, row.created_by)
        if role == RoleName.SECRETARIAT:  # a commune's secretariat: its chat is its UBND's (see /ma_xa)
            await grant(session, clock, person.id, row.working_group_id, role, None, row.created_by)
    else:
        chat.agency_id, chat.role = None, role
        bound_to = None
        await grant(session, clock, person.id, row.working_group_id, role, None, row.created_by)
    await session.execute(delete(BindingAttempt).where(_attempts_in(who)))
    bound = ChatBound(who.chat_title, who.full_name, bound_to, role)
    await notify_secretariat(session, clock, row.working_group_id, f"bound:{row.id}", to_payload(bound))
    group = await session.get(WorkingGroup, row.working_group_id)
    if role == RoleName.SECRETARIAT and group is not None and group.parent_id is not None:
        joined = SecretariatJoined(group.name, who.full_name, who.chat_title)
        await notify_secretariat(session, clock, group.parent_id, f"bound:{row.id}", to_payload(joined))
    return BindResult("bound", agency=bound_to, role=role, group=group.name if group else None)


async def open_codes(session: AsyncSession, clock: Clock, working_group_id: int) -> int:
    return int(
        await session.scalar(
            select(func.count())
            .select_from(BindingCode)
            .where(
                BindingCode.working_group_id == working_group_id,
                BindingCode.used_at.is_(None),
                BindingCode.expires_at > clock.now(),
            )
        )
        or 0
    )


@dataclass(frozen=True)
class Issued:
    """A code issued for an agency (by the name typed) or the leaders' group; ``code`` None when
    the name is no agency's."""

    code: str | None
    agency: str | None  # None for the leaders' group


def means_leaders(name: str) -> bool:
    """Whether a code is asked for the leaders' chat (``lanh_dao``) rather than an agency."""
    return fold(name) in LEADER_WORDS


async def _issue_in(
    session: AsyncSession, clock: Clock, group_id: int, name: str, leaders: bool, created_by: int | None
) -> Issued:
    if leaders:
        code = await issue_code(session, clock, group_id, agency_id=None, role=RoleName.LEADER, created_by=created_by)
        return Issued(code, None)
    agency = await find_below(session, group_id, name)
    if not isinstance(agency, Agency):
        return Issued(None, name)
    code = await issue_code(  # a commune's UBND binds its chat into the commune's group
        session, clock, agency.working_group_id, agency_id=agency.id, role=RoleName.FOCAL, created_by=created_by
    )
    return Issued(code, agency.name)


async def issue_for(db: UnitOfWork, clock: Clock, actor: Actor, name: str, leaders: bool) -> Issued:
    """``/ma_don_vi``: a one-time code binding a chat to the agency named, or to the leaders."""
    assert actor.working_group_id is not None
    async with db.transaction() as session:
        return await _issue_in(session, clock, actor.working_group_id, name, leaders, actor.person_id)


async def issue_on_server(db: UnitOfWork, clock: Clock, root: Root, name: str, group: str | None) -> Issued:
    """``dondoc code``: the same codes, for whoever sets a deployment up on the server; ``group``
    names the working group (the root by default; ``GroupError`` when there is none of that name)."""
    async with db.transaction() as session:
        found = await group_named(session, clock, root, group)
        return await _issue_in(session, clock, found.id, name, means_leaders(name), None)


async def register_chat(db: UnitOfWork, clock: Clock, who: Identity, code: str) -> BindResult:
    """``/dang_ky <mã>``: the chat where it is typed is bound by the code (see :func:`redeem`)."""
    async with db.transaction() as session:
        return await redeem(session, clock, who, code)
