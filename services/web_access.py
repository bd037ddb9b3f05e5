"""Signing in to the leaders' dashboard: a personal link, usable once within 15 minutes, and the
actor a browser session stands for (the same roles the bot gives the person, checked on every page).

A link's token is ``<row id>.<random>``; only a hash of the random part is stored, in the
conversations table (one row per person, filed under ``WEB_CHAT``: a new link replaces the previous
one), with the chat the person asked from.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services import conversations
from services.access import Actor
from services.clock import Clock
from services.people import Identity, actor_for
from services.unit import UnitOfWork
from storage.models import Person

KIND = "web_link"
LINK_TTL = timedelta(minutes=15)
WEB_CHAT = 0  # the chat a link asked from outside any chat (``dondoc web-link``) is filed under
ACTION = "bang_dieu_khien"  # the permission the dashboard is opened with (services/access.py)


@dataclass(frozen=True)
class Visitor:
    """Who a browser session stands for: the person, and the chat whose binding gives their roles."""

    external_id: int
    chat_id: int


class Refusal(StrEnum):
    UNKNOWN_PERSON = "unknown_person"  # the bot has never met this id
    NOT_ALLOWED = "not_allowed"  # neither leader nor secretariat
    NO_GROUP = "no_group"  # an empty database: the bot has not started yet
    EXPIRED = "expired"
    USED = "used"  # used already, replaced by a newer link, or never issued


SIGN_IN_PATH = "/dang-nhap"  # the dashboard's page that spends a link


@dataclass(frozen=True)
class Link:
    token: str
    expires_at: datetime

    def address(self, base_url: str) -> str:
        """What the person opens: the dashboard's public address, the sign-in page, the token."""
        return f"{base_url.rstrip('/')}{SIGN_IN_PATH}/{self.token}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


async def _actor(session: AsyncSession, clock: Clock, visitor: Visitor, admin_ids: Iterable[int]) -> Actor | None:
    """The person's actor as the bot would see them in ``visitor.chat_id``; None for someone the bot
    has never met (an ``ADMIN_IDS`` user is known from the settings)."""
    admins = set(admin_ids)
    person = await session.scalar(select(Person).where(Person.external_id == visitor.external_id))
    if person is None and visitor.external_id not in admins:
        return None
    name, username = (person.full_name, person.username) if person is not None else ("", None)
    who = Identity(visitor.external_id, name, username, visitor.chat_id, "web")
    return await actor_for(session, clock, who, admins)


def _allowed(actor: Actor) -> bool:
    """A leader or the secretariat of a working group (an empty database has none yet)."""
    return actor.may(ACTION) and actor.working_group_id is not None


async def issue_link(
    db: UnitOfWork, clock: Clock, external_id: int, admin_ids: Iterable[int], chat_id: int = WEB_CHAT
) -> Link | Refusal:
    """A new sign-in link for a leader or a member of the secretariat, as they are in ``chat_id``
    (the chat they asked from: its binding can give the role)."""
    visitor = Visitor(external_id, chat_id)
    async with db.transaction() as session:
        actor = await _actor(session, clock, visitor, admin_ids)
        if actor is None:
            return Refusal.UNKNOWN_PERSON
        if actor.working_group_id is None:
            return Refusal.NO_GROUP
        if not _allowed(actor):
            return Refusal.NOT_ALLOWED
        secret = secrets.token_urlsafe(24)
        # filed under WEB_CHAT, not the chat asked from, so that a draft in that chat goes on
        data = {"hash": _digest(secret), "chat": chat_id}
        row = await conversations.begin(session, clock, WEB_CHAT, external_id, KIND, data, LINK_TTL)
        return Link(f"{row.id}.{secret}", row.expires_at)


async def redeem(db: UnitOfWork, clock: Clock, token: str) -> Visitor | Refusal:
    """The visitor a link was issued to; the link is spent whether fresh or expired, by one
    conditional delete, so that two browsers opening it at once cannot both get in."""
    head, _dot, secret = token.partition(".")
    if not head.isdigit() or not secret:
        return Refusal.USED
    async with db.transaction() as session:
        spent = await conversations.spend(session, int(head), KIND, {"hash": _digest(secret)})
    if spent is None:
        return Refusal.USED
    person, data, expires_at = spent
    if expires_at <= clock.now():
        return Refusal.EXPIRED
    return Visitor(person, int(data.get("chat", WEB_CHAT)))


async def web_actor(db: UnitOfWork, clock: Clock, visitor: Visitor, admin_ids: Iterable[int]) -> Actor | None:
    """The actor behind a session, as of now (a role taken away closes the dashboard at once);
    None when the person may no longer open it."""
    async with db.transaction() as session:
        actor = await _actor(session, clock, visitor, admin_ids)
    return actor if actor is not None and _allowed(actor) else None
