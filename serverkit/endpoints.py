"""The HTTP face shared by the stand-ins: `/bot<token>/<method>`, each request recorded as a `Call`, an armed
fault applied before the method runs, answers in the `{"ok": ..., "result" | "error_code", "description"}`
envelope both platforms use."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, ClassVar, Generic, TypeVar

from aiohttp import web

from serverkit.errors import ApiError
from serverkit.faults import F, FaultPlan
from serverkit.records import Call
from serverkit.state import ServerState

Handler = Callable[[dict[str, Any]], Awaitable[Any]]
"""A method implementation: checked parameters in, the JSON `result` out."""

_dumps = partial(json.dumps, ensure_ascii=False)
W = TypeVar("W", bound=ServerState[Any, Any])


def bad_gateway_page(server: str | None = None) -> str:
    """The HTML a proxy answers when the API behind it is down (fault "502"), signed by `server` if given."""
    signature = f"<hr><center>{server}</center>\r\n" if server else ""
    return (
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        f"<center><h1>502 Bad Gateway</h1></center>\r\n{signature}</body>\r\n</html>\r\n"
    )


def json_answer(status: int, body: dict[str, Any]) -> web.Response:
    """JSON with the text as people wrote it (no \\u escapes), as the platforms send it."""
    return web.json_response(body, status=status, dumps=_dumps)


class Endpoints(ABC, Generic[F, W]):
    """Each API reads its parameters its own way (`api`) and says how a method's parameters are checked."""

    proxy_page: ClassVar[str] = bad_gateway_page()
    """What the proxy in front of the API answers for fault "502"."""

    def __init__(self, token: str, handlers: dict[str, Handler], world: W, faults: FaultPlan[F]) -> None:
        self.token = token
        self.handlers = handlers
        self.world = world
        self.faults = faults

    def routes(self) -> list[web.RouteDef]:
        return [web.route("*", "/bot{token}/{method}", self.api)]

    @abstractmethod
    async def api(self, request: web.Request) -> web.StreamResponse:
        """Answer one API request, usually by reading its parameters and handing them to `_call`."""

    @abstractmethod
    def _refusal(self, fault: F, raw: dict[str, Any]) -> ApiError:
        """The API's own refusal that an armed fault of the API's own kinds stands for."""

    async def _call(
        self,
        request: web.Request,
        method: str,
        raw: dict[str, Any],
        check: Callable[[], dict[str, Any]],
    ) -> web.StreamResponse:
        """Misbehave as an armed fault says, or run `method` with the parameters `check` returns, and answer."""
        fault = self.faults.take(method, raw)
        if fault is None:
            return self._answer(method, *await self._run(method, raw, check))
        if fault.kind in ("timeout", "lost_response"):
            params, lost = raw, None
            if fault.kind == "lost_response":
                params, lost = await self._run(method, raw, check)
            self.world.record_call(Call(method, params, None, lost))
            await self.world.pulse.until(lambda: True if self.world.closing else None, fault.hold)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=504)  # never written: the connection is already closed
        if fault.kind == "502":
            self.world.record_call(Call(method, raw, 502, None))
            return web.Response(status=502, text=self.proxy_page, content_type="text/html")
        return self._answer(method, raw, self._refusal(fault, raw).body())

    async def _run(
        self, method: str, raw: dict[str, Any], check: Callable[[], dict[str, Any]]
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Check and execute a call: (params as understood, response body)."""
        params = raw
        try:
            params = check()
            return params, {"ok": True, "result": await self.handlers[method](params)}
        except ApiError as exc:
            return params, exc.body()

    def _answer(self, method: str, params: dict[str, Any], body: dict[str, Any]) -> web.Response:
        """Record the call and answer it with the status `_status` gives its body."""
        status = self._status(body)
        self.world.record_call(Call(method, params, status, body))
        return json_answer(status, body)

    def _status(self, body: dict[str, Any]) -> int:
        """The HTTP status of an answer: its error_code for a refusal."""
        return 200 if body["ok"] else int(body["error_code"])
