"""The JSON API keeps its contract whatever it is sent: it answers JSON, never raises, and every
error names a field in both languages. Figures shown beside a verdict never contradict it.

The named tests are the five causes a fuzzing run of 32,000 requests found, and the smaller
faults found beside them; the property test sends the whole request space of every operation.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.web import MAX_REQUEST_CHARS, OPERATIONS, Operation, call, handle


def answer(request: Any) -> dict[str, Any]:
    """handle() of `request` (JSON-encoded unless it is text already), checked against the contract."""
    text = request if isinstance(request, str) else json.dumps(request)
    out = handle(text)
    out.encode("utf-8")  # valid UTF-8: no lone surrogate went back raw
    response = json.loads(out)
    assert isinstance(response, dict) and isinstance(response.get("ok"), bool)
    if not response["ok"]:
        assert response["errors"], response
        for error in response["errors"]:
            assert isinstance(error["field"], str) and error["field"], error
            assert isinstance(error["ja"], str) and error["ja"] and isinstance(error["en"], str) and error["en"]
    return response


def fields(request: Any) -> list[str]:
    response = answer(request)
    assert not response["ok"], response
    return [e["field"] for e in response["errors"]]


# --- the five causes ---------------------------------------------------------------------------

def test_an_input_that_is_not_an_object_is_refused_at_the_input() -> None:
    assert fields({"op": "catalog", "input": 5}) == ["input"]
    assert fields({"op": "self-assessment", "input": [1, 2]}) == ["input"]


@pytest.mark.parametrize(("op", "data", "field"), [
    ("self-assessment", {"edition": "CSP", "items": {"2.1": 5}}, "items.2.1"),
    ("self-assessment", {"edition": "CSP", "items": 3}, "items"),
    ("self-assessment", {"edition": "CSP", "excluded": 5, "items": {}}, "excluded"),
    ("self-assessment", {"edition": "CSP", "items": {"4.3": {"types": " "}}}, "items.4.3.types"),
    ("channel-performance", {"edition": "CSP", "item": "4.3", "types": " "}, "types"),
    ("process-certification", {"edition": "CSP", "block": "quality", "entity": [], "sites": {}}, "entity"),
    ("process-certification", {"edition": "CSP", "block": "quality", "entity": {}, "sites": 3}, "sites"),
    ("process-certification", {"edition": "CSP", "block": "quality", "sites": {"A": {}}, "requirements_met": 1},
     "requirements_met"),
    ("item-score", {"edition": ["CSP"], "item": "2.15"}, "edition"),
])
def test_a_nested_field_of_the_wrong_type_is_refused_at_its_place(op: str, data: Any, field: str) -> None:
    assert field in fields({"op": op, "input": data})


@pytest.mark.parametrize("digits", ["1" * 5000, "9" * 4301])
def test_a_number_of_thousands_of_digits_is_too_large_at_its_field(digits: str) -> None:
    as_text = {"op": "performance", "input": {"edition": "CSP", "item": "4.1", "achieved": digits,
                                              "improving": "0", "total": "10"}}
    response = answer(as_text)
    assert [e["field"] for e in response["errors"]] == ["achieved"]
    assert "too large" in response["errors"][0]["en"] and "大きすぎます" in response["errors"][0]["ja"]
    as_number = '{"op": "performance", "input": {"edition": "CSP", "item": "4.1", "achieved": 1, ' \
                f'"improving": 0, "total": {digits}}}}}'
    assert fields(as_number) == ["total"]


@pytest.mark.parametrize("control", ["\u001c", "\u001d", "\u001e", "\u001f"])
def test_an_invisible_control_character_beside_digits_is_not_a_number(control: str) -> None:
    response = answer({"op": "performance", "input": {"edition": "CSP", "item": "4.1", "achieved": f"4{control}",
                                                      "improving": "0", "total": "10"}})
    assert [e["field"] for e in response["errors"]] == ["achieved"]
    assert "whole number" in response["errors"][0]["en"]


@pytest.mark.parametrize("depth", [997, 1500, 100_000])
def test_a_request_nested_hundreds_of_levels_deep_is_refused(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    assert fields(f'{{"op": "catalog", "input": {nested}}}') in (["request"], ["input"])
    assert fields(f'{{"op": "self-assessment", "input": {{"items": {{"1.1": {nested}}}}}}}') != []


# --- smaller faults found beside them ----------------------------------------------------------

def test_a_metric_type_named_with_nothing_gets_a_field_all_the_same() -> None:
    response = answer({"op": "channel-performance", "input": {"edition": "CSP", "item": "4.3", "types": {
        "": {"achieved": "1", "improving": "0", "total": "2"}}}})
    assert all(e["field"] for e in response["errors"])


@pytest.mark.parametrize(("text", "included"), [("false", False), ("true", True), (False, False), (True, True)])
def test_include_optional_as_text_is_read_as_it_says(text: Any, included: bool) -> None:
    example = EXAMPLES_BY_ID["level-rule-two-sites"]
    response = answer({"op": "process-certification", "input": {
        **example.input, "block": "quality", "entity": {}, "sites": {"A": {}}, "include_optional": text}})
    # the quality block's optional item is 3.5; the request then fails only for its empty units
    assert not response["ok"]
    ok = answer({"op": "process-certification", "input": {
        "edition": "CSP", "block": "quality", "include_optional": text,
        "entity": {"quality.defect-rate": {"months_at_target": "9", "months_measured": "12"}},
        "sites": {"A": {"quality.defect-rate": {"months_at_target": "9", "months_measured": "12"}}}}})
    assert ("3.5" in ok["result"]["items"]) is included


def test_include_optional_that_is_neither_true_nor_false_is_refused() -> None:
    assert "include_optional" in fields({"op": "process-certification", "input": {
        "edition": "CSP", "block": "quality", "include_optional": "maybe", "sites": {}}})


def test_lone_surrogates_never_come_back_raw() -> None:
    out = handle('{"op": "process-certification", "input": {"edition": "CSP", "block": "quality", '
                 '"sites": {"\\ud800": {}}, "entity": {}}}')
    out.encode("utf-8")
    assert "\ud800" not in out
    out = handle('{"op": "self-assessment", "input": {"edition": "CSP", "items": {"\\udfff": {"met": "1"}}}}')
    out.encode("utf-8")


def test_full_width_digits_count_and_other_scripts_digits_do_not() -> None:
    full_width = answer({"op": "performance", "input": {"edition": "CSP", "item": "4.1", "achieved": "１２",
                                                        "improving": "　１０ ", "total": "５０"}})
    assert full_width["ok"] and full_width["result"]["percent"] == 58
    arabic_indic = answer({"op": "performance", "input": {"edition": "CSP", "item": "4.1", "achieved": "١٢",
                                                          "improving": "0", "total": "50"}})
    assert [e["field"] for e in arabic_indic["errors"]] == ["achieved"]


def test_counts_have_plausible_bounds() -> None:
    response = answer({"op": "item-score", "input": {"edition": "CSP", "item": "2.15", "met": "100001",
                                                     "applicable": "100001", "deployed": "1", "total": "1"}})
    assert sorted(e["field"] for e in response["errors"]) == ["applicable", "met"]
    months = answer({"op": "process-certification", "input": {
        "edition": "CSP", "block": "quality", "entity": {},
        "sites": {"A": {"quality.defect-rate": {"months_at_target": "500", "months_measured": "600"}}}}})
    assert {e["field"] for e in months["errors"]} >= {"sites.A.quality.defect-rate.months_measured"}


def test_a_request_larger_than_the_limit_is_refused_without_being_read() -> None:
    huge = json.dumps({"op": "catalog", "input": {"pad": "x" * MAX_REQUEST_CHARS}})
    assert fields(huge) == ["request"]


def test_garbage_and_unknown_operations() -> None:
    assert fields("not json") == ["request"]
    assert fields("[1, 2]") == ["request"]
    assert fields({"op": "nope"}) == ["op"]
    assert fields({"op": 5}) == ["op"]
    assert answer({"op": "catalog"})["ok"]


def test_an_unexpected_failure_becomes_an_error_naming_the_request(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Any) -> Any:
        raise RuntimeError("boom")

    monkeypatch.setitem(OPERATIONS, "renewal", Operation(broken, OPERATIONS["renewal"].summary))
    response = call({"op": "renewal", "input": {}})
    assert response["errors"][0]["field"] == "request" and "renewal" in response["errors"][0]["en"]


# --- the whole request space --------------------------------------------------------------------

KEYS = ["edition", "item", "met", "applicable", "deployed", "total", "achieved", "improving", "types", "service",
        "quality", "sales", "efficiency", "at_target", "at_target_or_improving", "human_assisted",
        "digital_assisted", "excluded", "items", "2.15", "4.3", "4.6", "block", "entity", "sites", "A",
        "requirements_met", "include_optional", "months_at_target", "months_measured", "quality.defect-rate",
        "pst_at_target", "pst_at_target_or_improving", "pst_total", "no_major_nonconformity",
        "months", "rows", "name", "target", "direction", "results", "level", "type", "text", "format", "lang",
        "improvement", "level_reading", "period_months", "programs", "clients",
        "start", "start_is", "path", "baseline", "audit", "certified", "renewal", "years", "contingencies",
        "today", "label", ""]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(allow_nan=True),
    st.sampled_from(["", "CSP", "OSP", "2.15", "4.3", "quality", "workforce", "12", "１２", "-3", "4\u001c", "true",
                     "false", "1" * 5000, "\ud800", " ", "٣", "2024-01", "higher", "program", "last-three-better",
                     "each-month", "csv", "a\tb\n1\t2", "nan", "1e999", "2027-03-01", "2026-02-30",
                     "9999-12-31", "0001-01-01", "backward", "fastest", "process", "baseline"]),
    st.text(max_size=12),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=5), inner, max_size=5)),
    max_leaves=20)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op=st.sampled_from(sorted(OPERATIONS)), data=st.dictionaries(st.sampled_from(KEYS), values, max_size=8))
def test_every_operation_answers_any_request_with_the_contract(op: str, data: dict[str, Any]) -> None:
    answer({"op": op, "input": data})


@settings(max_examples=200, deadline=None)
@given(request=values)
def test_any_json_at_all_gets_an_answer(request: Any) -> None:
    answer(request)


# --- no figure contradicts its verdict ----------------------------------------------------------

def _full_csp() -> dict[str, Any]:
    """Every item of a CSP at full marks, as the self-assessment takes it."""
    items: dict[str, Any] = {}
    for item in call({"op": "catalog"})["result"]["editions"]["CSP"]["items"]:
        if item["scoring"] == "approach-deployment":
            items[item["number"]] = {"met": "4", "applicable": "4", "deployed": "3", "total": "3"}
        elif item["scoring"] == "performance":
            items[item["number"]] = {"achieved": "5", "improving": "0", "total": "10"}
        elif item["scoring"] == "channel-performance":
            items[item["number"]] = {"types": {t: {"achieved": "5", "improving": "0", "total": "10"}
                                               for t in ("service", "quality", "efficiency")}}
        else:
            items[item["number"]] = {"at_target": "5", "at_target_or_improving": "8", "total": "10"}
    return {"edition": "CSP", "items": items}


def test_points_a_hair_under_95_percent_never_show_as_95_percent() -> None:
    data = _full_csp()
    # 4.1 at (200 x 29,000 + 50 x 3,998) / 99,999 = 59.9996%: 500 - 5 x 59.9996 = 200.002 points lost
    data["items"]["4.1"] = {"achieved": "29000", "improving": "3998", "total": "99999"}
    result = answer({"op": "self-assessment", "input": data})["result"]
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["points-95"]["met"] is False
    shown = result["display"]
    assert shown["earned"] == "3,799.998" and shown["points_missing"] == "0.002"
    assert shown["percent_of_applicable"] == "94.9999"
    assert "3,799.998" in conditions["points-95"]["detail"]["en"] and "0.002 points short" in \
        conditions["points-95"]["detail"]["en"]


@pytest.mark.parametrize(("op", "data", "path", "shown"), [
    ("item-score", {"edition": "CSP", "item": "2.15", "met": "99999", "applicable": "100000", "deployed": "1",
                    "total": "1"}, ("display", "approach"), "99.999"),
    ("item-score", {"edition": "CSP", "item": "2.15", "met": "1", "applicable": "1", "deployed": "74999",
                    "total": "100000"}, ("display", "deployed_share"), "74.999"),
    ("rule-50-75", {"at_target": "49999", "at_target_or_improving": "74999", "total": "100000"},
     ("display", "at_target_share"), "49.999"),
    ("rule-50-75", {"at_target": "49999", "at_target_or_improving": "74999", "total": "100000"},
     ("display", "either_share"), "74.999"),
    ("performance", {"edition": "CSP", "item": "4.5", "achieved": "49999", "improving": "0", "total": "100000"},
     ("display", "achieved_share"), "49.999"),
    ("renewal", {"pst_at_target": "65001", "pst_at_target_or_improving": "75001", "pst_total": "100000"},
     ("display", "at_target_share"), "65.001"),
    ("renewal", {"pst_at_target": "65001", "pst_at_target_or_improving": "75001", "pst_total": "100000"},
     ("display", "either_share"), "75.001"),
])
def test_shares_beside_a_threshold_show_the_side_they_are_on(op: str, data: dict[str, Any], path: tuple[str, str],
                                                              shown: str) -> None:
    response = answer({"op": op, "input": data})
    assert response["ok"], response
    assert response["result"][path[0]][path[1]] == shown
    assert any(f"{shown}%" in step["en"] for step in response["steps"])


def test_the_level_rule_at_three_quarters_of_the_months_and_half_the_metrics() -> None:
    def unit(*at: int) -> dict[str, Any]:
        names = ["workforce.speed-of-answer", "workforce.abandonment"]
        return {n: {"months_at_target": str(a), "months_measured": "12"} for n, a in zip(names, at, strict=True)}

    result = answer({"op": "process-certification", "input": {
        "edition": "CSP", "block": "workforce", "entity": unit(9, 8), "sites": {"A": unit(8, 8)}}})["result"]
    entity, site = result["units"]
    assert [m["meets"] for m in entity["metrics"]] == [True, False]  # 9 of 12 is ¾; 8 is not
    assert entity["holds"] and entity["display"]["share_meeting"] == "50"  # half the metrics is enough
    assert not site["holds"] and site["display"]["share_meeting"] == "0"
