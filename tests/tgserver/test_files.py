"""Files both ways: people upload and the bot downloads; the bot uploads and tests read the bytes."""

from __future__ import annotations

import struct
import zlib

import httpx
import pytest
import telegram
from telegram.error import BadRequest

from tests.tgserver.helpers import TOKEN
from tgserver import TelegramServer


def png(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + header
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


async def test_user_document_can_be_fetched_with_get_file(
    server: TelegramServer, http: httpx.AsyncClient, bot: telegram.Bot
) -> None:
    lan = server.add_user("Lan")
    sent = server.send_document(
        server.private_chat(lan), lan, filename="kế hoạch.docx", content=b"docx bytes"
    )
    document = sent.to_api()["document"]
    assert document["mime_type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert document["file_name"] == "kế hoạch.docx"
    response = await http.post("getFile", json={"file_id": document["file_id"]})
    file_path = response.json()["result"]["file_path"]
    download = await http.get(f"{server.base_file_url}{TOKEN}/{file_path}")
    assert download.content == b"docx bytes"
    ptb_file = await bot.get_file(document["file_id"])
    assert await ptb_file.download_as_bytearray() == bytearray(b"docx bytes")
    missing = await http.get(f"{server.base_file_url}{TOKEN}/documents/nothing.docx")
    assert missing.status_code == 404
    with_wrong_token = await http.get(f"{server.base_file_url}123:WRONG/{file_path}")
    assert with_wrong_token.status_code == 401


async def test_bot_document_is_recorded_with_its_bytes(server: TelegramServer, bot: telegram.Bot) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan, started=True)
    message = await bot.send_document(
        dm.id, b"%PDF-1.7 report", filename="bao-cao.pdf", caption="<b>Báo cáo</b> tuần", parse_mode="HTML"
    )
    assert message.document is not None and message.document.mime_type == "application/pdf"
    record = server.last_message(dm)
    assert record is not None
    assert (record.method, record.filename, record.content) == (
        "sendDocument",
        "bao-cao.pdf",
        b"%PDF-1.7 report",
    )
    assert (record.caption, record.source, record.entities) == (
        "Báo cáo tuần",
        "<b>Báo cáo</b> tuần",
        [{"type": "bold", "offset": 0, "length": 7}],
    )
    again = await bot.send_document(dm.id, message.document.file_id)
    assert again.document is not None and again.document.file_id == message.document.file_id
    with pytest.raises(BadRequest, match="Wrong file identifier/http url specified"):
        await bot.send_document(dm.id, "no-such-file-id")


async def test_photos_keep_their_size(server: TelegramServer, bot: telegram.Bot) -> None:
    lan = server.add_user("Lan")
    dm = server.private_chat(lan, started=True)
    sent = await bot.send_photo(dm.id, png(640, 480))
    assert [(p.width, p.height) for p in sent.photo] == [(640, 480)]
    from_user = server.send_photo(dm, lan, png(32, 16), caption="ảnh")
    assert from_user.to_api()["photo"][0]["width"] == 32
    record = server.last_message(dm)
    assert record is not None and record.content == png(640, 480)
