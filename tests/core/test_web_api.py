"""The JSON API the browser worker calls: text in, text out, errors at the field."""

from __future__ import annotations

import json
from typing import Any

from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.web import call, handle


def _ok(op: str, data: dict[str, Any]) -> dict[str, Any]:
    response = call({"op": op, "input": data})
    assert response["ok"], response
    return response


def test_item_score_from_form_text_explains_the_2_15_example() -> None:
    response = _ok("item-score", dict(EXAMPLES_BY_ID["item-2.15"].input))
    assert any("66.67%" in s["en"] for s in response["steps"])
    assert response["result"]["display"] == {"percent": "50", "points": "20", "approach": "100",
                                             "deployed_share": "66.67"}


def test_errors_come_back_per_field_in_both_languages() -> None:
    response = call({"op": "item-score", "input": {"edition": "CSP", "item": "2.15", "met": "", "applicable": "abc",
                                                   "deployed": "-1", "total": "3"}})
    assert not response["ok"]
    assert [e["field"] for e in response["errors"]] == ["met", "applicable", "deployed"]
    assert all(e["ja"] and e["en"] for e in response["errors"])


def test_performance_channel_and_rule_50_75() -> None:
    assert _ok("performance", {"edition": "CSP", "item": "4.1", "achieved": "12", "improving": "10",
                               "total": "50"})["result"]["percent"] == 58.0
    types = {"service": {"achieved": "40", "improving": "0", "total": "100"},
             "quality": {"achieved": "50", "improving": "0", "total": "100"},
             "sales": {"achieved": "60", "improving": "0", "total": "100"},
             "efficiency": {"achieved": "25", "improving": "10", "total": "100"}}
    result = _ok("channel-performance", {"edition": "OSP", "item": "4.3", "types": types})["result"]
    assert result["points"] == 335.0 and result["by_type"]["efficiency"]["percent"] == 55.0
    types["sales"] = {"achieved": "", "improving": "", "total": ""}  # a blank optional type is absent
    assert _ok("channel-performance", {"edition": "OSP", "item": "4.3", "types": types})["result"]["weight"] == 1 / 3
    result = _ok("rule-50-75", {"at_target": "50", "at_target_or_improving": "74", "total": "100"})["result"]
    assert (result["level"], result["trend"], result["met"]) == (100.0, 100 - 4 / 3, False)


def test_applicable_points_and_self_assessment() -> None:
    result = _ok("applicable-points", {"edition": "CSP", "human_assisted": True,
                                       "digital_assisted": False})["result"]
    assert (result["applicable"], result["required"]) == (3570, 3391.5)
    result = _ok("self-assessment", {"edition": "CSP", "items": {
        "2.15": {"met": "2", "applicable": "2", "deployed": "2", "total": "3"},
        "1.1": {"met": "", "applicable": "", "deployed": "", "total": ""}}})["result"]
    assert result["earned"] == 20.0 and "1.1" in result["unscored"] and not result["certified"]


def test_self_assessment_errors_are_prefixed_with_the_item() -> None:
    response = call({"op": "self-assessment", "input": {"edition": "CSP", "items": {
        "2.15": {"met": "3", "applicable": "2", "deployed": "2", "total": "3"}}}})
    assert [e["field"] for e in response["errors"]] == ["items.2.15.met"]


def test_process_certification() -> None:
    result = _ok("process-certification", {
        "edition": "OSP", "block": "client-management",
        "entity": {"client-management.rfx-timeliness": {"months_at_target": "9", "months_measured": "12"}},
        "sites": {"Naha": {"client-management.report-timeliness": {"months_at_target": "2",
                                                                   "months_measured": "4"}}}})["result"]
    assert [u["holds"] for u in result["units"]] == [True, False]
    assert not result["ready"]


def test_catalog_has_everything_a_form_needs() -> None:
    result = _ok("catalog", {})["result"]
    assert result["editions"]["CSP"]["total"] == 4000 and result["editions"]["OSP"]["total"] == 4360
    assert len(result["blocks"]) == 5 and len(result["errata"]) == 8
    assert [f["name"] for f in result["scorings"]["approach-deployment"]["fields"]] == [
        "met", "applicable", "deployed", "total"]
    osp_2_1 = next(i for i in result["editions"]["OSP"]["items"] if i["number"] == "2.1")
    assert "erratum:osp-2.1-2.3-points" in osp_2_1["notes"]
    csp_2_1 = next(i for i in result["editions"]["CSP"]["items"] if i["number"] == "2.1")
    assert "erratum:osp-2.1-2.3-points" not in csp_2_1["notes"]
    assert {c["name"] for c in result["calculators"]} >= {"self-assessment", "renewal"}
    assert {e["id"] for e in result["examples"]} >= {"rule-50-75", "pending-at-96"}


def test_handle_speaks_json_text_and_rejects_garbage() -> None:
    assert json.loads(handle('{"op": "rule-50-75", "input": {"at_target": 50, "at_target_or_improving": 75, '
                             '"total": 100}}'))["result"]["met"] is True
    assert json.loads(handle("not json"))["errors"][0]["field"] == "request"
    assert json.loads(handle('{"op": "nope"}'))["errors"][0]["field"] == "op"


def test_self_assessment_lists_every_condition_met_or_not() -> None:
    ad = {"met": "4", "applicable": "4", "deployed": "3", "total": "3"}
    items: dict[str, Any] = {n: dict(ad) for n in (
        "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "2.9", "2.10", "2.11",
        "2.12", "2.13", "2.14", "2.15", "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7", "3.8")}
    at_target = {"achieved": "5", "improving": "0", "total": "10"}
    items.update({n: dict(at_target) for n in ("4.1", "4.2a", "4.5")})
    items.update({n: {"types": {t: dict(at_target) for t in ("service", "quality", "efficiency")}}
                  for n in ("4.3", "4.4")})
    items["4.6"] = {"at_target": "5", "at_target_or_improving": "8", "total": "10"}
    response = _ok("self-assessment", {"edition": "CSP", "items": items})
    conditions = {c["id"]: c["met"] for c in response["result"]["conditions"]}
    assert conditions == {"points-95": True, "approach-100": True, "rule-50-75": True, "all-items-scored": True}
    assert response["result"]["certified"] and response["result"]["unscored"] == []
    assert len(response["steps"]) == 4
    del items["3.8"]
    result = _ok("self-assessment", {"edition": "CSP", "items": items})["result"]
    assert [c["id"] for c in result["conditions"] if not c["met"]] == ["approach-100", "all-items-scored"]
    assert [c["id"] for c in result["conditions"]].count("all-items-scored") == 1
