"""The actions under a notice draft's messages: choose recipients, tick agencies, send or cancel."""

from __future__ import annotations

from typing import Any

from channels.port import Action, Actions
from locales import _
from services.notices.composing import AgencyPage


def _cancel(draft_id: int) -> Action:
    return Action(_("❌ Hủy"), f"tb:{draft_id}:no")


def recipient_actions(draft_id: int, groups: list[dict[str, Any]]) -> Actions:
    """One action per group of recipients (everyone first), then ticking agencies one by one."""
    rows: list[tuple[Action, ...]] = [
        (Action(f"{'📢' if i == 0 else '👥'} {group['label']} ({len(group['ids'])})", f"tb:{draft_id}:g{i}"),)
        for i, group in enumerate(groups)
    ]
    rows.append((Action(_("☑️ Chọn từng đơn vị"), f"tb:{draft_id}:p0"),))
    rows.append((_cancel(draft_id),))
    return tuple(rows)


def picking_actions(draft_id: int, page: AgencyPage) -> Actions:
    """A page of agencies to tick, paging, and done."""
    rows: list[tuple[Action, ...]] = [
        (Action(("✅ " if agency_id in page.chosen else "▫️ ") + name, f"tb:{draft_id}:t{agency_id}"),)
        for agency_id, name in page.agencies
    ]
    nav = []
    if page.page > 0:
        nav.append(Action(_("◀ Trang trước"), f"tb:{draft_id}:p{page.page - 1}"))
    if page.page < page.pages - 1:
        nav.append(Action(_("Trang sau ▶"), f"tb:{draft_id}:p{page.page + 1}"))
    if nav:
        rows.append(tuple(nav))
    rows.append((Action(_("Xong ({n})", n=len(page.chosen)), f"tb:{draft_id}:d"), _cancel(draft_id)))
    return tuple(rows)


def preview_actions(draft_id: int, chats: int) -> Actions:
    """Send (when there is somewhere to send), choose again, or cancel."""
    rows: list[tuple[Action, ...]] = []
    if chats:
        rows.append((Action(_("✅ Gửi thông báo"), f"tb:{draft_id}:ok"),))
    rows.append((Action(_("↩️ Chọn lại nơi nhận"), f"tb:{draft_id}:r"), _cancel(draft_id)))
    return tuple(rows)
