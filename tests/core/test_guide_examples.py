"""The certification guide's own worked examples, one test each, named after them."""

from __future__ import annotations

from fractions import Fraction

import copc_cx as cx


def test_item_2_15_three_programs_two_deploying_scores_20_points() -> None:
    # 2.15 (40 points): approach 100%, 2 of 3 programs deploy (67%) -> deployment 50% -> 20 points.
    assert cx.deployment_rating(deployed=2, total=3) == 50
    assert cx.approach_deployment_percent(met=2, applicable=2, deployed=2, total=3) == 50.0
    score = cx.score_item("2.15", "CSP", cx.ApproachDeployment(met=2, applicable=2, deployed=2, total=3))
    assert score.points == 20
    assert isinstance(score.detail, cx.rules.ApproachDeploymentScore)
    assert score.detail.limited_by == "deployment"


def test_performance_48_percent_at_target_scores_96_percent() -> None:
    assert cx.performance_percent(achieved=48, improving=0, total=100) == 96.0


def test_performance_25_percent_at_target_and_20_improving_scores_60_percent() -> None:
    assert cx.performance_percent(achieved=25, improving=20, total=100) == 60.0


def test_performance_50_percent_or_more_at_target_scores_100_whatever_improves() -> None:
    assert cx.performance_percent(achieved=50, improving=0, total=100) == 100.0
    assert cx.performance_percent(achieved=60, improving=40, total=100) == 100.0


def test_performance_0_percent_at_target_earns_half_a_point_per_point_improving() -> None:
    assert cx.performance_percent(achieved=0, improving=0, total=100) == 0.0
    assert cx.performance_percent(achieved=0, improving=30, total=100) == 15.0


def test_issue_example_12_at_target_10_improving_of_50_scores_58() -> None:
    assert cx.performance_percent(achieved=12, improving=10, total=50) == 58.0


def test_channel_performance_four_type_example() -> None:
    # service 40% -> 80, quality 50% -> 100, sales 60% -> 100, efficiency 25% + 10% -> 55.
    types = {"service": (40, 0, 100), "quality": (50, 0, 100), "sales": (60, 0, 100), "efficiency": (25, 10, 100)}
    result = cx.score_channel_performance(types)
    assert [float(s.percent) for s in result.by_type.values()] == [80.0, 100.0, 100.0, 55.0]
    assert result.weight == Fraction(1, 4)
    assert cx.channel_performance_percent(types) == 83.75
    score = cx.score_item("4.3", "CSP", cx.ChannelPerformance(types))
    assert score.points == 335  # 400 x (80 + 100 + 100 + 55) / 4 %


def test_channel_performance_without_sales_gives_each_type_a_third() -> None:
    types = {"service": (40, 0, 100), "quality": (50, 0, 100), "efficiency": (25, 10, 100)}
    result = cx.score_channel_performance(types)
    assert result.weight == Fraction(1, 3)
    assert result.percent == Fraction(80 + 100 + 55, 3)


def test_rule_50_75_example_48_and_69_percent_gives_96_and_92() -> None:
    assert cx.rule_50_75(at_target=48, at_target_or_improving=69, total=100) == (96.0, 92.0)
    score = cx.score_item("4.6", "CSP", cx.Rule5075(at_target=48, at_target_or_improving=69, total=100))
    assert score.points == 168 + 161  # the default split: 175 x 96% + 175 x 92%
    assert score.rule_50_75_met is False


def test_applicable_points_of_a_csp_without_digital_channels_with_the_erratum() -> None:
    # The guide prints 3,550 (2.6 counted as 100) and 3,372 (rounded down); the table says 2.6 is 80.
    assert cx.applicable_points("CSP", human_assisted=True, digital_assisted=False) == 3570
    scope = cx.applicable_scope("CSP", human_assisted=True, digital_assisted=False)
    assert [i.number for i in scope.excluded] == ["2.6", "4.4"]
    assert scope.required == Fraction(6783, 2)  # 3,391.5, never rounded down


def test_item_points_of_2_1_for_osp_follow_the_erratum() -> None:
    assert cx.item_points("2.1", "OSP") == 100
    assert cx.item_points("2.2", "OSP") == 100
    assert cx.item_points("2.3", "OSP") == 100
