"""Signing in by link and the one check every page goes through: no valid session, no page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from services.access import Actor
from services.web_access import Refusal, Visitor, redeem, web_actor
from web.config import SESSION_TTL
from web.context import Deps, deps, message

EXPLANATION_PATH = "/can-dang-nhap"
ASK_AGAIN = "Đề nghị liên hệ Thường trực Tổ công tác để nhận đường dẫn mới."
REFUSALS = {
    Refusal.USED: "Đường dẫn đăng nhập này đã được sử dụng hoặc không còn hiệu lực. " + ASK_AGAIN,
    Refusal.EXPIRED: "Đường dẫn đăng nhập đã hết hạn (mỗi đường dẫn chỉ dùng được trong 15 phút). " + ASK_AGAIN,
}

Page = Callable[[Request, Actor, Deps], Awaitable[Response]]


async def open_link(request: Request) -> Response:
    """``/dang-nhap/<token>``: spend the link, open an 8-hour session, go to the overview."""
    found = deps(request)
    outcome = await redeem(found.db, found.clock, request.path_params["token"])
    if isinstance(outcome, Refusal):
        return message(request, "Không đăng nhập được", [REFUSALS[outcome]], status_code=403)
    request.session.clear()
    since = int(found.clock.now().timestamp())
    request.session.update({"uid": outcome.external_id, "chat": outcome.chat_id, "since": since})
    return RedirectResponse("/", status_code=303)


async def explanation(request: Request) -> Response:
    return message(
        request,
        "Cần đăng nhập",
        [
            "Bảng điều khiển dành cho lãnh đạo và Thường trực Tổ công tác Đề án 06.",
            "Để xem, đề nghị mở đường dẫn đăng nhập cá nhân do Thường trực Tổ công tác cấp: "
            "đường dẫn dùng được một lần trong 15 phút, phiên làm việc kéo dài 8 giờ.",
        ],
    )


async def sign_out(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse(EXPLANATION_PATH, status_code=303)


def signed_in(page: Page) -> Callable[[Request], Awaitable[Response]]:
    """Run ``page`` for the session's actor (roles read now, from the bot's table); without a
    session, after its 8 hours (by the injected clock; the cookie's own Max-Age says the same to the
    browser), or for someone who may no longer see the dashboard, show the explanation instead."""

    @wraps(page)
    async def guarded(request: Request) -> Response:
        found = deps(request)
        uid, chat, since = (request.session.get(key) for key in ("uid", "chat", "since"))
        actor = None
        fresh = isinstance(since, int) and found.clock.now().timestamp() - since < SESSION_TTL.total_seconds()
        if fresh and isinstance(uid, int) and isinstance(chat, int):
            actor = await web_actor(found.db, found.clock, Visitor(uid, chat), found.config.admin_ids)
        if actor is None:
            request.session.clear()
            return RedirectResponse(EXPLANATION_PATH, status_code=303)
        return await page(request, actor, found)

    return guarded
