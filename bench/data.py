"""Bulk seeding for benches and scale tests: a province-sized working group in seconds.

``seed(db, shape)`` puts N tasks across M agencies of one working group into a migrated
database with SQLAlchemy Core bulk inserts (explicit ids, executemany in chunks):

* plans of 500 tasks each; a task has one lead agency, some two; 15% are undated ("thường xuyên");
* due dates spread over a year around ``NOW`` (220 days back, 145 ahead), so past-due leads are
  mostly done and a realistic share (about 6% of all leads) is open and overdue;
* one bound supergroup chat per agency;
* ``next_remind_at`` set by the product's rule (``services.reminders.reschedule``: none when done or
  undated, else ``plans.schedule.next_point`` after now), computed once per distinct due day;
* optionally a year of outbox history (sent reminders), so the outbox looks lived in.

Everything is deterministic for a given ``Shape.seed``. ``NOW`` is Wednesday 05/03/2025, 07:30 in
Vietnam: no periodic report falls that day, and ``BUSY`` (08:00:30 the same day) is when the day's
deadline reminders come due (about 1-2% of the leads).

Command line (resets the schema of the given database first with ``--reset``)::

    .venv/bin/python bench/data.py --database-url postgresql+asyncpg://postgres@127.0.0.1:5432/dondoc_bench \\
        --tasks 100000 --agencies 1000 --reset
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Table, func, insert, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncConnection  # noqa: E402

from plans.schedule import ReminderSettings, next_point  # noqa: E402
from plans.text import fold  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.models import Agency, Chat, Outbox, Plan, Task, TaskLead, WorkingGroup  # noqa: E402

TZ = "Asia/Ho_Chi_Minh"
NOW = datetime(2025, 3, 5, 0, 30, tzinfo=UTC)  # Wednesday 07:30 in Vietnam
BUSY = datetime(2025, 3, 5, 1, 0, 30, tzinfo=UTC)  # 08:00:30: the day's reminders are due
OPEN_PAST = (("in_progress", 0.55), ("not_started", 0.3), ("blocked", 0.05), ("extension", 0.1))
OPEN_FUTURE = (("not_started", 0.6), ("in_progress", 0.4))
CHUNK = 5000

SECTIONS = (
    "I. Về hoàn thiện thể chế, chính sách",
    "II. Về phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến",
    "III. Về phục vụ phát triển kinh tế, xã hội",
    "IV. Về phục vụ phát triển công dân số",
    "V. Về hoàn thiện hệ sinh thái phục vụ kết nối, khai thác, bổ sung làm giàu dữ liệu dân cư",
)
CONTENTS = (
    "Rà soát, đánh giá các thủ tục hành chính có thể cắt giảm giấy tờ nhờ khai thác Cơ sở dữ liệu quốc gia về dân cư",
    "Hoàn thành kết nối, chia sẻ dữ liệu hộ tịch điện tử với Cơ sở dữ liệu quốc gia về dân cư",
    "Tuyên truyền, hướng dẫn người dân đăng ký, kích hoạt tài khoản định danh điện tử mức độ 2",
    "Bảo đảm hạ tầng, đường truyền, trang thiết bị tại Bộ phận tiếp nhận và trả kết quả cấp xã",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực theo Nghị định số 45/2020/NĐ-CP",
    "Triển khai chi trả an sinh xã hội không dùng tiền mặt cho người có công, đối tượng bảo trợ xã hội",
    "Làm sạch dữ liệu người có công, bảo trợ xã hội, đối chiếu với dữ liệu dân cư",
    "Cung cấp dịch vụ công liên thông đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi",
    "Kiểm tra, đánh giá kết quả triển khai Đề án 06 tại các xã, phường, thị trấn",
    "Báo cáo sơ kết tình hình, kết quả thực hiện Đề án 06 và đề xuất, kiến nghị",
    "Triển khai khám chữa bệnh bằng thẻ căn cước, sổ sức khỏe điện tử trên ứng dụng VNeID",
    "Thu thập, cập nhật, điều chỉnh thông tin dân cư bảo đảm đúng, đủ, sạch, sống",
)
DEPARTMENTS = (
    "Công an tỉnh", "Sở Tư pháp", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Lao động - Thương binh và Xã hội",
    "Sở Thông tin và Truyền thông", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Tài nguyên và Môi trường",
    "Sở Giao thông vận tải", "Sở Nội vụ", "Sở Công Thương", "Bảo hiểm xã hội tỉnh", "Cục Thuế tỉnh",
    "Văn phòng UBND tỉnh", "Ngân hàng Nhà nước chi nhánh tỉnh",
)


@dataclass(frozen=True)
class Shape:
    """What to seed; the defaults are the province-scale figures of the benches."""

    tasks: int = 100_000
    agencies: int = 1_000
    tasks_per_plan: int = 500
    second_lead_share: float = 0.12
    undated_share: float = 0.15
    past_days: int = 220
    future_days: int = 145
    done_when_past: float = 0.9
    done_when_future: float = 0.08
    outbox_history: int = 0
    now: datetime = NOW
    seed: int = 6


@dataclass(frozen=True)
class SeededChat:
    id: int
    external_id: int
    agency_id: int


@dataclass
class Seeded:
    """What went in, with the counts that benches and tests check against."""

    group_id: int
    now: datetime
    today: date
    tasks: int = 0
    leads: int = 0
    agencies: int = 0
    done: int = 0
    undated: int = 0
    overdue: int = 0
    outbox: int = 0
    seconds: float = 0.0
    chats: list[SeededChat] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("chats")
        data["chats"] = len(self.chats)
        data["now"] = self.now.isoformat()
        data["today"] = self.today.isoformat()
        data["seconds"] = round(self.seconds, 2)
        return data


async def reset(db: Database) -> None:
    """An empty schema at the newest revision (drops everything on PostgreSQL: benches only)."""
    if db.dialect == "postgresql":
        async with db.engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await db.migrate()


async def analyze(db: Database) -> None:
    """Fresh planner statistics, as autovacuum keeps them on a database in use (PostgreSQL)."""
    if db.dialect == "postgresql":
        async with db.engine.connect() as conn:
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("ANALYZE"))


def _pick(rng: random.Random, choices: tuple[tuple[str, float], ...]) -> str:
    roll = rng.random()
    for value, share in choices:
        roll -= share
        if roll < 0:
            return value
    return choices[-1][0]


class _Reminders:
    """``reschedule`` for every lead: the next point after now depends only on the due day."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.settings = ReminderSettings()
        self.calendar = self.settings.calendar()
        self.cache: dict[date, datetime] = {}

    def next_at(self, due: date | None, status: str) -> datetime | None:
        if due is None or status == "done":
            return None
        at = self.cache.get(due)
        if at is None:
            at = self.cache[due] = next_point(due, self.calendar, self.settings, TZ, self.now)[1]
        return at


