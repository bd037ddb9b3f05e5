"""The dashboard's pages and its Excel downloads; each one service call, rendered by a template or
by the same spreadsheet code as the bot's files."""

from __future__ import annotations

from typing import get_args

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response

from locales import short_day
from plans.cadence import PeriodKind
from render.report_model import STANDINGS
from render.xlsx import matrix_xlsx, overdue_xlsx, tasks_xlsx
from services import dashboard
from services.access import Actor
from services.clock import local_now
from services.compile import overdue_list
from web.context import Deps, message, render
from web.signin import signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
KIND_NAMES: dict[str, str] = {"week": "Tuần", "month": "Tháng", "half_year": "6 tháng", "year": "Năm"}
CELL_NAMES = {"sent": "Đã nộp", "late": "Nộp muộn", "missing": "Chưa nộp", "open": "Chưa đến hạn"}


def _number(params: QueryParams, name: str) -> int | None:
    value = params.get(name, "")
    return int(value) if value.isdigit() else None


def _group(request: Request) -> int | None:
    """``?to=`` narrows a page to one group below the asker's (ignored when it is not one)."""
    return _number(request.query_params, "to")


def _wanted(request: Request) -> dashboard.LeadFilter:
    params = request.query_params
    return dashboard.LeadFilter(_number(params, "don_vi"), params.get("nhom") or None, params.get("tinh_trang") or None)


def _kind(request: Request) -> PeriodKind:
    asked = request.query_params.get("ky", "month")
    return asked if asked in get_args(PeriodKind) else "month"  # type: ignore[return-value]


def _sheet(data: bytes, name: str) -> Response:
    return Response(data, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _shown(request: Request, found: object | None, template: str, what: str) -> Response:
    """The page of ``found``, or a short sentence when it is not in the asker's working group."""
    if found is None:
        return message(request, "Không tìm thấy", [f"Không tìm thấy {what} trong tổ công tác của đồng chí."], 404)
    return render(request, template, view=found, standings=STANDINGS)


@signed_in
async def overview(request: Request, actor: Actor, deps: Deps) -> Response:
    page = max(1, _number(request.query_params, "trang") or 1) - 1
    found = await dashboard.overview(deps.db, deps.clock, actor, _group(request), page)
    return render(request, "overview.html", view=found, scope=found.scope, standings=STANDINGS)


@signed_in
async def tasks(request: Request, actor: Actor, deps: Deps) -> Response:
    found = await dashboard.task_list(deps.db, deps.clock, actor, _wanted(request), _group(request))
    return render(request, "tasks.html", view=found, scope=found.scope, standings=STANDINGS)


@signed_in
async def tasks_sheet(request: Request, actor: Actor, deps: Deps) -> Response:
    """The filtered task list, every row, as the compiled report's task sheet."""
    found, rows = await dashboard.task_rows(deps.db, deps.clock, actor, _wanted(request), _group(request))
    generated = found.scope.at
    title = "Nhiệm vụ" + (f" — {found.agency}" if found.agency else "") + f" ({found.scope.group})"
    return _sheet(tasks_xlsx(rows, title, generated), f"nhiem-vu-{generated:%Y%m%d-%H%M}.xlsx")


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
    found = await dashboard.report_matrix(deps.db, deps.clock, actor, _kind(request), _group(request))
    return render(request, "reports.html", view=found, scope=found.scope, kinds=KIND_NAMES, cells=CELL_NAMES)


@signed_in
async def reports_sheet(request: Request, actor: Actor, deps: Deps) -> Response:
    found = await dashboard.report_matrix(deps.db, deps.clock, actor, _kind(request), _group(request))
    periods = [f"{p.label_vi} (hạn {short_day(p.due)})" for p in found.periods]
    rows = [(row.name, [CELL_NAMES[cell] for cell in row.cells]) for row in found.rows]
    title = f"Báo cáo định kỳ ({KIND_NAMES[found.kind].lower()}) — {found.scope.group}"
    data = matrix_xlsx(title, found.scope.at, periods, rows)
    return _sheet(data, f"bao-cao-dinh-ky-{found.scope.at:%Y%m%d-%H%M}.xlsx")


@signed_in
async def overdue_sheet(request: Request, actor: Actor, deps: Deps) -> Response:
    """The overdue tasks (all, or one agency's) as the same .xlsx as /tre_han's button."""
    found = await overdue_list(deps.db, deps.clock, actor, _number(request.query_params, "don_vi"), _group(request))
    generated = local_now(deps.clock, found.timezone)
    data = overdue_xlsx(found.tasks, "Nhiệm vụ trễ hạn", generated)
    return _sheet(data, f"tre-han-{generated:%Y%m%d-%H%M}.xlsx")
