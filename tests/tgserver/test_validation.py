"""Requests are checked against the Bot API schema and refused with Telegram's wording."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import telegram
from telegram.error import BadRequest, InvalidToken

import tgserver
from tgserver import Chat, TelegramServer


@pytest.fixture
def dm(server: TelegramServer) -> Chat:
    return server.private_chat(server.add_user("Lan", "Nguyễn"), started=True)


async def send(http: httpx.AsyncClient, **params: Any) -> tuple[int, dict[str, Any]]:
    response = await http.post("sendMessage", json=params)
    return response.status_code, response.json()


def refused(description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": 400, "description": f"Bad Request: {description}"}


async def test_missing_text_is_refused_like_telegram(http: httpx.AsyncClient, dm: Chat) -> None:
    assert await send(http, chat_id=dm.id) == (400, refused("message text is empty"))
    assert await send(http, chat_id=dm.id, text="") == (400, refused("message text is empty"))
    assert await send(http, chat_id=dm.id, text="<b> </b>", parse_mode="HTML") == (
        400,
        refused("message text is empty"),
    )


async def test_ptb_raises_bad_request_for_empty_text(bot: telegram.Bot, dm: Chat) -> None:
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(dm.id, "")


async def test_text_length_is_counted_after_parsing_in_utf16_units(
    http: httpx.AsyncClient, bot: telegram.Bot, dm: Chat
) -> None:
    assert await send(http, chat_id=dm.id, text="x" * 5000) == (400, refused("message is too long"))
    assert (await send(http, chat_id=dm.id, text="x" * 4096))[0] == 200
    assert (await send(http, chat_id=dm.id, text=f"<b>{'đ' * 4096}</b>", parse_mode="HTML"))[0] == 200
    assert (await send(http, chat_id=dm.id, text="😀" * 2048))[0] == 200
    assert await send(http, chat_id=dm.id, text="😀" * 2049) == (400, refused("message is too long"))
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(dm.id, "&amp;" * 4097, parse_mode="HTML")


async def test_callback_data_over_64_bytes_is_refused(http: httpx.AsyncClient, dm: Chat) -> None:
    def keyboard(data: str) -> dict[str, Any]:
        return {"inline_keyboard": [[{"text": "Xong", "callback_data": data}]]}

    assert (await send(http, chat_id=dm.id, text="a", reply_markup=keyboard("đ" * 32)))[0] == 200
    assert await send(http, chat_id=dm.id, text="a", reply_markup=keyboard("x" * 65)) == (
        400,
        refused("BUTTON_DATA_INVALID"),
    )
    assert await send(http, chat_id=dm.id, text="a", reply_markup=keyboard("đ" * 33)) == (
        400,
        refused("BUTTON_DATA_INVALID"),
    )


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"chat_id": {"id": 1}, "text": "a"}, 'field "chat_id" must be of type Integer or String'),
        (
            {"text": "a", "disable_notification": "maybe"},
            'field "disable_notification" must be of type Boolean',
        ),
        ({"text": "a", "reply_markup": "{not json"}, "can't parse reply keyboard markup JSON object"),
        (
            {"text": "a", "reply_markup": {"inline_keyboard": "Xong"}},
            'field "inline_keyboard" of the InlineKeyboardMarkup must be of type Array of Array of '
            "InlineKeyboardButton",
        ),
        (
            {"text": "a", "reply_parameters": {"message_id": "first"}},
            'field "message_id" of the ReplyParameters must be of type Integer',
        ),
        ({"text": "a", "parse_mode": "BBCode"}, "unsupported parse_mode"),
        (
            {"text": "<b>đậm", "parse_mode": "HTML"},
            "can't parse entities: Can't find end tag corresponding to start tag \"b\"",
        ),
        (
            {"text": "a < b", "parse_mode": "HTML"},
            'can\'t parse entities: Unsupported start tag "" at byte offset 2',
        ),
        (
            {"text": "Hạn 05.06", "parse_mode": "MarkdownV2"},
            "can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
        ),
        ({"text": "a", "reply_parameters": {"message_id": 999}}, "message to be replied not found"),
    ],
)
async def test_malformed_requests_are_refused(
    http: httpx.AsyncClient, dm: Chat, params: dict[str, Any], description: str
) -> None:
    assert await send(http, **{"chat_id": dm.id, **params}) == (400, refused(description))


async def test_unknown_chat_and_unknown_parameters(http: httpx.AsyncClient, dm: Chat) -> None:
    assert await send(http, text="a") == (400, refused("chat_id is empty"))
    assert await send(http, chat_id=424242, text="a") == (400, refused("chat not found"))
    status, body = await send(http, chat_id=dm.id, text="a", no_such_parameter=[1, 2])
    assert status == 200
    assert body["result"]["text"] == "a"


async def test_missing_reply_target_may_be_allowed(http: httpx.AsyncClient, dm: Chat) -> None:
    status, body = await send(
        http,
        chat_id=dm.id,
        text="a",
        reply_parameters={"message_id": 999, "allow_sending_without_reply": True},
    )
    assert status == 200
    assert "reply_to_message" not in body["result"]


async def test_unknown_method_wrong_token_and_unimplemented_method(
    server: TelegramServer, http: httpx.AsyncClient
) -> None:
    response = await http.post("sendTelegram")
    assert (response.status_code, response.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    async with httpx.AsyncClient() as raw:
        response = await raw.post(f"{server.base_url}123:WRONG/getMe")
    assert (response.status_code, response.json()) == (
        401,
        {"ok": False, "error_code": 401, "description": "Unauthorized"},
    )
    response = await http.post("sendPoll", json={"chat_id": 1, "question": "?", "options": []})
    assert response.status_code == 400
    assert "not implemented by the local tgserver" in response.json()["description"]


async def test_ptb_sees_bad_tokens_as_invalid(server: TelegramServer) -> None:
    with pytest.raises(InvalidToken):
        async with telegram.Bot("123:WRONG", base_url=server.base_url):
            pass


async def test_parameters_arrive_in_every_encoding_telegram_accepts(
    http: httpx.AsyncClient, dm: Chat
) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]})
    form = await http.post(
        "sendMessage", data={"chat_id": str(dm.id), "text": "form", "reply_markup": markup}
    )
    query = await http.get("sendMessage", params={"chat_id": dm.id, "text": "query"})
    multipart = await http.post(
        "sendMessage", data={"chat_id": str(dm.id), "text": "multipart"}, files={"unused": ("a.txt", b"x")}
    )
    lower_case = await http.post("SENDMESSAGE", json={"chat_id": dm.id, "text": "case"})
    assert [r.json()["result"]["text"] for r in (form, query, multipart, lower_case)] == [
        "form",
        "query",
        "multipart",
        "case",
    ]
    assert form.json()["result"]["reply_markup"] == json.loads(markup)


async def test_editing_with_identical_content_is_not_a_modification(
    server: TelegramServer, bot: telegram.Bot, dm: Chat
) -> None:
    sent = await bot.send_message(dm.id, "<b>Hạn</b> thứ Sáu", parse_mode="HTML")
    with pytest.raises(BadRequest, match="Message is not modified: specified new message content"):
        await bot.edit_message_text("<b>Hạn</b> thứ Sáu", dm.id, sent.message_id, parse_mode="HTML")
    edited = await bot.edit_message_text("Hạn thứ Hai", dm.id, sent.message_id)
    assert isinstance(edited, telegram.Message)
    assert edited.edit_date is not None
    record = server.last_message(dm)
    assert record is not None
    assert (record.text, [v.text for v in record.history]) == ("Hạn thứ Hai", ["Hạn thứ Sáu"])


async def test_every_implemented_method_is_listed_in_the_package_docstring(server: TelegramServer) -> None:
    assert tgserver.__doc__ is not None
    listed = tgserver.__doc__.split("which are:")[1].split(".")[0].replace("\n", " ")
    assert sorted(name.strip() for name in listed.split(",")) == server.implemented_methods
