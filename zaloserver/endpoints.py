"""The HTTP face: `POST /bot<TOKEN>/<method>` with a JSON body, answered in the summary's envelope.

Every request is recorded as a `Call`; an armed fault is applied before the method runs. Photos that
people send are served at `/_photos/<name>`, so the bot can fetch them by the URL in the update.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from aiohttp import web

from zaloserver.errors import (
    INTERNAL_ERROR,
    METHOD_NOT_FOUND,
    NOT_POST,
    TOO_MANY_REQUESTS,
    UNAUTHORIZED,
    ApiError,
    bad_request,
)
from zaloserver.faults import Fault, FaultPlan
from zaloserver.methods.handler import Handler
from zaloserver.records import Call
from zaloserver.spec import Spec
from zaloserver.world import World

_PROXY_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)
_dumps = partial(json.dumps, ensure_ascii=False)


class Endpoints:
    def __init__(self, token: str, spec: Spec, handlers: dict[str, Handler], world: World, faults: FaultPlan):
        if set(handlers) != set(spec.methods):
            raise ValueError(f"handlers {sorted(handlers)} differ from the spec {sorted(spec.methods)}")
        self.token = token
        self.spec = spec
        self.handlers = handlers
        self.world = world
        self.faults = faults

    def routes(self) -> list[web.RouteDef]:
        return [
            web.route("*", "/bot{token}/{method}", self.api),
            web.get("/_photos/{name}", self.photo),
        ]

    async def api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        try:
            if request.match_info["token"] != self.token:
                raise UNAUTHORIZED
            if method not in self.spec.methods:
                raise METHOD_NOT_FOUND
            if request.method != "POST":
                raise NOT_POST
            raw = await _read_json(request)
        except ApiError as exc:
            return self._answer(method, {}, exc.body())
        fault = self.faults.take(method, raw)
        if fault is not None:
            return await self._misbehave(request, method, raw, fault)
        return self._answer(*await self._run(method, raw))

    async def photo(self, request: web.Request) -> web.StreamResponse:
        content = self.world.photos.get(request.match_info["name"])
        if content is None:
            raise web.HTTPNotFound()
        return web.Response(body=content, content_type="image/jpeg")

    async def _run(self, method: str, raw: dict[str, Any]) -> tuple[str, dict[str, Any], dict[str, Any]]:
        """Check and execute a call: (method, params as understood, response body)."""
        params = raw
        try:
            params = self.spec.parse(method, raw)
            return method, params, {"ok": True, "result": await self.handlers[method](params)}
        except ApiError as exc:
            return method, params, exc.body()

    def _answer(self, method: str, params: dict[str, Any], body: dict[str, Any]) -> web.Response:
        """Record the call and answer it; an error's HTTP status depends on the chosen reading."""
        mirror = self.world.readings.error_status == "mirror"
        status = body["error_code"] if not body["ok"] and mirror else 200
        self.world.record_call(Call(method, params, status, body))
        return web.json_response(body, status=status, dumps=_dumps)

    async def _misbehave(
        self, request: web.Request, method: str, raw: dict[str, Any], fault: Fault
    ) -> web.StreamResponse:
        if fault.kind in ("timeout", "lost_response"):
            params, lost = raw, None
            if fault.kind == "lost_response":
                _, params, lost = await self._run(method, raw)
            self.world.record_call(Call(method, params, None, lost))
            await self.world.pulse.until(lambda: True if self.world.closing else None, fault.hold)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=504)  # never written: the connection is already closed
        if fault.kind == "502":
            self.world.record_call(Call(method, raw, 502, None))
            return web.Response(status=502, text=_PROXY_502, content_type="text/html")
        error = {"429": TOO_MANY_REQUESTS, "500": INTERNAL_ERROR}.get(fault.kind)
        return self._answer(method, raw, (error or self.world.gone_error(raw.get("chat_id"))).body())


async def _read_json(request: web.Request) -> dict[str, Any]:
    """The JSON object body; an empty body counts as no parameters."""
    text = await request.text()
    if not text.strip():
        return {}
    if request.content_type != "application/json":
        raise bad_request("the body must be JSON (Content-Type: application/json)")
    try:
        body = json.loads(text)
    except ValueError:
        raise bad_request("can't parse the JSON body") from None
    if not isinstance(body, dict):
        raise bad_request("the JSON body must be an object")
    return body
