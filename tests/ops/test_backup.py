"""Backups and restores: an online SQLite copy that restores to the same answers; PostgreSQL explained."""

from __future__ import annotations

import asyncio
import shlex
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from bot import ops
from bot.cli import main
from services.clock import ManualClock
from storage.db import Database
from tests.conftest import PG_URL
from tests.ops.data import populate, snapshot
from tests.seed import seed_task

sqlite_only = pytest.mark.skipif(bool(PG_URL), reason="SQLite backups: TEST_DATABASE_URL points at PostgreSQL")
postgres_only = pytest.mark.skipif(not PG_URL, reason="pg_dump explanation: needs TEST_DATABASE_URL (PostgreSQL)")
NOW = datetime(2024, 4, 15, 8, 0)


def path_of(db: Database) -> Path:
    found = ops.sqlite_file(db.url)
    assert found is not None
    return found


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands run from an empty folder (no .env) with DATABASE_URL from the environment."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@sqlite_only
async def test_backup_while_the_bot_writes_then_restore_gives_the_same_answers(
    db: Database, clock: ManualClock, tmp_path: Path
) -> None:
    await populate(db, clock)
    before = await snapshot(db)
    out = tmp_path / "saved" / "dondoc.sqlite3"
    # the bot is in the middle of a write transaction: the copy is made all the same, without it
    async with db.transaction() as session:
        await session.execute(text("UPDATE tasks SET content = 'chưa lưu' WHERE code = '2.1'"))
        ops.backup_sqlite(path_of(db), out)
        await session.rollback()
    assert ops.check_dondoc_file(out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete", "one self-contained file"
    # life goes on after the backup
    await seed_task(db, clock, "9.9", "Nhiệm vụ thêm sau khi sao lưu", date(2024, 12, 31), ["Sở Tư pháp"])
    assert (await snapshot(db)) != before
    await db.close()

    kept = ops.restore_sqlite(out, path_of(db), NOW, keep_dir=tmp_path / "kept")
    restored = Database(db.url)
    try:
        await restored.migrate()
        assert await snapshot(restored) == before
    finally:
        await restored.close()
    assert kept is not None and kept.parent == tmp_path / "kept"
    with sqlite3.connect(kept) as conn:
        assert conn.execute("SELECT count(*) FROM tasks WHERE code = '9.9'").fetchone()[0] == 1, "the replaced one is kept"


@sqlite_only
async def test_restore_refuses_while_the_database_is_open(db: Database, clock: ManualClock, tmp_path: Path) -> None:
    await populate(db, clock)
    out = ops.backup_sqlite(path_of(db), tmp_path / "b.sqlite3")
    async with db.transaction() as session:  # the pool keeps this connection open, as a running bot does
        await session.execute(text("SELECT 1"))
    with pytest.raises(ops.OpsError, match="đang được bot hoặc một lệnh khác sử dụng"):
        ops.restore_sqlite(out, path_of(db), NOW, keep_dir=tmp_path / "kept")
    assert not (tmp_path / "kept").exists(), "nothing was touched"
    await db.close()
    assert ops.restore_sqlite(out, path_of(db), NOW, keep_dir=tmp_path / "kept") is not None


def one_vietnamese_sentence(message: str) -> None:
    assert message.count("\n") == 0 and message.endswith("."), message
    assert any(ch in message for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ"), message


@sqlite_only
async def test_restore_refuses_a_file_that_is_not_a_dondoc_database(
    db: Database, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", db.url)
    await db.close()
    notes = in_tmp / "ghi-chu.txt"
    notes.write_text("không phải cơ sở dữ liệu", encoding="utf-8")
    other = in_tmp / "khac.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE sach (ten TEXT)")
    before = path_of(db).read_bytes()
    for file, words in ((notes, "không phải tệp SQLite"), (other, "thiếu các bảng"), (in_tmp / "khong-co.sqlite3", "Không tìm thấy")):
        assert main(["restore", str(file), "--yes"]) == 1
        err = capsys.readouterr().err.strip()
        assert words in err
        if file != in_tmp / "khong-co.sqlite3":
            assert "không phải là cơ sở dữ liệu dondoc" in err
        one_vietnamese_sentence(err)
    assert path_of(db).read_bytes() == before
    assert not (in_tmp / "backups").exists()


@sqlite_only
async def test_backup_and_restore_commands(
    db: Database, clock: ManualClock, in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", db.url)
    await populate(db, clock)
    before = await snapshot(db)
    await db.close()
    assert main(["backup"]) == 0
    made = list((in_tmp / "backups").glob("dondoc-*.sqlite3"))
    assert len(made) == 1 and "Đã sao lưu" in capsys.readouterr().out
    assert main(["backup", "--out", str(made[0])]) == 1
    one_vietnamese_sentence(capsys.readouterr().err.strip())

    path_of(db).unlink()  # the worst case: the database is gone
    assert await asyncio.to_thread(main, ["restore", str(made[0]), "--yes"]) == 0  # it runs the migrations
    assert "Đã khôi phục" in capsys.readouterr().out
    restored = Database(db.url)
    try:
        assert await snapshot(restored) == before
    finally:
        await restored.close()


@postgres_only
def test_backup_on_postgresql_prints_the_pg_dump_command_that_works(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], migrated_template: str
) -> None:
    assert PG_URL is not None
    monkeypatch.setenv("DATABASE_URL", PG_URL)
    assert main(["backup", "--out", "backups/tinh.dump"]) == 0
    out = capsys.readouterr().out
    assert "PostgreSQL" in out and "pg_dump" in out
    for part in ("--host=127.0.0.1", "--port=5432", "--username=postgres", "--file=backups/tinh.dump"):
        assert part in out
    command = next(line.strip() for line in out.splitlines() if "pg_dump " in line and "--file" in line)
    done = subprocess.run(["bash", "-c", command], cwd=in_tmp, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert (in_tmp / "backups" / "tinh.dump").stat().st_size > 0
    assert main(["restore", "backups/tinh.dump"]) == 0
    assert "pg_restore" in capsys.readouterr().out


def test_the_postgresql_explanations_never_show_the_password() -> None:
    url = "postgresql+asyncpg://dondoc:s3cr3t-pass@db.tinh.gov.vn:6432/dondoc"
    backup = ops.pg_backup_help(url, None, NOW)
    restore = ops.pg_restore_help(url, "backups/x.dump")
    for explanation in (backup, restore):
        assert "s3cr3t" not in explanation
        assert "--host=db.tinh.gov.vn" in explanation and "--port=6432" in explanation and "--username=dondoc" in explanation
    assert "backups/dondoc-20240415-080000.dump" in backup
    assert shlex.split(backup.splitlines()[1].split("&&")[1])[0] == "pg_dump"
