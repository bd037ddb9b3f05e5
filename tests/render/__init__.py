"""Tests of the exported reports and charts, and the report they share."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from render.report_model import CompiledReport, Excerpt, ReportTask, Standing, count_standings

VIETNAM = timezone(timedelta(hours=7))
LDTBXH = "Sở Lao động - Thương binh và Xã hội"
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
CONG_AN = "Công an thị xã"
TU_PHAP = "Phòng Tư pháp"
SECTION_1 = "Nhóm tiện ích phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến"
SECTION_2 = "Nhóm tiện ích phục vụ phát triển kinh tế, xã hội"
LONG_CONTENT = (
    "Triển khai chi trả an sinh xã hội không dùng tiền mặt cho người có công, đối tượng bảo trợ xã hội "
    "qua tài khoản ngân hàng đã được xác thực với Cơ sở dữ liệu quốc gia về dân cư; rà soát, làm sạch "
    "dữ liệu người hưởng chính sách trên địa bàn thị xã, bảo đảm đúng, đủ, sạch, sống; báo cáo kết quả "
    "về Tổ công tác Đề án 06 thị xã để tổng hợp."
)
EXCERPT_TEXT = (
    "Đã hoàn thành rà soát 1.245 hồ sơ người có công.\nVướng mắc: chưa có kinh phí nâng cấp phần mềm quản lý."
)


def task(
    code: str,
    content: str,
    section: str,
    lead: str,
    status: str,  # the lead's status key, e.g. "in_progress"
    standing: Standing,
    due: date | None,
    *,
    done_on: date | None = None,
    late: int = 0,
    percent: int | None = None,
) -> ReportTask:
    return ReportTask(
        code=code,
        content=content,
        section=section,
        lead=lead,
        status=status,
        standing=standing,
        due=due,
        done_on=done_on,
        days_late=late,
        percent=percent,
    )


def sample_tasks() -> tuple[list[ReportTask], list[ReportTask]]:
    first = [
        task(
            "1.1",
            LONG_CONTENT,
            SECTION_1,
            LDTBXH,
            "in_progress",
            "overdue",
            date(2024, 6, 17),
            late=18,
            percent=70,
        ),
        task(
            "1.2",
            "Cấp tài khoản định danh điện tử mức độ 2 cho công dân",
            SECTION_1,
            CONG_AN,
            "done",
            "done_on_time",
            date(2024, 6, 30),
            done_on=date(2024, 6, 25),
            percent=100,
        ),
        task(
            "1.3",
            "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
            SECTION_1,
            TU_PHAP,
            "in_progress",
            "on_time",
            date(2024, 9, 30),
            percent=40,
        ),
    ]
    second = [
        task(
            "2.1",
            "Tổ chức tuyên truyền về lợi ích của tài khoản định danh điện tử tại các điểm văn hóa",
            SECTION_2,
            VHTTDL,
            "done",
            "done_late",
            date(2024, 5, 31),
            done_on=date(2024, 6, 3),
            late=3,
            percent=100,
        ),
        task(
            "2.2",
            "Duy trì cập nhật dữ liệu hộ tịch vào Cơ sở dữ liệu quốc gia về dân cư",
            SECTION_2,
            TU_PHAP,
            "not_started",
            "no_deadline",
            None,
        ),
    ]
    return first, second


def sample_report() -> CompiledReport:
    """A monthly report of a town's working group, as the services would compile it."""
    first, second = sample_tasks()
    return CompiledReport(
        parent_body="UBND thị xã Đức Phổ",
        issuer="Tổ Công tác Đề án 06",
        place="Đức Phổ",
        issued_on=date(2024, 7, 5),
        period_label="tháng 06/2024",
        period_key="2024-06",
        summary=count_standings(first + second),
        sections=[(SECTION_1, first), (SECTION_2, second)],
        overdue=[first[0]],
        missing_reports=["UBND phường Phổ Ninh", "UBND xã Phổ Châu"],
        excerpts=[Excerpt(agency=LDTBXH, at=datetime(2024, 7, 2, 16, 45, tzinfo=VIETNAM), text=EXCERPT_TEXT)],
    )
