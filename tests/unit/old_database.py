"""A database left at an older revision and filled the way the bot filled it then, for the tests
that check a migration keeps every row (SQLite file, or the PostgreSQL of ``TEST_DATABASE_URL``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.types import TypeEngine

from storage.db import Database
from tests.conftest import PG_URL


@asynccontextmanager
async def database_at(
    tmp_path: Path, revision: str, rows: Sequence[str], values: dict[str, tuple[TypeEngine[Any], Any]],
    tables: Sequence[str],
) -> AsyncIterator[Database]:
    """The database at ``revision`` after ``rows`` (SQL with ``:name`` parameters typed by ``values``);
    on PostgreSQL the sequences of ``tables`` move past the ids the rows chose."""
    url = PG_URL or f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    database = Database(url)
    if PG_URL:
        async with database.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await database.migrate(revision)
    async with database.engine.begin() as conn:
        for statement in rows:
            names = [name for name in values if f":{name}" in statement]
            query = text(statement).bindparams(*(bindparam(name, type_=values[name][0]) for name in names))
            await conn.execute(query, {name: values[name][1] for name in names})
        if PG_URL:
            for table in tables:
                await conn.execute(text(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))"))
    try:
        yield database
    finally:
        if PG_URL:  # leave the shared database at the newest revision, as the other tests expect it
            await database.migrate()
        await database.close()
