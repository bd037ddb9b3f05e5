"""Storage: the migration chain builds the schema, times stay in UTC, transactions are atomic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models import Base, Chat, Outbox, WorkingGroup


async def test_migrations_create_every_table(db: Database) -> None:
    async with db.engine.connect() as conn:
        names = await conn.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    assert {t.name for t in Base.metadata.sorted_tables} <= names
    assert "alembic_version" in names


async def test_sqlite_runs_with_wal_and_foreign_keys(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("SQLite pragmas only apply to SQLite")
    async with db.engine.connect() as conn:
        assert (await conn.execute(text("PRAGMA journal_mode"))).scalar() == "wal"
        assert (await conn.execute(text("PRAGMA foreign_keys"))).scalar() == 1


async def test_datetimes_come_back_aware_in_utc(db: Database) -> None:
    hanoi = timezone(timedelta(hours=7))
    async with db.transaction() as session:
        session.add(WorkingGroup(name="TCT", created_at=datetime(2024, 4, 15, 8, 0, tzinfo=hanoi)))
    async with db.transaction() as session:
        group = await session.scalar(select(WorkingGroup))
        assert group is not None
        assert group.created_at == datetime(2024, 4, 15, 1, 0, tzinfo=UTC)
        assert group.created_at.tzinfo is not None


async def test_a_failed_transaction_writes_nothing(db: Database) -> None:
    now = datetime(2024, 4, 15, 1, 0, tzinfo=UTC)
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(WorkingGroup(name="TCT", created_at=now))
            await session.flush()
            session.add(Chat(external_id=1, kind="group", created_at=now))
            session.add(Chat(external_id=1, kind="group", created_at=now))
            await session.flush()
    async with db.transaction() as session:
        assert await session.scalar(select(func.count()).select_from(WorkingGroup)) == 0


async def test_outbox_idempotency_key_is_unique(db: Database) -> None:
    now = datetime(2024, 4, 15, 1, 0, tzinfo=UTC)
    async with db.transaction() as session:
        chat = Chat(external_id=-5, kind="group", created_at=now)
        session.add(chat)
        await session.flush()
        session.add(Outbox(idempotency_key="k", chat_id=chat.id, kind="x", not_before=now, created_at=now))
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(Outbox(idempotency_key="k", chat_id=chat.id, kind="x", not_before=now, created_at=now))


async def test_the_migrations_match_the_models(db: Database) -> None:
    """A model changed without a migration would fail here (``python -m storage.revision "…"``)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    async with db.engine.connect() as conn:
        diff = await conn.run_sync(
            lambda sync: compare_metadata(MigrationContext.configure(sync, opts={"compare_type": True}), Base.metadata)
        )
    assert diff == []
