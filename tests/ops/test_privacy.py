"""Personal data requests: export what we hold about a person; erase them but keep the tasks' history."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from services.access import RoleName
from services.clock import ManualClock
from services.people import actor_for, ensure_person
from services.privacy import ERASED_NAME, erase_person, export_person
from storage.db import Database
from storage.models import Person, ReportSubmission, Role, StatusChange, TaskLead
from tests.ops.data import BLOCKER, FOCAL_ID, REPORT, identity, populate


async def test_export_holds_what_the_person_did(db: Database, clock: ManualClock) -> None:
    await populate(db, clock)
    async with db.transaction() as session:
        data = await export_person(session, FOCAL_ID)
    json.dumps(data, ensure_ascii=False)  # ready to hand over as a file
    assert (data["channel"], data["external_id"]) == ("telegram", FOCAL_ID)
    assert data["full_name"] == "Nguyễn Thị Lan" and data["username"] == "lan_sot"
    assert data["erased_at"] is None
    assert [(r["role"], r["agency"]) for r in data["roles"]] == [("focal", "Sở Y tế")]
    changes = data["status_changes"]
    assert [(c["task"], c["status"], c["raw_text"]) for c in changes] == [
        ("2.1", "in_progress", "dang trien khai, dat 70%"),
        ("2.2", "blocked", BLOCKER),
    ]
    assert all(c["agency"] == "Sở Y tế" and c["plan"] == "56/KH-UBND" and c["at"] for c in changes)
    assert [(s["period_key"], s["text"], s["agency"]) for s in data["report_submissions"]] == [("2024-W16", REPORT, "Sở Y tế")]
    assert [(a["file_name"], a["file_size"], a["period_key"]) for a in data["attachments"]] == [
        ("bao-cao-tuan-16.docx", 18432, "2024-W16")
    ]


async def test_export_of_an_unknown_person_is_empty(db: Database, clock: ManualClock) -> None:
    async with db.transaction() as session:
        assert await export_person(session, 123) == {}
        assert await erase_person(session, clock, 123) is False


async def test_erase_blanks_names_and_texts_but_keeps_the_statuses(db: Database, clock: ManualClock) -> None:
    seeded = await populate(db, clock)
    async with db.transaction() as session:
        assert await erase_person(session, clock, FOCAL_ID) is True
    async with db.transaction() as session:
        person = await session.scalar(select(Person).where(Person.external_id == FOCAL_ID))
        assert person is not None
        assert person.full_name == ERASED_NAME and person.username is None and person.erased_at == clock.now()
        assert list(await session.scalars(select(Role).where(Role.person_id == person.id))) == []
        changes = list(await session.scalars(select(StatusChange).order_by(StatusChange.id)))
        assert [c.raw_text for c in changes] == [None, None]
        assert [c.new["status"] for c in changes] == ["in_progress", "blocked"], "the history of tasks stays true"
        assert [c.new["percent"] for c in changes] == [70, None]
        assert [c.at for c in changes] == [clock.now(), clock.now()]
        assert all(c.person_id == person.id for c in changes)
        assert all(BLOCKER not in json.dumps(c.new, ensure_ascii=False) for c in changes)
        leads = {lead.id: lead for lead in await session.scalars(select(TaskLead))}
        assert leads[seeded.leads[0]].status == "in_progress" and leads[seeded.leads[0]].percent == 70
        assert leads[seeded.leads[1]].status == "blocked" and leads[seeded.leads[1]].reason is None
        submission = await session.scalar(select(ReportSubmission))
        assert submission is not None and submission.text is None and submission.period_key == "2024-W16"
        data = await export_person(session, FOCAL_ID)
    dumped = json.dumps(data, ensure_ascii=False)
    for trace in ("Lan", "lan_sot", BLOCKER, REPORT, "dat 70%"):
        assert trace not in dumped


async def test_an_erased_person_who_writes_again_stays_erased(db: Database, clock: ManualClock) -> None:
    await populate(db, clock)
    async with db.transaction() as session:
        await erase_person(session, clock, FOCAL_ID)
    async with db.transaction() as session:
        await ensure_person(session, clock, identity())
        actor = await actor_for(session, clock, identity("Nguyễn Thị Lan", "lan_sot"), [])
        person = await session.scalar(select(Person).where(Person.external_id == FOCAL_ID))
    assert person is not None
    assert person.full_name == ERASED_NAME and person.username is None and person.erased_at is not None
    assert RoleName.FOCAL not in actor.roles, "the roles are gone for good"


async def test_an_erased_person_writing_to_the_bot_stays_erased(db: Database, clock: ManualClock) -> None:
    from bot.sandbox import Sandbox

    async with Sandbox(db, clock) as box:
        lan = box.tg.add_user("Lan", "Nguyễn", username="lan_sot")
        dm = box.dm(lan)
        await box.ask(dm, lan, "/start")
        async with db.transaction() as session:
            assert await erase_person(session, clock, lan.id)
        answer = await box.ask(dm, lan, "/toi")
        assert "Lan" not in answer.shown_text
        async with db.transaction() as session:
            person = await session.scalar(select(Person).where(Person.external_id == lan.id))
        assert person is not None and person.full_name == ERASED_NAME and person.username is None


async def test_privacy_commands(
    db: Database, clock: ManualClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.chdir(tmp_path)
    await populate(db, clock)
    out = tmp_path / "lan.json"
    assert await asyncio.to_thread(main, ["privacy", "export", str(FOCAL_ID), "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["full_name"] == "Nguyễn Thị Lan"
    assert await asyncio.to_thread(main, ["privacy", "erase", str(FOCAL_ID), "--yes"]) == 0
    assert "Đã xoá" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["privacy", "export", str(FOCAL_ID)]) == 0
    assert json.loads(capsys.readouterr().out)["full_name"] == ERASED_NAME
    assert await asyncio.to_thread(main, ["privacy", "erase", "42", "--yes"]) == 1
    assert "Không có dữ liệu" in capsys.readouterr().err
