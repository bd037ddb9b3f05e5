"""The reporting regime a plan states ("báo cáo tuần trước thứ Năm, tháng trước ngày 17…"),
as cadence settings."""

from __future__ import annotations

from typing import Any

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def month_day(value: Any) -> list[int] | None:
    """``"06-17"`` → ``[6, 17]``; None when unreadable."""
    try:
        month, day = (int(part) for part in str(value).split("-"))
    except ValueError:
        return None
    return [month, day] if 1 <= month <= 12 and 1 <= day <= 31 else None


def cadence_from_reporting(reporting: dict[str, Any]) -> dict[str, Any]:
    """The cadence keys a plan's reporting regime fixes (the others keep their defaults)."""
    cadence: dict[str, Any] = {}
    if reporting.get("weekly_due_weekday") in WEEKDAYS:
        cadence["weekly_weekday"] = WEEKDAYS.index(reporting["weekly_due_weekday"])
    if isinstance(reporting.get("monthly_due_day"), int) and 1 <= reporting["monthly_due_day"] <= 31:
        cadence["monthly_day"] = reporting["monthly_due_day"]
    for source, target in (("half_year_due", "half_year_due"), ("annual_due", "annual_due")):
        if (pair := month_day(reporting.get(source))) is not None:
            cadence[target] = pair
    return cadence
