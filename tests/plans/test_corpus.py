"""The plan reader on the eleven-document corpus (issue 12), read from the text files.

The corpus documents and their hand-made labels are copies in ``tests/fixtures/corpus/``; the
scorer is ``tests/corpus_score.py`` (the rules of ``../shared/corpus/score.py``, in-process).
A document may not lose right tasks: ``FLOORS`` holds, per document, the number of right tasks
measured when the floors were last set. Raise a floor when the reader gets better; lower one only
with a reason in the commit message. A failure prints every wrong task, as ``score.py -v`` does.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.corpus_score import (
    corpus_names,
    deadline_matches,
    find_task,
    labels_of,
    same_agency,
    score_document,
    score_tasks,
    total_of,
)

# Right tasks per document, measured with tests/corpus_score.py on the reader of the day (the reader
# before the issue-12 rewrite scored 56/332; the rewrite scores 316/332, 95.2 %; 6 labels cannot be
# scored right, see UNREACHABLE).
FLOORS: dict[str, int] = {
    "01-kh-144-bac-ninh-kinh-te-so-2025": 60,
    "02-qd-2820-hcm-csdl-quy-hoach-2025": 48,
    "03-qd-2530-ttg-o-nhiem-khong-khi-2025": 45,
    "04-nq-1339-ubtvqh-sua-luat-bo-may-2024": 15,
    "05-kh-153-can-tho-phong-chong-ma-tuy-2025": 46,
    "06-tb-627-vpcp-ket-luan-2025": 21,
    "07-tb-648-vpcp-dien-bien-2025": 9,
    "08-cd-224-ttg-khanh-thanh-2025": 8,
    "09-kh-174-ubnd-hcm-binh-dang-gioi-2025": 21,
    "10-kh-172-ubnd-hcm-luat-viec-lam-2025": 10,
    "11-kh-179-ubnd-dong-nai-kinh-te-so-2025": 33,
}
TOTAL_FLOOR = 316  # of 332 labelled tasks; issue 12 asks for 95 % (316)

# Labels that even a reader returning exactly the labelled tasks cannot get right under the
# scorer's rules: their openings share the 60 characters the scorer compares (01: VI.2 b) and
# VI.12 are the same text; VI.19 c) holds PL I.6's opening; 09: VI.1 and VII; 11: VI.4-VI.7), so
# they all find the shortest of those tasks.
UNREACHABLE: dict[str, int] = {
    "01-kh-144-bac-ninh-kinh-te-so-2025": 2,
    "09-kh-174-ubnd-hcm-binh-dang-gioi-2025": 1,
    "11-kh-179-ubnd-dong-nai-kinh-te-so-2025": 3,
}


def test_every_corpus_document_has_a_floor() -> None:
    """A document added to the corpus must be measured too."""
    assert sorted(FLOORS) == corpus_names()
    assert sum(FLOORS.values()) <= TOTAL_FLOOR


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_corpus_document_keeps_its_right_tasks(name: str) -> None:
    score = score_document(name)
    right, floor = score.right, FLOORS[name]  # plain ints: pytest prints them, not the whole Score
    assert right >= floor, "fewer right tasks than the floor\n" + score.report()


def test_corpus_total_keeps_its_right_tasks() -> None:
    scores = [score_document(name) for name in corpus_names()]
    total = total_of(scores)
    lines = "\n".join(f"{s.name}: {s.right}/{s.total} right (floor {FLOORS.get(s.name)})" for s in scores)
    right = total.right
    assert right >= TOTAL_FLOOR, f"total {right}/{total.total} right\n{lines}"


# --------------------------------------------------------------------------------------------
# The oracle itself


def _as_read(label: dict[str, Any]) -> dict[str, Any]:
    """The task a perfect reader would give for a label, in ParsedTask.to_json() shape."""
    content = " ".join(filter(None, [label["content_start"], label.get("content_distinct")]))
    return {
        "content": content,
        "lead": list(label["lead"]),
        "support": list(label.get("support") or []),
        "deadline": {"kind": label["kind"], "due": label.get("due")},
    }


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_labels_themselves_score_full_marks(name: str) -> None:
    """The scorer accepts the labelled answers (bar the known collisions): a low score is the
    reader's, not a label the scorer cannot match."""
    labels = labels_of(name)
    score = score_tasks(name, labels, [_as_read(label) for label in labels])
    assert score.right == score.total - UNREACHABLE.get(name, 0), score.report()
    assert score.support_right == score.total


def test_same_agency_rules() -> None:
    assert same_agency("Sở Tài chính", "Sở Tài chính")
    assert same_agency("Sở Thông tin và Truyền thông", "so thong tin va truyen thong")
    assert same_agency("Tài chính", "Bộ Tài chính")  # a label written short, inside the name
    assert same_agency("Các sở, ban, ngành", "sở, ban, ngành")  # a leading "các" does not count
    assert same_agency("Văn phòng UBND tỉnh", "Văn phòng UBND")  # level dropped, 3 words left
    assert not same_agency("Sở Tài chính", "Sở")  # the reader's name too short
    assert not same_agency("Công an tỉnh", "Công an")  # two words only
    assert not same_agency("Sở Y tế", "Sở Tài chính")
    assert not same_agency("", "Sở Y tế")


def test_deadline_rules() -> None:
    due = {"kind": "due", "due": "2025-12-31", "alt_due": ["2025-12-15"]}
    assert deadline_matches(due, {"kind": "due", "due": "2025-12-31"})
    assert deadline_matches(due, {"kind": "due", "due": "2025-12-15"})
    assert not deadline_matches(due, {"kind": "due", "due": "2025-11-30"})
    assert not deadline_matches(due, {"kind": "ongoing", "due": None})
    assert not deadline_matches(due, None)
    assert deadline_matches({"kind": "ongoing"}, {"kind": "ongoing", "due": None})
    assert deadline_matches(
        {"kind": "due", "due": "2026-03-31", "alt_due": "2026-03-30"}, {"kind": "due", "due": "2026-03-30"}
    )


def test_find_rules() -> None:
    tasks = [
        {"content": "Rà soát, cập nhật dữ liệu dân cư và báo cáo kết quả về UBND tỉnh"},
        {"content": "Rà soát, cập nhật dữ liệu dân cư"},
        {"content": "Bộ Công an chủ trì, phối hợp với các bộ xây dựng cơ sở dữ liệu quốc gia về dân cư"},
    ]
    # opening words, diacritics and punctuation aside; the shortest candidate wins
    assert find_task({"content_start": "Rà soát cập nhật DỮ LIỆU dân cư"}, tasks) is tasks[1]
    # content_distinct picks among the candidates
    label = {"content_start": "Rà soát, cập nhật dữ liệu dân cư", "content_distinct": "báo cáo kết quả"}
    assert find_task(label, tasks) is tasks[0]
    # the opening's first words not in the reader's content: words 5-12 still find it
    label = {"content_start": "Giao Bộ Công an chủ trì, phối hợp với các bộ xây dựng cơ sở dữ liệu quốc gia"}
    moved = [{"content": "Bộ Công an chủ trì, phối hợp với các bộ xây dựng cơ sở dữ liệu quốc gia về dân cư"}]
    assert find_task(label, moved) is moved[0]
    assert find_task({"content_start": "Tổ chức tập huấn"}, tasks) is None
