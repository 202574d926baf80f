"""Rules beyond the guide's examples: deployment bands, exclusions, the level rule, decisions."""

from __future__ import annotations

import pytest

import copc_cx as cx


@pytest.mark.parametrize(
    ("deployed", "total", "rating"),
    [(3, 3, 100), (3, 4, 75), (2, 4, 50), (1, 4, 25), (0, 4, 0), (9, 10, 75), (1, 3, 25), (1, 5, 0)],
)
def test_deployment_bands_default_to_quartiles(deployed: int, total: int, rating: int) -> None:
    assert cx.deployment_rating(deployed=deployed, total=total) == rating


def test_approach_limits_the_item_when_lower() -> None:
    score = cx.score_approach_deployment(met=9, applicable=10, deployed=4, total=4)
    assert float(score.percent) == 90.0 and score.limited_by == "approach"


def test_percentages_from_counts_stay_exact() -> None:
    score = cx.score_approach_deployment(met=5, applicable=12, deployed=1, total=1)
    assert score.approach * 12 == 500  # 41.666...%, not 42%


def test_applicable_points_of_an_osp_running_only_digital_channels() -> None:
    assert cx.applicable_points("OSP", human_assisted=False, digital_assisted=True) == 4360 - 700


def test_an_excludable_item_can_be_kept_when_auditors_judge_it_applicable() -> None:
    assert cx.applicable_points("CSP", human_assisted=True, digital_assisted=False, excluded=["4.4"]) == 3650


def test_full_scope_has_nothing_to_exclude() -> None:
    scope = cx.applicable_scope("CSP")
    assert scope.applicable == 4000 and scope.excluded == () and scope.excludable == ()


def test_level_rule_needs_three_quarters_of_the_months() -> None:
    assert cx.meets_level({"a": (9, 12), "b": (8, 12)})  # 1 of 2 metrics meet = 50%
    assert not cx.meets_level({"a": (8, 12), "b": (8, 12)})
    assert cx.meets_level({"a": (3, 4)})
    assert not cx.meets_level({"a": (2, 4)})
    assert cx.meets_level({"a": (4, 5)}) and not cx.meets_level({"a": (3, 5)})  # ceil(3.75) = 4


def test_renewal_every_two_years_only_when_all_five_conditions_hold() -> None:
    ok = dict(no_major_nonconformity=True, no_internal_audit_nonconformity=True, pst_at_target=66,
              pst_at_target_or_improving=76, pst_total=100, category_4_level_met=True)
    assert cx.renewal_interval(**ok).interval_years == 2  # type: ignore[arg-type]
    assert cx.renewal_interval(**{**ok, "pst_at_target": 65}).interval_years == 1  # type: ignore[arg-type]
    assert cx.renewal_interval(**{**ok, "pst_at_target_or_improving": 75}).interval_years == 1  # type: ignore[arg-type]
    assert cx.renewal_interval(**{**ok, "no_major_nonconformity": False}).interval_years == 1  # type: ignore[arg-type]


def _perfect(edition: str, human: bool = True, digital: bool = True) -> dict[str, cx.ItemInput]:
    scope = cx.applicable_scope(edition, human_assisted=human, digital_assisted=digital)
    inputs: dict[str, cx.ItemInput] = {}
    for item in scope.items:
        if item.scoring is cx.Scoring.APPROACH_DEPLOYMENT:
            inputs[item.number] = cx.ApproachDeployment(met=5, applicable=5, deployed=3, total=3)
        elif item.scoring is cx.Scoring.PERFORMANCE:
            inputs[item.number] = cx.Performance(achieved=6, improving=0, total=10)
        elif item.scoring is cx.Scoring.CHANNEL_PERFORMANCE:
            inputs[item.number] = cx.ChannelPerformance(
                {"service": (5, 0, 10), "quality": (5, 0, 10), "efficiency": (5, 0, 10)})
        else:
            inputs[item.number] = cx.Rule5075(at_target=6, at_target_or_improving=8, total=10)
    return inputs


@pytest.mark.parametrize("edition", ["CSP", "OSP"])
def test_a_perfect_self_assessment_is_certified(edition: str) -> None:
    result = cx.assess(edition, _perfect(edition))
    assert result.certified
    assert result.earned == cx.total_points(edition) and result.points_missing == 0
    assert [c.id for c in result.conditions] == ["points-95", "approach-100", "rule-50-75", "all-items-scored"]
    assert all(c.met for c in result.conditions)


def test_one_approach_below_100_makes_it_pending_despite_the_points() -> None:
    inputs = _perfect("CSP")
    inputs["1.1"] = cx.ApproachDeployment(met=9, applicable=10, deployed=3, total=3)
    result = cx.assess("CSP", inputs)
    assert float(result.percent_of_applicable) == pytest.approx(99.75)
    assert not result.certified
    assert [c.id for c in result.conditions if not c.met] == ["approach-100"]
    assert result.biggest_losses[0].number == "1.1"


def test_missing_50_75_makes_it_pending() -> None:
    inputs = _perfect("OSP")
    inputs["4.6"] = cx.Rule5075(at_target=49, at_target_or_improving=80, total=100)
    result = cx.assess("OSP", inputs)
    assert [c.id for c in result.conditions if not c.met] == ["rule-50-75"]


