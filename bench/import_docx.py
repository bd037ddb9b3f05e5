"""Benchmark: read a 1,000-task Word plan and print one JSON line.

The plan is built by ``tests/docbuild.py`` (one appendix table, header repeated every 30 rows,
merged section rows, continuation rows). Only :func:`plans.documents.read_document` is timed
(reading, layouts, agency matching, deadlines); saving to the database is not included.
``seconds`` is the best of ``runs`` parses after one warm-up; ``first_seconds`` the first parse.

Run from the repository root: ``.venv/bin/python bench/import_docx.py``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from plans.documents import read_document  # noqa: E402
from tests.docbuild import build_synthetic_docx  # noqa: E402

TASKS = 1000
RUNS = 3


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
    print(
        json.dumps(
            {
                "tasks": len(plan.tasks),
                "seconds": round(best, 3),
                "first_seconds": round(first, 3),
                "bytes": len(data),
                "unknown_deadlines": sum(1 for t in plan.tasks if t.deadline.kind == "unknown"),
            }
        )
    )


if __name__ == "__main__":
    main()
