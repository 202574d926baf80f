"""The metrics table (issue 19): category 4.0 counted from the metrics themselves.

The guide's own category 4.0 figures come out of tables built to match them (the examples
metrics-4.1-at-48, metrics-4.3-by-type and metrics-50-75, run with every other example in
test_guide_examples.py); here: where each count comes from, the rules a table of monthly results
needs (CUI, lower is better, missing months, continuous improvement, the level rule's two
readings), the self-assessment fed from the table, and properties.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copc_cx import metrics, rules
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.standard import INTERPRETATIONS, Edition, Level
from copc_cx.web import call

MONTHS = ["2024-09", "2024-10", "2024-11", "2024-12"]


def row(name: str, results: list[str], *, item: str = "4.1", target: str = "80", direction: str = "higher",
        **more: str) -> dict[str, Any]:
    return {"name": name, "item": item, "level": "entity", "target": target, "direction": direction,
            "results": results, **more}


def derive(rows: list[dict[str, Any]], months: list[str] | None = None, **options: Any) -> dict[str, Any]:
    response = call({"op": "metrics-table", "input": {"edition": "CSP", "months": months or MONTHS, "rows": rows,
                                                      **options}})
    assert response["ok"], response.get("errors")
    result = response["result"]
    assert isinstance(result, dict)
    return result


def item(result: dict[str, Any], number: str) -> dict[str, Any]:
    found = next(i for i in result["items"] if i["item"] == number)
    assert isinstance(found, dict)
    return found


def status(result: dict[str, Any], row_index: int) -> str:
    found = next(m for m in result["metrics"] if m["row"] == row_index)
    return str(found["status"])


# --- where each count comes from ------------------------------------------------------------------

def test_each_count_names_its_metrics() -> None:
    # "4.3 service: 2 of 5 at target — which two": the first two service rows of the example
    example = EXAMPLES_BY_ID["metrics-4.3-by-type"]
    result = call({"op": "metrics-table", "input": example.input})["result"]
    service = item(result, "4.3")["by_type"]["service"]
    assert service["counts"] == {"at_target": 2, "improving": 0, "total": 5}
    assert [example.input["rows"][r]["name"] for r in service["rows"]["at_target"]] == ["サービスレベル", "応答率"]
    assert len(service["rows"]["other"]) == 3
    assert any(step["en"].startswith("4.3 service: 2 of 5 metrics at target (40%): サービスレベル (P01), 応答率")
               for step in call({"op": "metrics-table", "input": example.input})["steps"])


def test_the_counts_fill_the_self_assessment_s_category_4_items() -> None:
    example = EXAMPLES_BY_ID["metrics-4.3-by-type"]
    table = call({"op": "metrics-table", "input": example.input})["result"]
    items = table["self_assessment_items"]
    assert set(items) == {"4.3", "4.6"}
    assessed = call({"op": "self-assessment", "input": {"edition": "CSP", "items": items}})
    assert assessed["ok"], assessed.get("errors")
    scored = {i["item"]: i for i in assessed["result"]["items"]}
    assert scored["4.3"]["percent"] == item(table, "4.3")["percent"] == 83.75
    assert scored["4.6"]["points"] == item(table, "4.6")["points"]


def test_the_self_assessment_shape_is_the_form_s_text() -> None:
    result = derive([row("A", ["", "", "", "85"]), row("B", ["", "", "", "70"], improving="yes"),
                     row("C", ["", "", "", "70"])])
    assert result["self_assessment_items"]["4.1"] == {"achieved": "1", "improving": "1", "total": "3"}
    assert result["self_assessment_items"]["4.6"] == {"at_target": "1", "at_target_or_improving": "2", "total": "3"}


# --- the rules a table needs ----------------------------------------------------------------------

def test_a_metric_failing_cui_never_counts_as_at_target() -> None:
    result = derive([row("Satisfaction", ["90", "91", "92", "93"], cui="no"), row("Other", ["85"] * 4)])
    assert status(result, 0) == "fails-cui"
    counts = item(result, "4.1")["counts"]
    assert counts == {"at_target": 1, "improving": 0, "total": 2}  # it stays among the metrics
    assert result["metrics"][0]["months_at_target"] == 0
    assert any("CUI" in step["en"] and "Satisfaction" in step["en"] for step in
               call({"op": "metrics-table", "input": {"edition": "CSP", "months": MONTHS, "rows": [
                   row("Satisfaction", ["90"] * 4, cui="いいえ")]}})["steps"])


def test_a_metric_failing_cui_is_not_improving_even_when_marked() -> None:
    result = derive([row("Satisfaction", ["70", "72", "74", "76"], cui="no", improving="yes")],
                    improvement="last-three-better")
    assert status(result, 0) == "fails-cui" and item(result, "4.1")["counts"]["improving"] == 0


@pytest.mark.parametrize(("latest", "at_target"), [("4.9", True), ("5", True), ("5.1", False), ("５．０", True)])
def test_lower_is_better_targets(latest: str, at_target: bool) -> None:
    result = derive([row("Abandonment", ["6", "6", "6", latest], target="5%", direction="低いほど良い")])
    assert result["metrics"][0]["at_target"] is at_target


def test_equal_to_a_higher_is_better_target_is_at_target() -> None:
    assert derive([row("Satisfaction", ["", "", "", "80"])])["metrics"][0]["at_target"] is True


def test_the_latest_result_decides_even_when_the_last_months_are_missing() -> None:
    # a quarterly survey: its latest result is September's, and it was measured in one month
    result = derive([row("Survey", ["85", "", "", ""]), row("Monthly", ["70", "75", "78", "79"])])
    survey, monthly = result["metrics"]
    assert survey["latest_month"] == "2024-09" and survey["at_target"] is True
    assert survey["months_measured"] == 1 and survey["months_at_target"] == 1
    assert monthly["months_measured"] == 4


def test_a_metric_without_any_result_counts_as_not_at_target_with_a_warning() -> None:
    result = derive([row("New metric", ["", "", "", ""]), row("Other", ["85"] * 4)])
    assert status(result, 0) == "no-result"
    assert item(result, "4.1")["counts"] == {"at_target": 1, "improving": 0, "total": 2}
    assert [w["field"] for w in result["warnings"]] == ["rows.0.results"]
    assert "Row 1" in result["warnings"][0]["en"] and "1行目" in result["warnings"][0]["ja"]


def test_rows_offered_from_the_guide_s_list_and_not_yet_filled_are_skipped_and_listed() -> None:
    result = derive([{"name": "顧客の総合満足度", "item": "4.1", "level": "program", "target": "", "results": []},
                     row("Filled", ["85"] * 4), {}])
    assert result["unfilled"] == [0]
    assert item(result, "4.1")["counts"]["total"] == 1


def test_a_row_with_a_target_that_cannot_be_read_is_not_skipped_as_unfilled() -> None:
    response = call({"op": "metrics-table", "input": {"edition": "CSP", "months": MONTHS, "rows": [
        {"name": "A", "item": "4.1", "level": "entity", "target": "eighty", "direction": "higher"}]}})
    assert [e["field"] for e in response["errors"]] == ["rows.0.target"]


def test_months_given_out_of_order_are_put_in_calendar_order() -> None:
    result = derive([row("Satisfaction", ["85", "70", "75"])], months=["2024-12", "2024-10", "2024-11"])
    assert result["months"] == ["2024-10", "2024-11", "2024-12"]
    assert result["metrics"][0]["latest_month"] == "2024-12" and result["metrics"][0]["at_target"] is True


def test_json_numbers_and_booleans_are_read_as_what_they_are() -> None:
    number = derive([{**row("A", []), "results": [85, 70.5, None, "79"], "target": 80, "improving": True}])
    assert number["metrics"][0]["latest"] == 79 and number["metrics"][0]["status"] == "improving"
    # true is not a target, though true == 1 for a dictionary: each row is read for what it holds
    response = call({"op": "metrics-table", "input": {"edition": "CSP", "months": MONTHS, "rows": [
        {**row("A", ["85"]), "target": True}]}})
    assert [e["field"] for e in response["errors"]] == ["rows.0.target"]


def test_4_2_is_read_as_the_edition_s_item() -> None:
    for edition, number in (("CSP", "4.2a"), ("OSP", "4.2b")):
        response = call({"op": "metrics-table", "input": {"edition": edition, "months": MONTHS, "rows": [
            row("Cost or client satisfaction", ["85"] * 4, item="4.2")]}})
        assert item(response["result"], number)["counts"]["total"] == 1


# --- continuous improvement ------------------------------------------------------------------------

@pytest.mark.parametrize(("results", "direction", "improving"), [
    (["70", "72", "74", "76"], "higher", True),
    (["70", "72", "72", "76"], "higher", False),  # a month without change is not better
    (["74", "72", "74", "76"], "higher", False),  # only two moves up
    (["70", "", "72", "74", "76"], "higher", True),  # a month without a result is left out
    (["72", "74", "76"], "higher", False),  # three results make only two moves
    (["12", "11", "10", "9"], "lower", True),
    (["9", "10", "11", "12"], "lower", False),
])
def test_the_rule_each_of_the_last_three_results_better(results: list[str], direction: str, improving: bool) -> None:
    months = ["2024-08", *MONTHS] if len(results) == 5 else MONTHS[-len(results):]
    result = derive([row("Metric", results, direction=direction, target="80" if direction == "higher" else "5")],
                    months=months, improvement="last-three-better")
    assert result["metrics"][0]["improving"] is improving
    assert result["improvement"]["counted"] == ([0] if improving else [])


def test_by_default_the_reader_s_marks_decide_and_the_result_shows_where_the_rule_differs() -> None:
    rows = [row("Rising, unmarked", ["70", "72", "74", "76"]), row("Flat, marked", ["70"] * 4, improving="yes"),
            row("At target", ["79", "80", "81", "82"])]
    result = derive(rows)
    assert result["improvement"]["rule"] == "reader"
    assert [status(result, i) for i in range(3)] == ["below-target", "improving", "at-target"]
    assert result["improvement"]["marked_by_rule"] == [0, 2]
    assert result["improvement"]["differ"] == [0, 1]  # at target, the mark does not matter
    by_rule = derive(rows, improvement="last-three-better")
    assert [status(by_rule, i) for i in range(3)] == ["improving", "below-target", "at-target"]


def test_the_improvement_rule_is_an_interpretation_shown_with_the_result() -> None:
    notes = derive([row("A", ["85"] * 4)])["notes"]
    assert {"interpretation:continuous-improvement", "interpretation:metrics-from-table",
            "interpretation:cuika-expansion"} <= set(notes)
    texts = next(i for i in INTERPRETATIONS if i.id == "continuous-improvement").default
    assert "last three results" in texts.en and "直近3回" in texts.ja


# --- the level rule of a process-certification block -------------------------------------------------

def test_both_readings_of_the_level_rule_and_where_they_differ() -> None:
    example = EXAMPLES_BY_ID["metrics-level-readings"]
    default = call({"op": "metrics-table", "input": example.input})["result"]["level"]
    assert default["reading"] == "each-metric" and default["differs"] == ["entity", "A"]
    units = {u["unit"]: u for u in default["units"]}
    assert [units["entity"]["holds"], units["A"]["holds"]] == [True, False]
    # the entity: 3 of 6 metrics at target in 3 of 4 months; only December has three at target
    assert units["entity"]["each_metric"]["display"]["share_meeting"] == "50"
    assert [m["meets"] for m in units["entity"]["each_month"]["months"]] == [False, False, False, True]
    switched = call({"op": "metrics-table", "input": {**example.input, "level_reading": "each-month"}})["result"]
    assert [u["holds"] for u in switched["level"]["units"]] == [False, True]
    assert any("disagree" in s["en"] for s in call({"op": "metrics-table", "input": example.input})["steps"])


def test_the_level_rule_counts_a_metric_without_results_against_its_unit() -> None:
    rows = [row("Speed", ["85"] * 4, item="", block_metric="workforce.speed-of-answer"),
            row("Backlog", ["", "", "", ""], item="", block_metric="未処理（非リアルタイム型）")]
    level = derive(rows, block="workforce")["level"]
    entity = level["units"][0]
    assert [m["meets"] for m in entity["each_metric"]["metrics"]] == [True, False]
    assert entity["each_metric"]["holds"] is True  # one of two is half
    assert [m["measured"] for m in entity["each_month"]["months"]] == [2, 2, 2, 2]


def test_the_level_rule_s_period_can_be_the_last_months() -> None:
    rows = [row("Speed", ["70", "70", "85", "85"], item="", block_metric="workforce.speed-of-answer")]
    assert derive(rows, block="workforce")["level"]["holds"] is False  # 2 of 4 months
    recent = derive(rows, block="workforce", period_months="2")["level"]
    assert recent["holds"] is True and recent["period"] == ["2024-11", "2024-12"]


def test_a_block_without_rows_or_without_the_entity_says_so() -> None:
    none = derive([row("A", ["85"] * 4)], block="quality")["level"]
    assert none["holds"] is False and none["problems"][0]["field"] == "block"
    sites_only = derive([row("Defects", ["1"] * 4, item="", direction="lower", target="2",
                             block_metric="quality.defect-rate", site="Naha")], block="quality")["level"]
    assert sites_only["holds"] is False and "entity" in sites_only["problems"][0]["en"]


def test_the_level_rule_s_months_go_to_the_process_certification_check_unit_by_unit() -> None:
    """The hand-over to the process-certification calculator: the months of each unit's metrics in
    its input's shape (a metric a client sets named after its row), and its check of them holds for
    each unit where the table's level rule does."""
    lower = {"direction": "lower", "target": "5"}
    rows = [row("Speed", ["85", "85", "85", "70"], item="", block_metric="workforce.speed-of-answer"),
            row("Abandonment", ["4", "6", "6", "4"], item="", block_metric="workforce.abandonment", **lower),
            row("Speed", ["85", "70", "70", "85"], item="", block_metric="workforce.speed-of-answer", site="Naha"),
            row("Abandonment", ["4", "4", "4", "6"], item="", block_metric="Abandonment", site="Naha", **lower),
            row("Client A accuracy", ["85"] * 4, item="", block_metric="workforce.client", site="Naha"),
            row("Client B accuracy", ["70"] * 4, item="", block_metric="workforce.client", site="Naha")]
    level = derive(rows, block="workforce")["level"]
    entity = {"workforce.speed-of-answer": {"months_at_target": "3", "months_measured": "4"},
              "workforce.abandonment": {"months_at_target": "2", "months_measured": "4"}}
    naha = {"workforce.speed-of-answer": {"months_at_target": "2", "months_measured": "4"},
            "workforce.abandonment": {"months_at_target": "3", "months_measured": "4"},
            "workforce.client:Client A accuracy": {"months_at_target": "4", "months_measured": "4"},
            "workforce.client:Client B accuracy": {"months_at_target": "0", "months_measured": "4"}}
    assert level["process"] == {"entity": entity, "sites": {"Naha": naha}, "left_out": []}
    check = call({"op": "process-certification", "input": {
        "edition": "CSP", "block": "workforce", "entity": level["process"]["entity"],
        "sites": level["process"]["sites"]}})
    assert check["ok"], check.get("errors")
    assert [(u["unit"], u["holds"]) for u in check["result"]["units"]] == [
        (u["unit"], u["each_metric"]["holds"]) for u in level["units"]] == [("entity", True), ("Naha", True)]
    # a second row for the same metric at a unit: the check takes one figure per metric, the first
    twice = derive([*rows, row("Speed again", ["85"] * 4, item="", block_metric="speed-of-answer", site="Naha")],
                   block="workforce")["level"]["process"]
    assert twice["sites"]["Naha"] == naha and twice["left_out"] == [6]
    assert derive(rows)["level"] is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.booleans(), min_size=6, max_size=6), min_size=1, max_size=8))
