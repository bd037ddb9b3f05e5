"""``dondoc code``: whoever sets a deployment up on the server prints one-time binding codes, the same
codes as ``/ma_don_vi``, and a Zalo group binds with one."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.cli import main
from services.access import RoleName
from services.agencies import create_agency
from services.binding import register_chat
from services.clock import ManualClock
from services.groups import default_group
from services.people import Identity
from storage.db import Database
from tests.e2e.flows import code_in


async def _code(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = await asyncio.to_thread(main, ["code", *args])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture(autouse=True)
def settings_env(db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", db.url)


async def test_a_code_printed_on_the_server_binds_a_zalo_group(
    db: Database, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = await _code(capsys, "Sở Văn hóa")
    assert status == 2 and "Không tìm thấy đơn vị „Sở Văn hóa”" in err
    async with db.transaction() as session:
        group = await default_group(session)
        assert group is not None
        await create_agency(session, clock, group.id, "Sở Văn hóa")
    status, out, _err = await _code(capsys, "so van hoa")
    assert status == 0 and "Mã đăng ký cho Sở Văn hóa:" in out and "/dang_ky" in out
    zalo_group = Identity(5, "Trần Thị Mai", None, 7, "group", None, channel="zalo")
    bound = await register_chat(db, clock, zalo_group, code_in(out))
    assert (bound.outcome, bound.agency) == ("bound", "Sở Văn hóa")
    again = await register_chat(db, clock, zalo_group, code_in(out))
    assert again.outcome == "used", "a code binds once"


async def test_a_code_for_the_leaders_and_an_unknown_working_group(
    db: Database, clock: ManualClock, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = await _code(capsys, "lanh_dao")
    assert status == 0 and "Mã đăng ký cho nhóm Lãnh đạo:" in out
    bound = await register_chat(db, clock, Identity(9, "Chủ tịch", None, -100900, "supergroup", "Lãnh đạo"), code_in(out))
    assert (bound.outcome, bound.role) == ("bound", RoleName.LEADER)
    status, _out, err = await _code(capsys, "Sở Y tế", "--group", "xã Không Có")
    assert status == 2 and "Không tìm thấy tổ công tác „xã Không Có”" in err
