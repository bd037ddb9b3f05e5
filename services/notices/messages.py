"""How the messages of a notice read is ``render/notices.py``'s business: the use cases that queue
them receive these builders from their caller, so they write no text themselves."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

Payload = dict[str, Any]  # an outbox payload (``channels.port.Outgoing.to_payload``)


@dataclass(frozen=True)
class NoticeMessages:
    # the notice to one agency: text, agency, agency id, delivery id, files, its tasks, silent
    notice: Callable[[str, str, int, int, list[dict[str, Any]], int, bool], Payload]
    # one attached file: the file, agency id, silent
    file: Callable[[dict[str, Any], int, bool], Payload]
    # the one reminder to acknowledge: text, agency, agency id, delivery id, sent at, time zone
    reminder: Callable[[str, str, int, int, datetime, str], Payload]
    # to the notice's sender: notice id, text, (agency, error) of each chat not reached
    failure_report: Callable[[int, str, list[tuple[str, str]]], Payload]
