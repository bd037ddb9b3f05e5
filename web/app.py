"""The ASGI application: routes, the signed session cookie, and the shared dependencies."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from services.clock import Clock
from services.unit import UnitOfWork
from services.web_access import SIGN_IN_PATH
from web import pages, signin
from web.config import SESSION_TTL, WebConfig
from web.context import Deps, message

SESSION_COOKIE = "dondoc_phien"


async def _not_found(request: Request, exc: Exception) -> Response:
    return message(request, "Không tìm thấy trang", ["Địa chỉ này không có trong bảng điều khiển."], 404)


async def _failed(request: Request, exc: Exception) -> Response:
    return message(request, "Chưa mở được trang", ["Đã có lỗi khi đọc dữ liệu. Đề nghị thử lại sau ít phút."], 500)


def create_app(db: UnitOfWork, clock: Clock, config: WebConfig) -> Starlette:
    routes = [
        Route("/", pages.overview),
        Route("/nhiem-vu", pages.tasks),
        Route("/nhiem-vu.xlsx", pages.tasks_sheet),
        Route("/bao-cao.xlsx", pages.reports_sheet),
        Route("/don-vi/{agency_id:int}", pages.agency),
        Route("/nhiem-vu/{task_id:int}", pages.task),
        Route("/bao-cao", pages.reports),
        Route("/tre-han.xlsx", pages.overdue_sheet),
        Route(SIGN_IN_PATH + "/{token}", signin.open_link),
        Route(signin.EXPLANATION_PATH, signin.explanation),
        Route("/dang-xuat", signin.sign_out),
    ]
    session = Middleware(
        SessionMiddleware,
        secret_key=config.secret,
        session_cookie=SESSION_COOKIE,
        max_age=int(SESSION_TTL.total_seconds()),
        same_site="lax",
        https_only=config.secure_cookie,
    )
    handlers = {404: _not_found, 500: _failed}
    app = Starlette(routes=routes, middleware=[session], exception_handlers=handlers)
    app.state.deps = Deps(db, clock, config)
    return app
