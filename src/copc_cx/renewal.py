"""The renewal interval: every year, or every two years when five conditions hold."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import nested_counts, share
from .standard import RENEWAL_CONDITIONS, Condition
from .text import Text, fmt_percent


@dataclass(frozen=True)
class RenewalCheck:
    conditions: tuple[tuple[Condition, bool], ...]
    interval_years: int  # 2 when every condition holds, else 1
    steps: tuple[Text, ...]


def renewal_interval(
    *,
    no_major_nonconformity: bool,
    no_internal_audit_nonconformity: bool,
    pst_at_target: int,
    pst_at_target_or_improving: int,
    pst_total: int,
    category_4_level_met: bool,
) -> RenewalCheck:
    """Whether renewal audits may move to every two years (all five conditions, strict '>')."""
    at_target, either, total = nested_counts(
        ("pst_at_target", pst_at_target), ("pst_at_target_or_improving", pst_at_target_or_improving),
        ("pst_total", pst_total))

    target_share, either_share = share(at_target, total), share(either, total)
    held = {
        "no-major-nonconformity": no_major_nonconformity,
        "no-internal-audit-nonconformity": no_internal_audit_nonconformity,
        "pst-at-target-over-65": target_share > 65,
        "pst-at-target-or-improving-over-75": either_share > 75,
        "category-4-level": category_4_level_met,
    }
    conditions = tuple((c, held[c.id]) for c in RENEWAL_CONDITIONS)
    years = 2 if all(held.values()) else 1
    steps = (
        Text(f"PST: 目標達成 {fmt_percent(target_share)}（65%超が必要）、"
             f"目標達成または改善 {fmt_percent(either_share)}（75%超が必要）",
             f"PST: {fmt_percent(target_share)} at target (needs more than 65%), "
             f"{fmt_percent(either_share)} at target or improving (needs more than 75%)"),
        Text(f"更新審査の間隔: {years} 年", f"Renewal audits every {years} year{'s' if years == 2 else ''}"),
    )
    return RenewalCheck(conditions, years, steps)
