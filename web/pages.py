"""The dashboard's pages and its Excel download; each one service call, rendered by a template."""

from __future__ import annotations

from typing import get_args

from starlette.requests import Request
from starlette.responses import Response

from plans.cadence import PeriodKind
from render.report_model import STANDINGS
from render.xlsx import overdue_xlsx
from services import dashboard
from services.access import Actor
from services.clock import local_now
from services.compile import overdue_list
from web.context import Deps, message, render
from web.signin import signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_NAMES: dict[str, str] = {"week": "Tuần", "month": "Tháng", "half_year": "6 tháng", "year": "Năm"}
CELL_NAMES = {"sent": "Đã nộp", "late": "Nộp muộn", "missing": "Chưa nộp", "open": "Chưa đến hạn"}


def _shown(request: Request, found: object | None, template: str, what: str) -> Response:
    """The page of ``found``, or a short sentence when it is not in the asker's working group."""
    if found is None:
        return message(request, "Không tìm thấy", [f"Không tìm thấy {what} trong tổ công tác của đồng chí."], 404)
    return render(request, template, view=found, standings=STANDINGS)


@signed_in
async def overview(request: Request, actor: Actor, deps: Deps) -> Response:
    found = await dashboard.overview(deps.db, deps.clock, actor)
    return render(request, "overview.html", view=found, standings=STANDINGS)


@signed_in
async def agency(request: Request, actor: Actor, deps: Deps) -> Response:
    found = await dashboard.agency_page(deps.db, deps.clock, actor, request.path_params["agency_id"])
    return _shown(request, found, "agency.html", "đơn vị này")


@signed_in
async def task(request: Request, actor: Actor, deps: Deps) -> Response:
    found = await dashboard.task_page(deps.db, deps.clock, actor, request.path_params["task_id"])
    return _shown(request, found, "task.html", "nhiệm vụ này")


@signed_in
async def reports(request: Request, actor: Actor, deps: Deps) -> Response:
    asked = request.query_params.get("ky", "month")
    kind: PeriodKind = asked if asked in get_args(PeriodKind) else "month"  # type: ignore[assignment]
    found = await dashboard.report_matrix(deps.db, deps.clock, actor, kind)
    return render(request, "reports.html", view=found, kind=kind, kinds=KIND_NAMES, cells=CELL_NAMES)


@signed_in
async def overdue_sheet(request: Request, actor: Actor, deps: Deps) -> Response:
    """The overdue tasks (all, or one agency's) as the same .xlsx as /tre_han's button."""
    asked = request.query_params.get("don_vi", "")
    found = await overdue_list(deps.db, deps.clock, actor, int(asked) if asked.isdigit() else None)
    generated = local_now(deps.clock, found.timezone)
    data = overdue_xlsx(found.tasks, "Nhiệm vụ trễ hạn", generated)
    name = f"tre-han-{generated:%Y%m%d-%H%M}.xlsx"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})
