"""The plan and report operations of the JSON API, as the browser's plan view, what-if view and
Report view will call them."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.web import call

PENDING_AT_96 = EXAMPLES_BY_ID["pending-at-96"]
TWO_SITES = EXAMPLES_BY_ID["level-rule-two-sites"]


def result(op: str, data: dict[str, Any]) -> dict[str, Any]:
    answer = call({"op": op, "input": data})
    assert answer["ok"], answer
    found = answer["result"]
    assert isinstance(found, dict)
    return found


def short_of_points() -> dict[str, Any]:
    """The pending-at-96 sample with 4.1, 2.4 and 4.6 further from their targets: every condition fails
    but the all-items one."""
    data = copy.deepcopy(dict(PENDING_AT_96.input))
    data["items"]["4.1"] = {"achieved": "10", "improving": "5", "total": "50"}
    data["items"]["2.4"] = {"met": "3", "applicable": "5", "deployed": "1", "total": "3"}
    data["items"]["4.6"] = {"at_target": "40", "at_target_or_improving": "60", "total": "１００"}
    data["items"]["4.3"]["types"]["quality"] = {"achieved": "5", "improving": "10", "total": "30"}
    return data


def set_field(item: dict[str, Any], path: str, value: int) -> None:
    *parents, name = path.split(".")
    for key in parents:
        item = item[key]
    item[name] = str(value)


def test_the_plan_s_input_after_is_a_certified_self_assessment() -> None:
    data = short_of_points()
    plan = result("certification-plan", data)
    assert plan["certified"] is False and plan["certified_after"] is True
    assert {c["id"] for c in plan["conditions"] if not c["met"]} == {"points-95", "approach-100", "rule-50-75"}
    after = result("self-assessment", plan["input_after"])
    assert after["certified"] is True
    assert after["earned"] == plan["after"]["earned"] == plan["steps"][-1]["earned_after"]
    # the reader's typed text stays where the plan changes nothing
    assert plan["input_after"]["items"]["4.6"]["total"] == "１００"


def test_steps_applied_one_by_one_in_any_order_give_the_same_what_if_copy() -> None:
    data = short_of_points()
    plan = result("certification-plan", data)
    what_if = copy.deepcopy(data)
    for step in reversed(plan["steps"]):
        for change in step["changes"]:
            set_field(what_if["items"][step["item"]], change["field"], change["to"])
    assert what_if == plan["input_after"]
    assert data == short_of_points()  # the reader's own inputs are untouched
    # each step's inputs are its item's inputs after the plan's steps so far
    last_inputs = {step["item"]: step["inputs"] for step in plan["steps"]}
    assert all(plan["input_after"]["items"][item] == inputs for item, inputs in last_inputs.items())


def test_every_step_reads_in_both_languages_with_its_figures() -> None:
    plan = result("certification-plan", short_of_points())
    for step in plan["steps"]:
        assert step["text"]["ja"] and step["text"]["en"] and step["item"] in step["text"]["en"]
        assert f"+{step['display']['points']}" in step["text"]["en"]
        assert step["size"] >= 1 and step["condition"] in ("points-95", "approach-100", "rule-50-75")
    assert plan["method"] == "exact" and plan["method_text"]["ja"]
    ranks = [s["points"] / s["size"] for s in plan["steps"] if s["condition"] == "points-95"]
    assert ranks == sorted(ranks, reverse=True)  # the points steps, most points per change first


def test_a_certified_self_assessment_gets_an_empty_plan() -> None:
    certified = result("certification-plan", result("certification-plan", short_of_points())["input_after"])
    assert certified["certified"] is True and certified["steps"] == [] and certified["method"] == "none"


@pytest.mark.parametrize(("op", "data", "field"), [
    ("certification-plan", {"edition": "CSP", "items": {"2.8": {"met": "11", "applicable": "10", "deployed": "3",
                                                                 "total": "3"}}}, "items.2.8.met"),
    ("certification-plan", {"edition": "XSP", "items": {}}, "edition"),
    ("process-plan", {"edition": "CSP", "block": "workforce", "entity": {}, "sites": {}}, "sites"),
    ("self-assessment-report", {**PENDING_AT_96.input, "lang": "fr"}, "lang"),
    ("self-assessment-report", {**PENDING_AT_96.input, "notes": {"9.9": "x"}}, "notes.9.9"),
    ("self-assessment-report", {**PENDING_AT_96.input, "organisation": "x" * 500}, "organisation"),
    ("process-report", {**TWO_SITES.input, "build_id": 5}, "build_id"),
])
def test_bad_input_is_answered_at_its_field_in_both_languages(op: str, data: dict[str, Any], field: str) -> None:
    answer = call({"op": op, "input": data})
    assert not answer["ok"]
    assert field in [e["field"] for e in answer["errors"]]
    assert all(e["ja"] and e["en"] for e in answer["errors"])


def test_the_process_plan_s_input_after_is_ready() -> None:
    data = json.loads(json.dumps(dict(TWO_SITES.input)))
    data["requirements_met"] = data["requirements_met"][:1]
    plan = result("process-plan", data)
    assert plan["ready"] is False and plan["ready_after"] is True
    assert [u["unit"] for u in plan["units"] if u["steps"]] == ["B"]
    assert len(plan["requirements"]) == 2
    after = result("process-certification", plan["input_after"])
    assert after["ready"] is True
    for step in plan["steps"]:
        assert step["more_months"] == step["months_needed"] - step["months_at_target"] > 0


def test_the_report_operations_return_an_article_for_the_page() -> None:
    for op, data in (("self-assessment-report", PENDING_AT_96.input), ("process-report", TWO_SITES.input)):
        for lang in ("ja", "en"):
            found = result(op, {**data, "lang": lang, "build_id": "0123abcd"})
            html = found["html"]
            assert found["lang"] == lang and html.startswith(f'<article class="copc-report" lang="{lang}">')
            assert "0123abcd" in html and "<script" not in html and "style=" not in html
