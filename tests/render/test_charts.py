"""The progress chart: a PNG a leader reads on a phone, in Vietnamese, without missing letters."""

from __future__ import annotations

import io
import struct
import warnings
from typing import get_args

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.colors import to_hex
from matplotlib.image import imread
from matplotlib.text import Text

import locales
from render.charts import COLOURS, DPI, MAX_HEIGHT_INCHES, progress_chart, progress_figure
from render.report_model import STANDING_LABELS, STANDINGS, Standing, standing_label
from tests.render import CONG_AN, LDTBXH, TU_PHAP, VHTTDL

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COUNTS: dict[str, dict[str, int]] = {
    LDTBXH: {"done_on_time": 3, "done_late": 1, "on_time": 2, "overdue": 4, "no_deadline": 1},
    VHTTDL: {"done_on_time": 5, "overdue": 1},
    CONG_AN: {"done_on_time": 9, "on_time": 3},
    "Ủy ban nhân dân xã Phổ Thạnh": {"on_time": 2, "no_deadline": 2},
    TU_PHAP: {"done_late": 2, "overdue": 3},
}


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk."""
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def missing_glyph_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if "missing from" in str(w.message).lower()]


def render_recording(title: str, counts: dict[str, dict[str, int]]) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = progress_chart(title, counts)
    return data, missing_glyph_warnings(caught)


def many(n: int) -> dict[str, dict[str, int]]:
    return {f"UBND xã số {i}": {"done_on_time": i % 5, "on_time": 2, "overdue": i % 3} for i in range(n)}


def test_chart_is_a_png_of_a_readable_size() -> None:
    data, missing = render_recording("Tiến độ thực hiện nhiệm vụ Đề án 06 tháng 06/2024", COUNTS)
    assert missing == []
    width, height = png_size(data)
    assert 800 <= width <= 1280  # sharp on a phone, not resized much by Telegram
    assert 250 <= height <= width * 2


def test_vietnamese_renders_without_missing_glyphs() -> None:
    """Every letter of the title, names and legend is in the font: matplotlib would warn otherwise."""
    counts = {
        "Sở Lao động - Thương binh và Xã hội": {"overdue": 1},
        "Ủy ban nhân dân phường Nguyễn Nghiêm (Đức Phổ)": {"done_late": 2},
        "Trường THPT Lê Quý Đôn — ỳ ỷ ỹ ỵ ữ ự ằ ẳ ẵ ặ ầ ẩ ẫ ậ ề ể ễ ệ ồ ổ ỗ ộ ờ ở ỡ ợ": {"on_time": 1},
    }
    _data, missing = render_recording("Tiến độ — Đề án 06: “đúng hạn”, quá hạn, hoàn thành", counts)
    assert missing == []


def test_the_glyph_check_does_catch_a_missing_letter() -> None:
    """A control: a character DejaVu Sans lacks (Chinese) does produce the warning looked for."""
    _data, missing = render_recording("Tiến độ", {"Sở Ngoại vụ 外务": {"overdue": 1}})
    assert missing


def test_height_grows_with_the_number_of_bars_up_to_a_cap() -> None:
    heights = [png_size(progress_chart("Tiến độ", many(n)))[1] for n in (1, 5, 20, 40)]
    assert heights == sorted(heights) and len(set(heights)) == 4
    capped = png_size(progress_chart("Tiến độ", many(70)))[1]
    assert capped <= MAX_HEIGHT_INCHES * DPI + 1
    assert png_size(progress_chart("Tiến độ", many(100)))[1] == capped


def test_bars_are_stacked_in_the_fixed_order_with_a_vietnamese_legend() -> None:
    figure = progress_figure("Tiến độ", COUNTS)
    legend = figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()] == [
        "Hoàn thành đúng hạn",
        "Hoàn thành quá hạn",
        "Đang trong hạn",
        "Quá hạn",
        "Không có thời hạn",
    ]
    axes = figure.axes[0]
    # One set of segments per standing, in the fixed order, each in its fixed colour.
    layers = [c for c in axes.collections if isinstance(c, PolyCollection)]
    assert [c.get_label() for c in layers] == list(STANDINGS)
    faces = [np.asarray(c.get_facecolor(), dtype=float)[0] for c in layers]
    assert [to_hex((r, g, b)) for r, g, b, _a in faces] == [COLOURS[s].lower() for s in STANDINGS]
    # The first agency is at the top, and its segments follow one another from the left.
    labels = [t.get_text() for t in axes.get_yticklabels()]
    assert labels[0] == "Sở Lao động - Thương binh và\nXã hội"
    assert labels[2] == CONG_AN
    spans = []
    for layer in layers:
        box = np.asarray(
            layer.get_paths()[0].vertices, dtype=float
        )  # the first segment drawn is the first agency's
        assert (box[:, 1].min() + box[:, 1].max()) / 2 == pytest.approx(0)  # on the first row
        spans.append((box[:, 0].min(), box[:, 0].max()))
    widths = [right - left for left, right in spans]
    assert widths == [COUNTS[LDTBXH].get(s, 0) for s in STANDINGS]
    assert [left for left, _right in spans] == [sum(widths[:i]) for i in range(len(widths))]
    # The total is written at the end of each bar, figures first.
    shown = {t.get_text() for t in axes.texts}
    assert {"11", "6", "12", "4", "5"} <= shown


def test_long_names_are_wrapped_then_cut() -> None:
    name = "Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi và các đơn vị trực thuộc có liên quan"
    figure = progress_figure("Tiến độ", {name: {"overdue": 1}})
    label = figure.axes[0].get_yticklabels()[0].get_text()
    lines = label.split("\n")
    assert len(lines) == 2 and all(len(line) <= 30 for line in lines)
    assert lines[-1].endswith("…")


def test_colours_are_fixed_and_visible_in_the_image() -> None:
    """The vermilion of "Quá hạn" fills a bar when something is overdue, and only then.

    The legend always shows all five colours, in a small key: a bar is thousands of pixels.
    """

    def has_colour(data: bytes, hex_colour: str) -> bool:
        pixels = (imread(io.BytesIO(data), format="png")[..., :3] * 255).round().astype(int)
        rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)])
        return int((np.abs(pixels - rgb).sum(axis=-1) <= 6).sum()) > 2_000

    late = progress_chart("Tiến độ", {CONG_AN: {"overdue": 3, "done_on_time": 2}})
    fine = progress_chart("Tiến độ", {CONG_AN: {"on_time": 3, "done_on_time": 2}})
    assert has_colour(late, COLOURS["overdue"]) and has_colour(late, COLOURS["done_on_time"])
    assert not has_colour(fine, COLOURS["overdue"]) and has_colour(fine, COLOURS["on_time"])


@pytest.mark.parametrize("counts", [{}, {CONG_AN: {}}, {CONG_AN: {"overdue": 0}}])
def test_no_data_still_gives_a_png_that_says_so(counts: dict[str, dict[str, int]]) -> None:
    data, missing = render_recording("Tiến độ theo đơn vị", counts)
    width, height = png_size(data)
    assert width > 0 and height > 0 and missing == []
    figure = progress_figure("Tiến độ theo đơn vị", counts)
    words = [t.get_text() for t in figure.findobj(Text)]
    assert "Không có dữ liệu" in words and "Tiến độ theo đơn vị" in words


def test_an_unknown_standing_is_a_caller_error() -> None:
    with pytest.raises(ValueError, match="late"):
        progress_chart("Tiến độ", {CONG_AN: {"late": 1}})


def test_standing_labels_cover_every_standing_and_follow_the_active_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert set(STANDINGS) == set(get_args(Standing))
    assert dict(STANDING_LABELS) == {s: standing_label(s) for s in STANDINGS}
    assert STANDING_LABELS["on_time"] == "Đang trong hạn"
    # Looked up when asked, not when imported: switching language switches the labels.
    monkeypatch.setattr(locales, "catalog", lambda locale: {"Quá hạn": "Overdue"} if locale == "en" else {})
    locales.use("en")
    try:
        assert STANDING_LABELS["overdue"] == "Overdue"
        legend = progress_figure("Progress", {CONG_AN: {"overdue": 1}}).legends[0]
        assert "Overdue" in [t.get_text() for t in legend.get_texts()]
    finally:
        locales.use("vi")
    assert STANDING_LABELS["overdue"] == "Quá hạn"
