"""Text formatting as Telegram does it: HTML, MarkdownV2, Markdown, trimming and entities it finds itself."""

from __future__ import annotations

from typing import Any

import pytest

from tgserver.errors import ApiError
from tgserver.formatting import formatted, found_by_telegram


def entity(kind: str, offset: int, length: int, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "offset": offset, "length": length, **extra}


@pytest.mark.parametrize(
    ("source", "text", "entities"),
    [
        (
            "<b>Hạn</b> &lt;05/6&gt; &amp; &quot;gấp&quot; &#233;",
            'Hạn <05/6> & "gấp" é',
            [entity("bold", 0, 3)],
        ),
        (
            "<strong>a</strong><em>b</em><ins>c</ins><del>d</del>",
            "abcd",
            [
                entity("bold", 0, 1),
                entity("italic", 1, 1),
                entity("underline", 2, 1),
                entity("strikethrough", 3, 1),
            ],
        ),
        (
            '<a href="https://dichvucong.gov.vn">DVC</a>',
            "DVC",
            [entity("text_link", 0, 3, url="https://dichvucong.gov.vn")],
        ),
        (
            '<pre><code class="language-python">x = 1</code></pre>',
            "x = 1",
            [entity("pre", 0, 5, language="python")],
        ),
        ('<span class="tg-spoiler">bí mật</span>', "bí mật", [entity("spoiler", 0, 6)]),
        ("<blockquote expandable>trích</blockquote>", "trích", [entity("expandable_blockquote", 0, 5)]),
        ("😀 <i>ý</i>", "😀 ý", [entity("italic", 3, 1)]),
        ("\n  <b>Kế hoạch</b>  \n", "Kế hoạch", [entity("bold", 0, 8)]),
    ],
)
def test_html(source: str, text: str, entities: list[dict[str, Any]]) -> None:
    assert formatted(source, "HTML", None) == (text, entities)


@pytest.mark.parametrize(
    ("source", "error"),
    [
        ("🏟 🏟&lt;<abacaba", "Unclosed start tag at byte offset 13"),
        ("🏟 🏟&lt;<abac aba>", 'Unsupported start tag "abac" at byte offset 13'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ('<a =" x">y</a>', 'Empty attribute name in the tag "a" at byte offset 3'),
        ('<span class="red">x</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_are_worded_like_telegram(source: str, error: str) -> None:
    with pytest.raises(ApiError) as refused:
        formatted(source, "HTML", None)
    assert refused.value.description == f"Bad Request: can't parse entities: {error}"


def test_markdown_v2() -> None:
    text, entities = formatted(
        "*Hạn* _chót_ __gạch__ ~bỏ~ ||ẩn|| `mã` [DVC](https://dichvucong.gov.vn) ngày 05\\.06\\!",
        "MarkdownV2",
        None,
    )
    assert text == "Hạn chót gạch bỏ ẩn mã DVC ngày 05.06!"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "text_link",
    ]
    assert formatted("```python\nprint(1)\n```", "MarkdownV2", None)[1] == [
        entity("pre", 0, 8, language="python")
    ]
    with pytest.raises(ApiError, match="Can't find end of Bold entity at byte offset 0"):
        formatted("*đậm", "MarkdownV2", None)


def test_legacy_markdown() -> None:
    assert formatted("*đậm* _nghiêng_ [link](https://x.vn) a.b", "Markdown", None) == (
        "đậm nghiêng link a.b",
        [entity("bold", 0, 3), entity("italic", 4, 7), entity("text_link", 12, 4, url="https://x.vn")],
    )
    with pytest.raises(ApiError, match="Can't find end of the entity starting at byte offset 5"):
        formatted("snake_case", "Markdown", None)


def test_entities_telegram_finds_by_itself() -> None:
    text = (
        "/baocao@dondoc_bot gửi @lan_nguyen #DeAn06 lan@soyte.gov.vn https://dichvucong.gov.vn/p. 1/2 /xong"
    )
    assert [(e["type"], text[e["offset"] : e["offset"] + e["length"]]) for e in found_by_telegram(text)] == [
        ("bot_command", "/baocao@dondoc_bot"),
        ("mention", "@lan_nguyen"),
        ("hashtag", "#DeAn06"),
        ("email", "lan@soyte.gov.vn"),
        ("url", "https://dichvucong.gov.vn/p"),
        ("bot_command", "/xong"),
    ]
    assert found_by_telegram("😀 /start") == [entity("bot_command", 3, 6)]


def test_explicit_entities_are_kept_and_trimmed() -> None:
    assert formatted(" xin chào ", None, [entity("bold", 1, 3)]) == ("xin chào", [entity("bold", 0, 3)])
