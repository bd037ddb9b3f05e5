"""What every page shares: the database, the clock, the settings and the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from services.clock import Clock
from services.unit import UnitOfWork
from web.config import WebConfig
from web.filters import FILTERS, address

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
TEMPLATES.env.filters.update(FILTERS)
TEMPLATES.env.globals["address"] = address


@dataclass(frozen=True)
class Deps:
    db: UnitOfWork
    clock: Clock
    config: WebConfig


def deps(request: Request) -> Deps:
    found: Deps = request.app.state.deps
    return found


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status_code)


def message(request: Request, title: str, lines: list[str], status_code: int = 200) -> Response:
    """A short page of sentences: the explanation, a refusal, a page not found."""
    return render(request, "message.html", status_code, title=title, lines=lines)
