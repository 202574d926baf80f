"""Bad input raises an InputError (a ValueError) naming the field, in Japanese and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import copc_cx as cx


def _problems(call: Callable[[], Any]) -> dict[str, tuple[str, str]]:
    with pytest.raises(cx.InputError) as caught:
        call()
    assert isinstance(caught.value, ValueError)
    for p in caught.value.problems:
        assert p.ja and p.en and p.field
        assert any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in p.ja)  # Japanese text
    return {p.field: (p.ja, p.en) for p in caught.value.problems}


def test_negative_counts() -> None:
    assert set(_problems(lambda: cx.performance_percent(achieved=-1, improving=0, total=10))) == {"achieved"}


def test_all_problems_of_a_call_are_reported_together() -> None:
    fields = _problems(lambda: cx.approach_deployment_percent(met=-1, applicable="x", deployed=5, total=4))  # type: ignore[arg-type]
    assert set(fields) == {"met", "applicable", "deployed"}
    assert "4" in fields["deployed"][1] and "5" in fields["deployed"][1]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cx.performance_percent(achieved=8, improving=5, total=10), "improving"),
        (lambda: cx.performance_percent(achieved=11, improving=0, total=10), "achieved"),
        (lambda: cx.approach_deployment_percent(met=3, applicable=2, deployed=1, total=1), "met"),
        (lambda: cx.deployment_rating(deployed=4, total=3), "deployed"),
        (lambda: cx.rule_50_75(at_target=30, at_target_or_improving=20, total=50), "at_target"),
        (lambda: cx.rule_50_75(at_target=3, at_target_or_improving=60, total=50), "at_target_or_improving"),
    ],
)
def test_counts_that_do_not_add_up(call: Callable[[], Any], field: str) -> None:
    assert field in _problems(call)


@pytest.mark.parametrize(
    "call",
    [
        lambda: cx.performance_percent(achieved=0, improving=0, total=0),
        lambda: cx.deployment_rating(deployed=0, total=0),
        lambda: cx.approach_deployment_percent(met=0, applicable=0, deployed=1, total=1),
        lambda: cx.rule_50_75(at_target=0, at_target_or_improving=0, total=0),
        lambda: cx.meets_level({"a": (0, 0)}),
    ],
)
def test_zero_totals_where_a_share_is_needed(call: Callable[[], Any]) -> None:
    assert any("0" in en for _, en in _problems(call).values())


def test_floats_and_booleans_are_not_counts() -> None:
    assert set(_problems(lambda: cx.performance_percent(achieved=1.5, improving=True, total=10))) == {  # type: ignore[arg-type]
        "achieved", "improving"}


def test_unknown_items_and_editions() -> None:
    assert "item" in _problems(lambda: cx.item_points("9.9", "CSP"))
    assert "edition" in _problems(lambda: cx.item_points("1.1", "XYZ"))


def test_items_an_edition_does_not_have() -> None:
    _, en = _problems(lambda: cx.item_points("4.2a", "OSP"))["item"]
    assert "OSP" in en and "CSP" in en
    assert "item" in _problems(lambda: cx.item_points("2.16", "CSP"))


def test_client_management_block_is_not_for_a_csp() -> None:
    assert "block" in _problems(lambda: cx.check_process_certification(
        "client-management", "CSP", entity={"client-management.rfx-timeliness": (9, 12)}, sites={"A": {}}))


def test_a_missing_required_metric_type_in_4_3() -> None:
    fields = _problems(lambda: cx.channel_performance_percent({"service": (1, 0, 2), "sales": (1, 0, 2)}))
    assert set(fields) == {"quality", "efficiency"}


def test_unknown_metric_type_and_bad_counts_inside_a_type() -> None:
    fields = _problems(lambda: cx.channel_performance_percent(
        {"service": (1, 0, 2), "quality": (3, 0, 2), "efficiency": (1, 0, 0), "speed": (1, 0, 1)}))
    assert set(fields) == {"speed", "quality.achieved", "efficiency.total"}


def test_excluding_an_item_that_always_applies() -> None:
    assert "excluded" in _problems(lambda: cx.applicable_points(
        "CSP", human_assisted=True, digital_assisted=False, excluded=["2.7"]))


def test_a_scope_without_any_channel() -> None:
    assert "channels" in _problems(lambda: cx.applicable_points("CSP", human_assisted=False, digital_assisted=False))


def test_inputs_for_items_outside_the_scope_or_of_the_wrong_kind() -> None:
    assert "items.4.4" in _problems(lambda: cx.assess(
        "CSP", {"4.4": cx.Performance(1, 0, 1)}, human_assisted=True, digital_assisted=False))
    assert "items.2.16" in _problems(lambda: cx.assess("CSP", {"2.16": cx.ApproachDeployment(1, 1, 1, 1)}))
    assert "inputs" in _problems(lambda: cx.score_item("4.1", "CSP", cx.ApproachDeployment(1, 1, 1, 1)))


def test_level_rule_inputs() -> None:
    assert "metrics" in _problems(lambda: cx.meets_level({}))
    assert "a.months_at_target" in _problems(lambda: cx.meets_level({"a": (13, 12)}))


def test_unknown_metric_in_a_block() -> None:
    assert "sites.A.quality.nope" in _problems(lambda: cx.check_process_certification(
        "quality", "CSP", entity={"quality.defect-rate": (9, 12)}, sites={"A": {"quality.nope": (9, 12)}}))
