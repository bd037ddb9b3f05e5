"""Revision 0002 (people and chats as channel + external id, neutral outbox payloads) keeps every row
a database of revision 0001 holds: people, chats and their bindings, links, conversations, outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import JSON, select
from sqlalchemy.types import TypeEngine

from channels.port import Action, FileRef, Outgoing
from services import conversations, links
from services.clock import ManualClock
from storage.db import Database
from storage.models import Agency, Chat, MessageLink, Outbox, Person, Role
from storage.outbox import claim
from storage.types import UTCDateTime
from tests.unit.old_database import database_at

NOW = datetime(2024, 4, 15, 1, 0, tzinfo=UTC)
GROUP_CHAT, FOCAL, LEADERS = -100123, 555, -100777

# Telegram-shaped payloads as revision 0001 wrote them
REMINDER = {
    "text": "🔔 <b>Nhắc việc</b>", "parse_mode": "HTML",
    "buttons": [[{"text": "✅ Đã hoàn thành", "data": "st:1:done"}]], "link": {"agency_id": 1},
}
NOTICE_FILE = {
    "text": "📎 Tệp", "caption": "📎 Tệp", "parse_mode": "HTML", "silent": True,
    "document": {"file_id": "F1", "file_name": "a.pdf"}, "link": {"agency_id": 1, "purpose": "notice_file"},
}

ROWS = [
    "INSERT INTO working_groups (id, name, timezone, settings, is_default, created_at) "
    "VALUES (1, 'TCT', 'Asia/Ho_Chi_Minh', '{}', true, :now)",
    "INSERT INTO agencies (id, working_group_id, name, folded, aliases, collective, members, needs_review, created_at) "
    "VALUES (1, 1, 'Sở Y tế', 'so y te', '[]', false, '[]', false, :now)",
    f"INSERT INTO people (id, telegram_id, full_name, private_chat_id, created_at) VALUES (1, {FOCAL}, 'Lan', {FOCAL}, :now)",
    f"INSERT INTO chats (id, telegram_id, working_group_id, kind, title, agency_id, active, created_at) "
    f"VALUES (1, {GROUP_CHAT}, 1, 'supergroup', 'Sở Y tế - Đề án 06', 1, true, :now)",
    f"INSERT INTO chats (id, telegram_id, working_group_id, kind, title, role, active, created_at) "
    f"VALUES (2, {LEADERS}, 1, 'group', 'Lãnh đạo', 'leader', true, :now)",
    "INSERT INTO roles (id, person_id, working_group_id, role, agency_id, created_at) VALUES (1, 1, 1, 'focal', 1, :now)",
    f"INSERT INTO binding_attempts (id, chat_telegram_id, at) VALUES (1, {GROUP_CHAT}, :now)",
    f"INSERT INTO message_links (id, chat_telegram_id, message_id, agency_id, purpose, created_at) "
    f"VALUES (1, {GROUP_CHAT}, 42, 1, 'reminder', :now)",
    f"INSERT INTO conversations (id, chat_telegram_id, person_telegram_id, kind, data, expires_at) "
    f"VALUES (1, {GROUP_CHAT}, {FOCAL}, 'status', '{{}}', :later)",
    "INSERT INTO outbox (id, idempotency_key, working_group_id, chat_id, kind, payload, not_before, state, attempts, "
    "telegram_message_id, sent_at, created_at) VALUES (1, 'sent', 1, 1, 'deadline', :reminder, :now, 'sent', 1, 42, :now, :now)",
    "INSERT INTO outbox (id, idempotency_key, working_group_id, chat_id, kind, payload, not_before, state, attempts, "
    "created_at) VALUES (2, 'due', 1, 1, 'notice_file', :file, :now, 'pending', 0, :now)",
]


@pytest.fixture
async def old_db(tmp_path: Path) -> AsyncIterator[Database]:
    """A database at revision 0001, filled the way the bot filled it before the channel port."""
    values: dict[str, tuple[TypeEngine[Any], Any]] = {
        "now": (UTCDateTime(), NOW), "later": (UTCDateTime(), NOW.replace(year=2030)),
        "reminder": (JSON(), REMINDER), "file": (JSON(), NOTICE_FILE),
    }
    tables = ("working_groups", "agencies", "people", "chats", "roles", "message_links", "outbox")
    async with database_at(tmp_path, "0001", ROWS, values, tables) as database:
        yield database


async def test_upgrading_keeps_every_person_chat_binding_and_outbox_row(old_db: Database) -> None:
    await old_db.migrate()
    clock = ManualClock(NOW)
    async with old_db.transaction() as session:
        person = await session.scalar(select(Person).where(Person.channel == "telegram", Person.external_id == FOCAL))
        assert person is not None and person.full_name == "Lan" and person.private_chat_id == FOCAL
        chats = {c.external_id: c for c in await session.scalars(select(Chat))}
        assert {c.channel for c in chats.values()} == {"telegram"}
        assert chats[GROUP_CHAT].agency_id == 1 and chats[GROUP_CHAT].title == "Sở Y tế - Đề án 06"
        assert chats[LEADERS].role == "leader"
        role = await session.scalar(select(Role).where(Role.person_id == person.id))
        assert role is not None and role.agency_id == 1
        assert (await session.get(Agency, 1)) is not None
        link = await links.find(session, GROUP_CHAT, 42)
        assert link is not None and link.agency_id == 1
        assert await conversations.current(session, clock, GROUP_CHAT, FOCAL, "status") is not None
        sent = await session.get(Outbox, 1)
        assert sent is not None and sent.external_message_id == 42 and sent.state == "sent"
        assert Outgoing.from_payload(sent.payload) == Outgoing(
            "🔔 <b>Nhắc việc</b>", actions=((Action("✅ Đã hoàn thành", "st:1:done"),),), link={"agency_id": 1}
        )
        (due,) = await claim(session, NOW, "w", 10, timedelta(minutes=2))
        assert (due.id, due.channel, due.chat_external_id) == (2, "telegram", GROUP_CHAT)
        assert Outgoing.from_payload(due.payload) == Outgoing(
            "📎 Tệp", attachment=FileRef("F1", "a.pdf"), silent=True,
            link={"agency_id": 1, "purpose": "notice_file"},
        )
        # the new unique keys hold the old rows: the same chat id on another channel is another chat
        session.add(Chat(channel="zalo", external_id=GROUP_CHAT, kind="group", created_at=NOW))
        session.add(Person(channel="zalo", external_id=FOCAL, full_name="Lan", created_at=NOW))
        session.add(MessageLink(channel="zalo", chat_external_id=GROUP_CHAT, message_id=42, created_at=NOW))
