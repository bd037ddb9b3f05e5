"""The text tools of the command line: one input, or one per line of stdin, in and out as JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any


def emit(obj: dict[str, Any], as_json: bool, human: Callable[[dict[str, Any]], str]) -> None:
    print(json.dumps(obj, ensure_ascii=False) if as_json else human(obj))


def each_input(text: str | None) -> list[str]:
    """The one TEXT given, or every non-empty line of stdin."""
    if text is not None:
        return [text]
    return [line.rstrip("\n") for line in sys.stdin if line.strip()]
