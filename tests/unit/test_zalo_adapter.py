"""The Zalo adapter on its own: texts as Zalo shows them (plain, in pieces of at most 2,000
characters, actions as a numbered line), updates read into the port's terms, and refusals of the
local Zalo server mapped to the port's error kinds over real HTTP."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import pytest

from channels.port import HTML, PLAIN, Action, DeliveryError, ErrorKind, Outgoing
from channels.zalo.api import ZaloApi
from channels.zalo.application import updates_in
from channels.zalo.incoming import incoming
from channels.zalo.memory import ChatMemory
from channels.zalo.outgoing import Pace, ZaloChannel
from channels.zalo.text import LIMIT, choice_line, pieces, plain, shown
from render.notices import ack_buttons
from render.oversight import overdue_actions
from render.reminders import status_buttons
from storage.db import Database
from storage.handles import Handles
from zaloserver import Chat, ZaloServer

STATUS_LINE = "Trả lời: 1 = đã hoàn thành, 2 = đang thực hiện (kèm %), 3 = vướng mắc, 4 = xin gia hạn"
LINE = "Nhiệm vụ {n}: rà soát, cập nhật dữ liệu dân cư phục vụ giải quyết thủ tục hành chính trên địa bàn."


def test_long_texts_are_cut_after_whole_lines_and_nothing_is_lost() -> None:
    text = "\n".join(LINE.format(n=n) for n in range(60))  # about 6,000 characters
    cut = pieces(text)
    assert all(len(p) <= LIMIT for p in cut)
    assert "\n".join(cut) == text, "every line whole, in order"
    for piece, following in itertools.pairwise(cut):
        assert len(piece) + 1 + len(following.split("\n")[0]) > LIMIT, "a piece ends only when the next line won't fit"


def test_a_line_longer_than_the_limit_is_cut_between_words() -> None:
    words = " ".join(f"từ{n}" for n in range(1200))  # one line of about 6,000 characters
    cut = pieces(words)
    assert all(len(p) <= LIMIT for p in cut) and len(cut) == 4
    assert " ".join(cut).split() == words.split()


def test_html_is_shown_as_plain_text_with_links_spelled_out() -> None:
    text = '⏰ <b>Quá hạn</b> — Kính gửi Sở Y tế &amp; Sở Tư pháp\nXem <a href="https://dieuhanh.gov.vn/a?b=1&amp;c=2">văn bản</a>'
    assert plain(text, HTML) == (
        "⏰ Quá hạn — Kính gửi Sở Y tế & Sở Tư pháp\nXem văn bản (https://dieuhanh.gov.vn/a?b=1&c=2)"
    )
    assert plain("1 < 2 <b>", PLAIN) == "1 < 2 <b>", "plain texts are left as written"


def test_actions_become_a_numbered_line_and_status_choices_read_as_the_brief_says() -> None:
    assert choice_line(status_buttons(7)) == STATUS_LINE
    assert choice_line(ack_buttons(3)) == "Trả lời «đã nhận» để xác nhận."
    pages = choice_line(overdue_actions(1, 3, None))
    assert pages.startswith("Trả lời: 1 = Trang trước, 2 = Trang sau") and "3 = Xuất Excel" in pages
    long = shown("\n".join(LINE.format(n=n) for n in range(30)), HTML, status_buttons(7))
    assert len(long) == 2 and long[-1].endswith(STATUS_LINE), "the choices under the last piece"


@pytest.mark.parametrize(
    ("answer", "kind"),
    [
        ({"ok": False, "error_code": 429, "description": "Too Many Requests"}, ErrorKind.RETRY_AFTER),
        ({"ok": False, "error_code": 403, "description": "Forbidden: the bot was blocked"}, ErrorKind.BLOCKED),
        ({"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}, ErrorKind.CHAT_GONE),
        ({"ok": False, "error_code": 400, "description": "Bad Request: text is too long"}, ErrorKind.REJECTED),
        ({"ok": False, "error_code": 500, "description": "Internal Server Error"}, ErrorKind.TRANSIENT),
        ({"ok": False, "error_code": 401, "description": "Unauthorized"}, ErrorKind.TRANSIENT),
    ],
)
def test_refusals_map_to_what_the_sender_must_do(answer: dict[str, object], kind: ErrorKind) -> None:
    from channels.zalo.api import ZaloError, delivery_error

    error = delivery_error(ZaloError(int(str(answer["error_code"])), str(answer["description"])))
    assert error.kind is kind
    assert error.kind is not ErrorKind.RETRY_AFTER or error.retry_after > 0


def test_a_poll_answers_one_update_a_list_or_nothing() -> None:
    update = {"event_name": "message.text.received", "message": {"message_id": "a"}}
    assert updates_in(update) == [update]
    assert updates_in([update, update]) == [update, update]
    assert updates_in({}) == [] and updates_in([]) == [] and updates_in(None) == []


# -- against the local Zalo server -----------------------------------------------------------------


@pytest.fixture
async def zalo(db: Database) -> AsyncIterator[tuple[ZaloServer, ZaloChannel]]:
    async with ZaloServer() as server:
        api = ZaloApi(server.token, server.base_url, timeout=2.0)
        yield server, ZaloChannel(api, Handles(db, "zalo"), ChatMemory(), Pace(100))
        await api.close()


async def _handle(channel: ZaloChannel, chat: Chat) -> int:
    return await channel.handles.handle(chat.id)


async def test_a_long_reminder_arrives_in_pieces_the_server_accepts(zalo: tuple[ZaloServer, ZaloChannel]) -> None:
    server, channel = zalo
    group = server.add_group("Sở Y tế - Đề án 06")
    server.add_bot_to_group(group)
    text = "\n".join(f"<b>{LINE.format(n=n)}</b>" for n in range(40))
    await channel.send(await _handle(channel, group), Outgoing(text, actions=status_buttons(1)))
    got = server.messages_in(group)
    assert len(got) == 3 and all(len(m.shown_text) <= LIMIT for m in got)
    assert got[-1].shown_text.endswith(STATUS_LINE) and "<b>" not in "".join(m.shown_text for m in got)


@pytest.mark.parametrize(
    ("fault", "kind"),
    [("429", ErrorKind.RETRY_AFTER), ("500", ErrorKind.TRANSIENT), ("502", ErrorKind.TRANSIENT),
     ("chat_gone", ErrorKind.BLOCKED)],
)
async def test_the_servers_refusals_reach_the_sender_as_error_kinds(
    zalo: tuple[ZaloServer, ZaloChannel], fault: str, kind: ErrorKind
) -> None:
    server, channel = zalo
    group = server.add_group("Sở Tư pháp")
    server.add_bot_to_group(group)
    server.inject("sendMessage", fault)  # type: ignore[arg-type]
    with pytest.raises(DeliveryError) as refused:
        await channel.send(await _handle(channel, group), Outgoing("Nhắc việc", format=PLAIN))
    assert refused.value.kind is kind
    assert server.messages_in(group) == []


async def test_a_dropped_connection_is_transient(zalo: tuple[ZaloServer, ZaloChannel]) -> None:
    server, channel = zalo
    group = server.add_group("Sở Nội vụ")
    server.add_bot_to_group(group)
    server.inject("sendMessage", "timeout", delay=0.1)
    with pytest.raises(DeliveryError) as refused:
        await channel.send(await _handle(channel, group), Outgoing("Nhắc việc", format=PLAIN))
    assert refused.value.kind is ErrorKind.TRANSIENT


async def test_updates_read_as_commands_typed_numbers_and_answers(zalo: tuple[ZaloServer, ZaloChannel]) -> None:
    server, channel = zalo
    lan = server.add_user("Nguyễn Thị Lan")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])

    def update(text: str) -> dict[str, object]:
        return server.send_text(group, lan, text).to_update("first_name")

    memory = channel.memory
    slashless = await incoming(update("Đăng ký AB12-CD34"), channel.handles, memory)
    assert slashless is not None and (slashless.command, slashless.args) == ("dang_ky", "AB12-CD34")
    assert slashless.sender is not None and slashless.sender.name == "Nguyễn Thị Lan"
    assert slashless.chat_id == await _handle(channel, group) and not slashless.private
    slashed = await incoming(update("/dang_ky@bot.dondoc AB12-CD34"), channel.handles, memory)
    assert slashed is not None and (slashed.command, slashed.args) == ("dang_ky", "AB12-CD34")

    memory.shown(slashed.chat_id, 99, status_buttons(5))  # typed choices are read from the words
    status = await incoming(update("2 đạt 60%"), channel.handles, memory)
    assert status is not None and status.action is None and status.text == "2 đạt 60%"
    memory.shown(slashed.chat_id, 100, ((Action("◀ Trang trước", "od:0:all"), Action("Trang sau ▶", "od:2:all")),))
    page = await incoming(update("2"), channel.handles, memory)
    assert page is not None and (page.action, page.message_id) == ("od:2:all", 100)
    beyond = await incoming(update("7"), channel.handles, memory)
    assert beyond is not None and beyond.action is None
    memory.shown(slashed.chat_id, 102, status_buttons(6))  # a reminder after the pages
    typed = await incoming(update("2 đạt 60%"), channel.handles, memory)
    assert typed is not None and typed.action is None, "the number answers the reminder, not the pages"

    memory.asked(slashed.chat_id, 101)
    answer = await incoming(update("đến 30/6 vì chờ kinh phí"), channel.handles, memory)
    assert answer is not None and (answer.reply_to, answer.reply_to_bot) == (101, True)
    after = await incoming(update("cảm ơn"), channel.handles, memory)
    assert after is not None and after.reply_to is None, "a question is answered once"
