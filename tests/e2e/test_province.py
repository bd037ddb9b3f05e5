"""A province and its communes through the real protocol: a province plan's task for every commune
reaches each commune's own chat, each answers for itself, and each level sees its own and below."""

from __future__ import annotations

from datetime import date, timedelta

from bot.sandbox import Sandbox
from services.clock import ManualClock
from tests.conftest import FIXTURES
from tests.e2e.flows import code_in, register_commune
from tests.e2e.test_import import upload
from tests.e2e.test_reminders import HANOI, at, walk
from tests.seed import seed_task

COMMUNES = ("xã Sơn Ninh", "xã Sơn Kim", "phường An Hòa")


async def import_province_plan(box: Sandbox) -> None:
    preview = await upload(box, "ke-hoach-tinh-cac-xa.txt", (FIXTURES / "ke-hoach-tinh-cac-xa.txt").read_bytes())
    assert "Xem trước kế hoạch" in preview.shown_text, preview.shown_text
    after = box.mark()
    await box.press(box.dm(box.admin), box.admin, preview, box.button_data(preview, "Lưu kế hoạch"))
    await box.next_in(box.dm(box.admin), after, contains="Đã lưu kế hoạch", timeout=60)


async def test_a_province_task_for_every_commune_is_followed_up_commune_by_commune(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await import_province_plan(sandbox)
    communes = {name: await register_commune(sandbox, name) for name in COMMUNES}

    # 20/03 is seven working days before Friday 29/03: each commune's chat hears of its own lead
    clock.set(at(date(2024, 3, 20), 8, 0))
    after = sandbox.mark()
    await sandbox.deliver()
    reminders = {}
    for name, commune in communes.items():
        (reminder,) = [m for m in sandbox.tg.sent[after:] if m.chat_id == commune.group.id and "Nhắc việc" in m.shown_text]
        assert f"UBND {name}" in reminder.shown_text and "Làm sạch dữ liệu dân cư" in reminder.shown_text
        assert not any(f"UBND {other}" in reminder.shown_text for other in COMMUNES if other != name)
        reminders[name] = reminder

    son_ninh = communes["xã Sơn Ninh"]
    done = await sandbox.ask(son_ninh.group, son_ninh.focal, "đã hoàn thành", reply_to=reminders["xã Sơn Ninh"])
    assert "đã hoàn thành" in done.shown_text

    clock.set(at(date(2024, 4, 1), 9, 0))
    province = (await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/tre_han")).shown_text
    assert "UBND xã Sơn Kim" in province and "UBND phường An Hòa" in province
    assert "UBND xã Sơn Ninh" not in province

    son_kim = communes["xã Sơn Kim"]
    own = (await sandbox.ask(son_kim.group, son_kim.focal, "/tre_han")).shown_text
    assert "UBND xã Sơn Kim" in own
    assert "An Hòa" not in own and "Sơn Ninh" not in own and "Sở Tư pháp" not in own

    refused = (await sandbox.ask(son_kim.group, son_kim.focal, "/tre_han phường An Hòa")).shown_text
    assert "Bạn chỉ xem được nhiệm vụ của xã Sơn Kim" in refused
    assert "UBND phường An Hòa" not in refused.replace("«phường An Hòa»", "")


async def test_communes_are_founded_by_chat_and_each_stays_in_its_own_branch(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await import_province_plan(sandbox)
    dm = sandbox.dm(sandbox.admin)
    added = (await sandbox.ask(dm, sandbox.admin, "/them_xa xã Sơn Ninh")).shown_text
    assert "UBND xã Sơn Ninh nhận 1 nhiệm vụ" in added
    again = (await sandbox.ask(dm, sandbox.admin, "/them_xa xa son ninh")).shown_text
    assert "Đã có Tổ công tác «xa son ninh»" in again
    son_kim = await register_commune(sandbox, "xã Sơn Kim")
    # the commune's secretariat founds nothing, and gets no code for another commune
    for text in ("/them_xa xã Sơn Trà", "/ma_xa xã Sơn Ninh"):
        refused = (await sandbox.ask(son_kim.group, son_kim.focal, text)).shown_text
        assert "xã Sơn Kim là cấp xã, không có xã, phường trực thuộc" in refused
    # its leaders' chat binds with its own code, issued in the commune
    code = (await sandbox.ask(son_kim.group, son_kim.focal, "/ma_don_vi lanh_dao", contains="Mã đăng ký")).shown_text
    leader = sandbox.tg.add_user("Chủ tịch", "xã Sơn Kim")
    bound = await sandbox.ask(sandbox.dm(leader), leader, f"/dang_ky {code_in(code)}")
    assert "Lãnh đạo Tổ công tác" in bound.shown_text
    seen = (await sandbox.ask(sandbox.dm(leader), leader, "/tre_han xã Sơn Ninh")).shown_text
    assert "Bạn chỉ xem được nhiệm vụ của xã Sơn Kim" in seen


async def test_the_secretariat_sees_and_edits_a_collectives_members(sandbox: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 3, 18), 7, 0))
    await import_province_plan(sandbox)
    dm = sandbox.dm(sandbox.admin)
    for name in COMMUNES:
        await sandbox.ask(dm, sandbox.admin, f"/them_xa {name}")
    listed = (await sandbox.ask(dm, sandbox.admin, "/thanh_vien UBND các xã, phường")).shown_text
    assert "Thành viên của «UBND cấp xã» (3)" in listed
    assert all(f"UBND {name}" in listed for name in COMMUNES)
    removed = (await sandbox.ask(dm, sandbox.admin, "/bo_thanh_vien UBND cấp xã | UBND phường An Hòa")).shown_text
    assert "Đã bỏ UBND phường An Hòa khỏi «UBND cấp xã»" in removed
    assert "(2)" in (await sandbox.ask(dm, sandbox.admin, "/thanh_vien UBND cấp xã")).shown_text
    back = (await sandbox.ask(dm, sandbox.admin, "/them_thanh_vien UBND cấp xã | UBND phường An Hòa")).shown_text
    assert "Đã thêm UBND phường An Hòa vào «UBND cấp xã»" in back
    wrong = (await sandbox.ask(dm, sandbox.admin, "/them_thanh_vien Sở Tư pháp | UBND xã Sơn Kim")).shown_text
    assert "là một đơn vị, không phải tên chung" in wrong
    usage = (await sandbox.ask(dm, sandbox.admin, "/them_thanh_vien UBND cấp xã")).shown_text
    assert "Cú pháp chưa đúng" in usage


async def test_commune_reports_fall_due_before_the_provinces_and_its_missing_list_names_communes(
    sandbox: Sandbox, clock: ManualClock
) -> None:
    clock.set(at(date(2024, 3, 8), 9, 0))
    son_ninh, son_kim = [await register_commune(sandbox, name) for name in ("xã Sơn Ninh", "xã Sơn Kim")]
    sent = await walk(sandbox, clock, at(date(2024, 3, 13), 12), timedelta(hours=2))
    monthly = [(t, m) for t, m in sent if m.chat_id == son_ninh.group.id and "tháng 03/2024" in m.shown_text]
    # the province's monthly report is due Sunday 17/03, so on Friday 15/03; a commune's two working
    # days before, Wednesday 13/03, and it is reminded two working days before that, Monday 11/03
    assert [t.astimezone(HANOI).date() for t, _m in monthly] == [date(2024, 3, 11), date(2024, 3, 13)]
    assert "13/03/2024" in monthly[0][1].shown_text
    after = sandbox.mark()
    sandbox.tg.send_document(
        son_ninh.group, son_ninh.focal, filename="bao-cao-thang-3.docx", content=b"PK\x03\x04 report",
        reply_to=monthly[-1][1].message_id,
    )
    await sandbox.next_in(son_ninh.group, after, contains="Đã nhận báo cáo")
    status = (await sandbox.ask(sandbox.dm(sandbox.admin), sandbox.admin, "/bao_cao thang", contains="Báo cáo")).shown_text
    assert "UBND xã Sơn Ninh" in status and "UBND xã Sơn Kim" in status
    sent = await walk(sandbox, clock, at(date(2024, 3, 19), 12), timedelta(hours=2))
    province_chats = {sandbox.dm(sandbox.admin).id}
    (missing,) = [m for _t, m in sent if m.chat_id in province_chats and "Chưa nộp báo cáo tháng 03/2024" in m.shown_text]
    assert "UBND xã Sơn Kim" in missing.shown_text and "Sơn Ninh" not in missing.shown_text
    assert not [m for _t, m in sent if m.chat_id in (son_ninh.group.id, son_kim.group.id) and "tháng 03/2024" in m.shown_text
                and "Nhắc" in m.shown_text and "15/03" in m.shown_text], "the province does not remind communes on its own day"


async def test_a_long_drill_down_pages_within_the_commune_and_a_commune_uses_the_provinces_codes(
    sandbox: Sandbox, clock: ManualClock
) -> None:
    clock.set(at(date(2024, 3, 1), 9, 0))
    for n in range(1, 31):
        await seed_task(sandbox.db, clock, f"9.{n}", f"Nhiệm vụ số {n} của các xã", date(2024, 3, 29), ["UBND cấp xã"])
    son_kim = await register_commune(sandbox, "xã Sơn Kim")
    await register_commune(sandbox, "xã Sơn Ninh")
    clock.set(at(date(2024, 4, 15), 9, 0))
    dm = sandbox.dm(sandbox.admin)
    first = await sandbox.ask(dm, sandbox.admin, "/tre_han xã Sơn Kim")
    assert "Trang 1/2" in first.shown_text and "30 nhiệm vụ, 1 đơn vị" in first.shown_text
    await sandbox.press(dm, sandbox.admin, first, sandbox.button_data(first, "Trang sau"))
    second = await sandbox.tg.wait_for(lambda m: m.message_id == first.message_id and "Trang 2/2" in m.shown_text)
    assert "UBND xã Sơn Kim" in second.shown_text and "Sơn Ninh" not in second.shown_text
    after = sandbox.mark()
    await sandbox.press(dm, sandbox.admin, second, sandbox.button_data(second, "Xuất Excel"))
    sheet = await sandbox.tg.wait_for(lambda m: m.chat_id == dm.id and m.filename is not None, after=after)
    assert "30 nhiệm vụ" in sheet.shown_text

    card = (await sandbox.ask(son_kim.group, son_kim.focal, "/nhiem_vu 9.7")).shown_text
    assert "Nhiệm vụ số 7 của các xã" in card and "UBND xã Sơn Kim" in card and "Sơn Ninh" not in card
    updated = (await sandbox.ask(son_kim.group, son_kim.focal, "/cap_nhat 9.7 đã hoàn thành")).shown_text
    assert "đã hoàn thành" in updated
    assert "29 nhiệm vụ" in (await sandbox.ask(son_kim.group, son_kim.focal, "/tre_han")).shown_text
