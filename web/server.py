"""Serving the dashboard with uvicorn (``dondoc web``). Access logs stay off: a sign-in path holds a
one-time token."""

from __future__ import annotations

import uvicorn

from services.clock import Clock
from services.unit import UnitOfWork
from web.app import create_app
from web.config import WebConfig


def server(db: UnitOfWork, clock: Clock, config: WebConfig, host: str, port: int) -> uvicorn.Server:
    """A uvicorn server for the dashboard, to ``run()`` or to ``serve()`` inside a running loop."""
    app = create_app(db, clock, config)
    return uvicorn.Server(
        uvicorn.Config(app, host=host, port=port, access_log=False, proxy_headers=True, log_level="warning")
    )
