"""Benchmark: read 10,000 deadline expressions and print one JSON line.

The expressions are generated (with a fixed seed) from the shapes met in real plans, in a
mix close to theirs: mostly "thực hiện thường xuyên" and quarters, then years, days,
months, ranges, staged targets, triggers, and long texts citing documents.

Run from the repository root: ``.venv/bin/python bench/deadlines.py``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

try:
    from plans.deadlines import read_deadline
except ImportError:  # not installed: run from a checkout
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from plans.deadlines import read_deadline

COUNT = 10_000
ROMAN = ["I", "II", "III", "IV"]
AGENCIES = ["Bộ Công an", "UBND tỉnh", "Công an tỉnh", "Sở Thông tin và Truyền thông", "Tổ Công tác"]


def _day(rng: random.Random) -> str:
    y = rng.choice([2022, 2023, 2024, 2025])
    m = rng.randint(1, 12)
    d = rng.randint(1, 31)  # some are impossible dates, as in real typing slips
    return rng.choice([f"{d}/{m}/{y}", f"{d:02d}/{m:02d}/{y}", f"{d}-{m}-{y}", f"{d}.{m}.{y}"])


def _shapes() -> list[tuple[int, Callable[[random.Random], str]]]:
    def year(rng: random.Random) -> int:
        return rng.choice([2022, 2023, 2024, 2025])

    return [
        (30, lambda r: r.choice(["Thực hiện thường xuyên", "Thực hiện thường xuyên.", "Thường xuyên"])),
        (4, lambda r: r.choice(["Duy trì thực hiện thường xuyên", "Hằng năm", "hàng năm", "thuong xuyen"])),
        (14, lambda r: f"{r.choice(['', 'Trong ', 'Hoàn thành trong '])}Quý {r.choice(ROMAN)}/{year(r)}."),
        (3, lambda r: f"quý {r.randint(1, 4)} năm {year(r)}"),
        (9, lambda r: f"{r.choice(['Năm', 'Trong năm', 'cuối năm'])} {year(r)}"),
        (
            8,
            lambda r: (
                f"{r.choice(['', 'ngày ', 'trước ngày ', 'Hoàn thành trước ngày ', 'chậm nhất ngày '])}{_day(r)}"
            ),
        ),
        (
            6,
            lambda r: (
                f"{r.choice(['Tháng', 'trong tháng', 'chậm nhất trong tháng', 'trước tháng'])} {r.randint(1, 12)}/{year(r)}"
            ),
        ),
        (2, lambda r: f"ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} năm {year(r)}"),
        (3, lambda r: f"6 tháng {r.choice(['đầu', 'cuối'])} năm {year(r)}"),
        (5, lambda r: f"Quý {r.choice(ROMAN)}/{year(r)} và thực hiện thường xuyên"),
        (2, lambda r: f"Thực hiện thường xuyên, bắt đầu từ tháng {r.randint(1, 12)}/{year(r)}."),
        (2, lambda r: f"Từ tháng {r.randint(1, 6)} đến tháng {r.randint(7, 12)}/{year(r)}"),
        (3, lambda r: f"{r.choice(['Khi có yêu cầu của', 'Theo yêu cầu của'])} {r.choice(AGENCIES)}"),
        (
            3,
            lambda r: (
                f"{r.choice(['Sau khi có hướng dẫn của', 'Khi có chỉ đạo của', 'Theo tiến độ, lộ trình của'])} "
                f"{r.choice(AGENCIES)}"
            ),
        ),
        (
            2,
            lambda r: (
                f"Đạt từ {r.randint(5, 8)}0% trở lên từ quý II/{year(r)} và đạt 90% trở lên "
                f"từ quý {r.choice(['III', 'IV'])} năm {year(r)}"
            ),
        ),
        (
            1,
            lambda r: (
                f"cấp tỉnh từ ngày 01/7/{year(r)}; cấp huyện từ ngày 01/10/{year(r)}; "
                f"cấp xã từ ngày 01/01/{year(r) + 1}"
            ),
        ),
        (
            2,
            lambda r: (
                f"Trong Quý {r.choice(ROMAN)}/{year(r)}, đảm bảo thời hạn Thủ tướng Chính phủ giao tại "
                f"Chỉ thị số {r.randint(1, 30):02d}/CT-TTg ngày {r.randint(1, 28)}/{r.randint(1, 12)}/{year(r)}."
            ),
        ),
        (
            1,
            lambda r: (
                f"Điểm đánh giá của bộ chỉ số phục vụ người dân năm {year(r)} đứng ở top "
                f"{r.randint(5, 20)}/63 tỉnh"
            ),
        ),
        (1, lambda r: f"Năm {year(r)}: Cấp thị xã 100%; cấp xã 90%"),
        (1, lambda r: r.choice(["Đang thực hiện", "Theo quy định", "", "Đạt 100%", "56/KH-UBND"])),
    ]


def expressions(count: int = COUNT, seed: int = 6) -> list[str]:
    """``count`` deadline texts in a realistic mix, always the same for a seed."""
    rng = random.Random(seed)
    shapes = _shapes()
    weights = [w for w, _ in shapes]
    makers = [m for _, m in shapes]
    return [rng.choices(makers, weights)[0](rng) for _ in range(count)]


def main() -> None:
    texts = expressions()
    began = time.perf_counter()
    for text in texts:
        read_deadline(text, 2024)
    seconds = time.perf_counter() - began
    print(
        json.dumps(
            {
                "expressions": len(texts),
                "seconds": round(seconds, 3),
                "per_second": round(len(texts) / seconds) if seconds else None,
            }
        )
    )


if __name__ == "__main__":
    main()
