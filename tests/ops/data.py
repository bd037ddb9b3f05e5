"""Some of everything, put in through the services: plans and tasks, a focal point, their replies
and reports; and a way to compare two databases by what queries return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from services.access import Actor, RoleName
from services.clock import ManualClock
from services.people import Identity, actor_for
from services.reports import FileInfo, submit
from services.roles import grant
from services.status import Change, Origin, apply_change
from storage.db import Database
from storage.models import (
    Agency,
    Attachment,
    Person,
    Plan,
    ReportSubmission,
    Role,
    StatusChange,
    Task,
    TaskLead,
    WorkingGroup,
)
from tests.seed import seed_task

FOCAL_ID = 5550001
GROUP_CHAT = -100777
BLOCKER = "vướng mắc: chưa có kinh phí mua máy đọc CCCD"
REPORT = "Báo cáo tuần: đã cấp 1.250 tài khoản VNeID mức 2, còn 3 xã chưa đạt"


@dataclass
class Seeded:
    leads: list[int]
    focal: Actor


def identity(name: str = "Nguyễn Thị Lan", username: str | None = "lan_sot") -> Identity:
    return Identity(FOCAL_ID, name, username, GROUP_CHAT, "group", "Sở Y tế - Đề án 06")


async def populate(db: Database, clock: ManualClock) -> Seeded:
    """Three tasks, a focal point of Sở Y tế, two status replies, a report with a file."""
    leads = await seed_task(db, clock, "2.1", "Triển khai thanh toán viện phí không dùng tiền mặt", date(2024, 3, 29), ["Sở Y tế"])
    leads += await seed_task(db, clock, "2.2", "Sử dụng CCCD gắn chip khi khám chữa bệnh", date(2024, 6, 30), ["Sở Y tế", "Công an tỉnh"])
    leads += await seed_task(db, clock, "3.1", "Tuyên truyền về Đề án 06", None, ["Sở Thông tin và Truyền thông"])
    async with db.transaction() as session:
        agency = await session.scalar(select(Agency).where(Agency.name == "Sở Y tế"))
        group = await session.scalar(select(WorkingGroup))
        assert agency is not None and group is not None
        person = (await actor_for(session, clock, identity(), [])).person_id
        assert person is not None
        await grant(session, clock, person, group.id, RoleName.FOCAL, agency.id, None)
        focal = await actor_for(session, clock, identity(), [])
        origin = Origin("reply", GROUP_CHAT, 41)
        assert (await apply_change(session, clock, focal, leads[0], Change("in_progress", percent=70, raw_text="dang trien khai, dat 70%"), origin)).outcome == "ok"
        assert (await apply_change(session, clock, focal, leads[1], Change("blocked", raw_text=BLOCKER), Origin("reply", GROUP_CHAT, 42))).outcome == "ok"
        submission = await submit(
            session, clock, focal, agency.id, "week", "2024-W16", REPORT,
            FileInfo("BQACAgUAAxkBAAIB", "bao-cao-tuan-16.docx", 18432), GROUP_CHAT,
        )
        assert submission is not None
    return Seeded(leads, focal)


MAIN_TABLES = (WorkingGroup, Agency, Person, Role, Plan, Task, TaskLead, StatusChange, ReportSubmission, Attachment)


async def snapshot(db: Database) -> dict[str, object]:
    """Counts of the main tables and a few rows of each, as a test compares two databases."""
    async with db.transaction() as session:
        counts = {m.__tablename__: await session.scalar(select(func.count()).select_from(m)) for m in MAIN_TABLES}
        tasks = (await session.execute(select(Task.code, Task.content, Task.due).order_by(Task.id))).all()
        leads = (await session.execute(select(TaskLead.id, TaskLead.status, TaskLead.percent, TaskLead.reason).order_by(TaskLead.id))).all()
        changes = (await session.execute(select(StatusChange.raw_text, StatusChange.new, StatusChange.at).order_by(StatusChange.id))).all()
        people = (await session.execute(select(Person.external_id, Person.full_name, Person.username).order_by(Person.id))).all()
        reports = (await session.execute(select(ReportSubmission.period_key, ReportSubmission.text).order_by(ReportSubmission.id))).all()
    return {
        "counts": counts,
        "tasks": [tuple(r) for r in tasks],
        "leads": [tuple(r) for r in leads],
        "changes": [tuple(r) for r in changes],
        "people": [tuple(r) for r in people],
        "reports": [tuple(r) for r in reports],
    }
