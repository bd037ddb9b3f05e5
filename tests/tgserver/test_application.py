"""The real PTB Application, polling the stand-in, talking to simulated people end to end."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from tgserver import TelegramServer

Context = ContextTypes.DEFAULT_TYPE


async def test_start_command_is_answered(server: TelegramServer, app: Application) -> None:
    async def start(update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_user is not None
        await update.effective_message.reply_text(f"Xin chào {update.effective_user.first_name}!")

    app.add_handler(CommandHandler("start", start))
    lan = server.add_user("Lan", "Nguyễn")
    dm = server.private_chat(lan)
    server.send_text(dm, lan, "/start")
    reply = await server.wait_for(lambda m: m.chat_id == dm.id)
    assert reply.text == "Xin chào Lan!"
    assert reply.method == "sendMessage"
    assert server.count_sent(dm) == 1


async def test_commands_addressed_to_the_bot_in_a_group(server: TelegramServer, app: Application) -> None:
    async def help_command(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Trợ giúp")

    app.add_handler(CommandHandler("help", help_command))
    lan = server.add_user("Lan")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])
    server.add_bot_to_group(group, by=lan)
    server.send_text(group, lan, "/help@other_bot")
    server.send_text(group, lan, "/help@dondoc_bot")
    reply = await server.wait_for(lambda m: m.chat_id == group.id)
    assert reply.text == "Trợ giúp"
    assert reply.reply_to_message_id is not None


async def test_button_press_round_trip(server: TelegramServer, app: Application) -> None:
    async def ask(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Đã xong", callback_data="done:7")]])
        await update.effective_message.reply_text("Nhiệm vụ 7?", reply_markup=keyboard)

    async def pressed(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Đã ghi nhận")
        await query.edit_message_text(f"Nhiệm vụ 7: {query.data}")

    app.add_handler(CommandHandler("task", ask))
    app.add_handler(CallbackQueryHandler(pressed))
    lan = server.add_user("Lan")
    dm = server.private_chat(lan)
    server.send_text(dm, lan, "/task")
    question = await server.wait_for(lambda m: m.reply_markup is not None)
    query_id = server.press_button(dm, lan, question.message_id, "done:7")
    answer = await server.wait_for_callback_answer(query_id)
    assert answer.text == "Đã ghi nhận"
    edited = await server.wait_for(lambda m: bool(m.history))
    assert (edited.text, edited.reply_markup) == ("Nhiệm vụ 7: done:7", None)
    assert edited.history[0].reply_markup == {
        "inline_keyboard": [[{"text": "Đã xong", "callback_data": "done:7"}]]
    }


async def test_reply_to_the_bot_passes_privacy_mode_and_filters_reply(
    server: TelegramServer, app: Application
) -> None:
    heard: list[str] = []

    async def hear(update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_message.reply_to_message is not None
        heard.append(update.effective_message.text or "")
        await update.effective_message.reply_text(
            f"Ghi nhận: {update.effective_message.reply_to_message.text}"
        )

    app.add_handler(MessageHandler(filters.REPLY & filters.TEXT, hear))
    lan = server.add_user("Lan")
    group = server.add_group("Tổ công tác", members=[lan])
    server.add_bot_to_group(group, by=lan)
    await app.bot.send_message(group.id, "Báo cáo tiến độ?")
    question = server.last_message(group)
    assert question is not None
    server.send_text(group, lan, "chuyện khác")
    server.send_text(group, lan, "đã xong", reply_to=question)
    reply = await server.wait_for(lambda m: m.text == "Ghi nhận: Báo cáo tiến độ?")
    assert reply.reply_to_message_id is not None
    assert heard == ["đã xong"]


async def test_document_from_a_user_is_downloaded_by_the_bot(
    server: TelegramServer, app: Application
) -> None:
    async def receive(update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None and message.document is not None
        data = await (await message.document.get_file()).download_as_bytearray()
        await message.reply_text(f"{message.document.file_name}: {len(data)} bytes, {bytes(data[:4])!r}")

    app.add_handler(MessageHandler(filters.Document.ALL, receive))
    lan = server.add_user("Lan")
    dm = server.private_chat(lan)
    server.send_document(dm, lan, filename="kh.docx", content=b"PK\x03\x04 plan", caption="Kế hoạch")
    reply = await server.wait_for(lambda m: m.chat_id == dm.id)
    assert reply.text == "kh.docx: 9 bytes, b'PK\\x03\\x04'"


async def test_bot_sees_itself_added_to_a_group(server: TelegramServer, app: Application) -> None:
    async def welcome(update: Update, context: Context) -> None:
        change = update.my_chat_member
        assert change is not None
        await context.bot.send_message(
            change.chat.id, f"Chào {change.chat.title} ({change.new_chat_member.status})"
        )

    app.add_handler(ChatMemberHandler(welcome, ChatMemberHandler.MY_CHAT_MEMBER))
    lan = server.add_user("Lan")
    group = server.add_group("Sở Y tế - Đề án 06", members=[lan])
    server.add_bot_to_group(group, by=lan)
    reply = await server.wait_for(lambda m: m.chat_id == group.id)
    assert reply.text == "Chào Sở Y tế - Đề án 06 (member)"


async def test_set_my_commands_is_recorded(server: TelegramServer, app: Application) -> None:
    await app.bot.set_my_commands([("start", "Bắt đầu"), ("help", "Trợ giúp")])
    call = await server.wait_for_call("setMyCommands")
    assert call.ok
    assert [c.command for c in await app.bot.get_my_commands()] == ["start", "help"]
