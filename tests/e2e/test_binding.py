"""Binding chats to agencies and roles by one-time codes, and the chats' life afterwards."""

from __future__ import annotations

from datetime import date, timedelta

from bot.sandbox import Sandbox
from services.clock import ManualClock
from tests.e2e.flows import add_agency, bind_group, issue_code
from tests.e2e.test_reminders import at
from tests.seed import seed_task


async def test_a_group_binds_by_code_and_the_secretariat_is_told(sandbox: Sandbox) -> None:
    after = sandbox.mark()
    bound = await bind_group(sandbox, "Sở Y tế")
    told = await sandbox.next_in(sandbox.dm(sandbox.admin), after, contains="đã được gắn với")
    assert "Sở Y tế" in told.shown_text
    me = await sandbox.ask(bound.group, bound.focal, "/toi")
    assert "Đầu mối của Sở Y tế" in me.shown_text


async def test_a_focal_point_binds_a_private_chat(sandbox: Sandbox) -> None:
    await add_agency(sandbox, "Phòng Tư pháp")
    code = await issue_code(sandbox, "Phòng Tư pháp")
    mai = sandbox.tg.add_user("Mai", "Lê")
    answer = await sandbox.ask(sandbox.dm(mai), mai, f"/dang_ky {code}")
    assert "Đã đăng ký: Phòng Tư pháp" in answer.shown_text
    me = await sandbox.ask(sandbox.dm(mai), mai, "/toi")
    assert "Đầu mối của Phòng Tư pháp" in me.shown_text


async def test_the_leaders_group_binds_with_a_leaders_code(sandbox: Sandbox) -> None:
    code = await issue_code(sandbox, "lanh_dao")
    chief = sandbox.tg.add_user("Chủ tịch", "UBND")
    group = sandbox.tg.add_group("Lãnh đạo Tổ công tác", members=[chief])
    sandbox.tg.add_bot_to_group(group, by=chief)
    answer = await sandbox.ask(group, chief, f"/dang_ky {code}", contains="Đã đăng ký")
    assert "Lãnh đạo" in answer.shown_text and "/tre_han" in answer.shown_text
    late = await sandbox.ask(group, chief, "/tre_han")
    assert "Nhiệm vụ trễ hạn" in late.shown_text


async def test_wrong_reused_and_expired_codes_are_refused_clearly(sandbox: Sandbox, clock: ManualClock) -> None:
    await add_agency(sandbox, "Sở Tư pháp")
    code = await issue_code(sandbox, "Sở Tư pháp")
    a = sandbox.tg.add_user("An", "Phạm")
    b = sandbox.tg.add_user("Bình", "Võ")
    wrong = await sandbox.ask(sandbox.dm(a), a, "/dang_ky ZZZZ-9999")
    assert "Mã đăng ký không đúng" in wrong.shown_text
    ok = await sandbox.ask(sandbox.dm(a), a, f"/dang_ky {code.lower()}")
    assert "Đã đăng ký" in ok.shown_text, "codes are read case-insensitively"
    reused = await sandbox.ask(sandbox.dm(b), b, f"/dang_ky {code}")
    assert "đã được sử dụng" in reused.shown_text
    stale = await issue_code(sandbox, "Sở Tư pháp")
    clock.advance(timedelta(days=7, minutes=1))
    expired = await sandbox.ask(sandbox.dm(b), b, f"/dang_ky {stale}")
    assert "Mã đăng ký đã hết hạn" in expired.shown_text
    me = await sandbox.ask(sandbox.dm(b), b, "/toi")
    assert "Sở Tư pháp" not in me.shown_text


async def test_guessing_codes_is_stopped_after_five_wrong_tries_in_an_hour(sandbox: Sandbox, clock: ManualClock) -> None:
    await add_agency(sandbox, "Sở Nội vụ")
    code = await issue_code(sandbox, "Sở Nội vụ")
    guesser = sandbox.tg.add_user("Người", "Lạ")
    dm = sandbox.dm(guesser)
    for n in range(5):
        answer = await sandbox.ask(dm, guesser, f"/dang_ky AAAA-AAA{n + 2}")
        assert "không đúng" in answer.shown_text
    blocked = await sandbox.ask(dm, guesser, f"/dang_ky {code}")
    assert "quá 5 lần" in blocked.shown_text, "even the right code is refused while the chat is blocked"
    clock.advance(timedelta(hours=1, minutes=1))
    answer = await sandbox.ask(dm, guesser, f"/dang_ky {code}")
    assert "Đã đăng ký" in answer.shown_text


