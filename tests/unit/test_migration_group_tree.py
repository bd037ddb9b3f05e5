"""Revision 0003 (working groups as a tree, collectives' members, cascaded leads) turns a database of
revision 0002 into a province root group without losing a row."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Connection, Date, func, select
from sqlalchemy.types import TypeEngine

from services.clock import ManualClock
from services.group_tree import Root, create
from storage.db import Database, alembic_config
from storage.models import Agency, AgencyMember, Chat, StatusChange, Task, TaskLead, WorkingGroup
from storage.types import UTCDateTime
from tests.unit.old_database import database_at

NOW = datetime(2024, 4, 15, 1, 0, tzinfo=UTC)
DUE = date(2024, 6, 30)

ROWS = [
    "INSERT INTO working_groups (id, name, timezone, settings, is_default, created_at) "
    "VALUES (1, 'Tổ công tác Đề án 06 tỉnh', 'Asia/Ho_Chi_Minh', '{\"reminders\": {\"monthly\": 15}}', true, :now)",
    "INSERT INTO agencies (id, working_group_id, name, folded, aliases, collective, members, needs_review, created_at) "
    "VALUES (1, 1, 'Sở Y tế', 'so y te', '[]', false, '[]', false, :now)",
    "INSERT INTO agencies (id, working_group_id, name, folded, aliases, collective, members, needs_review, created_at) "
    "VALUES (2, 1, 'UBND cấp xã', 'ubnd cap xa', '[\"UBND các xã, phường\"]', true, '[]', false, :now)",
    "INSERT INTO chats (id, channel, external_id, working_group_id, kind, title, agency_id, active, created_at) "
    "VALUES (1, 'telegram', -100200, 1, 'supergroup', 'UBND các xã', 2, true, :now)",
    "INSERT INTO plans (id, working_group_id, number, title, settings, imported_at) "
    "VALUES (1, 1, '56/KH-UBND', 'Kế hoạch', '{}', :now)",
    "INSERT INTO tasks (id, plan_id, position, code, content, kind, due, recurring, milestones, notes) "
    "VALUES (1, 1, 0, '1', 'Làm sạch dữ liệu', 'date', :due, false, '[]', '{}')",
    "INSERT INTO task_leads (id, task_id, agency_id, status, percent, due) VALUES (1, 1, 1, 'in_progress', 40, :due)",
    "INSERT INTO task_leads (id, task_id, agency_id, status, due) VALUES (2, 1, 2, 'not_started', :due)",
    "INSERT INTO status_changes (id, task_lead_id, at, source, old, new) "
    "VALUES (1, 1, :now, 'reply', '{}', '{\"percent\": 40}')",
]


@pytest.fixture
async def old_db(tmp_path: Path) -> AsyncIterator[Database]:
    """A database at revision 0002: one working group, a department and a collective leading a task."""
    values: dict[str, tuple[TypeEngine[Any], Any]] = {"now": (UTCDateTime(), NOW), "due": (Date(), DUE)}
    tables = ("working_groups", "agencies", "chats", "plans", "tasks", "task_leads", "status_changes")
    async with database_at(tmp_path, "0002", ROWS, values, tables) as database:
        yield database


async def test_an_existing_deployment_becomes_the_province_root_with_every_row(old_db: Database) -> None:
    await old_db.migrate()
    async with old_db.transaction() as session:
        (group,) = await session.scalars(select(WorkingGroup))
        assert (group.parent_id, group.level, group.is_default) == (None, "tinh", True)
        assert group.settings == {"reminders": {"monthly": 15}}
        agencies = {a.id: a for a in await session.scalars(select(Agency))}
        assert agencies[2].collective and agencies[2].aliases == ["UBND các xã, phường"]
        assert await session.scalar(select(func.count()).select_from(AgencyMember)) == 0
        leads = {lead.id: lead for lead in await session.scalars(select(TaskLead))}
        assert (leads[1].status, leads[1].percent, leads[1].via_agency_id) == ("in_progress", 40, None)
        assert (leads[2].agency_id, leads[2].due, leads[2].via_agency_id) == (2, DUE, None)
        assert (await session.get(Task, 1)) is not None
        assert (await session.get(StatusChange, 1)) is not None
        chat = await session.get(Chat, 1)
        assert chat is not None and chat.agency_id == 2


async def test_downgrading_gives_back_revision_0002_with_every_row(old_db: Database) -> None:
    await old_db.migrate()

    def downgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")

    async with old_db.engine.connect() as conn:
        if old_db.dialect == "sqlite":  # a table rebuilt by the downgrade is still referenced, as in Database.migrate
            await conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await conn.commit()
        await conn.run_sync(downgrade)
        await conn.commit()
        assert (await conn.exec_driver_sql("SELECT count(*) FROM task_leads")).scalar() == 2
        assert (await conn.exec_driver_sql("SELECT count(*) FROM working_groups")).scalar() == 1


async def test_a_commune_added_after_the_upgrade_takes_over_the_collectives_lead(old_db: Database) -> None:
    await old_db.migrate()
    clock = ManualClock(NOW)
    added = await create(old_db, clock, Root("Tổ công tác", "Asia/Ho_Chi_Minh"), "xã Sơn Ninh")
    assert added.collectives == ["UBND cấp xã (Tổ công tác Đề án 06 tỉnh)"] and added.tasks_received == 1
    async with old_db.transaction() as session:
        leads = {lead.id: lead for lead in await session.scalars(select(TaskLead))}
        commune = await session.get(Agency, leads[2].agency_id)
        assert commune is not None and commune.name == "UBND xã Sơn Ninh"
        assert (leads[2].via_agency_id, leads[2].due) == (2, DUE)
        assert (leads[1].agency_id, leads[1].percent) == (1, 40)
