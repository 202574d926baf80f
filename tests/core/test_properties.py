"""Properties that must hold for every input, checked with hypothesis."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import copc_cx as cx


@st.composite
def metric_counts(draw: st.DrawFn) -> tuple[int, int, int]:
    """(achieved, improving, total) with achieved + improving <= total."""
    total = draw(st.integers(1, 300))
    achieved = draw(st.integers(0, total))
    improving = draw(st.integers(0, total - achieved))
    return achieved, improving, total


@st.composite
def approach_deployment(draw: st.DrawFn) -> tuple[int, int, int, int]:
    applicable = draw(st.integers(1, 60))
    total = draw(st.integers(1, 60))
    return draw(st.integers(0, applicable)), applicable, draw(st.integers(0, total)), total


@given(metric_counts())
def test_performance_percent_stays_between_0_and_100(counts: tuple[int, int, int]) -> None:
    achieved, improving, total = counts
    assert 0 <= cx.performance_percent(achieved=achieved, improving=improving, total=total) <= 100


@given(metric_counts())
def test_one_more_metric_at_target_never_lowers_the_score(counts: tuple[int, int, int]) -> None:
    achieved, improving, total = counts
    before = cx.performance_percent(achieved=achieved, improving=improving, total=total)
    if achieved + improving < total:  # a metric not at target and not improving reaches target
        assert cx.performance_percent(achieved=achieved + 1, improving=improving, total=total) >= before
    if improving > 0:  # an improving metric reaches target
        assert cx.performance_percent(achieved=achieved + 1, improving=improving - 1, total=total) >= before


@given(st.lists(metric_counts(), min_size=4, max_size=4), st.booleans())
def test_channel_performance_stays_between_0_and_100(counts: list[tuple[int, int, int]], sales: bool) -> None:
    types = dict(zip(["service", "quality", "efficiency", "sales"], counts, strict=True))
    if not sales:
        del types["sales"]
    assert 0 <= cx.channel_performance_percent(types) <= 100


@st.composite
def rule_counts(draw: st.DrawFn) -> tuple[int, int, int]:
    total = draw(st.integers(1, 300))
    either = draw(st.integers(0, total))
    return draw(st.integers(0, either)), either, total


@given(rule_counts())
def test_rule_50_75_stays_between_0_and_100(counts: tuple[int, int, int]) -> None:
    at_target, either, total = counts
    level, trend = cx.rule_50_75(at_target=at_target, at_target_or_improving=either, total=total)
    assert 0 <= level <= 100 and 0 <= trend <= 100


@given(rule_counts())
def test_rule_50_75_is_monotone(counts: tuple[int, int, int]) -> None:
    at_target, either, total = counts
    level, trend = cx.rule_50_75(at_target=at_target, at_target_or_improving=either, total=total)
    if at_target < either:
        assert cx.rule_50_75(at_target=at_target + 1, at_target_or_improving=either, total=total)[0] >= level
    if either < total:
        assert cx.rule_50_75(at_target=at_target, at_target_or_improving=either + 1, total=total)[1] >= trend


@given(approach_deployment())
def test_item_score_never_exceeds_the_lower_of_approach_and_deployment(
    counts: tuple[int, int, int, int],
) -> None:
    met, applicable, deployed, total = counts
    score = cx.score_approach_deployment(met=met, applicable=applicable, deployed=deployed, total=total)
    assert 0 <= score.percent <= min(score.approach, Fraction(score.deployment)) <= 100
    assert score.deployment in (0, 25, 50, 75, 100)
    assert score.deployment <= score.deployed_share


@given(st.integers(1, 200), st.integers(1, 200))
def test_deployment_rating_is_monotone(deployed_plus_one: int, total: int) -> None:
    deployed = min(deployed_plus_one - 1, total)
    rating = cx.deployment_rating(deployed=deployed, total=total)
    if deployed < total:
        assert cx.deployment_rating(deployed=deployed + 1, total=total) >= rating


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=3),
                       st.integers(1, 24).flatmap(lambda m: st.tuples(st.integers(0, m), st.just(m))),
                       min_size=1, max_size=8))
def test_level_rule_holds_exactly_when_half_the_metrics_meet_three_quarters(
    metrics: dict[str, tuple[int, int]],
) -> None:
    meeting = sum(4 * at >= 3 * measured for at, measured in metrics.values())
    assert cx.meets_level(metrics) == (2 * meeting >= len(metrics))
