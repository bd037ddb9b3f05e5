"""Benchmark: how well and how fast the plan reader reads the corpus; prints one JSON line.

The eleven hand-labelled corpus documents of issue 12 (copies in ``tests/fixtures/corpus``, so a
fresh clone measures the same thing) are read in-process with
:func:`plans.documents.parse_document` and scored by ``tests/corpus_score.py`` (the rules of
``../shared/corpus/score.py``; the tests use the same scorer). Each document is read as its text
file and as a .docx built from it by ``tests/docbuild.py`` (real Word tables, italic runs); the
.docx is built before the clock starts. Times are the best of ``--runs`` parses after the scoring
parse, in milliseconds.

Run from the repository root: ``.venv/bin/python bench/reading.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.corpus_score import (  # noqa: E402
    Format,
    corpus_names,
    document_bytes,
    read_tasks,
    score_document,
    total_of,
)

RUNS = 3


def parse_ms(name: str, fmt: Format, runs: int) -> float:
    """Best time of ``runs`` parses of one document, in milliseconds."""
    data, filename = document_bytes(name, fmt)
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        read_tasks(data, filename)
        best = min(best, time.perf_counter() - began)
    return round(best * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description="Score and time the plan reader on the corpus.")
    parser.add_argument("--runs", type=int, default=RUNS, help="timed parses per document and format")
    args = parser.parse_args()
    documents: dict[str, dict[str, Any]] = {}
    text_scores, docx_scores = [], []
    for name in corpus_names():
        text, docx = score_document(name, "text"), score_document(name, "docx")
        text_scores.append(text)
        docx_scores.append(docx)
        documents[name[:2]] = {
            "right": text.right,
            "total": text.total,
            "docx_right": docx.right,
            "tasks_read": text.tasks_read,
            "text_ms": parse_ms(name, "text", args.runs),
            "docx_ms": parse_ms(name, "docx", args.runs),
        }
    total, docx_total = total_of(text_scores), total_of(docx_scores)
    print(
        json.dumps(
            {
                "right": total.right,
                "total": total.total,
                "share": round(total.right / total.total, 3),
                "docx_right": docx_total.right,
                "found": total.found,
                "lead_right": total.lead_right,
                "deadline_right": total.deadline_right,
                "support_right": total.support_right,
                "text_ms": round(sum(d["text_ms"] for d in documents.values()), 1),
                "docx_ms": round(sum(d["docx_ms"] for d in documents.values()), 1),
                "documents": documents,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
