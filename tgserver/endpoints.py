"""The HTTP face of the server: `/bot<token>/<method>` and `/file/bot<token>/<path>`, as api.telegram.org.

Parameters are read from the query string and from a JSON, form-urlencoded or multipart body. Every
request is recorded as a `Call`; armed faults are applied before the method runs.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from aiohttp import web

from tgserver.api.handler import Handler
from tgserver.errors import ApiError, bad_request, forbidden, internal_error, too_many_requests
from tgserver.faults import Fault, FaultPlan
from tgserver.records import Call
from tgserver.schema import Schema, Upload
from tgserver.world import World

MAX_UPLOAD = 50 * 1024 * 1024 + 64 * 1024
_UNAUTHORIZED = ApiError(401, "Unauthorized")
_NOT_FOUND = ApiError(404, "Not Found")
_NGINX_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n"
)
_dumps = partial(json.dumps, ensure_ascii=False)


class Endpoints:
    def __init__(
        self, token: str, schema: Schema, handlers: dict[str, Handler], world: World, faults: FaultPlan
    ) -> None:
        self.token = token
        self.schema = schema
        self.handlers = handlers
        self.world = world
        self.faults = faults

    def routes(self) -> list[web.RouteDef]:
        return [
            web.route("*", "/bot{token}/{method}", self.api),
            web.get("/file/bot{token}/{path:.+}", self.download),
        ]

    async def api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json(_UNAUTHORIZED.code, _UNAUTHORIZED.body())
        method = self.schema.canonical(request.match_info["method"])
        if method is None:
            return _json(_NOT_FOUND.code, _NOT_FOUND.body())
        try:
            raw, uploads = await _read_params(request)
        except ApiError as exc:
            self.world.record_call(Call(method, {}, exc.code, exc.body()))
            return _json(exc.code, exc.body())
        fault = self.faults.take(method, raw)
        if fault is not None:
            return await self._misbehave(request, method, raw, uploads, fault)
        params, status, body = await self._run(method, raw, uploads)
        self.world.record_call(Call(method, params, status, body))
        return _json(status, body)

    async def download(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json(_UNAUTHORIZED.code, _UNAUTHORIZED.body())
        stored = self.world.file_paths.get(request.match_info["path"])
        if stored is None:
            return _json(_NOT_FOUND.code, _NOT_FOUND.body())
        return web.Response(body=stored.content, content_type="application/octet-stream")

    async def _run(
        self, method: str, raw: dict[str, Any], uploads: dict[str, Upload]
    ) -> tuple[dict[str, Any], int, dict[str, Any]]:
        """Validate and execute a call: (params as understood, HTTP status, response body)."""
        params = raw
        try:
            handler = self.handlers.get(method)
            if handler is None:
                raise bad_request(
                    f"method {method} is not implemented by the local tgserver "
                    f"(implemented: {', '.join(sorted(self.handlers))})"
                )
            params = self.schema.parse(method, raw, uploads)
            return params, 200, {"ok": True, "result": await handler(params)}
        except ApiError as exc:
            return params, exc.code, exc.body()

    async def _misbehave(
        self, request: web.Request, method: str, raw: dict[str, Any], uploads: dict[str, Upload], fault: Fault
    ) -> web.StreamResponse:
        if fault.kind in ("timeout", "lost_response"):
            params, lost = raw, None
            if fault.kind == "lost_response":
                params, _, lost = await self._run(method, raw, uploads)
            self.world.record_call(Call(method, params, None, lost))
            await self.world.pulse.until(lambda: True if self.world.closing else None, fault.hold)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=504)  # never written: the connection is already closed
        if fault.kind == "502":
            self.world.record_call(Call(method, raw, 502, None))
            return web.Response(status=502, text=_NGINX_502, content_type="text/html")
        error = self._fault_error(fault, raw)
        self.world.record_call(Call(method, raw, error.code, error.body()))
        return _json(error.code, error.body())

    def _fault_error(self, fault: Fault, raw: dict[str, Any]) -> ApiError:
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


def _json(status: int, body: dict[str, Any]) -> web.Response:
    return web.json_response(body, status=status, dumps=_dumps)
