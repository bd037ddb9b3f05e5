"""Backups and restores of the database.

SQLite: an online, consistent copy with SQLite's backup API (safe while the bot runs: WAL lets it
read a snapshot while the bot writes), and a checked restore that keeps the database it replaces.
PostgreSQL: ``pg_dump`` / ``pg_restore`` do this better than we could; we print the exact command.

Every error is an :class:`OpsError` whose message is one Vietnamese sentence.
"""

from __future__ import annotations

import os
import shlex
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from storage.db import alembic_config

BACKUP_DIR = Path("backups")
SQLITE_HEADER = b"SQLite format 3\x00"
# tables every dondoc database has had since the first migration
CORE_TABLES = (
    "alembic_version", "working_groups", "agencies", "chats", "people", "roles", "plans", "tasks",
    "task_leads", "status_changes", "report_submissions", "outbox",
)


class OpsError(Exception):
    """A backup or restore cannot go on; the message is one Vietnamese sentence."""


def sqlite_file(url: str) -> Path | None:
    """The database file of a SQLite URL; None for PostgreSQL."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise OpsError("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu hay khôi phục được.")
    return Path(parsed.database)


def stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def default_backup(now: datetime, folder: Path = BACKUP_DIR) -> Path:
    """``backups/dondoc-20240415-080000.sqlite3`` (local time)."""
    return folder / f"dondoc-{stamp(now)}.sqlite3"


@contextmanager
def _open(path: Path, mode: str, timeout: float = 10.0) -> Iterator[sqlite3.Connection]:
    """A connection that never creates the file (``mode`` ro or rw)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    try:
        conn = sqlite3.connect(uri, uri=True, timeout=timeout)
    except sqlite3.Error:
        raise OpsError(f"Không mở được tệp {path} bằng SQLite.") from None
    with closing(conn):
        yield conn


# backup ---------------------------------------------------------------------------------------


def backup_sqlite(source: Path, out: Path) -> Path:
    """Copy ``source`` to ``out`` consistently while others may be writing; returns ``out``.

    The copy is a single self-contained file (rollback journal, not WAL) checked for integrity.
    """
    if not source.is_file():
        raise OpsError(f"Không tìm thấy cơ sở dữ liệu {source}, chưa có gì để sao lưu.")
    if out.exists():
        raise OpsError(f"Tệp {out} đã có, hãy chọn tên khác để không ghi đè bản sao lưu cũ.")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with _open(source, "rw") as src, closing(sqlite3.connect(partial)) as dst:
            src.execute("PRAGMA busy_timeout=10000")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
            if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise OpsError(f"Bản sao của {source} không qua được kiểm tra toàn vẹn, hãy thử lại.")
        os.replace(partial, out)
    except sqlite3.Error as exc:
        raise OpsError(f"Không sao lưu được {source}: {exc}.") from None
    finally:
        partial.unlink(missing_ok=True)
    return out


def _pg_parts(url: str) -> list[str]:
    parsed = make_url(url)
    parts = [f"--host={parsed.host or 'localhost'}", f"--port={parsed.port or 5432}"]
    if parsed.username:
        parts.append(f"--username={parsed.username}")
    return [shlex.quote(p) for p in parts]


def pg_backup_help(url: str, out: str | None, now: datetime) -> str:
    """What to run to back up a PostgreSQL database (no password in it)."""
    parsed = make_url(url)
    target = out or f"backups/dondoc-{stamp(now)}.dump"
    command = " ".join(
        ["pg_dump", *_pg_parts(url), "--format=custom", f"--file={shlex.quote(target)}", shlex.quote(parsed.database or "")]
    )
    return (
        "Cơ sở dữ liệu đang dùng là PostgreSQL: dondoc không tự sao lưu mà dùng công cụ pg_dump của PostgreSQL "
        "(sao lưu được cả khi bot đang chạy). Chạy lệnh sau trên máy có quyền truy cập cơ sở dữ liệu, "
        "mật khẩu (nếu có) nhập khi được hỏi hoặc đặt trong ~/.pgpass:\n"
        f"  mkdir -p {shlex.quote(str(Path(target).parent))} && {command}\n"
        "Khôi phục bằng: dondoc restore <tệp> (lệnh này sẽ chỉ dẫn dùng pg_restore)."
    )


