"""Progress charts as PNG: one horizontal stacked bar per agency (or group), split by standing.

Built with matplotlib's object-oriented API (``Figure`` + the Agg canvas): no pyplot, no global
figure state, so charts can be drawn from worker threads. Colours are the Okabe-Ito palette,
which people with the common forms of colour blindness tell apart; the order is fixed.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from locales import _
from render.report_model import STANDINGS, Standing, standing_label

FONT = "DejaVu Sans"  # matplotlib ships it; it covers Vietnamese
COLOURS: dict[Standing, str] = {
    "done_on_time": "#009E73",  # bluish green
    "done_late": "#F0E442",  # yellow
    "on_time": "#0072B2",  # blue
    "overdue": "#D55E00",  # vermilion
    "no_deadline": "#BBBBBB",  # grey
}
DARK: frozenset[Standing] = frozenset({"done_on_time", "on_time", "overdue"})  # white numbers on these

WIDTH_INCHES = 9.0
DPI = 120
BAR_INCHES = 0.36  # height given to each bar
BAR_HEIGHT = 0.72  # of the bar's slot, in data units
FRAME_INCHES = 1.9  # title, legend and axis
HEADER_INCHES = 1.05  # title and legend, above the axes
MAX_HEIGHT_INCHES = 24.0  # 2,880 px: beyond this, bars get thinner instead of the image longer
EMPTY_HEIGHT_INCHES = 2.4
LABEL_WIDTH = 30  # characters per line of an agency name
LABEL_LINES = 2


def progress_chart(title: str, counts: dict[str, dict[str, int]]) -> bytes:
    """A PNG: for each key of ``counts`` (top to bottom, in the given order), its tasks by standing.

    ``counts[name]`` maps standings (``"overdue"``, …) to numbers of tasks; missing standings count
    as zero. An unknown standing is an error in the caller, so it raises ``ValueError``.
    """
    return _png(progress_figure(title, counts))


def progress_figure(title: str, counts: Mapping[str, Mapping[str, int]]) -> Figure:
    """The chart as a matplotlib ``Figure`` on an Agg canvas (what :func:`progress_chart` saves)."""
    for name, by_standing in counts.items():
        unknown = set(by_standing) - set(STANDINGS)
        if unknown:
            raise ValueError(f"unknown standing(s) {sorted(unknown)} for {name!r}")
        if any(v < 0 for v in by_standing.values()):
            raise ValueError(f"negative count for {name!r}: {dict(by_standing)}")
    names = list(counts)
    if not names or not any(sum(v.values()) for v in counts.values()):
        return _empty(title)

    rows = len(names)
    height = min(MAX_HEIGHT_INCHES, FRAME_INCHES + BAR_INCHES * rows)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)  # attaches itself to the figure
    axes = figure.add_subplot()

    per_bar = (height - FRAME_INCHES) / rows  # inches: less than BAR_INCHES once the height is capped
    label_size = 9.0 if per_bar >= BAR_INCHES else max(5.0, 9.0 * per_bar / BAR_INCHES)
    label_lines = LABEL_LINES if per_bar >= BAR_INCHES * 0.8 else 1
    label_width = round(LABEL_WIDTH * 9.0 / label_size)  # smaller letters: more of them on a line
    number_size = min(8.0, label_size)
    positions = list(range(rows))
    totals = [sum(counts[n].get(s, 0) for s in STANDINGS) for n in names]
    widest = max(totals)
    half = BAR_HEIGHT / 2
    left = [0] * rows
    # One collection of rectangles per standing: much faster than a Rectangle per bar segment
    # (``barh``) once there are a hundred communes.
    for standing in STANDINGS:
        values = [counts[n].get(standing, 0) for n in names]
        boxes = [
            [(x, y - half), (x + v, y - half), (x + v, y + half), (x, y + half)]
            for x, v, y in zip(left, values, positions, strict=True)
            if v > 0
        ]
        if boxes:
            segments = PolyCollection(
                boxes, facecolors=COLOURS[standing], edgecolors="white", linewidths=0.6, label=standing
            )
            axes.add_collection(segments, autolim=False)
        colour = "white" if standing in DARK else "black"
        for x, v, y in zip(left, values, positions, strict=True):
            if v > 0 and v >= 0.06 * widest:  # the number inside a segment when there is room for it
                axes.text(
                    x + v / 2,
                    y,
                    str(v),
                    ha="center",
                    va="center",
                    fontsize=number_size,
                    fontfamily=FONT,
                    color=colour,
                )
        left = [a + b for a, b in zip(left, values, strict=True)]
    gap = widest * 0.01
    for position, total in zip(positions, totals, strict=True):
        axes.text(
            total + gap,
            position,
            str(total),
            va="center",
            fontsize=min(8.5, label_size),
            fontfamily=FONT,
            fontweight="bold",
        )

    axes.set_yticks(
        positions,
        labels=[_label(n, label_lines, label_width) for n in names],
        fontsize=label_size,
        fontfamily=FONT,
    )
    axes.set_ylim(rows - 0.5, -0.5)  # first key at the top
    axes.set_xlim(0, widest * 1.08 + 0.5)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelsize=8)
    axes.set_xlabel(_("Số nhiệm vụ"), fontsize=9, fontfamily=FONT)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)

    figure.suptitle(_wrap_title(title), fontsize=12, fontweight="bold", fontfamily=FONT, y=1 - 0.12 / height)
    figure.legend(
        handles=[Patch(facecolor=COLOURS[s], label=standing_label(s)) for s in STANDINGS],
        loc="upper center",
        bbox_to_anchor=(0.5, 1 - 0.55 / height),
        ncol=len(STANDINGS),
        frameon=False,
        prop={"family": FONT, "size": 8},
        handlelength=1.2,
        columnspacing=1.0,
    )
    figure.subplots_adjust(left=0.30, right=0.97, top=1 - HEADER_INCHES / height, bottom=0.55 / height)
    return figure


def _label(name: str, most: int = LABEL_LINES, width: int = LABEL_WIDTH) -> str:
    """An agency name on at most ``most`` lines of ``width`` characters, cut with '…' when longer."""
    lines = textwrap.wrap(" ".join(name.split()), width) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: width - 1].rstrip(" ,;-") + "…"
    return "\n".join(lines)


def _wrap_title(title: str) -> str:
    return textwrap.shorten(" ".join(title.split()), 90, placeholder="…")


def _empty(title: str) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, EMPTY_HEIGHT_INCHES), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.suptitle(_wrap_title(title), fontsize=12, fontweight="bold", fontfamily=FONT)
    figure.text(0.5, 0.45, _("Không có dữ liệu"), ha="center", va="center", fontsize=12, fontfamily=FONT)
    return figure


def _png(figure: Figure) -> bytes:
    out = io.BytesIO()
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    canvas.print_png(out)
    return out.getvalue()
