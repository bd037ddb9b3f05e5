"""/tre_han pages are planned from counts alone; every page must still fit one Telegram message."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from render.oversight import overdue_text
from services.oversight import AgencyDebt, OverduePage, plan_pages
from storage.lead_rows import AgencyOverdue, LeadRow

TODAY = date(2024, 4, 15)
TAGS = re.compile(r"</?b>")


def shown_length(text: str) -> int:
    """Length after Telegram parses the HTML (what its 4,096 limit counts)."""
    return len(html.unescape(TAGS.sub("", text)))


def worst_row(agency: AgencyOverdue, n: int) -> LeadRow:
    return LeadRow(
        lead_id=n, agency_id=agency.agency_id, agency=agency.name, task_id=n, code=f"{n}".rjust(32, "9"),
        content="Nội dung & nhiệm vụ rất dài " * 40, section=None, due=date(2020, 1, 1), status="not_started",
        percent=None, done_on=None, plan="",
    )


agencies = st.lists(
    st.tuples(st.text(alphabet="ỦY BAN NHÂN DÂN xã&<>", min_size=1, max_size=300), st.integers(1, 120)),
    min_size=0, max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(agencies)
def test_every_planned_page_fits_one_message(owed_spec: list[tuple[str, int]]) -> None:
    owed = [AgencyOverdue(i + 1, name, count, date(2020, 1, 1)) for i, (name, count) in enumerate(owed_spec)]
    plan = plan_pages(owed)
    assert sum(end - start for page in plan for _p, start, end in page) == sum(a.count for a in owed), "nothing left out"
    for number, page in enumerate(plan):
        debts = [
            AgencyDebt(position + 1, owed[position].agency_id, owed[position].name, owed[position].count, 1561,
                       [worst_row(owed[position], k) for k in range(start, end)], start > 0)
            for position, start, end in page
        ]
        text = overdue_text(OverduePage(datetime(2024, 4, 15, 1, tzinfo=UTC), TODAY, 99999, 999, number, len(plan), debts))
        assert shown_length(text) <= 4096


def test_pages_keep_the_most_owed_agency_first_and_split_long_lists() -> None:
    owed = [AgencyOverdue(1, "Sở Tài nguyên và Môi trường", 50, date(2024, 1, 1)), AgencyOverdue(2, "Sở Tư pháp", 2, date(2024, 3, 1))]
    plan = plan_pages(owed)
    assert len(plan) >= 3
    assert plan[0][0] == (0, 0, plan[0][0][2]) and plan[-1][-1][0] == 1