def test_reading_a_agrees_with_the_level_calculator(hits: list[list[bool]]) -> None:
    """rules.check_level (the process-certification calculator) on the months each metric was at target."""
    months = [f"2024-{m:02d}" for m in range(1, 7)]
    table = metrics.read_table({"edition": "CSP", "months": months, "rows": [
        row(f"M{n}", ["85" if hit else "75" for hit in metric], item="", block_metric="workforce.backlog")
        for n, metric in enumerate(hits)]})
    level = metrics.derive(table, block="workforce").level
    assert level is not None
    expected = rules.check_level({f"M{n}": (sum(metric), 6) for n, metric in enumerate(hits)})
    assert level.units[0].holds_each_metric == expected.holds
    assert level.units[0].share_meeting == expected.share_meeting


# --- renewal ---------------------------------------------------------------------------------------

def test_the_renewal_conditions_come_from_the_metrics_counted_for_4_6() -> None:
    rows = [row(f"M{n}", ["85" if n < 14 else "75"] * 4, improving="yes" if n in (14, 15) else "") for n in range(20)]
    rows.append(row("Not in 4.6", ["75"] * 4, in_4_6="no"))
    renewal = derive(rows)["renewal"]
    assert renewal["counts"] == {"at_target": 14, "improving": 2, "total": 20}
    assert {c["id"]: c["met"] for c in renewal["conditions"]} == {
        "pst-at-target-over-65": True, "pst-at-target-or-improving-over-75": True}
    assert renewal["display"] == {"at_target_share": "70", "either_share": "80"}


