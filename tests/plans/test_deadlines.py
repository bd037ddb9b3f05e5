"""Reading deadline texts: a hand-written table, the labelled samples, and properties."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plans.deadlines import UNKNOWN, Deadline, DeadlineKind, Milestone, read_deadline
from plans.text import fold

EXPECTED = Path(__file__).resolve().parent.parent / "fixtures" / "expected"

D = date.fromisoformat


def case(
    text: str,
    kind: DeadlineKind,
    due: str | None = None,
    *,
    starts: str | None = None,
    recurring: bool = False,
    milestones: tuple[tuple[str, str], ...] = (),
    year: int | None = 2024,
    issued: str | None = None,
    id: str | None = None,
) -> Any:
    """One row: what a person reading ``text`` in a plan of ``year`` expects."""
    expected = Deadline(
        kind,
        D(due) if due else None,
        D(starts) if starts else None,
        recurring,
        tuple(Milestone(D(d), note) for d, note in milestones),
    )
    return pytest.param(text, year, D(issued) if issued else None, expected, id=id or text[:60])


TABLE = [
    # --- exact days, every written form -------------------------------------------------
    case("30/6/2023", "due", "2023-06-30"),
    case("01/6/2023.", "due", "2023-06-01"),
    case("30-6-2023", "due", "2023-06-30"),
    case("30.6.2023", "due", "2023-06-30"),
    case("ngày 30/6/2023.", "due", "2023-06-30"),
    case("Ngày 30/06/2023", "due", "2023-06-30"),
    case("trước ngày 15/3/2024", "due", "2024-03-15"),
    case("truoc ngay 15/3/2024", "due", "2024-03-15", id="no diacritics: truoc ngay"),
    case("TRƯỚC NGÀY 15/3/2024.", "due", "2024-03-15", id="upper case"),
    case("chậm nhất ngày 20/10/2024", "due", "2024-10-20"),
    case("hoàn thành trước ngày 18/4/2024", "due", "2024-04-18"),
    case("đảm bảo đến ngày 31/12/2024 hoàn thành chỉ tiêu số hóa", "due", "2024-12-31"),
    case("ngày 1 tháng 6 năm 2023", "due", "2023-06-01"),
    case("Ngày 15 tháng 10 năm 2024", "due", "2024-10-15"),
    case("30/6", "due", "2024-06-30", id="day without year takes the plan's"),
    case("trước ngày 30/9", "due", "2023-09-30", year=2023),
    case("ngày 29/2/2024", "due", "2024-02-29", id="leap day"),
    case("ngày 29/2/2023", "unknown", id="no 29 February in 2023"),
    case("31/2/2024", "unknown", id="31 February"),
    case("31/4/2024", "unknown", id="31 April"),
    case("hoàn thành trước 30/6/2024", "due", "2024-06-30"),
    case("30 / 6 / 2024", "due", "2024-06-30", id="spaces around slashes"),
    case("  Hoàn   thành trước ngày   15/3/2024 .  ", "due", "2024-03-15", id="extra white space"),
    case("30/6/23", "due", "2023-06-30", id="two-digit year"),
    # --- months ---------------------------------------------------------------------------
    case("Tháng 8/2024", "due", "2024-08-31"),
    case("trong tháng 3/2022", "due", "2022-03-31"),
    case("tháng 3 năm 2022", "due", "2022-03-31"),
    case("T3/2024", "due", "2024-03-31"),
    case("trước tháng 3/2022", "due", "2022-02-28", id="before March = end of February"),
    case("trước tháng 3/2024", "due", "2024-02-29", id="before March of a leap year"),
    case("trước tháng 1/2024", "due", "2023-12-31", id="before January = previous year"),
    case("trong tháng 3", "due", "2024-03-31", id="month without year"),
    case("Tháng 02/2024", "due", "2024-02-29"),
    case("tháng 12/2023", "due", "2023-12-31"),
    case("trong thang 4/2024", "due", "2024-04-30"),
    case("cuối tháng 6/2024", "due", "2024-06-30"),
    case("6/2024", "due", "2024-06-30", id="bare month/year"),
    case("tháng 13/2024", "unknown"),
    case("Chậm nhất trong tháng 5/2024", "due", "2024-05-31"),
    # --- quarters -------------------------------------------------------------------------
    case("Quý I/2023", "due", "2023-03-31"),
    case("Quý 1/2023", "due", "2023-03-31"),
    case("quý 3 năm 2024", "due", "2024-09-30"),
    case("trong Quý II/2023", "due", "2023-06-30"),
    case("Quý IV", "due", "2024-12-31", id="quarter without year"),
    case("trước quý III/2024", "due", "2024-06-30", id="before Q3 = end of Q2"),
    case("trước quý I/2025", "due", "2024-12-31"),
    case("quy i/2023", "due", "2023-03-31", id="no diacritics: quy i"),
    case("Hoàn thành trong Quý III/2023.", "due", "2023-09-30"),
    case("Q2/2024", "due", "2024-06-30"),
    case("quý V/2024", "unknown", id="no fifth quarter"),
    case("Quý I, năm 2024", "due", "2024-03-31"),
    case("Quý I/2023", "due", "2023-03-31", year=2025, id="written year beats the plan's"),
    # --- half-years and years ----------------------------------------------------------------
    case("6 tháng đầu năm 2024", "due", "2024-06-30"),
    case("6 tháng cuối năm 2024", "due", "2024-12-31"),
    case("06 tháng đầu năm 2025", "due", "2025-06-30"),
    case("Nửa cuối năm 2023", "due", "2023-12-31"),
    case("năm 2024", "due", "2024-12-31"),
    case("Trong năm 2024", "due", "2024-12-31"),
    case("cuối năm 2024", "due", "2024-12-31"),
    case("Năm 2024: Cấp thị xã 100%; cấp xã 90%", "due", "2024-12-31", id="one year, targets per level"),
    case("trước năm 2025", "due", "2024-12-31"),
    case("đến năm 2025", "due", "2025-12-31"),
    case("trong năm", "due", "2023-12-31", year=2023, id="year from the plan"),
    case("2025", "due", "2025-12-31"),
    # --- ranges and starts -------------------------------------------------------------------
    case("Từ tháng 3 đến tháng 6/2024", "due", "2024-06-30", starts="2024-03-01"),
    case("từ ngày 01/7/2024 đến ngày 31/12/2024", "due", "2024-12-31", starts="2024-07-01"),
    case("từ ngày 01/7 đến 31/12/2024", "due", "2024-12-31", starts="2024-07-01"),
    case("Từ tháng 11 đến tháng 2/2025", "due", "2025-02-28", starts="2024-11-01", id="range over new year"),
    case("Tháng 3 - tháng 6/2024", "due", "2024-06-30", starts="2024-03-01", id="dash range"),
    case("giai đoạn 2023 - 2025", "due", "2025-12-31", starts="2023-01-01"),
    case("từ ngày 01/7/2024", "ongoing", starts="2024-07-01", recurring=True),
    case("từ quý II/2024", "ongoing", starts="2024-04-01", recurring=True),
    case(
        "Thực hiện thường xuyên, bắt đầu từ tháng 3/2023.",
        "ongoing",
        starts="2023-03-01",
        recurring=True,
    ),
    case("từ đầu năm 2024", "ongoing", starts="2024-01-01", recurring=True),
    # --- ongoing -----------------------------------------------------------------------------
    case("Thực hiện thường xuyên", "ongoing", recurring=True),
    case("Thường xuyên", "ongoing", recurring=True),
    case("Duy trì thực hiện thường xuyên", "ongoing", recurring=True),
    case("hàng năm", "ongoing", recurring=True),
    case("Hằng năm", "ongoing", recurring=True),
    case("Thực hiện liên tục", "ongoing", recurring=True),
    case("thuong xuyen", "ongoing", recurring=True, id="no diacritics: thuong xuyen"),
    case("Thực hiện thường xuyên theo yêu cầu công tác", "ongoing", recurring=True),
    case("Thực hiện thường xuyên, theo chỉ tiêu Bộ Công an giao.", "ongoing", recurring=True),
    case("Định kỳ hằng tháng", "ongoing", recurring=True),
    # --- a due date, then ongoing --------------------------------------------------------------
    case("Quý I/2024 và thực hiện thường xuyên", "due", "2024-03-31", recurring=True),
    case("Trong năm 2024 và thực hiện thường xuyên", "due", "2024-12-31", recurring=True),
    case(
        "Hoàn thành trước ngày 30/6/2023. Cập nhật thường xuyên dữ liệu về cán bộ.",
        "due",
        "2023-06-30",
        recurring=True,
    ),
    # DOMAIN.md: an open-ended start ("Năm 2025 và các năm tiếp theo") is ongoing
    case("Năm 2024 và những năm tiếp theo", "ongoing", starts="2024-01-01", recurring=True),
    case("Năm 2025 và các năm tiếp theo", "ongoing", starts="2025-01-01", recurring=True),
    # DOMAIN.md: a recurring duty ("trước ngày 15 hằng tháng") is ongoing, its recurrence kept
    case("Hàng năm, trước ngày 15/12", "ongoing", recurring=True),
    case("Định kỳ hằng năm (trước ngày 15 tháng 12)", "ongoing", recurring=True),
    # DOMAIN.md: a relative time counts from the document's date of issue
    case("trong thời hạn 10 ngày kể từ ngày nhận Kế hoạch này", "due", "2025-11-27", issued="2025-11-17"),
    case("trong 05 ngày làm việc", "due", "2025-11-24", issued="2025-11-17"),
    # --- on demand, conditional --------------------------------------------------------------
    case("Khi có yêu cầu của UBND tỉnh, Công an tỉnh", "on_demand"),
    case("Theo yêu cầu của Tổ Công tác", "on_demand"),
    case("khi co yeu cau", "on_demand", id="no diacritics: khi co yeu cau"),
    case("Đột xuất", "on_demand"),
    case("Sau khi có hướng dẫn của Bộ Công an.", "conditional"),
    case("Khi có chỉ đạo của Bộ Công an", "conditional"),
    case("Theo tiến độ, lộ trình của từng mô hình", "conditional"),
    case("Sau khi Đề án được phê duyệt", "conditional"),
    case("sau khi co huong dan cua Bo Cong an", "conditional", id="no diacritics: sau khi"),
    case(
        "Theo tiến độ, lộ trình của từng mô hình đã đề ra tại Kế hoạch số 296/KH- UBND "
        "ngày 13/12/2023 của UBND tỉnh",
        "conditional",
        id="conditional citing a dated plan",
    ),
    case("Sau khi có hướng dẫn của Bộ Công an, chậm nhất Quý III/2024", "due", "2024-09-30"),
    # --- staged targets, per-level dates ---------------------------------------------------------
    case(
        "Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024",
        "due",
        "2024-09-30",
        milestones=(("2024-06-30", "Đạt từ 70% trở lên"), ("2024-09-30", "đạt 90% trở lên")),
    ),
    case(
        "cấp tỉnh từ ngày 01/7/2023; cấp huyện từ ngày 01/10/2023; cấp xã từ ngày 01/01/2024",
        "due",
        "2024-01-01",
        milestones=(("2023-07-01", "cấp tỉnh"), ("2023-10-01", "cấp huyện"), ("2024-01-01", "cấp xã")),
    ),
    case(
        "Quý II/2024: đạt 70%; Quý IV/2024: đạt 100%",
        "due",
        "2024-12-31",
        milestones=(("2024-06-30", "đạt 70%"), ("2024-12-31", "đạt 100%")),
    ),
    case("Đạt 90% từ quý III/2024", "due", "2024-09-30", id="a target from a quarter: end of it"),
    case(
        "Đạt 50% trong quý II/2024 và 100% trong quý IV/2024, duy trì thường xuyên",
        "due",
        "2024-12-31",
        recurring=True,
        milestones=(("2024-06-30", "Đạt 50%"), ("2024-12-31", "100%")),
    ),
    # --- traps: cited documents, ratios, numbers --------------------------------------------
    case(
        "Quý I/2023, đảm bảo thời hạn Thủ tướng Chính phủ giao tại Chỉ thị số 05/CT-TTg ngày 23/02/2023.",
        "due",
        "2023-03-31",
    ),
    case("theo Quyết định số 06/QĐ-TTg ngày 06/01/2022", "unknown", id="a cited decision only"),
    case("Quý II/2024 theo Quyết định số 06/QĐ-TTg ngày 06/01/2022", "due", "2024-06-30"),
    case("Chỉ thị số 29-CT/TU ngày 24/4/2023 của Tỉnh ủy", "unknown"),
    case(
        "Quyết định 06/QĐ-TTg ngày 06/01/2022, hoàn thành trước ngày 30/9/2024",
        "due",
        "2024-09-30",
        id="cited without số",
    ),
    case(
        "Điểm đánh giá dịch vụ công năm 2024 đứng ở top 15/63 tỉnh",
        "due",
        "2024-12-31",
        id="ratio next to a year",
    ),
    case("top 15/63 tỉnh", "unknown"),
    case("đạt 2/3 số hộ", "unknown", id="a fraction"),
    case("Đạt 100%", "unknown", id="a percentage"),
    case("56/KH-UBND", "unknown"),
    case(
        "sửa đổi Quyết định số 01/2016/QĐ-UBND, hoàn thành chậm nhất trong tháng 5/2024",
        "due",
        "2024-05-31",
    ),
    case("Luật Căn cước năm 2023", "unknown", id="a law's year"),
    case("", "unknown", id="empty"),
    case("Đang thực hiện", "unknown"),
    case("Theo quy định", "unknown"),
    case("đầu năm 2024", "unknown", id="early in the year is not a day"),
    case("Sau quý I/2024", "unknown", id="after a quarter is not a due date"),
    # --- the year from context -----------------------------------------------------------------
    case("trong tháng 3", "unknown", year=None, id="no year known"),
    case("Quý IV", "unknown", year=None, id="quarter, no year known"),
    case("trong tháng 3", "due", "2024-03-31", year=None, issued="2024-02-20", id="year from issued"),
    case("trong tháng 3", "due", "2025-03-31", year=None, issued="2024-11-15", id="issued late: next year"),
    case("trước ngày 18/4", "due", "2024-04-18", year=None, issued="2024-04-04"),
]


@pytest.mark.parametrize(("text", "year", "issued", "expected"), TABLE)
def test_table(text: str, year: int | None, issued: date | None, expected: Deadline) -> None:
    assert read_deadline(text, year, issued) == expected


def test_table_is_large() -> None:
    assert len(TABLE) >= 90


@pytest.mark.parametrize(("text", "year", "issued", "expected"), TABLE)
def test_case_and_diacritics_do_not_matter(
    text: str, year: int | None, issued: date | None, expected: Deadline
) -> None:
    for variant in (text.upper(), fold(text)):
        got = read_deadline(variant, year, issued)
        assert (got.kind, got.due, got.starts, got.recurring) == (
            expected.kind,
            expected.due,
            expected.starts,
            expected.recurring,
        )
        assert [m.due for m in got.milestones] == [m.due for m in expected.milestones]


def test_to_json() -> None:
    got = read_deadline("Đạt từ 70% trở lên từ quý II/2024 và đạt 90% trở lên từ quý III năm 2024")
    assert got.to_json() == {
        "kind": "due",
        "due": "2024-09-30",
        "starts": None,
        "recurring": False,
        "milestones": [
            {"due": "2024-06-30", "note": "Đạt từ 70% trở lên"},
            {"due": "2024-09-30", "note": "đạt 90% trở lên"},
        ],
    }
    assert UNKNOWN.to_json()["kind"] == "unknown"


# --- the labelled samples ---------------------------------------------------------------------


def _labelled() -> list[Any]:
    rows = []
    for path in sorted(EXPECTED.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        year = (doc.get("plan") or {}).get("year")
        issued_text = (doc.get("notice") or {}).get("issued")
        issued = D(issued_text) if issued_text else None
        for i, task in enumerate(doc["tasks"]):
            rows.append(
                pytest.param(
                    task["deadline_text"],
                    year,
                    issued,
                    task["deadline"],
                    id=f"{path.stem}-{task.get('code', i)}",
                )
            )
    return rows


LABELLED = _labelled()


def test_labelled_samples_are_loaded() -> None:
    assert len(LABELLED) >= 60


@pytest.mark.parametrize(("text", "year", "issued", "expected"), LABELLED)
def test_labelled_samples(text: str, year: int | None, issued: date | None, expected: dict[str, Any]) -> None:
    got = read_deadline(text, year, issued).to_json()
    got["milestones"] = [m["due"] for m in got["milestones"]]
    for key, value in expected.items():
        assert got[key] == value, key


# --- properties -----------------------------------------------------------------------------

VIETNAMESE = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵAĂÂĐÊÔƠƯQT"
)
NOISE = st.text(alphabet=VIETNAMESE + "0123456789/.-–%:;,() \t\n", max_size=80)
DATE_WORDS = (
    "quý|quy|I|IV|tháng|thang|năm|nam|ngày|trước|từ|đến|thường xuyên|khi có yêu cầu|sau khi|số"
    "|/KH-UBND|30/6|31/2|29/2|2024|/2023|15/63|70%|cấp xã|6 tháng đầu|T3|Q2|và|;|,|0|99|12|9999|1899"
)
WORDS = st.lists(st.sampled_from(DATE_WORDS.split("|")), max_size=12).map(" ".join)
YEARS = st.none() | st.integers(min_value=-10, max_value=12000)
ISSUED = st.none() | st.dates()


def _check(result: Deadline) -> None:
    assert isinstance(result, Deadline)
    assert result.kind in {"due", "ongoing", "on_demand", "conditional", "unknown"}
    assert result.due is None or isinstance(result.due, date)
    assert (result.due is not None) == (result.kind == "due")
    assert all(m.due <= result.due for m in result.milestones if result.due)
    assert result.starts is None or result.due is None or result.starts <= result.due


@settings(max_examples=300)
@given(text=st.text(max_size=120), year=YEARS, issued=ISSUED)
def test_never_raises_on_any_text(text: str, year: int | None, issued: date | None) -> None:
    _check(read_deadline(text, year, issued))


@settings(max_examples=300)
@given(text=NOISE | WORDS, year=YEARS, issued=ISSUED)
def test_never_raises_on_date_like_text(text: str, year: int | None, issued: date | None) -> None:
    _check(read_deadline(text, year, issued))


PREFIXES = ["", "ngày ", "Ngày ", "trước ngày ", "Hoàn thành trước ngày ", "chậm nhất ngày ", "đến ngày "]


@given(
    day=st.dates(min_value=date(1950, 1, 1), max_value=date(2150, 12, 31)),
    prefix=st.sampled_from(PREFIXES),
    pad=st.booleans(),
    year=st.none() | st.integers(min_value=1950, max_value=2150),
)
def test_any_valid_day_is_read(day: date, prefix: str, pad: bool, year: int | None) -> None:
    written = f"{day.day:02d}/{day.month:02d}/{day.year}" if pad else f"{day.day}/{day.month}/{day.year}"
    got = read_deadline(prefix + written + ".", year)
    assert got.kind == "due"
    assert got.due == day


def _last_day(year: int, month: int) -> date:
    first_of_next = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return first_of_next - timedelta(days=1)


MONTH_FORMS = ["Tháng {m}/{y}", "trong tháng {m}/{y}", "tháng {m} năm {y}", "T{m}/{y}", "tháng {mm}/{y}"]


@given(
    year=st.integers(min_value=1950, max_value=2150),
    month=st.integers(min_value=1, max_value=12),
    form=st.sampled_from(MONTH_FORMS),
)
def test_month_means_its_last_day(year: int, month: int, form: str) -> None:
    got = read_deadline(form.format(m=month, mm=f"{month:02d}", y=year))
    assert got.due == _last_day(year, month)


@given(year=st.integers(min_value=1950, max_value=2150))
def test_february_of_every_year(year: int) -> None:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    got = read_deadline(f"trong tháng 2/{year}")
    assert got.due == date(year, 2, 29 if leap else 28)
    assert read_deadline(f"trước tháng 3/{year}").due == got.due


@given(
    year=st.integers(min_value=1950, max_value=2150),
    quarter=st.integers(min_value=1, max_value=4),
    roman=st.booleans(),
    form=st.sampled_from(["Quý {q}/{y}", "trong quý {q} năm {y}", "quy {q}/{y}"]),
)
def test_quarter_means_its_last_day(year: int, quarter: int, roman: bool, form: str) -> None:
    q = ["I", "II", "III", "IV"][quarter - 1] if roman else str(quarter)
    got = read_deadline(form.format(q=q, y=year))
    assert got.due == _last_day(year, 3 * quarter)
