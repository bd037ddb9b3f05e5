"""The methods and their parameters, read from `api.json` (the summary's table), and the checks they imply.

Kept as data so the table and the checks cannot drift apart; unknown parameters are ignored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from zaloserver.errors import bad_request


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool = False
    min: int | None = None
    max: int | None = None
    enum: tuple[str, ...] = ()

    def parse(self, value: Any) -> Any:
        """The value as the server uses it, or 400 saying what is wrong with it."""
        if self.type == "seconds":
            return _seconds(self.name, value)
        if not isinstance(value, str):
            raise bad_request(f"{self.name} must be a string")
        if self.type == "url" and not value.lower().startswith(("https://", "http://")):
            raise bad_request(f"{self.name} must be an http(s) URL")
        low, high = self.min or 0, self.max
        if len(value) < low or (high is not None and len(value) > high):
            span = f"{low} to {high}" if high is not None else f"at least {low}"
            raise bad_request(f"{self.name} must be {span} characters long, not {len(value)}")
        if self.enum and value not in self.enum:
            raise bad_request(f"{self.name} must be one of {', '.join(self.enum)}")
        return value


def _seconds(name: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str) or not str(value).strip().isdigit():
        raise bad_request(f"{name} must be a whole number of seconds")
    return int(value)


class Spec:
    """Method name -> its parameters, as in `api.json`."""

    def __init__(self) -> None:
        raw = json.loads(resources.files("zaloserver").joinpath("api.json").read_text(encoding="utf-8"))
        self.methods: dict[str, tuple[Param, ...]] = {
            method: tuple(_param(name, rule) for name, rule in params.items())
            for method, params in raw.items()
            if not method.startswith("_")
        }

    def parse(self, method: str, raw: dict[str, Any]) -> dict[str, Any]:
        """Known parameters, checked and converted; a missing required one is a 400."""
        params: dict[str, Any] = {}
        for param in self.methods[method]:
            if param.name in raw and raw[param.name] is not None:
                params[param.name] = param.parse(raw[param.name])
            elif param.required:
                raise bad_request(f"missing required parameter {param.name}")
        return params


def _param(name: str, rule: dict[str, Any]) -> Param:
    return Param(
        name,
        rule["type"],
        rule.get("required", False),
        rule.get("min"),
        rule.get("max"),
        tuple(rule.get("enum", ())),
    )
