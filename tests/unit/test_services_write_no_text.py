"""Services return facts and leave events in the outbox; ``render/`` writes every word users read.

The import contract in pyproject.toml keeps ``locales`` (texts) and ``channels`` (messages) out of
``services/``; this test keeps Vietnamese wording and HTML out of its string literals, and checks
that every event a service queues comes back from the outbox as it went in, in words.
"""

from __future__ import annotations

import ast
import json
import unicodedata
from datetime import date
from pathlib import Path

from render.outbox_events import outgoing
from services.outbox_events import (
    EVENTS,
    ChatBound,
    ChatLost,
    CoLeadUpdated,
    ExtensionDecided,
    ExtensionRequested,
    LeadState,
    OutboxEvent,
    SecretariatJoined,
    from_payload,
    to_payload,
)

SERVICES = Path(__file__).resolve().parents[2] / "services"
VIETNAMESE = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")

# Names, not messages: what agencies, collectives and erased people are called in the data.
NAMES = {
    ("group_tree.py", "UBND cấp xã"),  # the collective of a district's communes' committees
    ("group_tree.py", "UBND cấp huyện"),
    ("group_tree.py", "xã"),  # in a commune's committee name, "UBND xã Sơn Ninh"
    ("group_tree.py", "huyện"),
    ("collectives.py", "Các sở, ban, ngành"),  # the collective the departments join (an agency name)
    ("notices/recipients.py", "Tất cả đơn vị"),  # recipient groups, matched against the registry's collectives
    ("notices/recipients.py", "Các sở, ban, ngành"),
    ("notices/recipients.py", "UBND các xã, phường"),
    ("privacy.py", "Người dùng đã xoá"),  # the name an erased person keeps in the history
}


def _worded_literals(path: Path) -> set[str]:
    """String literals in Vietnamese or with HTML tags, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
        and (VIETNAMESE & set(unicodedata.normalize("NFC", node.value).lower()) or "<b>" in node.value)
    }


def test_services_write_no_sentence_nor_markup() -> None:
    found = {
        (path.relative_to(SERVICES).as_posix(), text)
        for path in SERVICES.rglob("*.py")
        for text in _worded_literals(path)
    }
    assert not found - NAMES, "services return facts; write the words in render/:\n" + "\n".join(
        f"  services/{where}: {text!r}" for where, text in sorted(found - NAMES)
    )


SAMPLES: list[OutboxEvent] = [
    ExtensionRequested(7, "Phòng Tư pháp", "1.3", "Số hóa hồ sơ <hộ tịch>", date(2024, 6, 30), date(2024, 7, 31), None),
    ExtensionDecided("1.3", True, date(2024, 7, 31)),
    ExtensionDecided("1.3", False, None),
    CoLeadUpdated("Công an thị xã", "2.1", LeadState("done", 100, date(2024, 6, 3))),
    ChatLost(None, True, "Lãnh đạo thị xã"),
    ChatBound(None, "Nguyễn Văn An", "Phòng Tư pháp"),
    ChatBound("Thường trực xã Sơn Kim", "Trần Thị Bình", None, "secretariat"),
    SecretariatJoined("Xã Sơn Kim", "Trần Thị Bình", None),
]


def test_every_event_comes_back_from_the_outbox_as_it_was_queued() -> None:
    assert {type(event) for event in SAMPLES} == set(EVENTS.values())
    for event in SAMPLES:
        stored = json.loads(json.dumps(to_payload(event)))  # the outbox's JSON column
        assert from_payload(stored) == event
        assert outgoing(stored).text


def test_the_words_of_an_event_are_those_of_its_facts() -> None:
    request = outgoing(to_payload(SAMPLES[0]))
    assert "Hạn hiện tại: 30/06/2024. Đề nghị gia hạn đến: <b>31/07/2024</b>." in request.text
    assert "&lt;hộ tịch&gt;" in request.text and "Lý do: không nêu" in request.text
    assert [a.data for row in request.actions for a in row] == ["ext:7:ok", "ext:7:no"]
    assert "Công an thị xã cập nhật nhiệm vụ <b>2.1</b> (cùng chủ trì): đã hoàn thành (03/06/2024)." in outgoing(
        to_payload(SAMPLES[3])
    ).text
    assert "nhóm chat của nhóm Lãnh đạo:" in outgoing(to_payload(SAMPLES[4])).text
    assert outgoing(to_payload(SAMPLES[5])).text.startswith("✅ chat riêng của Nguyễn Văn An đã được gắn với Phòng Tư pháp")
    assert "Thường trực xã Sơn Kim đã được gắn với Thường trực Tổ công tác" in outgoing(to_payload(SAMPLES[6])).text
    assert outgoing(to_payload(SAMPLES[7])).text == (
        "✅ Xã Sơn Kim: Trần Thị Bình đã nhận vai trò Thường trực (nhóm chat: chat riêng của Trần Thị Bình)."
    )