async def _next_id(conn: AsyncConnection, table: Table) -> int:
    return int(await conn.scalar(select(func.coalesce(func.max(table.c.id), 0))) or 0) + 1


async def _insert(conn: AsyncConnection, table: Table, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(table), rows[start : start + CHUNK])


async def _group(conn: AsyncConnection, now: datetime) -> int:
    found = await conn.scalar(select(WorkingGroup.id).where(WorkingGroup.is_default.is_(True)))
    if found is not None:
        return int(found)
    created = await conn.execute(
        insert(WorkingGroup).returning(WorkingGroup.id),
        [{"name": "Tổ Công tác Đề án 06", "timezone": TZ, "is_default": True, "settings": {}, "created_at": now}],
    )
    return int(created.scalar_one())


def _agency_name(index: int) -> str:
    if index < len(DEPARTMENTS):
        return DEPARTMENTS[index]
    return f"UBND xã số {index - len(DEPARTMENTS) + 1}"


async def seed(db: Database, shape: Shape | None = None, *, chat_external_ids: Sequence[int] | None = None) -> Seeded:
    """Insert ``shape`` into the (migrated) database of ``db``; returns what went in.

    ``chat_external_ids`` are the agencies' chats' Telegram ids, in agency order (made up if not
    given), for chats that exist on a Telegram server."""
    shape = shape or Shape()
    if chat_external_ids is not None and len(chat_external_ids) != shape.agencies:
        raise ValueError("one chat Telegram id per agency")
    began = time.perf_counter()
    rng = random.Random(shape.seed)
    now = shape.now
    today = now.astimezone(ZoneInfo(TZ)).date()
    reminders = _Reminders(now)
    tables: dict[str, Table] = {
        m.__tablename__: cast(Table, m.__table__) for m in (Agency, Chat, Plan, Task, TaskLead, Outbox)
    }
    async with db.engine.begin() as conn:
        group_id = await _group(conn, now)
        seeded = Seeded(group_id=group_id, now=now, today=today)
        ids = {name: await _next_id(conn, table) for name, table in tables.items()}

        agency_ids = list(range(ids["agencies"], ids["agencies"] + shape.agencies))
        agencies: list[dict[str, Any]] = [
            {
                "id": agency_id, "working_group_id": group_id, "name": _agency_name(n), "folded": fold(_agency_name(n)),
                "aliases": [], "level": "tỉnh" if n < len(DEPARTMENTS) else "xã", "collective": False, "members": [],
                "needs_review": False, "created_at": now - timedelta(days=400),
            }
            for n, agency_id in enumerate(agency_ids)
        ]
        await _insert(conn, tables["agencies"], agencies)
        seeded.agencies = len(agencies)
        chats: list[dict[str, Any]] = []
        for n, agency_id in enumerate(agency_ids):
            external_id = chat_external_ids[n] if chat_external_ids is not None else -1_001_000_000_000 - n
            chat = SeededChat(ids["chats"] + n, external_id, agency_id)
            seeded.chats.append(chat)
            chats.append(
                {
                    "id": chat.id, "external_id": chat.external_id, "working_group_id": group_id, "kind": "supergroup",
                    "title": f"Đề án 06 – {_agency_name(n)}", "agency_id": agency_id, "role": None, "active": True,
                    "bound_at": now - timedelta(days=90), "created_at": now - timedelta(days=90),
                }
            )
        await _insert(conn, tables["chats"], chats)

        plan_count = -(-shape.tasks // shape.tasks_per_plan)
        plans: list[dict[str, Any]] = [
            {
                "id": ids["plans"] + n, "working_group_id": group_id, "number": f"{n + 1}/KH-UBND",
                "title": f"Kế hoạch triển khai Đề án 06 số {n + 1}", "issued": today - timedelta(days=300),
                "year": today.year, "source_name": None, "settings": {}, "imported_at": now - timedelta(days=300),
            }
            for n in range(plan_count)
        ]
        await _insert(conn, tables["plans"], plans)

        lead_id = ids["task_leads"]
        lead_ids: list[int] = []
        for chunk in _chunks(shape.tasks):
            tasks: list[dict[str, Any]] = []
            leads: list[dict[str, Any]] = []
            for n in chunk:
                task_id = ids["tasks"] + n
                position = n % shape.tasks_per_plan
                due: date | None = None
                if rng.random() >= shape.undated_share:
                    due = today + timedelta(days=rng.randint(-shape.past_days, shape.future_days))
                section = rng.randrange(len(SECTIONS))
                tasks.append(
                    {
                        "id": task_id, "plan_id": ids["plans"] + n // shape.tasks_per_plan, "position": position,
                        "code": f"{section + 1}.{position + 1}", "section": SECTIONS[section],
                        "content": rng.choice(CONTENTS), "deadline_text": due.strftime("%d/%m/%Y") if due else "Thường xuyên",
                        "kind": "due" if due else "ongoing", "due": due, "starts": None, "recurring": False,
                        "milestones": [], "notes": {}, "removed_at": None,
                    }
                )
                count = 2 if rng.random() < shape.second_lead_share else 1
                for agency_id in rng.sample(agency_ids, min(count, len(agency_ids))):
                    row = _lead(rng, shape, today, now, due)
                    row.update(id=lead_id, task_id=task_id, agency_id=agency_id)
                    row["next_remind_at"] = reminders.next_at(due, row["status"])
                    leads.append(row)
                    lead_ids.append(lead_id)
                    lead_id += 1
                    seeded.done += row["status"] == "done"
                    seeded.undated += due is None
                    seeded.overdue += due is not None and due < today and row["status"] != "done"
            await _insert(conn, tables["tasks"], tasks)
            await _insert(conn, tables["task_leads"], leads)
            seeded.tasks += len(tasks)
            seeded.leads += len(leads)

        if shape.outbox_history:
            await _history(conn, tables["outbox"], ids["outbox"], shape, rng, seeded, lead_ids)
        if db.dialect == "postgresql":
            for name in tables:
                await conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))")
                )
            await conn.execute(
                text("SELECT setval(pg_get_serial_sequence('working_groups', 'id'), (SELECT max(id) FROM working_groups))")
            )
    seeded.seconds = time.perf_counter() - began
    return seeded


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, CHUNK):
        yield range(start, min(total, start + CHUNK))


