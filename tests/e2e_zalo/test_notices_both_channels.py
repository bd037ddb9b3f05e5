"""A notice reaches an agency's Telegram group and its Zalo group, and each acknowledges it its own
way: the button on Telegram, the words ``đã nhận`` on Zalo."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select

from bot.sandbox import Sandbox
from services.clock import ManualClock
from storage.models import Chat, NoticeDelivery
from tests.e2e.flows import bind_group
from tests.e2e.test_notices import TEXT, received, send_to_all
from tests.e2e.test_reminders import at
from tests.e2e_zalo.flows import bind_zalo_group, say, zalo
from zaloserver import Message


def notice_in(chat_id: str) -> Callable[[Message], bool]:
    return lambda m: m.chat_id == chat_id and TEXT in m.shown_text


async def test_a_notice_fans_out_to_telegram_and_zalo_and_is_acknowledged_from_both(box: Sandbox, clock: ManualClock) -> None:
    clock.set(at(date(2024, 4, 15), 9, 0))
    on_telegram = await bind_group(box, "Sở Y tế")
    on_zalo = await bind_zalo_group(box, "Sở Y tế", create=False)
    only_zalo = await bind_zalo_group(box, "UBND xã Sơn Ninh")
    server = zalo(box)
    start = len(server.sent)
    await send_to_all(box)

    telegram_copy = await received(box, on_telegram)
    for agency in (on_zalo, only_zalo):
        copy = await server.wait_for(notice_in(agency.group.id), after=start)
        assert copy.shown_text.rstrip().endswith("Trả lời «đã nhận» để xác nhận.")
        assert "<b>" not in copy.shown_text
    notices = [m for m in server.sent[start:] if TEXT in m.shown_text]
    assert sorted(m.chat_id for m in notices) == sorted([on_zalo.group.id, only_zalo.group.id]), "once per chat"

    toast = await box.press(on_telegram.group, on_telegram.focal, telegram_copy, box.button_data(telegram_copy, "Đã nhận"))
    assert "Đã ghi nhận" in toast
    answer = await say(box, on_zalo.group, on_zalo.focal, "Đã nhận")
    assert "Đã ghi nhận: đơn vị đã nhận thông báo." in answer.shown_text
    again = await say(box, on_zalo.group, on_zalo.focal, "đã nhận")
    assert "đã xác nhận trước đó" in again.shown_text and "Trần Thị Mai" in again.shown_text

    async with box.db.transaction() as session:
        rows = (await session.execute(select(Chat.channel, Chat.agency_id, NoticeDelivery.acknowledged_at).join(
            Chat, Chat.id == NoticeDelivery.chat_id))).all()
    acknowledged = sorted((channel, at is not None) for channel, _agency, at in rows)
    assert acknowledged == [("telegram", True), ("zalo", False), ("zalo", True)]