# --- starting from the guide's list ----------------------------------------------------------------

def test_the_guide_s_list_is_offered_by_edition_item_and_level() -> None:
    csp = metrics.template(Edition.CSP, programs=("P1", "P2"))
    names = {(r.item, r.name.en) for r in csp}
    assert ("4.2a", "Cost per unit (CSP)") in names
    assert not any("(OSP)" in r.name.en for r in csp)
    satisfaction = [r for r in csp if r.name.en == "Overall customer satisfaction"]
    assert [(r.level, r.unit) for r in satisfaction] == [(Level.PROGRAM, "P1"), (Level.PROGRAM, "P2")]
    assert all(r.kind for r in csp if r.item in ("4.3", "4.4"))
    osp = metrics.template(Edition.OSP, clients=("Client A",))
    assert ("4.2b", "Overall client satisfaction (OSP)", "Client A") in {(r.item, r.name.en, r.unit) for r in osp}
    response = call({"op": "metrics-template", "input": {"edition": "OSP", "lang": "en", "clients": ["Client A"]}})
    rows = response["result"]["rows"]
    filled = derive_after_template(rows)
    assert filled["unfilled"] == list(range(len(rows)))  # offered rows count once they have a target or result


def derive_after_template(rows: list[dict[str, Any]]) -> dict[str, Any]:
    response = call({"op": "metrics-table", "input": {"edition": "OSP", "months": MONTHS, "rows": rows}})
    assert response["ok"], response.get("errors")
    result = response["result"]
    assert isinstance(result, dict)
    return result


