"""A refusal as one exception type, so any layer can answer `{"ok": false, "error_code", "description"}`."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A request the platform would refuse; an API with more fields in its refusals extends `body`."""

    def __init__(self, code: int, description: str) -> None:
        super().__init__(description)
        self.code = code
        self.description = description

    def body(self) -> dict[str, Any]:
        return {"ok": False, "error_code": self.code, "description": self.description}
