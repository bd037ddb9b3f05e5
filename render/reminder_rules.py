"""A working group's reminder rules as ``/cai_dat`` lists them: one ``key = value`` line each, in
the words people type to change them, and where the report cadence came from."""

from __future__ import annotations

from locales import _
from services.group_settings import RulesInForce


def rule_lines(rules: RulesInForce) -> list[str]:
    lines = [f"{key} = {value}" for key, value in rules.values]
    lines.append(f"(cadence: {rules.cadence_source or _('mặc định')})")
    return lines
