"""Where the summary allows two readings, the server can play either, so a client is tested against both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

NameField = Literal["display_name", "first_name", "name"]


@dataclass(frozen=True)
class Readings:
    """One field per open question; the defaults follow the summary's published samples.

    updates       "object": a getUpdates result is one update (the published sample); "list": a list.
    empty_poll    "408": a poll with nothing new ends with error 408; "empty": with an empty result
                  (`{}` when updates="object", `[]` when "list").
    name_field    the key of the sender's name in `from` (samples show all three).
    error_status  "mirror": an error's HTTP status is its error_code; "200": HTTP 200 with ok=false.
    webhook_body  "update": the webhook POST body is the update itself; "envelope": it is wrapped as
                  `{"ok": true, "result": update}` (as some copies of the documentation show).
    """

    updates: Literal["object", "list"] = "object"
    empty_poll: Literal["408", "empty"] = "408"
    name_field: NameField = "display_name"
    error_status: Literal["mirror", "200"] = "mirror"
    webhook_body: Literal["update", "envelope"] = "update"
