"""Revision 0004 (handles for messengers with string ids) keeps every row of a 0003 database, and a
Zalo handle never meets a Telegram id of the same number."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.types import TypeEngine

from services.clock import ManualClock
from services.people import Identity, actor_of
from storage.db import Database
from storage.handles import Handles
from storage.models import Chat, ExternalHandle, Person
from storage.types import UTCDateTime
from tests.unit.old_database import database_at

NOW = datetime(2024, 4, 15, 1, 0, tzinfo=UTC)

ROWS = [
    "INSERT INTO working_groups (id, name, timezone, settings, is_default, created_at, level) "
    "VALUES (1, 'Tổ công tác', 'Asia/Ho_Chi_Minh', '{}', true, :now, 'tinh')",
    "INSERT INTO agencies (id, working_group_id, name, folded, aliases, collective, members, needs_review, created_at) "
    "VALUES (1, 1, 'Sở Y tế', 'so y te', '[]', false, '[]', false, :now)",
    "INSERT INTO people (id, channel, external_id, full_name, created_at) VALUES (1, 'telegram', 1, 'Người Telegram', :now)",
    "INSERT INTO chats (id, channel, external_id, working_group_id, kind, title, agency_id, active, created_at) "
    "VALUES (1, 'telegram', 1, 1, 'private', 'Người Telegram', 1, true, :now)",
]


@pytest.fixture
async def old_db(tmp_path: Path) -> AsyncIterator[Database]:
    values: dict[str, tuple[TypeEngine[Any], Any]] = {"now": (UTCDateTime(), NOW)}
    async with database_at(tmp_path, "0003", ROWS, values, ("working_groups", "agencies", "people", "chats")) as database:
        yield database


async def test_upgrading_keeps_people_and_chats_and_starts_without_handles(old_db: Database) -> None:
    await old_db.migrate()
    async with old_db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(ExternalHandle)) == 0
        person = await session.get(Person, 1)
        chat = await session.get(Chat, 1)
        assert person is not None and (person.channel, person.external_id) == ("telegram", 1)
        assert chat is not None and (chat.agency_id, chat.external_id) == (1, 1)


async def test_a_string_id_keeps_its_handle_across_processes(old_db: Database) -> None:
    await old_db.migrate()
    first, second = Handles(old_db, "zalo"), Handles(old_db, "zalo")
    lan = await first.handle("e4ea2cd5189df1c3a88c")
    group = await first.handle("6a1f00b2c3d4")
    assert lan != group
    assert await second.handle("e4ea2cd5189df1c3a88c") == lan  # another process, same database
    assert await second.key(group) == "6a1f00b2c3d4"
    assert await Handles(old_db, "other").key(group) is None


async def test_a_zalo_person_with_a_telegram_persons_number_is_someone_else(old_db: Database) -> None:
    """Telegram user 1 is bound to Sở Y tế in their private chat; Zalo handle 1 is a stranger."""
    await old_db.migrate()
    clock = ManualClock(NOW)
    zalo = Identity(1, "Người Zalo", None, 1, "private", channel="zalo")
    actor = await actor_of(old_db, clock, zalo, admin_ids=[1])
    assert actor.agency_ids == frozenset() and actor.agency_id is None
    assert [r.value for r in actor.roles] == ["stranger"]  # ADMIN_IDS are Telegram's
    telegram = await actor_of(old_db, clock, Identity(1, "Người Telegram", None, 1, "private"), admin_ids=[1])
    assert telegram.agency_id == 1 and "admin" in {r.value for r in telegram.roles}
    async with old_db.transaction() as session:
        people = {(p.channel, p.external_id): p.full_name for p in await session.scalars(select(Person))}
    assert people == {("telegram", 1): "Người Telegram", ("zalo", 1): "Người Zalo"}
