"""The reminder planner's heads-ups to supporting agencies: once per task, whatever its leads."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from plans.reminder_plan import HEADS_UP, Lead, Rules, plan_between
from plans.schedule import ReminderSettings


def test_a_supporting_agency_gets_one_heads_up_for_a_task_with_two_leads() -> None:
    rules = Rules(replace(ReminderSettings(), support_heads_up=True), "Asia/Ho_Chi_Minh")
    leads = [  # one task, two leads with different due days, one supporting agency (id 9)
        Lead(lead_id=1, task_id=5, agency_id=2, due=date(2026, 3, 20), supports=(9,)),
        Lead(lead_id=2, task_id=5, agency_id=3, due=date(2026, 3, 27), supports=(9,)),
    ]
    reminders = plan_between(rules, leads, [], {}, date(2026, 3, 1), date(2026, 3, 31))
    heads_ups = [r for r in reminders if r.kind == HEADS_UP]
    assert [(r.agency_id, r.lead.lead_id if r.lead else None) for r in heads_ups] == [(9, 1)]
    assert {r.agency_id for r in reminders if r.kind != HEADS_UP} == {2, 3}  # each lead still reminded
