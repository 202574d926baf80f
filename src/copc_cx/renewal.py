"""The renewal interval: every year, or every two years when five conditions hold."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .rules import nested_counts, share
from .standard import RENEWAL_CONDITIONS, Condition
from .text import Text, fmt_percent_against

# PST shares the two-year interval needs, both strictly exceeded (「認証更新審査」)
AT_TARGET_OVER = 65
EITHER_OVER = 75


@dataclass(frozen=True)
class MetricShares:
    """The two renewal conditions on metrics: shares of PST metrics at target, and at target or improving."""

    at_target_share: Fraction
    either_share: Fraction

    @property
    def met(self) -> dict[str, bool]:
        """The conditions' ids and whether each holds (both need more than their share: strict '>')."""
        return {"pst-at-target-over-65": self.at_target_share > AT_TARGET_OVER,
                "pst-at-target-or-improving-over-75": self.either_share > EITHER_OVER}

    def step(self) -> Text:
        return Text(f"PST: 目標達成 {fmt_percent_against(self.at_target_share, AT_TARGET_OVER)}（65%超が必要）、"
                    f"目標達成または改善 {fmt_percent_against(self.either_share, EITHER_OVER)}（75%超が必要）",
                    f"PST: {fmt_percent_against(self.at_target_share, AT_TARGET_OVER)} at target (needs more than "
                    f"65%), {fmt_percent_against(self.either_share, EITHER_OVER)} at target or improving (needs more "
                    "than 75%)")


def metric_shares(*, pst_at_target: int, pst_at_target_or_improving: int, pst_total: int) -> MetricShares:
    """The PST shares of the counts, checked (at target <= at target or improving <= all)."""
    at_target, either, total = nested_counts(
        ("pst_at_target", pst_at_target), ("pst_at_target_or_improving", pst_at_target_or_improving),
        ("pst_total", pst_total), form="renewal")
    return MetricShares(share(at_target, total), share(either, total))


@dataclass(frozen=True)
class RenewalCheck:
    conditions: tuple[tuple[Condition, bool], ...]
    interval_years: int  # 2 when every condition holds, else 1
    at_target_share: Fraction  # % of PST metrics at target
    either_share: Fraction  # % at target or improving
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
    shares = metric_shares(pst_at_target=pst_at_target, pst_at_target_or_improving=pst_at_target_or_improving,
                           pst_total=pst_total)
    held = {
        "no-major-nonconformity": no_major_nonconformity,
        "no-internal-audit-nonconformity": no_internal_audit_nonconformity,
        **shares.met,
        "category-4-level": category_4_level_met,
    }
    conditions = tuple((c, held[c.id]) for c in RENEWAL_CONDITIONS)
    years = 2 if all(held.values()) else 1
    steps = (
        shares.step(),
        *(Text(f"{c.text.ja}: {'満たす' if held[c.id] else '満たさない'}",
               f"{c.text.en}: {'met' if held[c.id] else 'not met'}") for c in RENEWAL_CONDITIONS),
        Text(f"更新審査の間隔: {years} 年", f"Renewal audits every {years} year{'s' if years == 2 else ''}"),
    )
    return RenewalCheck(conditions, years, shares.at_target_share, shares.either_share, steps)
