"""The whole-number ratios a self-assessment scores items with give exactly the % of the rules'
exact scores (with their steps), and a value that only equals a whole number is never taken for one."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import copc_cx as cx
from copc_cx import rules
from copc_cx.errors import InputError


@st.composite
def metric_counts(draw: st.DrawFn) -> tuple[int, int, int]:
    total = draw(st.integers(1, 300))
    achieved = draw(st.integers(0, total))
    return achieved, draw(st.integers(0, total - achieved)), total


@given(st.integers(1, 80), st.integers(1, 80), st.data())
def test_approach_deployment_ratio_is_the_exact_score(applicable: int, total: int, data: st.DataObject) -> None:
    met, deployed = data.draw(st.integers(0, applicable)), data.draw(st.integers(0, total))
    ratio = rules.approach_deployment_ratio(met, applicable, deployed, total)
    exact = rules.score_approach_deployment(met=met, applicable=applicable, deployed=deployed, total=total)
    assert ratio is not None and Fraction(*ratio) == exact.percent


@given(metric_counts())
def test_performance_ratio_is_the_exact_score(counts: tuple[int, int, int]) -> None:
    ratio = rules.performance_ratio(*counts)
    achieved, improving, total = counts
    exact = rules.score_performance(achieved=achieved, improving=improving, total=total)
    assert ratio is not None and Fraction(*ratio) == exact.percent


@given(metric_counts(), metric_counts(), metric_counts(), st.one_of(st.none(), metric_counts()))
def test_channel_performance_ratio_is_the_exact_score(
        service: tuple[int, int, int], quality: tuple[int, int, int], efficiency: tuple[int, int, int],
        sales: tuple[int, int, int] | None) -> None:
    types = {"service": service, "quality": quality, "efficiency": efficiency}
    if sales is not None:
        types["sales"] = sales
    ratio = rules.channel_performance_ratio(types)
    assert ratio is not None and Fraction(*ratio) == rules.score_channel_performance(types).percent


@given(st.integers(1, 300), st.data())
def test_rule_50_75_ratio_is_the_exact_score(total: int, data: st.DataObject) -> None:
    either = data.draw(st.integers(0, total))
    at_target = data.draw(st.integers(0, either))
    rated = rules.rule_50_75_ratio(at_target, either, total)
    exact = cx.assess("CSP", {"4.6": cx.Rule5075(at_target=at_target, at_target_or_improving=either,
                                                   total=total)}).items[0]
    assert rated is not None
    numerator, denominator, achieved = rated
    assert Fraction(numerator, denominator) == exact.percent and achieved == exact.rule_50_75_met


INPUTS: dict[str, cx.ItemInput] = {
    "2.15": cx.ApproachDeployment(met=11, applicable=12, deployed=5, total=7),
    "4.1": cx.Performance(achieved=15, improving=9, total=50),
    "4.3": cx.ChannelPerformance({"service": (7, 2, 17), "quality": (9, 1, 19), "efficiency": (5, 4, 13)}),
    "4.6": cx.Rule5075(at_target=26, at_target_or_improving=39, total=50),
}


def test_scoring_again_gives_what_scoring_first_gave() -> None:
    first, again = cx.assess("CSP", INPUTS), cx.assess("CSP", INPUTS)
    assert [s.number for s in again.items] == ["2.15", "4.1", "4.3", "4.6"]
    assert again.items == first.items and again.earned == first.earned
    assert [s.steps for s in again.items] == [s.steps for s in first.items]
    assert [c.detail for c in again.conditions] == [c.detail for c in first.conditions]


@pytest.mark.parametrize("inputs", [
    cx.ApproachDeployment(met=True, applicable=1, deployed=1, total=1),
    cx.ApproachDeployment(met=1.0, applicable=1, deployed=1, total=1),  # type: ignore[arg-type]
    cx.ChannelPerformance({"service": (True, 0, 1), "quality": (1, 0, 1), "efficiency": (1, 0, 1)}),
])
def test_a_value_that_only_equals_a_whole_number_is_refused(inputs: cx.ItemInput) -> None:
    number = "4.3" if isinstance(inputs, cx.ChannelPerformance) else "2.15"
    with pytest.raises(InputError):
        cx.assess("CSP", {number: inputs})
