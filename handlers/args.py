"""Reading a command's arguments as people type them."""

from __future__ import annotations

from telegram import Update

from locales import _


def command_text(update: Update) -> str:
    """Everything after the command word (``/cmd@bot``), trimmed."""
    message = update.effective_message
    if message is None or not message.text:
        return ""
    parts = message.text.split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def two_names(text: str) -> tuple[str, str] | None:
    """``A | B`` (or ``A => B``) into two names; None when one side is missing."""
    for separator in ("|", "=>", "→"):
        if separator in text:
            left, right = (part.strip() for part in text.split(separator, 1))
            return (left, right) if left and right else None
    return None


def unknown_agency(name: str) -> str:
    """The answer when a typed agency name matches none of the group's agencies."""
    return _("Không tìm thấy đơn vị «{name}». Dùng /don_vi để xem danh sách.", name=name)


async def required(update: Update, usage: str) -> str | None:
    """The command's argument; when it is missing, the usage is the answer and None comes back."""
    text = command_text(update)
    if not text and update.effective_message is not None:
        await update.effective_message.reply_text(usage)
    return text or None