# --- properties ------------------------------------------------------------------------------------

ITEM_CHOICES = [("4.1", ""), ("4.2a", ""), ("4.5", ""), ("4.3", "service"), ("4.3", "quality"), ("4.3", "sales"),
                ("4.3", "efficiency"), ("4.4", "service"), ("4.4", "quality"), ("4.4", "efficiency")]


@st.composite
def tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    rows = []
    for n in range(draw(st.integers(1, 25))):
        number, kind = draw(st.sampled_from(ITEM_CHOICES))
        results = draw(st.lists(st.sampled_from(["", "60", "70", "80", "90"]), min_size=4, max_size=4))
        rows.append(row(f"M{n}", results, item=number, type=kind, direction=draw(st.sampled_from(["higher", "lower"])),
                        cui=draw(st.sampled_from(["", "no"])), improving=draw(st.sampled_from(["", "yes"]))))
    return rows


def scores(result: dict[str, Any]) -> dict[str, float]:
    return {i["item"]: i["percent"] for i in result["items"] if i["percent"] is not None}


@settings(max_examples=120, deadline=None)
@given(tables(), st.sampled_from(ITEM_CHOICES))
def test_adding_a_metric_at_target_never_lowers_a_score(rows: list[dict[str, Any]],
                                                         added: tuple[str, str]) -> None:
    before = derive(rows)
    after = derive([*rows, row("Added", ["", "", "", "95"], item=added[0], type=added[1])])
    for number, percent in scores(before).items():
        assert scores(after)[number] >= percent, number
    if before["renewal"] is not None:
        assert after["renewal"]["at_target_share"] >= before["renewal"]["at_target_share"]


@settings(max_examples=120, deadline=None)
@given(tables())
def test_the_counts_add_up_and_every_row_is_counted_once(rows: list[dict[str, Any]]) -> None:
    result = derive(rows)
    for entry in result["items"]:
        counted = [r for rows_ in entry["rows"].values() for r in rows_]
        assert len(counted) == len(set(counted)) == entry["counts"]["total"]
        if entry["by_type"]:
            assert sum(t["counts"]["total"] for t in entry["by_type"].values()) == entry["counts"]["total"]
    assert item(result, "4.6")["counts"]["total"] == len(rows)