def _lead(rng: random.Random, shape: Shape, today: date, now: datetime, due: date | None) -> dict[str, Any]:
    past = due is not None and due < today
    done = rng.random() < (shape.done_when_past if past else shape.done_when_future)
    row: dict[str, Any] = {
        "percent": None, "reason": None, "done_on": None, "requested_due": None, "due": due,
        "updated_at": now - timedelta(days=rng.randint(1, 120)),
    }
    if done:
        row["status"] = "done"
        if due is None or not past:
            row["done_on"] = today - timedelta(days=rng.randint(0, 60))
        elif rng.random() < 0.15:
            row["done_on"] = min(today, due + timedelta(days=rng.randint(1, 30)))
        else:
            row["done_on"] = due - timedelta(days=rng.randint(0, 20))
        row["percent"] = 100
        return row
    row["status"] = _pick(rng, OPEN_PAST if past else OPEN_FUTURE)
    if row["status"] == "in_progress":
        row["percent"] = rng.randrange(10, 100, 10)
    elif row["status"] == "blocked":
        row["reason"] = "Chờ hướng dẫn của cơ quan cấp trên"
    elif row["status"] == "extension" and due is not None:
        row["requested_due"] = due + timedelta(days=rng.choice((15, 30, 60)))
    return row


async def _history(
    conn: AsyncConnection, table: Table, first_id: int, shape: Shape, rng: random.Random, seeded: Seeded,
    lead_ids: list[int],
) -> None:
    """A year of reminders already sent (a few expired or failed), as a live outbox has."""
    kinds = ("deadline_before", "deadline_due", "overdue")
    rows = []
    for n in range(shape.outbox_history):
        at = shape.now - timedelta(seconds=rng.randint(3600, 365 * 86400))
        chat = rng.choice(seeded.chats)
        roll = rng.random()
        state = "sent" if roll < 0.97 else "expired" if roll < 0.99 else "failed"
        rows.append(
            {
                "id": first_id + n, "idempotency_key": f"history:{n}", "working_group_id": seeded.group_id,
                "chat_id": chat.id, "kind": rng.choice(kinds), "payload": {"text": "Nhắc việc"}, "not_before": at,
                "expires_at": at + timedelta(hours=48), "state": state, "attempts": 1,
                "last_error": "Forbidden: bot was kicked from the supergroup chat" if state == "failed" else None,
                "claimed_by": None, "claimed_until": None, "sent_at": at + timedelta(seconds=2) if state == "sent" else None,
                "external_message_id": n + 1 if state == "sent" else None,
                "task_lead_id": rng.choice(lead_ids) if lead_ids else None, "notice_delivery_id": None,
                "period_key": None, "created_at": at,
            }
        )
        if len(rows) == CHUNK:
            await _insert(conn, table, rows)
            rows = []
    await _insert(conn, table, rows)
    seeded.outbox += shape.outbox_history


