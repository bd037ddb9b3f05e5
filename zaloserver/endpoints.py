"""The HTTP face: `POST /bot<TOKEN>/<method>` with a JSON body, answered in the summary's envelope.

Every request is recorded as a `Call`; an armed fault is applied before the method runs. Photos that
people send are served at `/_photos/<name>`, so the bot can fetch them by the URL in the update.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

from serverkit import endpoints
from serverkit.endpoints import Handler
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
from zaloserver.spec import Spec
from zaloserver.world import World


class Endpoints(endpoints.Endpoints[Fault, World]):
    """Zalo's checks: POST only, a JSON object body, method names as the summary spells them."""

    def __init__(
        self, token: str, spec: Spec, handlers: dict[str, Handler], world: World, faults: FaultPlan
    ) -> None:
        if set(handlers) != set(spec.methods):
            raise ValueError(f"handlers {sorted(handlers)} differ from the spec {sorted(spec.methods)}")
        super().__init__(token, handlers, world, faults)
        self.spec = spec

    def routes(self) -> list[web.RouteDef]:
        return [*super().routes(), web.get("/_photos/{name}", self.photo)]

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
        return await self._call(request, method, raw, lambda: self.spec.parse(method, raw))

    async def photo(self, request: web.Request) -> web.StreamResponse:
        content = self.world.photos.get(request.match_info["name"])
        if content is None:
            raise web.HTTPNotFound()
        return web.Response(body=content, content_type="image/jpeg")

    def _refusal(self, fault: Fault, raw: dict[str, Any]) -> ApiError:
        error = {"429": TOO_MANY_REQUESTS, "500": INTERNAL_ERROR}.get(fault.kind)
        return error or self.world.gone_error(raw.get("chat_id"))

    def _status(self, body: dict[str, Any]) -> int:
        """An error's HTTP status depends on the chosen reading: its error_code, or 200 throughout."""
        return super()._status(body) if self.world.readings.error_status == "mirror" else 200


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
