"""Request validation driven by the published Bot API schema, so the stand-in refuses what Telegram refuses.

Telegram reads every parameter leniently from strings (form data and query strings carry nothing
else) and JSON-decodes nested objects; the same is done here: `"42"` is a fine Integer, `"true"` a
fine Boolean, and `reply_markup` may arrive as a dict (JSON body) or as a JSON-encoded string.
Parameters the schema does not know are kept untouched (Telegram ignores them; handlers may read
legacy ones such as `reply_to_message_id`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tgserver.errors import bad_request

SCHEMA_FILE = Path(__file__).with_name("bot-api-10.1.min.json")

# Telegram's own wording when a required parameter is missing or empty.
_MISSING = {
    "chat_id": "chat_id is empty",
    "text": "message text is empty",
    "message_id": "message identifier is not specified",
    "user_id": "invalid user_id specified",
    "document": "there is no document in the request",
    "photo": "there is no photo in the request",
    "callback_query_id": "query is too old and response timeout expired or query ID is invalid",
}
# Required on paper, but Telegram reads absence as "": setWebhook without url removes the webhook.
_MAY_BE_ABSENT = {("setWebhook", "url")}
_JSON_OBJECT_NAMES = {"reply_markup": "reply keyboard markup"}
_TAG_FIELDS = ("type", "status", "source")
_TAG_VALUE = re.compile(r"(?:must be|always)\s+[\"“]?([a-z_]+)")
_INTEGER = re.compile(r"-?\d+")
_ARRAY = "Array of "


@dataclass(frozen=True)
class Upload:
    """One file part of a multipart/form-data request."""

    filename: str
    content: bytes
    mime_type: str | None


@dataclass(frozen=True)
class Field:
    name: str
    types: tuple[str, ...]
    required: bool


class _WrongType(Exception):
    """The value is not of the tried type; another alternative of a union may still fit."""


class _Invalid(Exception):
    """The value cannot be accepted whatever the alternative; the message is the reason to report."""


def _fields(spec: Mapping[str, Any]) -> list[Field]:
    return [Field(f["name"], tuple(f["types"]), bool(f["required"])) for f in spec.get("fields", [])]


class Schema:
    """Knows every Bot API method and type; turns raw request parameters into typed values."""

    def __init__(self, path: Path = SCHEMA_FILE) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        self.version: str = data["version"]
        self._methods = {name.lower(): (name, _fields(spec)) for name, spec in data["methods"].items()}
        self._type_fields = {name: _fields(spec) for name, spec in data["types"].items() if "fields" in spec}
        self._subtypes: dict[str, list[str]] = {
            name: spec["subtypes"] for name, spec in data["types"].items() if "subtypes" in spec
        }
        self._tags = {name: tag for name, spec in data["types"].items() if (tag := _tag_of(spec))}

    def canonical(self, method: str) -> str | None:
        """The schema's spelling of a method name; Telegram matches method names case-insensitively."""
        found = self._methods.get(method.lower())
        return found[0] if found else None

    def parse(self, method: str, raw: Mapping[str, Any], uploads: Mapping[str, Upload]) -> dict[str, Any]:
        """Typed parameters of a call, or ApiError 400 worded like Telegram."""
        name, fields = self._methods[method.lower()]
        params = dict(raw)
        for field in fields:
            value = raw.get(field.name, uploads.get(field.name))
            if value is None or value == "":
                params.pop(field.name, None)
                if field.required and (name, field.name) not in _MAY_BE_ABSENT:
                    raise bad_request(_MISSING.get(field.name, f'parameter "{field.name}" is required'))
                continue
            try:
                params[field.name] = self._field(field, value, uploads, owner=None, textual=True)
            except _Invalid as exc:
                raise bad_request(str(exc)) from None
        return params

    def _field(
        self,
        field: Field,
        value: Any,
        uploads: Mapping[str, Upload],
        owner: str | None,
        textual: bool = False,
    ) -> Any:
        """Convert by the first alternative type that fits; `textual` values may hold JSON-encoded objects."""
        reasons: list[str] = []
        for type_name in field.types:
            try:
                return self._convert(value, type_name, uploads, field.name, textual)
            except _WrongType as exc:
                reasons.append(str(exc))
        if reasons[0] and (len(field.types) == 1 or len(set(reasons)) == 1):
            raise _Invalid(reasons[0])
        where = f" of the {owner}" if owner else ""
        raise _Invalid(f'field "{field.name}"{where} must be of type {" or ".join(field.types)}')

    def _convert(
        self, value: Any, type_name: str, uploads: Mapping[str, Upload], name: str, textual: bool
    ) -> Any:
        scalar = _SCALARS.get(type_name)
        if scalar is not None:
            return scalar(value, uploads)
        if type_name.startswith(_ARRAY):
            inner = Field(name, (type_name.removeprefix(_ARRAY),), True)
            return [self._field(inner, item, uploads, None) for item in _decoded(value, list, name, textual)]
        if type_name in self._subtypes:
            return self._one_of(value, type_name, uploads, name, textual)
        if type_name in self._type_fields:
            return self._object(_decoded(value, dict, name, textual), type_name, uploads)
        raise _WrongType("")

    def _one_of(
        self, value: Any, type_name: str, uploads: Mapping[str, Upload], name: str, textual: bool
    ) -> Any:
        for subtype in self._subtypes[type_name]:
            tag = self._tags.get(subtype)
            if tag:
                obj = _decoded(value, dict, name, textual)
                if obj.get(tag[0]) != tag[1]:
                    continue
            try:
                return self._convert(value, subtype, uploads, name, textual)
            except _WrongType:
                continue
        raise _WrongType(f"can't parse {type_name}")

    def _object(self, obj: dict[str, Any], type_name: str, uploads: Mapping[str, Upload]) -> dict[str, Any]:
        out = dict(obj)
        for field in self._type_fields[type_name]:
            value = obj.get(field.name)
            if value is None:
                if field.required:
                    raise _WrongType(f'can\'t parse {type_name}: field "{field.name}" is missing')
                continue
            out[field.name] = self._field(field, value, uploads, owner=type_name)
        return out


