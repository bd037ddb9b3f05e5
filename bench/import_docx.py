"""Benchmark: read a 1,000-task Word plan and print one JSON line.

The plan is built by ``tests/docbuild.py`` (one appendix table, header repeated every 30 rows,
merged section rows, continuation rows). Only :func:`plans.documents.read_document` is timed
(reading, layouts, agency matching, deadlines) as ``seconds`` (best of ``runs`` parses after one
warm-up; ``first_seconds`` the first parse); ``save_seconds`` is the whole import that the bot does
on confirmation (read again, then :func:`services.imports.save` in one transaction into a fresh
SQLite database), and ``import_seconds`` both together.

Run from the repository root: ``.venv/bin/python bench/import_docx.py``.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plans.documents import read_document  # noqa: E402
from plans.documents.model import ParsedPlan  # noqa: E402
from services import imports  # noqa: E402
from services.clock import ManualClock  # noqa: E402
from services.groups import ensure_default_group  # noqa: E402
from storage.db import Database  # noqa: E402
from tests.docbuild import build_synthetic_docx  # noqa: E402

TASKS = 1000
RUNS = 3


async def save(plan: ParsedPlan) -> float:
    """Seconds to save the parsed plan into a new, migrated SQLite database."""
    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite+aiosqlite:///{Path(folder) / 'bench.sqlite3'}")
        await db.migrate()
        clock = ManualClock(datetime(2024, 3, 1, 1, 0, tzinfo=UTC))
        began = time.perf_counter()
        async with db.transaction() as session:
            group = await ensure_default_group(session, clock, "Tổ Công tác Đề án 06", "Asia/Ho_Chi_Minh")
            await imports.save(session, clock, group, plan, "ke-hoach-1000.docx")
        elapsed = time.perf_counter() - began
        await db.close()
    return elapsed


def main() -> None:
    data = build_synthetic_docx(TASKS)
    began = time.perf_counter()
    plan = read_document(data, "ke-hoach-1000.docx")
    first = time.perf_counter() - began
    best = first
    for _ in range(RUNS):
        began = time.perf_counter()
        plan = read_document(data, "ke-hoach-1000.docx")
        best = min(best, time.perf_counter() - began)
    saving = asyncio.run(save(plan))
    print(
        json.dumps(
            {
                "tasks": len(plan.tasks),
                "seconds": round(best, 3),
                "first_seconds": round(first, 3),
                "save_seconds": round(saving, 3),
                "import_seconds": round(first + saving, 3),
                "bytes": len(data),
                "unknown_deadlines": sum(1 for t in plan.tasks if t.deadline.kind == "unknown"),
            }
        )
    )


if __name__ == "__main__":
    main()