def backend(url: str) -> str:
    return "postgresql" if make_url(url).get_backend_name() == "postgresql" else "sqlite"


def check_bench_database(url: str, force: bool = False) -> None:
    """Benches drop the schema of a PostgreSQL database: refuse one not named for benches."""
    name = make_url(url).database or ""
    if backend(url) == "postgresql" and "bench" not in name and not force:
        raise SystemExit(f"refusing to reset database {name!r}: its name has no 'bench' in it (use --force)")


def seed_in_child(url: str, tasks: int, agencies: int) -> dict[str, Any]:
    """Seed with a fresh schema in another process; its memory is not the bot's."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--database-url", url, "--tasks", str(tasks),
         "--agencies", str(agencies), "--reset", "--force"],
        check=True, capture_output=True, text=True, cwd=ROOT,
    )
    summary: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return summary


def over_sizes(description: str, measure: Callable[[str, dict[str, Any]], dict[str, Any]]) -> None:
    """A bench's command line: for each size, seed a fresh database in a child process, measure it
    (``measure(url, seeded summary)``), print one JSON line."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database-url", help="PostgreSQL database to reset and use (default: SQLite temp file)")
    parser.add_argument("--tasks", default="10000,100000", help="comma-separated sizes")
    parser.add_argument("--agencies", type=int, default=1_000)
    args = parser.parse_args()
    for size in (int(n) for n in args.tasks.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            url = args.database_url or f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}"
            check_bench_database(url)
            seeded = seed_in_child(url, size, args.agencies)
            figures = measure(url, seeded)
        summary = {"backend": backend(url), "tasks": seeded["tasks"], "agencies": seeded["agencies"], "leads": seeded["leads"]}
        print(json.dumps({**summary, **figures}, ensure_ascii=False), flush=True)


async def _main(args: argparse.Namespace) -> dict[str, Any]:
    db = Database(args.database_url)
    try:
        if args.reset:
            await reset(db)
        seeded = await seed(
            db, Shape(tasks=args.tasks, agencies=args.agencies, outbox_history=args.history, seed=args.seed)
        )
        await analyze(db)
        return {"backend": backend(args.database_url), **seeded.summary()}
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=1_000)
    parser.add_argument("--history", type=int, default=0, help="outbox rows already sent")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--reset", action="store_true", help="drop and recreate the schema first")
    parser.add_argument("--force", action="store_true", help="reset a database whose name has no 'bench'")
    args = parser.parse_args(argv)
    if args.reset:
        check_bench_database(args.database_url, args.force)
    print(json.dumps(asyncio.run(_main(args)), ensure_ascii=False))


if __name__ == "__main__":
    main()