def _tag_of(spec: Mapping[str, Any]) -> tuple[str, str] | None:
    """The constant that tells a subtype apart, e.g. BotCommandScopeChat has type "chat"."""
    for field in spec.get("fields", []):
        match = _TAG_VALUE.search(field["description"])
        if field["name"] in _TAG_FIELDS and match:
            return field["name"], match.group(1)
    return None


def _decoded(value: Any, kind: type, name: str, textual: bool) -> Any:
    """The value as a list or dict; a top-level (textual) parameter may carry it JSON-encoded."""
    if isinstance(value, kind):
        return value
    if textual and isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            decoded = None
        if isinstance(decoded, kind):
            return decoded
        raise _WrongType(f"can't parse {_JSON_OBJECT_NAMES.get(name, name.replace('_', ' '))} JSON object")
    raise _WrongType("")


def _integer(value: Any, _: Mapping[str, Upload]) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        return int(value)
    raise _WrongType("")


def _float(value: Any, _: Mapping[str, Upload]) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            pass
    raise _WrongType("")


def _boolean(value: Any, _: Mapping[str, Upload]) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise _WrongType("")


def _string(value: Any, _: Mapping[str, Upload]) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _WrongType("")


def _input_file(value: Any, uploads: Mapping[str, Upload]) -> Upload:
    if isinstance(value, Upload):
        return value
    if isinstance(value, str) and value.startswith("attach://") and value[9:] in uploads:
        return uploads[value[9:]]
    raise _WrongType("")


_SCALARS = {
    "Integer": _integer,
    "Float": _float,
    "Boolean": _boolean,
    "True": _boolean,
    "String": _string,
    "InputFile": _input_file,
}
