"""The corpus oracle: how many of a document's hand-labelled tasks the plan reader gets right.

Not shipped with the product. Shared by ``tests/plans/test_corpus*.py`` and ``bench/reading.py``
so that the tests and the benchmark count the same thing, and a fresh clone (which has no
``../shared``) can still measure the reader: the documents and their labels are copied, unchanged,
into ``tests/fixtures/corpus/`` and ``tests/fixtures/corpus/expected/``.

The rules are those of ``../shared/corpus/score.py`` (which runs the ``dondoc import`` command),
written again here to call :func:`plans.documents.parse_document` in-process:

- a label is *found* when a task's content holds the label's opening words (normalised: no
  diacritics, no case, no punctuation; the first 60 characters). Failing that, words 5-12 of the
  opening, because the reader may have moved a leading "Bộ X chủ trì, phối hợp …" into the lead.
  ``content_distinct`` narrows several candidates; the shortest candidate wins;
- the *lead* is right when the label's first lead is among the task's leads (:func:`same_agency`);
- the *deadline* is right when its kind matches and, for ``due``, its day is ``due`` or one of
  ``alt_due``;
- a task is *right* when found with the right lead and deadline. Supporting agencies are counted
  apart (all of the label's found among the task's) and do not decide "right".
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from plans.documents import DocumentError, default_registry, parse_document

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
LABELS = CORPUS / "expected"

Format = Literal["text", "docx"]


def corpus_names() -> list[str]:
    """The labelled documents, by file stem, in order."""
    return sorted(p.stem for p in LABELS.glob("*.json"))


def document_path(name: str) -> Path:
    return CORPUS / f"{name}.txt"


def labels_of(name: str) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = json.loads((LABELS / f"{name}.json").read_text(encoding="utf-8"))["tasks"]
    return tasks


# --------------------------------------------------------------------------------------------
# Matching rules


def norm(text: str | None) -> str:
    """Lower case ASCII words: "Sở TT&TT" and "so tt tt" compare equal."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


def _agency_words(name: str) -> list[str]:
    """The name's words without a leading "các" or "giao" (written before a list of agencies)."""
    return re.sub(r"^(cac |giao )", "", norm(name)).split()


def same_agency(want: str, got: str) -> bool:
    """Does the reader's name ``got`` designate the labelled agency ``want``?

    Yes when the label's words sit whole inside the reader's name (a label written short, "Tài
    chính" after "Các Bộ:", matches "Bộ Tài chính"), or when one name begins the other and the
    shorter has at least three words (a level word dropped). A reader's name shorter than the
    label does not match otherwise: "Sở" alone is not "Sở Tài chính".
    """
    w, g = _agency_words(want), _agency_words(got)
    if not w or not g:
        return False
    if any(g[i : i + len(w)] == w for i in range(len(g) - len(w) + 1)):
        return True
    shorter, longer = sorted((w, g), key=len)
    return len(shorter) >= 3 and longer[: len(shorter)] == shorter


def deadline_matches(label: dict[str, Any], got: dict[str, Any] | None) -> bool:
    """Same kind; and for a dated deadline, the labelled last day or an accepted alternative."""
    got = got or {}
    if got.get("kind") != label["kind"]:
        return False
    if label["kind"] != "due":
        return True
    alternatives = label.get("alt_due") or []
    if not isinstance(alternatives, list):
        alternatives = [alternatives]
    return got.get("due") in {label.get("due"), *alternatives}


