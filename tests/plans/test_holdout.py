"""The reader on documents it was not tuned on (``tests/fixtures/holdout/``, see its README):
genuine dispatches found and labelled by someone who did not read the reader's code. They check
that the cues hold beyond the corpus (prose assignments, shorthand agency groups, cited-document
dates); the floor only goes up.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.corpus_score import read_tasks, score_tasks, total_of

HOLDOUT = Path(__file__).resolve().parent.parent / "fixtures" / "holdout"
FLOOR = 7  # of 7 labelled tasks


def test_holdout_documents_are_read_right() -> None:
    scores = []
    for label_file in sorted((HOLDOUT / "expected").glob("*.json")):
        labels = json.loads(label_file.read_text(encoding="utf-8"))["tasks"]
        document = HOLDOUT / f"{label_file.stem}.txt"
        tasks, _error = read_tasks(document.read_bytes(), document.name)
        scores.append(score_tasks(label_file.stem, labels, tasks))
    total = total_of(scores)
    assert total.total == 7
    right = total.right
    assert right >= FLOOR, "\n".join(s.report() for s in scores)
