"""copc_cx: the scoring rules of the COPC CX Standard certification guide (Release 7.0 v1.2).

Unofficial. The one source of truth for the guide site and its calculators. Percentages are
floats from 0 to 100 computed from exact fractions; the `score_*` functions return the
exact values with their reasoning steps.
"""

from __future__ import annotations

from collections.abc import Mapping

from . import rules
from .assessment import (
    ApproachDeployment,
    Assessment,
    ChannelPerformance,
    ItemInput,
    ItemScore,
    Performance,
    Rule5075,
    assess,
    score_item,
)
from .catalog import block, category_points, item, item_points, items_in, total_points
from .errors import InputError, Problem
from .process import ProcessCertificationCheck, check_process_certification, meets_level
from .renewal import RenewalCheck, renewal_interval
from .rules import (
    check_level,
    score_approach_deployment,
    score_channel_performance,
    score_performance,
    score_rule_50_75,
)
from .scope import ApplicablePoints, applicable_points, applicable_scope, excludable_items
from .standard import Edition, MetricType, Scoring
from .text import Text

__version__ = "0.1.0"


def deployment_rating(*, deployed: int, total: int) -> int:
    """The deployment rating (0/25/50/75/100) for `deployed` of `total` units."""
    return rules.rate_deployment(deployed=deployed, total=total)


def approach_deployment_percent(*, met: int, applicable: int, deployed: int, total: int) -> float:
    """Item % for categories 1.0-3.0: the lower of approach % and the deployment rating."""
    return float(score_approach_deployment(met=met, applicable=applicable, deployed=deployed, total=total).percent)


def performance_percent(*, achieved: int, improving: int, total: int) -> float:
    """Item % for 4.1, 4.2a, 4.2b and 4.5 from counts of required metrics."""
    return float(score_performance(achieved=achieved, improving=improving, total=total).percent)


def channel_performance_percent(types: Mapping[str, tuple[int, int, int]]) -> float:
    """Item % for 4.3 and 4.4 from (achieved, improving, total) per metric type."""
    return float(score_channel_performance(types).percent)


def rule_50_75(*, at_target: int, at_target_or_improving: int, total: int) -> tuple[float, float]:
    """4.6: (percent for the 50 rule, percent for the 75 rule)."""
    result = score_rule_50_75(at_target=at_target, at_target_or_improving=at_target_or_improving, total=total)
    return float(result.level), float(result.trend)


__all__ = [
    "ApplicablePoints", "ApproachDeployment", "Assessment", "ChannelPerformance", "Edition", "InputError",
    "ItemInput", "ItemScore", "MetricType", "Performance", "Problem", "ProcessCertificationCheck",
    "RenewalCheck", "Rule5075", "Scoring", "Text", "applicable_points", "applicable_scope",
    "approach_deployment_percent", "assess", "block", "category_points", "channel_performance_percent",
    "check_level", "check_process_certification", "deployment_rating", "excludable_items", "item",
    "item_points", "items_in", "meets_level", "performance_percent", "renewal_interval", "rule_50_75",
    "score_approach_deployment", "score_channel_performance", "score_item", "score_performance",
    "score_rule_50_75", "total_points",
]
