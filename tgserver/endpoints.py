"""The HTTP face of the server: `/bot<token>/<method>` and `/file/bot<token>/<path>`, as api.telegram.org.

Parameters are read from the query string and from a JSON, form-urlencoded or multipart body. Every
request is recorded as a `Call`; armed faults are applied before the method runs.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from serverkit import endpoints
from serverkit.endpoints import Handler, bad_gateway_page, json_answer
from tgserver.errors import ApiError, bad_request, forbidden, internal_error, too_many_requests
from tgserver.faults import Fault, FaultPlan
from tgserver.schema import Schema, Upload
from tgserver.world import World

MAX_UPLOAD = 50 * 1024 * 1024 + 64 * 1024
_UNAUTHORIZED = ApiError(401, "Unauthorized")
_NOT_FOUND = ApiError(404, "Not Found")


class Endpoints(endpoints.Endpoints[Fault, World]):
    """Telegram's reading of a request: any HTTP verb, query and body parameters, case-free method names."""

    proxy_page = bad_gateway_page("nginx/1.18.0")

    def __init__(
        self, token: str, schema: Schema, handlers: dict[str, Handler], world: World, faults: FaultPlan
    ) -> None:
        super().__init__(token, handlers, world, faults)
        self.schema = schema

    def routes(self) -> list[web.RouteDef]:
        return [*super().routes(), web.get("/file/bot{token}/{path:.+}", self.download)]

    async def api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return json_answer(_UNAUTHORIZED.code, _UNAUTHORIZED.body())
        method = self.schema.canonical(request.match_info["method"])
        if method is None:
            return json_answer(_NOT_FOUND.code, _NOT_FOUND.body())
        try:
            raw, uploads = await _read_params(request)
        except ApiError as exc:
            return self._answer(method, {}, exc.body())
        return await self._call(request, method, raw, lambda: self._check(method, raw, uploads))

    async def download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return json_answer(_UNAUTHORIZED.code, _UNAUTHORIZED.body())
        stored = self.world.file_paths.get(request.match_info["path"])
        if stored is None:
            return json_answer(_NOT_FOUND.code, _NOT_FOUND.body())
        return web.Response(body=stored.content, content_type="application/octet-stream")

    def _check(self, method: str, raw: dict[str, Any], uploads: dict[str, Upload]) -> dict[str, Any]:
        """Typed parameters for an implemented method; a method only in the schema is a 400."""
        if method not in self.handlers:
            raise bad_request(
                f"method {method} is not implemented by the local tgserver "
                f"(implemented: {', '.join(sorted(self.handlers))})"
            )
        return self.schema.parse(method, raw, uploads)

    def _refusal(self, fault: Fault, raw: dict[str, Any]) -> ApiError:
        if fault.kind == "429":
            return too_many_requests(fault.retry_after)
        if fault.kind == "blocked":
            return forbidden("bot was blocked by the user")
        if fault.kind == "chat_not_found":
            return bad_request("chat not found")
        if fault.kind == "kicked":
            chat_id = str(raw.get("chat_id", ""))
            chat = self.world.find_chat(int(chat_id)) if chat_id.lstrip("-").isdigit() else None
            supergroup = chat is not None and chat.type == "supergroup"
            return forbidden(f"bot was kicked from the {'supergroup' if supergroup else 'group'} chat")
        return internal_error()


async def _read_params(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Query string plus body parameters, and the uploaded file parts by name."""
    params: dict[str, Any] = dict(request.query)
    uploads: dict[str, Upload] = {}
    if not request.body_exists:
        return params, uploads
    if request.content_type == "application/json":
        try:
            body = json.loads(await request.text() or "{}")
        except ValueError:
            raise bad_request("can't parse JSON object") from None
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        params.update(body)
        return params, uploads
    for name, value in (await request.post()).items():
        if isinstance(value, web.FileField):
            uploads[name] = Upload(value.filename, value.file.read(), value.content_type)
        else:
            params[name] = value
    return params, uploads
