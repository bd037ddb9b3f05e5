"""Message catalogs: every text of the product has its English, faithful to the Vietnamese one.

The msgids are the Vietnamese texts as written in the code, found the way ``python -m
locales.extract`` finds them; ``locales/en/LC_MESSAGES/dondoc.po`` gives their English.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

import locales
from locales import _, day
from locales import extract as tool
from locales.extract import calls, extract, load, translated

RUN = "run `python -m locales.extract`, then translate every empty msgstr in locales/en/LC_MESSAGES/dondoc.po"

# Calls of ``_()`` whose first argument is not a string literal, so no extractor can read their
# msgid: (file, the call's line as written, stripped). Each is here on purpose; anything else fails.
# The texts these calls look up are module-level tables, read by ``INDIRECT`` in locales/extract.py.
ALLOWED_NON_LITERAL = {
    # /toi lists the actor's roles by their label in ROLE_LABELS, then fills in the {agency}.
    ("render/profile.py", "label = _(ROLE_LABELS[held.role])"),
}

# Telegram's HTML tags (https://core.telegram.org/bots/api#html-style). ``<mã>`` and the like in
# usage examples are not tags and are translated freely.
TAG = re.compile(r"</?(?:b|strong|i|em|u|ins|s|strike|del|a|code|pre|blockquote|tg-spoiler|tg-emoji|span)\b[^>]*>")
ENTITY = re.compile(r"&(?:[a-z]+|#\d+|#x[0-9a-f]+);", re.IGNORECASE)
# A bot command: ``/tre_han``, not ``b/c`` nor ``/BC-TCT``.
COMMAND = re.compile(r"(?<![\w/@.])/[a-z][a-z0-9_]*")
VIETNAMESE = set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
)


@pytest.fixture(scope="module")
def template() -> Catalog:
    return extract()


@pytest.fixture(scope="module")
def english() -> Catalog:
    return load()


@pytest.fixture
def in_english() -> Iterator[None]:
    locales.use("en")
    try:
        yield
    finally:
        locales.use("vi")


def _msgids(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog if isinstance(m.id, str) and m.id]


def _fields(text: str) -> list[tuple[str, str, str]]:
    """The ``{field!conv:spec}`` of a format string; ValueError if it is not one."""
    return sorted(
        (name, conversion or "", spec or "")
        for _literal, name, spec, conversion in string.Formatter().parse(text)
        if name is not None
    )


def _emoji(text: str) -> Counter[str]:
    return Counter(
        c for i, c in enumerate(text)
        if unicodedata.category(c) == "So" or c == "\ufe0f" or text[i + 1 : i + 2] == "\ufe0f"
    )


def _tags_balanced(text: str) -> bool:
    stack: list[str] = []
    for tag in TAG.findall(text):
        name = re.match(r"</?([\w-]+)", tag)
        assert name is not None
        if tag.startswith("</"):
            if not stack or stack.pop() != name.group(1):
                return False
        else:
            stack.append(name.group(1))
    return not stack


def _edges(text: str) -> tuple[str, str, int]:
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :], text.count("\n")


def _problems(msgid: str, english: str) -> list[str]:
    found = []
    try:
        same_fields = _fields(msgid) == _fields(english)
    except ValueError:
        same_fields = False
    if not same_fields:
        found.append("the {fields} differ (or the braces do not form a format string)")
    if Counter(TAG.findall(msgid)) != Counter(TAG.findall(english)) or not _tags_balanced(english):
        found.append("the HTML tags differ or are not balanced")
    if Counter(ENTITY.findall(msgid)) != Counter(ENTITY.findall(english)):
        found.append("the HTML entities (&lt; …) differ")
    if _emoji(msgid) != _emoji(english):
        found.append("the emoji differ")
    if Counter(COMMAND.findall(msgid)) != Counter(COMMAND.findall(english)):
        found.append("the /commands differ")
    if _edges(msgid) != _edges(english):
        found.append("the leading/trailing spaces or the line breaks differ")
    return found


def test_every_msgid_of_the_product_has_an_english_translation(template: Catalog, english: Catalog) -> None:
    msgids = _msgids(template)
    assert len(msgids) > 100, "the extractor found almost nothing: is locales.extract.PACKAGES right?"
    missing = []
    for msgid in msgids:
        message = english.get(msgid)
        if message is None or not translated(message):
            state = "missing" if message is None else "fuzzy" if message.string else "empty"
            missing.append(f"  [{state}] {msgid!r}")
    assert not missing, f"{len(missing)} msgid(s) have no English text; {RUN}:\n" + "\n".join(missing)
    # …and the bot reads them: what the catalog loader returns is what the .po says.
    runtime = locales.catalog("en")
    assert [m for m in msgids if m not in runtime] == []


def test_each_translation_keeps_the_fields_tags_entities_emoji_commands_and_line_breaks(english: Catalog) -> None:
    bad = []
    for message in english:
        if isinstance(message.id, str) and message.id and isinstance(message.string, str) and message.string:
            bad += [f"  {message.id!r}: {problem}" for problem in _problems(message.id, message.string)]
    assert not bad, "translations that do not match their msgid:\n" + "\n".join(bad)


@pytest.mark.parametrize(
    ("msgid", "english", "problem"),
    [
        ("Đã thêm «{name}».", "Added “{nam}”.", "fields"),
        ("Hạn: <b>{due}</b>", "Due: <b>{due}", "HTML tags"),
        ("Xem /nhiem_vu &lt;mã&gt;", "See /nhiem_vu <code>", "HTML entities"),
        ("✅ Đồng ý", "Approve", "emoji"),
        ("Dùng /tre_han", "Use /overdue", "/commands"),
        (" (tên chung)", "(collective name)", "spaces"),
        ("Đã ghi {n} {", "Recorded {n} {", "fields"),
    ],
)
def test_the_faithfulness_check_catches_each_kind_of_slip(msgid: str, english: str, problem: str) -> None:
    assert any(problem in found for found in _problems(msgid, english))


def test_a_faithful_translation_passes_the_check() -> None:
    msgid = "⚠️ <b>Quá hạn</b> — {agency}\nDùng /tre_han hoặc /cap_nhat <mã>, ví dụ «b/c» số /BC-TCT."
    english = "⚠️ <b>Overdue</b> — {agency}\nUse /tre_han or /cap_nhat <task code>, e.g. “b/c” no. /BC-TCT."
    assert _problems(msgid, english) == []


def test_no_call_of_underscore_builds_its_msgid_except_the_listed_ones() -> None:
    found = list(calls())
    assert len(found) > 100, "the ast scan found almost no _() calls"
    odd = {(c.path, c.source): c.line for c in found if not c.text}
    unexpected = sorted(f"  {path}:{line}: {source}" for (path, source), line in odd.items()
                        if (path, source) not in ALLOWED_NON_LITERAL)
    assert not unexpected, (
        "_() must be given the text itself, as a plain string literal: an f-string, a concatenation "
        "or a variable cannot be extracted nor translated. Put the fields in the text and pass them "
        "as keywords, _(\"… {name} …\", name=value):\n" + "\n".join(unexpected)
    )
    stale = sorted(f"  {path}: {source}" for path, source in ALLOWED_NON_LITERAL - odd.keys())
    assert not stale, "fixed, so remove from ALLOWED_NON_LITERAL in this file:\n" + "\n".join(stale)


def test_the_texts_looked_up_through_variables_are_extracted(template: Catalog) -> None:
    msgids = set(_msgids(template))
    indirect = [text for _path, _line, text in tool.indirect_messages()]
    assert indirect and set(indirect) <= msgids
    assert "ext" not in msgids and "ask_date" not in msgids  # the keys of those tables are not texts


def test_vietnamese_msgids_are_typed_with_their_diacritics(template: Catalog) -> None:
    worded = [m for m in _msgids(template) if any(c.isalpha() for c in m)]
    plain = [m for m in worded if not VIETNAMESE & set(unicodedata.normalize("NFC", m).lower())]
    share = 1 - len(plain) / len(worded)
    assert share >= 0.9, f"only {share:.0%} of the msgids have Vietnamese diacritics; without any:\n" + "\n".join(
        f"  {m!r}" for m in plain
    )


@pytest.mark.usefixtures("in_english")
def test_english_translates_messages_and_dates() -> None:
    assert locales.active() == "en"
    assert _("Đã ghi nhận.") == "Recorded."
    assert _("Không tìm thấy nhiệm vụ có mã {code}.", code="2.1") == "No task with code 2.1 was found."
    assert _("chưa có câu này trong danh mục") == "chưa có câu này trong danh mục"  # unknown: the source text
    assert day(date(2024, 6, 17)) == "Monday, 17/06/2024"


def test_vietnamese_shows_the_source_text_and_vietnamese_dates() -> None:
    locales.use("vi")
    assert _("Đã ghi nhận.") == "Đã ghi nhận."
    assert _("Không tìm thấy nhiệm vụ có mã {code}.", code="2.1") == "Không tìm thấy nhiệm vụ có mã 2.1."
    assert day(date(2024, 6, 17)) == "Thứ Hai, 17/06/2024"


def test_switching_to_an_unknown_language_is_refused() -> None:
    before = locales.active()
    with pytest.raises(ValueError):
        locales.use("fr")
    assert locales.active() == before


def _write(root: Path, relpath: str, source: str) -> None:
    path = root / relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")


def test_the_tool_reads_literals_skips_expressions_and_sees_into_f_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tool, "INDIRECT", {"handlers/x.py": ("TABLE",)})
    _write(tmp_path, "handlers/x.py", (
        "from locales import _\n"
        'TABLE = {"key": ("purpose", "Câu hỏi tiếp theo")}\n'
        '# Translators: a greeting\n'
        'a = _("Xin chào {name}", name="A")\n'
        "b = f\"{_('Tạm biệt')}!\"\n"
        'c = _(TABLE["key"][1])\n'
    ))
    _write(tmp_path, "render/y.py", 'from locales import _\nd = _("Xin chào {name}", name="B")\n')
    template = extract(tmp_path)
    assert set(_msgids(template)) == {"Xin chào {name}", "Tạm biệt", "Câu hỏi tiếp theo"}
    greeting = template.get("Xin chào {name}")
    assert greeting is not None
    assert greeting.auto_comments == ["a greeting"]
    assert sorted(path for path, _line in greeting.locations) == ["handlers/x.py", "render/y.py"]
    assert [(c.path, c.line) for c in calls(tmp_path) if c.text is None] == [("handlers/x.py", 6)]


def test_the_tool_keeps_translations_adds_new_msgids_untranslated_and_sets_aside_old_ones() -> None:
    template = Catalog()
    template.add("Giữ nguyên")
    template.add("Câu mới")
    english = Catalog(locale="en")
    english.add("Giữ nguyên", "Unchanged")
    english.add("Câu cũ", "Old sentence")
    summary = tool.merge(template, english)
    assert (summary.total, summary.translated, summary.new, summary.obsolete) == (2, 1, ["Câu mới"], ["Câu cũ"])
    kept, new = english.get("Giữ nguyên"), english.get("Câu mới")
    assert kept is not None and kept.string == "Unchanged"
    assert new is not None and not new.string and not new.fuzzy
    assert summary.changed
    assert not tool.merge(template, english).changed


def test_the_tool_in_check_mode_passes_on_the_committed_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main(["--check"]) == 0, capsys.readouterr().err
