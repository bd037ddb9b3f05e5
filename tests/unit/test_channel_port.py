"""The channel port: messages survive the outbox as JSON, Telegram's refusals become the port's kinds."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError

from channels.port import Action, DeliveryError, ErrorKind, FileRef, Outgoing
from channels.telegram.markup import keyboard
from channels.telegram.outgoing import delivery_error


def test_an_outgoing_message_comes_back_from_its_payload_unchanged() -> None:
    message = Outgoing(
        "📎 <b>Tệp</b>", actions=((Action("✅ Đã nhận", "ack:7"), Action("Khác", "x:1")),),
        attachment=FileRef("F1", "a.pdf"), reply_to=42, silent=True, link={"agency_id": 3},
    )
    assert Outgoing.from_payload(message.to_payload()) == message
    assert Outgoing.from_payload({"text": "ngắn"}) == Outgoing("ngắn", format="plain")


def test_actions_become_an_inline_keyboard() -> None:
    markup = keyboard(((Action("A", "a:1"),), (Action("B", "b:2"), Action("C", "c:3"))))
    assert markup is not None
    assert [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard] == [
        [("A", "a:1")], [("B", "b:2"), ("C", "c:3")],
    ]
    assert keyboard(()) is None


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (RetryAfter(3), ErrorKind.RETRY_AFTER),
        (ChatMigrated(-100999), ErrorKind.MIGRATED),
        (Forbidden("Forbidden: bot was blocked by the user"), ErrorKind.BLOCKED),
        (BadRequest("Chat not found"), ErrorKind.CHAT_GONE),
        (BadRequest("Bad Request: message is too long"), ErrorKind.REJECTED),
        (NetworkError("connection reset"), ErrorKind.TRANSIENT),
        (TelegramError("Internal Server Error"), ErrorKind.TRANSIENT),
    ],
)
def test_telegram_errors_map_to_the_ports_kinds(error: TelegramError, kind: ErrorKind) -> None:
    mapped = delivery_error(error)
    assert isinstance(mapped, DeliveryError) and mapped.kind is kind
    assert mapped.chat_lost == (kind in (ErrorKind.BLOCKED, ErrorKind.CHAT_GONE))


def test_retry_after_and_migration_carry_what_the_sender_needs() -> None:
    assert delivery_error(RetryAfter(3)).retry_after == 3.0
    assert delivery_error(ChatMigrated(-100999)).new_chat_id == -100999
