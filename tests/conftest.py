"""Shared fixtures: a real database per test (SQLite file, or PostgreSQL via TEST_DATABASE_URL)."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from services.clock import ManualClock
from storage.db import Database
from storage.models import Base

PG_URL = os.environ.get("TEST_DATABASE_URL")
FIXTURES = Path(__file__).parent / "fixtures"


def _sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Migrate once per run: a template SQLite file, or the PostgreSQL schema from scratch."""
    if PG_URL:

        async def fresh_pg() -> None:
            db = Database(PG_URL)
            async with db.engine.begin() as conn:
                await conn.execute(text("DROP SCHEMA public CASCADE"))
                await conn.execute(text("CREATE SCHEMA public"))
            await db.migrate()
            await db.close()

        asyncio.run(fresh_pg())
        yield PG_URL
    else:
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"

        async def fresh_sqlite() -> None:
            db = Database(_sqlite_url(path))
            await db.migrate()
            await db.close()

        asyncio.run(fresh_sqlite())
        yield str(path)


@pytest.fixture
def database_url(migrated_template: str, tmp_path: Path) -> str:
    """A migrated, empty database for one test."""
    if PG_URL:
        return PG_URL
    target = tmp_path / "dondoc.sqlite3"
    shutil.copy(migrated_template, target)
    return _sqlite_url(target)


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    database = Database(database_url)
    if PG_URL:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables if t.name != "alembic_version")
        async with database.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield database
    await database.close()


@pytest.fixture
def clock() -> ManualClock:
    """Monday 15/04/2024, 08:00 in Vietnam."""
    return ManualClock(datetime(2024, 4, 15, 1, 0, tzinfo=UTC))
