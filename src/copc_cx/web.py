"""The one JSON API the browser calls (through the Pyodide worker).

`handle(request_json)` takes {"op": ..., "input": {...}} and returns
{"ok": true, "result": {...}, "steps": [{"ja", "en"}, ...]} or
{"ok": false, "errors": [{"field", "ja", "en"}, ...]}. Form fields arrive as the text the
user typed; whole numbers are read here and everything else is left for the rules to
reject with a message at the field, so widgets stay thin.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any

from . import assessment, catalog, process, rules, scope
from .errors import InputError, Problem
from .standard import (
    BLOCKS,
    CATEGORIES,
    CERTIFICATION_CONDITIONS,
    CHANNEL_EXAMPLES,
    CHANNEL_NAMES,
    ERRATA,
    INTERPRETATIONS,
    LEVEL_NAMES,
    MAY_NOT_APPLY_WITHOUT,
    METRIC_TYPE_NAMES,
    OPTIONAL_METRIC_TYPES,
    RENEWAL_CONDITIONS,
    SCORED_METRICS,
    SCORED_METRICS_NOTES,
    UNIT_NAMES,
    Edition,
    Scoring,
)
from .text import Text

Json = dict[str, Any]
_WHOLE = re.compile(r"\s*[+-]?\d+\s*")


def _number(value: Any) -> Any:
    """Text that is a whole number becomes an int; anything else goes on unchanged."""
    if isinstance(value, str) and _WHOLE.fullmatch(value):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    return _number(value)


def _pct(value: Fraction) -> float:
    return float(value)


def _steps(steps: tuple[Text, ...] | list[Text]) -> list[dict[str, str]]:
    return [s.as_dict() for s in steps]


def _item_json(score: assessment.ItemScore) -> Json:
    return {
        "item": score.number, "name": score.name.as_dict(), "available": score.available,
        "percent": _pct(score.percent), "points": float(score.points), "lost": float(score.lost),
        "approach": None if score.approach is None else _pct(score.approach),
        "rule_50_75_met": score.rule_50_75_met, "steps": _steps(score.steps),
    }


# --- operations --------------------------------------------------------------------------

def _catalog(_: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    def items(edition: Edition) -> list[Json]:
        return [{"number": i.number, "name": i.name.as_dict(), "points": i.points_in(edition),
                 "scoring": i.scoring.value, "category": i.category} for i in catalog.items_in(edition)]

    result = {
        "editions": {e.value: {"items": items(e), "total": catalog.total_points(e)} for e in Edition},
        "categories": [{"number": c.number, "name": c.name.as_dict()} for c in CATEGORIES],
        "may_not_apply_without": {c.value: list(n) for c, n in MAY_NOT_APPLY_WITHOUT.items()},
        "channels": {c.value: {"name": CHANNEL_NAMES[c].as_dict(),
                               "examples": [t.as_dict() for t in CHANNEL_EXAMPLES[c]]} for c in CHANNEL_NAMES},
        "metric_types": [{"id": t.value, "name": n.as_dict(), "optional": t in OPTIONAL_METRIC_TYPES}
                         for t, n in METRIC_TYPE_NAMES.items()],
        "levels": {lv.value: n.as_dict() for lv, n in LEVEL_NAMES.items()},
        "scored_metrics": [{"items": list(g.items), "topic": g.topic.as_dict(),
                            "metrics": {lv.value: [m.as_dict() for m in ms] for lv, ms in g.metrics.items()}}
                           for g in SCORED_METRICS],
        "scored_metrics_notes": [n.as_dict() for n in SCORED_METRICS_NOTES],
        "blocks": [{
            "id": b.id, "name": b.name.as_dict(), "items": list(b.items), "optional_items": list(b.optional_items),
            "editions": [e.value for e in b.editions],
            "requirements": [{"id": r.id, "text": r.text.as_dict(),
                              "computed": r.id == process.level_requirement_id(b)} for r in b.requirements],
            "metrics": [{"id": m.id, "name": m.name.as_dict(), "unit": m.unit.value,
                         "unit_name": UNIT_NAMES[m.unit].as_dict(), "client_set": m.client_set} for m in b.metrics],
        } for b in BLOCKS],
        "certification_conditions": [{"id": c.id, "text": c.text.as_dict()} for c in CERTIFICATION_CONDITIONS],
        "renewal_conditions": [{"id": c.id, "text": c.text.as_dict()} for c in RENEWAL_CONDITIONS],
        "errata": [{"id": e.id, "title": e.title.as_dict(), "guide_prints": e.guide_prints.as_dict(),
                    "contradiction": e.contradiction.as_dict(), "decision": e.decision.as_dict()} for e in ERRATA],
        "interpretations": [{"id": i.id, "title": i.title.as_dict(), "question": i.question.as_dict(),
                             "default": i.default.as_dict()} for i in INTERPRETATIONS],
    }
    return result, []


# What each single-item calculation accepts, for the message when another item is asked for.
_KIND_OF_ITEM: dict[Scoring, Text] = {
    Scoring.APPROACH_DEPLOYMENT: Text("カテゴリ1.0〜3.0の項目", "an item of categories 1.0-3.0"),
    Scoring.PERFORMANCE: Text("4.1・4.2a・4.2b・4.5 のいずれか", "one of 4.1, 4.2a, 4.2b, 4.5"),
    Scoring.CHANNEL_PERFORMANCE: Text("4.3・4.4 のいずれか", "4.3 or 4.4"),
    Scoring.RULE_50_75: Text("4.6", "4.6"),
}


def _score_one(data: Mapping[str, Any], scoring: Scoring, default_item: str) -> assessment.ItemScore:
    """One item scored from form data, if it is an item of that kind in that edition."""
    number = str(data.get("item", default_item))
    item, _ = catalog.item_in(number, data.get("edition", ""))
    if item.scoring is not scoring:
        kind = _KIND_OF_ITEM[scoring]
        raise InputError([Problem("item", f"項目 {number} は{kind.ja}ではありません。",
                                  f"Item {number} is not {kind.en}.")])
    return assessment.score_item(number, data["edition"], _item_input(scoring, data))


def _item_score(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.APPROACH_DEPLOYMENT, "")
    detail = score.detail
    assert isinstance(detail, rules.ApproachDeploymentScore)
    return {**_item_json(score), "deployed_share": _pct(detail.deployed_share),
            "deployment": detail.deployment, "limited_by": detail.limited_by}, list(score.steps)


def _performance(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.PERFORMANCE, "4.1")
    detail = score.detail
    assert isinstance(detail, rules.PerformanceScore)
    return {**_item_json(score), "achieved_share": _pct(detail.achieved),
            "improving_share": _pct(detail.improving)}, list(score.steps)


def _types(data: Mapping[str, Any]) -> dict[str, rules.Counts]:
    """{"service": {"achieved", "improving", "total"}, ...} with blank types left out."""
    types: dict[str, rules.Counts] = {}
    for name, counts in dict(data.get("types", {}) or {}).items():
        if isinstance(counts, dict):
            values = (counts.get("achieved"), counts.get("improving"), counts.get("total"))
            if all(v in (None, "") for v in values) and name == "sales":
                continue  # an empty optional type is simply absent
            types[name] = values  # type: ignore[assignment]  # the rules check each value
        else:
            types[name] = counts
    return types


def _channel_performance(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.CHANNEL_PERFORMANCE, "4.3")
    detail = score.detail
    assert isinstance(detail, rules.ChannelPerformanceScore)
    by_type = {t.value: {"percent": _pct(s.percent), "achieved_share": _pct(s.achieved),
                         "improving_share": _pct(s.improving),
                         "points": float(s.percent * detail.weight * score.available / 100)}
               for t, s in detail.by_type.items()}
    return {**_item_json(score), "by_type": by_type, "weight": float(detail.weight)}, list(score.steps)


def _rule_50_75(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one({"edition": "CSP", **data, "item": "4.6"}, Scoring.RULE_50_75, "4.6")
    detail = score.detail
    assert isinstance(detail, rules.Rule5075Score)
    return {**_item_json(score), "level": _pct(detail.level), "trend": _pct(detail.trend),
            "at_target_share": _pct(detail.at_target), "either_share": _pct(detail.at_target_or_improving),
            "met": detail.met}, list(score.steps)


def _scope_args(data: Mapping[str, Any]) -> dict[str, Any]:
    excluded = data.get("excluded")
    return {"human_assisted": data.get("human_assisted", True),
            "digital_assisted": data.get("digital_assisted", True),
            "excluded": None if excluded is None else [str(n) for n in excluded]}


def _scope_json(result: scope.ApplicablePoints) -> Json:
    return {"edition": result.edition.value, "total": result.total, "applicable": result.applicable,
            "required": float(result.required), "excludable": list(result.excludable),
            "excluded": [{"item": i.number, "name": i.name.as_dict(), "points": i.points_in(result.edition)}
                         for i in result.excluded]}


def _applicable_points(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    result = scope.applicable_scope(data.get("edition", ""), **_scope_args(data))
    return _scope_json(result), list(result.steps)


_INPUT_FIELDS: dict[Scoring, tuple[str, ...]] = {
    Scoring.APPROACH_DEPLOYMENT: ("met", "applicable", "deployed", "total"),
    Scoring.PERFORMANCE: ("achieved", "improving", "total"),
    Scoring.RULE_50_75: ("at_target", "at_target_or_improving", "total"),
}


def _item_input(scoring: Scoring, raw: Mapping[str, Any]) -> assessment.ItemInput:
    if scoring is Scoring.CHANNEL_PERFORMANCE:
        return assessment.ChannelPerformance(_types(raw))
    values = [raw.get(name) for name in _INPUT_FIELDS[scoring]]
    return assessment.INPUT_FOR[scoring](*values)  # type: ignore[arg-type]  # the rules check each value


def _blank(raw: Any) -> bool:
    if isinstance(raw, dict):
        return all(_blank(v) for v in raw.values())
    return raw in (None, "")


def _self_assessment(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    edition = catalog.edition(data.get("edition", ""))
    inputs: dict[str, assessment.ItemInput] = {}
    for number, raw in dict(data.get("items", {}) or {}).items():
        if _blank(raw):
            continue  # an untouched item is unscored, and the decision says so
        item = catalog.item(number, f"items.{number}")
        inputs[number] = _item_input(item.scoring, raw)
    result = assessment.assess(edition, inputs, **_scope_args(data))
    steps = [Text(f"{c.text.ja}: {'満たす' if c.met else '満たさない'}（{c.detail.ja}）",
                  f"{c.text.en}: {'met' if c.met else 'not met'} ({c.detail.en})") for c in result.conditions]
    return {
        "scope": _scope_json(result.scope),
        "items": [_item_json(s) for s in result.items],
        "unscored": list(result.unscored),
        "categories": [{"number": c.number, "name": c.name.as_dict(), "earned": float(c.earned),
                        "available": c.available} for c in result.categories],
        "earned": float(result.earned),
        "percent_of_applicable": _pct(result.percent_of_applicable),
        "points_missing": float(result.points_missing),
        "biggest_losses": [{"item": s.number, "name": s.name.as_dict(), "lost": float(s.lost)}
                           for s in result.biggest_losses],
        "conditions": [{"id": c.id, "text": c.text.as_dict(), "met": c.met, "detail": c.detail.as_dict()}
                       for c in result.conditions],
        "certified": result.certified,
    }, steps


def _months(raw: Any) -> Any:
    if isinstance(raw, dict):
        return (raw.get("months_at_target"), raw.get("months_measured"))
    return raw


def _process_certification(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    def metrics(raw: Any) -> dict[str, Any]:
        return {name: _months(v) for name, v in dict(raw or {}).items() if not _blank(v)}

    result = process.check_process_certification(
        str(data.get("block", "")), data.get("edition", ""),
        entity=metrics(data.get("entity")),
        sites={str(name): metrics(m) for name, m in dict(data.get("sites", {}) or {}).items()},
        requirements_met=[str(r) for r in data.get("requirements_met", []) or []],
        include_optional=bool(data.get("include_optional", False)),
    )
    return {
        "block": result.block.id, "items": list(result.items), "level_holds": result.level_holds,
        "ready": result.ready,
        "units": [{"unit": u.unit, "holds": u.level.holds, "share_meeting": _pct(u.level.share_meeting),
                   "failing": list(u.failing),
                   "metrics": [{"metric": m.metric, "months_at_target": m.months_at_target,
                                "months_measured": m.months_measured, "months_needed": m.months_needed,
                                "meets": m.meets} for m in u.level.metrics],
                   "steps": _steps(u.level.steps)} for u in result.units],
        "unmet_requirements": [{"id": r.id, "text": r.text.as_dict()} for r in result.unmet_requirements],
    }, list(result.steps)


OPERATIONS: dict[str, Callable[[Mapping[str, Any]], tuple[Json, list[Text]]]] = {
    "catalog": _catalog,
    "item-score": _item_score,
    "performance": _performance,
    "channel-performance": _channel_performance,
    "rule-50-75": _rule_50_75,
    "applicable-points": _applicable_points,
    "self-assessment": _self_assessment,
    "process-certification": _process_certification,
}


def call(request: Mapping[str, Any]) -> Json:
    """Run one operation on already-parsed JSON."""
    op = request.get("op")
    operation = OPERATIONS.get(op) if isinstance(op, str) else None
    if operation is None:
        problem = Problem("op", f"不明な計算です: {op!r}", f"Unknown calculation: {op!r}")
        return {"ok": False, "errors": [problem.as_dict()]}
    try:
        result, steps = operation(_numbers(dict(request.get("input") or {})))
    except InputError as error:
        return {"ok": False, "errors": [p.as_dict() for p in error.problems]}
    return {"ok": True, "result": result, "steps": _steps(steps)}


def handle(request_json: str) -> str:
    """The worker's entry point: JSON text in, JSON text out."""
    try:
        request = json.loads(request_json)
    except json.JSONDecodeError:
        request = None
    if not isinstance(request, dict):
        problem = Problem("request", "リクエストを読み取れません。", "The request could not be read.")
        return json.dumps({"ok": False, "errors": [problem.as_dict()]}, ensure_ascii=False)
    return json.dumps(call(request), ensure_ascii=False)
