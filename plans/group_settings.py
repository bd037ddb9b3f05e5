"""Changing a working group's reminder rules one key at a time, as the secretariat types them.

The rules are stored as JSON (``WorkingGroup.settings["reminders"]``) and read by
:class:`plans.schedule.ReminderSettings`; every change is checked by reading it back.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

from plans.regime import WEEKDAYS, month_day
from plans.schedule import ReminderSettings

OFF = {"off", "tat", "tắt", "khong", "không", "none"}
ON = {"on", "bat", "bật", "co", "có", "yes"}
VI_WEEKDAYS = {"thu2": 0, "thu3": 1, "thu4": 2, "thu5": 3, "thu6": 4, "thu7": 5, "cn": 6}

KEYS = {
    "before": "số ngày làm việc nhắc trước hạn, ví dụ 7,3,1",
    "report_before": "số ngày làm việc nhắc trước hạn báo cáo, ví dụ 2",
    "reminder_time": "giờ gửi nhắc việc, ví dụ 08:00",
    "window": "khung giờ được gửi, ví dụ 07:30-17:00",
    "grace_hours": "số giờ còn gửi bù sau khi bot ngừng hoạt động, ví dụ 48",
    "days_off": "ngày nghỉ thêm, ví dụ 2024-09-03,2024-12-31",
    "working_saturdays": "thứ Bảy làm việc bù, ví dụ 2024-05-04",
    "weekly": "hạn báo cáo tuần: thu2..thu6 hoặc off",
    "monthly": "ngày hạn báo cáo tháng, ví dụ 17, hoặc off",
    "half_year": "hạn báo cáo 6 tháng, ví dụ 06-17, hoặc off",
    "annual": "hạn báo cáo năm, ví dụ 12-17, hoặc off",
    "support_heads_up": "báo trước cho đơn vị phối hợp: on hoặc off",
    "digest": "bản tin tuần cho lãnh đạo, ví dụ thu2 08:00",
    "ack_after_working_hours": "số giờ làm việc chờ xác nhận thông báo trước khi nhắc, ví dụ 4",
    "report_ahead": "số ngày làm việc báo cáo của Tổ công tác đến hạn trước hạn báo cáo của cấp trên, ví dụ 2",
}


class SettingError(ValueError):
    """A value that cannot be a setting; the message says which key and what is expected."""


def _numbers(value: str) -> list[int]:
    return [int(part) for part in value.replace(" ", "").split(",") if part]


def _days(value: str) -> list[str]:
    return [date.fromisoformat(part.strip()).isoformat() for part in value.split(",") if part.strip()]


def _weekday(value: str) -> int:
    word = value.strip().lower().replace(" ", "")
    if word in VI_WEEKDAYS:
        return VI_WEEKDAYS[word]
    if word.capitalize() in WEEKDAYS:
        return WEEKDAYS.index(word.capitalize())
    raise ValueError(word)


def apply(current: dict[str, Any], key: str, value: str) -> dict[str, Any]:
    """The rules with ``key`` set to ``value``; raises :class:`SettingError` when it cannot be."""
    if key not in KEYS:
        raise SettingError(f"Không có thiết lập «{key}». Các thiết lập: {', '.join(KEYS)}.")
    rules = {**current, "cadence": dict(current.get("cadence", {}))}
    cadence = rules["cadence"]
    text = value.strip()
    off = text.lower() in OFF
    try:
        if key in ("before", "report_before"):
            rules[key] = _numbers(text)
        elif key in ("reminder_time",):
            rules[key] = time.fromisoformat(text).strftime("%H:%M")
        elif key == "window":
            start, end = (time.fromisoformat(part.strip()) for part in text.split("-"))
            rules["window"] = {"start": start.strftime("%H:%M"), "end": end.strftime("%H:%M")}
        elif key in ("grace_hours", "ack_after_working_hours", "report_ahead"):
            rules[key] = int(text)
            if rules[key] < 0:
                raise ValueError(text)
        elif key in ("days_off", "working_saturdays"):
            rules[key] = _days(text)
        elif key == "weekly":
            cadence["weekly_weekday"] = None if off else _weekday(text)
        elif key == "monthly":
            cadence["monthly_day"] = None if off else int(text)
        elif key in ("half_year", "annual"):
            pair = None if off else month_day(text)
            if pair is None and not off:
                raise ValueError(text)
            cadence["half_year_due" if key == "half_year" else "annual_due"] = pair
        elif key == "support_heads_up":
            if text.lower() not in ON | OFF:
                raise ValueError(text)
            rules[key] = text.lower() in ON
        elif key == "digest":
            day_word, hour = text.rsplit(" ", 1)
            rules["digest_weekday"] = _weekday(day_word)
            rules["digest_time"] = time.fromisoformat(hour).strftime("%H:%M")
        if key in ("weekly", "monthly", "half_year", "annual"):
            rules["cadence_source"] = "manual"
        ReminderSettings.from_json(rules)
    except (ValueError, TypeError) as exc:
        if isinstance(exc, SettingError):
            raise
        raise SettingError(f"Giá trị «{value}» không hợp lệ cho «{key}»: cần {KEYS[key]}.") from None
    return rules
