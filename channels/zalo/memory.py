"""What the adapter remembers of each chat, since Zalo carries no buttons and no reply links: the
numbered choices last shown there, and the question last asked there.

Kept in the process: a restart forgets them, and the next typed number or answer is then read
as free text, which handlers answer on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from channels.port import Action, Actions
from channels.zalo.text import flat


@dataclass(frozen=True)
class Shown:
    message_id: int
    choices: tuple[Action, ...]


class ChatMemory:
    def __init__(self) -> None:
        self._choices: dict[int, Shown] = {}
        self._questions: dict[int, int] = {}

    def shown(self, chat_id: int, message_id: int, actions: Actions) -> None:
        """A message went out: its numbered choices replace those shown before. Typed choices
        (answered with words, like the status of a reminder) are read from the words instead."""
        numbered = tuple(a for a in flat(actions) if not a.typed)
        if numbered:
            self._choices[chat_id] = Shown(message_id, numbered)
        elif actions:  # typed choices shown last: a number now means one of those
            self._choices.pop(chat_id, None)

    def choose(self, chat_id: int, number: int) -> tuple[int, Action] | None:
        """The message and action a typed number picks, if one was shown there."""
        found = self._choices.get(chat_id)
        if found is None or not 1 <= number <= len(found.choices):
            return None
        return found.message_id, found.choices[number - 1]

    def asked(self, chat_id: int, message_id: int) -> None:
        self._questions[chat_id] = message_id

    def answered(self, chat_id: int) -> int | None:
        """The question the next message in this chat answers (once)."""
        return self._questions.pop(chat_id, None)
