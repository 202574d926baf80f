"""A self-assessment scored again keeps the scores of items whose counts did not change, and gives
exactly what scoring them afresh gives; counts that only equal whole numbers are never taken for them."""

from __future__ import annotations

import pytest

import copc_cx as cx
from copc_cx import assessment
from copc_cx.errors import InputError

INPUTS: dict[str, cx.ItemInput] = {
    "2.15": cx.ApproachDeployment(met=11, applicable=12, deployed=5, total=7),
    "4.1": cx.Performance(achieved=15, improving=9, total=50),
    "4.3": cx.ChannelPerformance({"service": (7, 2, 17), "quality": (9, 1, 19), "efficiency": (5, 4, 13)}),
    "4.6": cx.Rule5075(at_target=26, at_target_or_improving=39, total=50),
}


def test_scoring_again_gives_what_scoring_afresh_gives() -> None:
    assessment._KEPT.clear()
    first = cx.assess("CSP", INPUTS)
    again = cx.assess("CSP", INPUTS)
    assert [s.number for s in again.items] == ["2.15", "4.1", "4.3", "4.6"]
    assert again.items == first.items and again.earned == first.earned
    assert [s.steps for s in again.items] == [s.steps for s in first.items]
    assert [c.detail for c in again.conditions] == [c.detail for c in first.conditions]
    assert all(a is b for a, b in zip(again.items, first.items, strict=True))  # kept, not scored again
    assessment._KEPT.clear()
    assert cx.assess("CSP", INPUTS).items == first.items


@pytest.mark.parametrize("inputs", [
    cx.ApproachDeployment(met=True, applicable=1, deployed=1, total=1),
    cx.ApproachDeployment(met=1.0, applicable=1, deployed=1, total=1),  # type: ignore[arg-type]
    cx.ChannelPerformance({"service": (True, 0, 1), "quality": (1, 0, 1), "efficiency": (1, 0, 1)}),
])
def test_a_value_that_only_equals_a_kept_count_is_still_refused(inputs: cx.ItemInput) -> None:
    number = "4.3" if isinstance(inputs, cx.ChannelPerformance) else "2.15"
    equal: dict[str, cx.ItemInput] = {"2.15": cx.ApproachDeployment(met=1, applicable=1, deployed=1, total=1),
                                      "4.3": cx.ChannelPerformance({"service": (1, 0, 1), "quality": (1, 0, 1),
                                                                    "efficiency": (1, 0, 1)})}
    cx.assess("CSP", {number: equal[number]})  # kept
    with pytest.raises(InputError):
        cx.assess("CSP", {number: inputs})


def test_the_kept_scores_never_grow_past_their_bound() -> None:
    for met in range(assessment.KEPT_SCORES + 10):
        cx.assess("CSP", {"2.15": cx.ApproachDeployment(met=met, applicable=assessment.KEPT_SCORES + 10,
                                                        deployed=1, total=1)})
    assert 0 < len(assessment._KEPT) <= assessment.KEPT_SCORES
