"""Benchmark: draw the progress chart of 40 agencies by 5 standings and print one JSON line.

``first_seconds`` is the cold cost: importing the renderer (matplotlib, fonts) plus the first
chart, what the first chart after the bot starts costs; ``import_seconds`` is the import alone.
``chart_seconds`` is the next chart, after the warm-up: what every later one costs.

Run from the repository root: ``.venv/bin/python bench/chart.py``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

began = time.perf_counter()
try:
    from render.charts import progress_chart
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from render.charts import progress_chart

AGENCIES = 40
STANDINGS = ("done_on_time", "done_late", "on_time", "overdue", "no_deadline")
NAMES = [
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Tài nguyên và Môi trường",
    "Văn phòng HĐND và UBND thị xã",
    "Công an thị xã",
    "Phòng Tư pháp",
    "Phòng Giáo dục và Đào tạo",
    "Bảo hiểm xã hội thị xã",
    "Trung tâm Y tế thị xã",
]
COMMUNES = ["Phổ Châu", "Phổ Thạnh", "Phổ Khánh", "Phổ Cường", "Phổ An", "Phổ Phong", "Phổ Nhơn", "Phổ Thuận"]


def counts(seed: int = 6) -> dict[str, dict[str, int]]:
    """40 agencies (departments, then communes and wards), a realistic spread of standings."""
    rng = random.Random(seed)
    names = list(NAMES)
    for i in range(AGENCIES - len(names)):
        kind = "UBND xã" if i % 3 else "UBND phường"
        names.append(f"{kind} {COMMUNES[i % len(COMMUNES)]} {i // len(COMMUNES) + 1}")
    return {name: {s: rng.choice([0, 0, 1, 2, 3, 5, 8]) for s in STANDINGS} for name in names}


def main() -> None:
    data = counts()
    title = "Tiến độ thực hiện nhiệm vụ Đề án 06 theo đơn vị — tháng 06/2024"
    start = time.perf_counter()
    progress_chart(title, data)
    first = time.perf_counter() - began
    import_seconds = start - began
    start = time.perf_counter()
    png = progress_chart(title, data)
    second = time.perf_counter() - start
    print(
        json.dumps(
            {
                "agencies": len(data),
                "standings": len(STANDINGS),
                "import_seconds": round(import_seconds, 3),
                "first_seconds": round(first, 3),
                "chart_seconds": round(second, 3),
                "png_bytes": len(png),
            }
        )
    )


if __name__ == "__main__":
    main()
