"""Parameter parsing driven by the Bot API schema: lenient scalars, nested objects, unions, uploads."""

from __future__ import annotations

import pytest

from tgserver.errors import ApiError
from tgserver.schema import Schema, Upload

SCHEMA = Schema()


def test_form_strings_become_typed_values() -> None:
    params = SCHEMA.parse(
        "getUpdates", {"offset": "-3", "timeout": "10", "allowed_updates": '["message"]', "extra": "kept"}, {}
    )
    assert params == {"offset": -3, "timeout": 10, "allowed_updates": ["message"], "extra": "kept"}


def test_subtypes_are_told_apart_by_their_type_field() -> None:
    scope = {"type": "chat", "chat_id": "@soyte"}
    params = SCHEMA.parse(
        "setMyCommands", {"commands": [{"command": "a", "description": "b"}], "scope": scope}, {}
    )
    assert params["scope"] == scope
    with pytest.raises(ApiError, match="can't parse BotCommandScope"):
        SCHEMA.parse("setMyCommands", {"commands": [], "scope": {"type": "everyone"}}, {})


def test_input_file_or_string() -> None:
    upload = Upload("kh.docx", b"PK", None)
    assert SCHEMA.parse("sendDocument", {"chat_id": 1}, {"document": upload})["document"] is upload
    assert (
        SCHEMA.parse("sendDocument", {"chat_id": 1, "document": "attach://f"}, {"f": upload})["document"]
        is upload
    )
    assert SCHEMA.parse("sendDocument", {"chat_id": 1, "document": "BQAC"}, {})["document"] == "BQAC"
    with pytest.raises(ApiError, match="there is no document in the request"):
        SCHEMA.parse("sendDocument", {"chat_id": 1}, {})


def test_method_names_are_case_insensitive() -> None:
    assert SCHEMA.canonical("sendmessage") == "sendMessage"
    assert SCHEMA.canonical("sendTelegram") is None
    assert SCHEMA.version == "Bot API 10.1"