def test_points_below_95_percent_make_it_pending_and_say_how_many_are_missing() -> None:
    inputs = _perfect("CSP", digital=False)
    inputs["4.1"] = cx.Performance(achieved=4, improving=0, total=10)  # 80% of 500 -> loses 100
    inputs["4.5"] = cx.Performance(achieved=4, improving=0, total=10)  # 80% of 200 -> loses 40
    result = cx.assess("CSP", inputs, human_assisted=True, digital_assisted=False)
    assert result.scope.applicable == 3570 and result.earned == 3430
    assert result.certified is True  # 3,430 >= 3,391.5
    inputs["4.3"] = cx.ChannelPerformance({"service": (0, 0, 10), "quality": (5, 0, 10), "efficiency": (5, 0, 10)})
    result = cx.assess("CSP", inputs, human_assisted=True, digital_assisted=False)
    assert float(result.earned) == pytest.approx(3430 - 400 / 3)
    assert not result.certified
    assert float(result.points_missing) == pytest.approx(3391.5 - float(result.earned))


def test_unscored_items_are_named_and_block_certification() -> None:
    inputs = _perfect("CSP")
    del inputs["3.7"]
    result = cx.assess("CSP", inputs)
    assert result.unscored == ("3.7",)
    assert not result.certified
    assert "all-items-scored" in [c.id for c in result.conditions if not c.met]
    # an item of 1.0-3.0 without inputs fails the approach condition too, and its detail says why
    approach = next(c for c in result.conditions if c.id == "approach-100")
    assert not approach.met
    assert approach.detail.en == "Items without inputs: 3.7" and "3.7" in approach.detail.ja


def test_the_approach_condition_names_both_weak_and_blank_items() -> None:
    inputs = _perfect("CSP")
    del inputs["1.1"]
    inputs["2.8"] = cx.ApproachDeployment(9, 10, 3, 3)
    approach = next(c for c in cx.assess("CSP", inputs).conditions if c.id == "approach-100")
    assert not approach.met
    assert approach.detail.en == "Items with approach below 100%: 2.8; Items without inputs: 1.1"
    perfect = next(c for c in cx.assess("CSP", _perfect("CSP")).conditions if c.id == "approach-100")
    assert perfect.met and perfect.detail.en == "Approach is 100% on every item"


def test_category_totals_add_up() -> None:
    result = cx.assess("OSP", _perfect("OSP"))
    assert [c.available for c in result.categories] == [400, 1360, 600, 2000]
    assert sum(c.earned for c in result.categories) == result.earned


def test_process_certification_checks_the_entity_and_every_site() -> None:
    block = cx.block("people")
    requirements = [r.id for r in block.requirements if not r.id.endswith(".level")]
    good = {"people.hiring-timeliness": (10, 12), "people.hiring-quality": (9, 12),
            "people.training-quality": (6, 12), "people.client-hiring:Bank A": (11, 12)}
    bad = {"people.hiring-timeliness": (8, 12), "people.hiring-quality": (9, 12),
           "people.training-quality": (6, 12)}
    result = cx.check_process_certification("people", "CSP", entity=good, sites={"Osaka": good, "Sapporo": bad},
                                            requirements_met=requirements)
    assert [u.unit for u in result.units] == ["entity", "Osaka", "Sapporo"]
    assert [u.level.holds for u in result.units] == [True, True, False]
    assert result.units[2].failing == ("people.hiring-timeliness", "people.training-quality")
    assert not result.level_holds and not result.ready
    assert [r.id for r in result.unmet_requirements] == ["people.level"]
    fixed = cx.check_process_certification("people", "CSP", entity=good, sites={"Osaka": good},
                                           requirements_met=requirements)
    assert fixed.ready


def test_several_client_metrics_of_one_kind_are_named_by_their_labels() -> None:
    """Clients may require several metrics of one kind; a failing one is named with its label."""
    months = {"people.hiring-timeliness": (10, 12), "people.client-hiring:Bank A": (11, 12),
              "people.client-hiring:Bank B": (5, 12), "people.client-training:Bank B": (4, 12)}
    result = cx.check_process_certification("people", "CSP", entity=months, sites={"Osaka": months})
    entity = result.units[0]
    assert [m.metric for m in entity.level.metrics if not m.meets] == [
        "people.client-hiring:Bank B", "people.client-training:Bank B"]
    assert entity.level.holds  # 2 of 4 metrics meet their target: 50%
    step = next(s for s in result.steps if s.en.startswith("Entity"))
    assert "holds" in step.en
    failing = cx.check_process_certification("people", "CSP", entity={**months, "people.hiring-timeliness": (8, 12)},
                                             sites={"Osaka": months})
    step = next(s for s in failing.steps if s.en.startswith("Entity"))
    assert "Hiring metrics the client requires (Bank B)" in step.en
    assert "クライアントが要求する採用の指標（Bank B）" in step.ja


def test_quality_block_may_include_3_5() -> None:
    result = cx.check_process_certification("quality", "OSP", entity={"quality.defect-rate": (9, 12)},
                                            sites={"A": {"quality.defect-rate": (9, 12)}}, include_optional=True)
    assert result.items == ("2.7", "3.5")