def find_task(label: dict[str, Any], tasks: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The reader's task for a label (see the module docstring), or None."""
    opening = norm(label["content_start"])
    key = opening[:60]
    candidates = [t for t in tasks if key and key in norm(t.get("content"))]
    if not candidates:
        window = " ".join(opening.split()[4:12])
        if len(window) > 20:
            candidates = [t for t in tasks if window in norm(t.get("content"))]
    distinct = label.get("content_distinct")
    if distinct:
        narrowed = [t for t in candidates if norm(distinct) in norm(t.get("content"))]
        candidates = narrowed or candidates
    if not candidates:
        return None
    return min(candidates, key=lambda t: len(norm(t.get("content"))))


# --------------------------------------------------------------------------------------------
# Scores


@dataclass
class Score:
    """One document's (or the corpus's) counts, and a line per label that is not right."""

    name: str
    total: int = 0
    right: int = 0
    found: int = 0
    lead_right: int = 0
    support_right: int = 0
    deadline_right: int = 0
    tasks_read: int = 0
    error: str = ""
    misses: list[str] = field(default_factory=list)

    def report(self) -> str:
        """What ``score.py -v`` prints for the document: the counts, then every wrong task."""
        head = f"{self.name}: {self.right}/{self.total} right, {self.tasks_read} tasks read"
        if self.error:
            head += f" (reader refused: {self.error})"
        return "\n".join([head, *self.misses])


def score_tasks(name: str, labels: list[dict[str, Any]], tasks: list[dict[str, Any]]) -> Score:
    """Compare the reader's tasks (``ParsedTask.to_json()`` dicts) with the labels."""
    score = Score(name=name, total=len(labels), tasks_read=len(tasks))
    for label in labels:
        task = find_task(label, tasks)
        if task is None:
            score.misses.append(f"  not found: {label['content_start'][:70]}")
            continue
        score.found += 1
        leads = task.get("lead") or []
        supports = task.get("support") or []
        lead_ok = not label["lead"] or any(same_agency(label["lead"][0], got) for got in leads)
        support_ok = all(
            any(same_agency(want, got) for got in supports) for want in label.get("support") or []
        )
        date_ok = deadline_matches(label, task.get("deadline"))
        score.lead_right += lead_ok
        score.support_right += support_ok
        score.deadline_right += date_ok
        if lead_ok and date_ok:
            score.right += 1
            continue
        got = task.get("deadline") or {}
        score.misses.append(
            f"  {label['content_start'][:45]}…  lead {leads} (want {label['lead'][:1]}), "
            f"deadline {got.get('kind')} {got.get('due')} (want {label['kind']} {label.get('due')})"
        )
    return score


def total_of(scores: list[Score]) -> Score:
    """The corpus line: every count summed."""
    out = Score(name="total")
    for s in scores:
        out.total += s.total
        out.right += s.right
        out.found += s.found
        out.lead_right += s.lead_right
        out.support_right += s.support_right
        out.deadline_right += s.deadline_right
        out.tasks_read += s.tasks_read
    return out


# --------------------------------------------------------------------------------------------
# Reading the documents


@cache
def document_bytes(name: str, fmt: Format) -> tuple[bytes, str]:
    """The document as the reader receives it: the text file, or a .docx built from it by
    ``tests/docbuild.py`` (real Word tables, bold and italic runs). Built once per process."""
    text = document_path(name).read_text(encoding="utf-8")
    if fmt == "text":
        return text.encode("utf-8"), f"{name}.txt"
    from tests.docbuild import build_docx  # python-docx only when a .docx is asked for

    return build_docx(text), f"{name}.docx"


def read_tasks(data: bytes, filename: str) -> tuple[list[dict[str, Any]], str]:
    """The reader's tasks as the CLI's JSON gives them, and the refusal message if it refused
    (as ``dondoc import`` then prints no JSON, a refused document has no tasks). Any other
    exception is a reader bug and propagates."""
    try:
        plan = parse_document(data, filename, default_registry())
    except DocumentError as exc:
        return [], exc.message
    tasks: list[dict[str, Any]] = plan.to_json()["tasks"]
    return tasks, ""


@cache
def score_document(name: str, fmt: Format = "text") -> Score:
    """One corpus document read in one format and scored (cached: tests share the readings)."""
    data, filename = document_bytes(name, fmt)
    tasks, error = read_tasks(data, filename)
    score = score_tasks(name, labels_of(name), tasks)
    score.error = error
    return score