def pg_restore_help(url: str, file: str) -> str:
    """What to run to restore a PostgreSQL database from a pg_dump file."""
    parsed = make_url(url)
    db = shlex.quote(parsed.database or "")
    parts = " ".join(_pg_parts(url))
    return (
        "Cơ sở dữ liệu đang dùng là PostgreSQL: hãy dừng bot (systemctl stop dondoc), rồi khôi phục bằng công cụ "
        "của PostgreSQL; mật khẩu (nếu có) nhập khi được hỏi hoặc đặt trong ~/.pgpass.\n"
        f"  Tệp dạng custom (pg_dump --format=custom): pg_restore {parts} --clean --if-exists "
        f"--no-owner --dbname={db} {shlex.quote(file)}\n"
        f"  Tệp SQL thuần (.sql): psql {parts} --dbname={db} --single-transaction --file={shlex.quote(file)}\n"
        "Sau đó chạy: dondoc migrate, rồi khởi động lại bot (systemctl start dondoc)."
    )


# restore --------------------------------------------------------------------------------------


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def check_dondoc_file(path: Path) -> str:
    """The schema revision of a dondoc database file, or an OpsError saying why it is not one."""
    if not path.is_file():
        raise OpsError(f"Không tìm thấy tệp {path}.")
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise OpsError(f"Tệp {path} không phải là cơ sở dữ liệu dondoc (đây không phải tệp SQLite).")
    try:
        with _open(path, "ro") as conn:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = [t for t in CORE_TABLES if t not in tables]
            if missing:
                raise OpsError(
                    f"Tệp {path} không phải là cơ sở dữ liệu dondoc (thiếu các bảng {', '.join(missing)})."
                )
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            healthy = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        raise OpsError(f"Tệp {path} không đọc được như một cơ sở dữ liệu SQLite, có thể đã bị hỏng.") from None
    if row is None:
        raise OpsError(f"Tệp {path} không phải là cơ sở dữ liệu dondoc (không có phiên bản cấu trúc trong alembic_version).")
    if not healthy:
        raise OpsError(f"Tệp {path} bị hỏng (không qua được kiểm tra toàn vẹn), không thể dùng để khôi phục.")
    revision = str(row[0])
    if revision not in known_revisions():
        raise OpsError(
            f"Tệp {path} được tạo bởi một phiên bản dondoc mới hơn (cấu trúc {revision}), "
            "hãy cập nhật dondoc trước khi khôi phục."
        )
    return revision


def in_use(path: Path) -> bool:
    """Whether another connection (the bot, another command) has the database open now.

    In WAL mode SQLite deletes the ``-wal`` file when the last connection closes: we open and close
    one connection, and if the file is still there, someone else holds the database. A writer in
    the middle of a transaction is caught by trying to take the write lock without waiting.
    """
    if not path.exists():
        return False
    wal = Path(f"{path}-wal")
    try:
        with _open(path, "rw", timeout=0) as conn:
            mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("BEGIN IMMEDIATE")
            conn.rollback()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return True
        raise OpsError(f"Không mở được cơ sở dữ liệu hiện tại {path}.") from None
    return mode == "wal" and wal.exists()


def restore_sqlite(file: Path, target: Path, now: datetime, keep_dir: Path = BACKUP_DIR) -> Path | None:
    """Replace the database ``target`` by the dondoc database ``file``.

    Refuses a file that is not a dondoc database and a target that is in use. The database being
    replaced is kept first (returned; None when there was none). Migrations are the caller's
    next step (``Database.migrate``).
    """
    check_dondoc_file(file)
    if target.exists() and file.resolve() == target.resolve():
        raise OpsError(f"Tệp {file} chính là cơ sở dữ liệu đang dùng, không cần khôi phục.")
    if in_use(target):
        raise OpsError(
            f"Cơ sở dữ liệu {target} đang được bot hoặc một lệnh khác sử dụng, "
            "hãy dừng bot (systemctl stop dondoc) rồi chạy lại lệnh khôi phục."
        )
    kept: Path | None = None
    if target.exists():
        kept = backup_sqlite(target, keep_dir / f"dondoc-truoc-khoi-phuc-{stamp(now)}.sqlite3")
    target.parent.mkdir(parents=True, exist_ok=True)
    incoming = target.with_name(target.name + ".restoring")
    incoming.unlink(missing_ok=True)
    try:
        with _open(file, "ro") as src, closing(sqlite3.connect(incoming)) as dst:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        for leftover in (Path(f"{target}-wal"), Path(f"{target}-shm"), Path(f"{target}-journal")):
            leftover.unlink(missing_ok=True)
        os.replace(incoming, target)
    except sqlite3.Error as exc:
        raise OpsError(f"Không khôi phục được từ {file}: {exc}.") from None
    finally:
        incoming.unlink(missing_ok=True)
    return kept