async def test_a_group_migrated_to_a_supergroup_keeps_its_binding(sandbox: Sandbox) -> None:
    bound = await bind_group(sandbox, "Sở Tài chính")
    supergroup = sandbox.tg.migrate_to_supergroup(bound.group)
    me = await sandbox.ask(supergroup, bound.focal, "/toi")
    assert "Đầu mối của Sở Tài chính" in me.shown_text
    start = await sandbox.ask(supergroup, bound.focal, "/start")
    assert "đã được gắn với đơn vị" in start.shown_text


async def test_removing_the_bot_deactivates_the_chat_and_tells_the_secretariat_once(sandbox: Sandbox) -> None:
    bound = await bind_group(sandbox, "Sở Xây dựng")
    after = sandbox.mark()
    sandbox.tg.remove_bot_from_group(bound.group, by=bound.focal)
    await sandbox.runtime.sender.drain()
    told = await sandbox.next_in(sandbox.dm(sandbox.admin), after, contains="Không gửi được")
    assert "Sở Xây dựng" in told.shown_text
    listing = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/don_vi", contains="Danh sách đơn vị")
    assert "Sở Xây dựng — chưa gắn nhóm" in listing.shown_text
    assert len(sandbox.find(lambda m: "Không gửi được" in m.shown_text)) == 1


async def test_merging_two_spellings_moves_the_chat_and_focal_point(sandbox: Sandbox) -> None:
    bound = await bind_group(sandbox, "Sở TTTT")
    await add_agency(sandbox, "Sở Thông tin và Truyền thông")
    dm = sandbox.dm(sandbox.admin)
    answer = await sandbox.ask(dm, sandbox.admin, "/gop_don_vi Sở TTTT | Sở Thông tin và Truyền thông", contains="gộp")
    assert "Đã gộp" in answer.shown_text
    listing = await sandbox.ask(dm, sandbox.admin, "/don_vi", contains="Danh sách đơn vị")
    assert "Sở TTTT" not in listing.shown_text.replace("Sở Thông tin", "")
    assert "Sở Thông tin và Truyền thông — đã gắn nhóm" in listing.shown_text
    me = await sandbox.ask(bound.group, bound.focal, "/toi")
    assert "Đầu mối của Sở Thông tin và Truyền thông" in me.shown_text
    code = await issue_code(sandbox, "so tttt")
    assert code, "the old spelling still finds the merged agency"


async def test_a_deleted_agency_chat_stops_receiving_reminders(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 25), 7, 0))
    bound = await bind_group(sandbox, "Phòng Y tế")
    await seed_task(sandbox.db, clock, "6", "Nhiệm vụ của phòng đã giải thể", date(2024, 3, 26), ["Phòng Y tế"])
    answer = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/xoa_don_vi Phòng Y tế", contains="Đã xoá")
    assert "Lịch sử nhiệm vụ vẫn được giữ" in answer.shown_text
    clock.set(at(date(2024, 3, 25), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    assert not [m for m in sandbox.tg.sent[after:] if m.chat_id == bound.group.id]


async def test_a_chat_that_blocks_sending_is_deactivated_and_reported_once(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 25), 7, 0))
    bound = await bind_group(sandbox, "Sở Công Thương")
    for n in range(3):
        await seed_task(sandbox.db, clock, f"8.{n}", f"Nhiệm vụ {n}", date(2024, 3, 26), ["Sở Công Thương"])
    sandbox.tg.inject("sendMessage", "kicked", chat_id=bound.group.id, times=None)
    clock.set(at(date(2024, 3, 25), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    await sandbox.runtime.sender.drain()
    told = [m for m in sandbox.tg.sent[after:] if "Không gửi được" in m.shown_text]
    assert len(told) == 1 and "Sở Công Thương" in told[0].shown_text
    listing = await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/don_vi", contains="Danh sách đơn vị")
    assert "Sở Công Thương — chưa gắn nhóm" in listing.shown_text
