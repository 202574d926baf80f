"""The one JSON API the browser calls (through the Pyodide worker), and the command line too.

`handle(request_json)` takes {"op": ..., "input": {...}} and always answers JSON:
{"ok": true, "result": {...}, "steps": [{"ja", "en"}, ...]} or
{"ok": false, "errors": [{"field", "ja", "en"}, ...]}, every error naming a field. Form fields
arrive as the text the user typed; `forms` reads them, shape by shape, and the rules answer
anything that is not a valid count with a message at the field. Whatever else goes wrong becomes
an error that names the request, never an exception.

Figures that stand beside a verdict (95% of the points, 100% approach, 50/75, the deployment
bands, the renewal's 65% and 75%) also come as display text in `display`, rounded so that they
never cross the threshold the verdict is about (text.fmt_against).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from . import assessment, catalog, metrics, metrics_io, plan, process, renewal, report, rules, scope, timeline
from .errors import Checker, InputError, Problem
from .examples import EXAMPLES
from .files import assessment_file, process_file
from .forms import Form, blank, counts, parse_int, path, whole_number
from .registry import CALCULATORS
from .standard import (
    BLOCKS,
    CATEGORIES,
    CERTIFICATION_CONDITIONS,
    CHANNEL_EXAMPLES,
    CHANNEL_NAMES,
    ERRATA,
    INPUT_FIELDS,
    INTERPRETATIONS,
    LEVEL_NAMES,
    MAX_MONTHS,
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
from .text import Text, fmt_against, fmt_number

Json = dict[str, Any]
MAX_REQUEST_CHARS = 2_000_000  # a whole request; the largest real one (a self-assessment with notes) is far smaller


def _pct(value: Fraction) -> float:
    return float(value)


def _steps(steps: tuple[Text, ...] | list[Text]) -> list[dict[str, str]]:
    return [s.as_dict() for s in steps]


def _item_json(score: assessment.ItemScore) -> Json:
    display = {"percent": fmt_against(score.percent, 100), "points": fmt_number(score.points)}
    if score.approach is not None:
        display["approach"] = fmt_against(score.approach, 100)
    return {
        "item": score.number, "name": score.name.as_dict(), "available": score.available,
        "percent": _pct(score.percent), "points": float(score.points), "lost": float(score.lost),
        "approach": None if score.approach is None else _pct(score.approach),
        "rule_50_75_met": score.rule_50_75_met, "display": display, "steps": _steps(score.steps),
    }


# --- the catalog: everything a form needs before the engine has started ---------------------

def _catalog(_: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    def items(edition: Edition) -> list[Json]:
        return [{"number": i.number, "name": i.name.as_dict(), "points": i.points_in(edition),
                 "scoring": i.scoring.value, "category": i.category,
                 "notes": list(catalog.notes_for(catalog.item_tags(i.number, edition)))}
                for i in catalog.items_in(edition)]

    def fields(form: str) -> list[Json]:
        return [{"name": f.name, "label": f.label.as_dict(), "short": f.short.as_dict(),
                 "hint": None if f.hint is None else f.hint.as_dict(), "limit": f.limit} for f in INPUT_FIELDS[form]]

    result = {
        "editions": {e.value: {"items": items(e), "total": catalog.total_points(e)} for e in Edition},
        "categories": [{"number": c.number, "name": c.name.as_dict()} for c in CATEGORIES],
        "scorings": {s.value: {"fields": fields(s.value), "notes": list(catalog.notes_for({f"scoring:{s.value}"}))}
                     for s in Scoring},
        "forms": {form: fields(form) for form in ("level", "renewal")},
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
            "notes": list(catalog.notes_for({f"block:{b.id}", "topic:level-rule"})),
            "requirements": [{"id": r.id, "text": r.text.as_dict(),
                              "computed": r.id == process.level_requirement_id(b)} for r in b.requirements],
            "metrics": [{"id": m.id, "name": m.name.as_dict(), "unit": m.unit.value,
                         "unit_name": UNIT_NAMES[m.unit].as_dict(), "client_set": m.client_set} for m in b.metrics],
        } for b in BLOCKS],
        "topics": {topic: list(catalog.notes_for({f"topic:{topic}"}))
                   for topic in ("applicable-points", "decision", "level-rule", "renewal", "metrics-table",
                                 "continuous-improvement")},
        "metrics_table": _metrics_table_catalog(),
        "certification_conditions": [{"id": c.id, "text": c.text.as_dict()} for c in CERTIFICATION_CONDITIONS],
        "renewal_conditions": [{"id": c.id, "text": c.text.as_dict()} for c in RENEWAL_CONDITIONS],
        "errata": [{"id": e.id, "title": e.title.as_dict(), "guide_prints": e.guide_prints.as_dict(),
                    "contradiction": e.contradiction.as_dict(), "decision": e.decision.as_dict()} for e in ERRATA],
        "interpretations": [{"id": i.id, "title": i.title.as_dict(), "question": i.question.as_dict(),
                             "default": i.default.as_dict()} for i in INTERPRETATIONS],
        "calculators": [{"name": c.name, "op": c.op, "title": c.title.as_dict(), "summary": c.summary.as_dict(),
                         "page": c.page} for c in CALCULATORS],
        "assessment_file": {"format": assessment_file.FORMAT, "version": assessment_file.VERSION,
                            "max_bytes": assessment_file.MAX_FILE_BYTES, "metadata": list(assessment_file.METADATA),
                            "max_note": assessment_file.MAX_NOTE, "workbook_max_bytes": _workbook_max_bytes(),
                            "process_format": process_file.FORMAT},
        "examples": [{"id": e.id, "calculator": e.calculator, "title": e.title.as_dict(), "shows": e.shows.as_dict(),
                      "origin": e.origin.value, "reference": e.reference, "page": e.page, "input": e.input,
                      "expected": e.expected} for e in EXAMPLES],
        "timeline": timeline.catalog_json(),
        "optional_operations": _optional_operations(),
    }
    return result, []


def _workbook_max_bytes() -> int:
    from .files import xlsx  # imports copc_cx.web itself: not at the top

    return xlsx.MAX_WORKBOOK_BYTES


def _optional_operations() -> Json:
    """Which operations need an optional package, and which module answers them (copc_cx.optional).
    Imported here, not at the top: the modules it lists import this one."""
    from . import optional

    return optional.catalog_json()


def _metrics_table_catalog() -> Json:
    """What the metrics table's form shows before the engine starts: its columns (the headings a paste
    is matched against too), the choices of its cells, and the options of the derivation."""
    return {
        "columns": [{"key": c.key, "label": c.label.as_dict(), "headings": sorted(c.headings)}
                    for c in metrics.COLUMNS],
        "items": list(metrics.METRIC_ITEMS), "typed_items": sorted(metrics.TYPED_ITEMS),
        "directions": [{"id": d.value, "name": n.as_dict()} for d, n in metrics.DIRECTION_NAMES.items()],
        "improvement": [{"id": i.value, "name": n.as_dict()} for i, n in metrics.IMPROVEMENT_NAMES.items()],
        "level_readings": [{"id": r.value, "name": n.as_dict()} for r, n in metrics.LEVEL_READING_NAMES.items()],
        "statuses": [s.value for s in metrics.Status],
        "limits": {"metrics": metrics.MAX_METRICS, "months": MAX_MONTHS},
    }


# --- single items ------------------------------------------------------------------------------

# What each single-item calculation accepts, for the message when another item is asked for.
_KIND_OF_ITEM: dict[Scoring, Text] = {
    Scoring.APPROACH_DEPLOYMENT: Text("カテゴリ1.0〜3.0の項目", "an item of categories 1.0-3.0"),
    Scoring.PERFORMANCE: Text("4.1・4.2a・4.2b・4.5 のいずれか", "one of 4.1, 4.2a, 4.2b, 4.5"),
    Scoring.CHANNEL_PERFORMANCE: Text("4.3・4.4 のいずれか", "4.3 or 4.4"),
    Scoring.RULE_50_75: Text("4.6", "4.6"),
}


def _score_one(data: Mapping[str, Any], scoring: Scoring, default_item: str) -> assessment.ItemScore:
    """One item scored from form data, if it is an item of that kind in that edition."""
    form = Form(data, Checker(scoring.value))
    number, edition = form.text("item", default_item), form.text("edition")
    form.checker.raise_if_any()
    item, _ = catalog.item_in(number, edition)
    if item.scoring is not scoring:
        kind = _KIND_OF_ITEM[scoring]
        raise InputError([Problem("item", f"項目 {number} は{kind.ja}ではありません。",
                                  f"Item {number} is not {kind.en}.")])
    return assessment.score_item(number, edition, _item_input(scoring, data, ""))


def _item_score(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.APPROACH_DEPLOYMENT, "")
    detail = score.detail
    assert isinstance(detail, rules.ApproachDeploymentScore)
    result = _item_json(score)
    result["display"]["deployed_share"] = fmt_against(detail.deployed_share, *rules.DEPLOYMENT_BANDS)
    return {**result, "deployed_share": _pct(detail.deployed_share),
            "deployment": detail.deployment, "limited_by": detail.limited_by}, list(score.steps)


def _performance(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.PERFORMANCE, "4.1")
    detail = score.detail
    assert isinstance(detail, rules.PerformanceScore)
    result = _item_json(score)
    result["display"]["achieved_share"] = fmt_against(detail.achieved, rules.LEVEL_THRESHOLD)
    return {**result, "achieved_share": _pct(detail.achieved),
            "improving_share": _pct(detail.improving)}, list(score.steps)


def _types(raw: Any, prefix: str) -> dict[str, rules.Counts] | InputError:
    """{"service": {"achieved", "improving", "total"}, ...} as counts per type; blank optional types
    are left out (an entity may have no sales metric)."""
    if not isinstance(raw, dict):
        field = (prefix + "types").rstrip(".")
        return InputError([Problem(field, "指標タイプごとの件数の形式が正しくありません。",
                                   "The counts per metric type are not in the expected form.")])
    names = tuple(f.name for f in INPUT_FIELDS["channel-performance"])
    optional = {t.value for t in OPTIONAL_METRIC_TYPES}
    types: dict[str, rules.Counts] = {}
    for name, value in raw.items():
        values = counts(value, names)
        if values is None:
            field = prefix + (name or "types")
            return InputError([Problem(field, "（達成数, 改善数, 指標数）の形式で入力してください。",
                                       "Give the counts: at target, improving, total.")])
        if name in optional and all(v in (None, "") for v in values):
            continue  # an empty optional type is simply absent
        types[name] = values  # the rules check each value
    return types


def _channel_performance(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one(data, Scoring.CHANNEL_PERFORMANCE, "4.3")
    detail = score.detail
    assert isinstance(detail, rules.ChannelPerformanceScore)
    by_type = {t.value: {"percent": _pct(s.percent), "achieved_share": _pct(s.achieved),
                         "improving_share": _pct(s.improving),
                         "points": float(s.percent * detail.weight * score.available / 100),
                         "display": {"achieved_share": fmt_against(s.achieved, rules.LEVEL_THRESHOLD)}}
               for t, s in detail.by_type.items()}
    return {**_item_json(score), "by_type": by_type, "weight": float(detail.weight)}, list(score.steps)


def _rule_50_75(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    score = _score_one({"edition": "CSP", **data, "item": "4.6"}, Scoring.RULE_50_75, "4.6")
    detail = score.detail
    assert isinstance(detail, rules.Rule5075Score)
    result = _item_json(score)
    result["display"].update(at_target_share=fmt_against(detail.at_target, rules.LEVEL_THRESHOLD),
                             either_share=fmt_against(detail.at_target_or_improving, rules.TREND_THRESHOLD),
                             level=fmt_against(detail.level, 100), trend=fmt_against(detail.trend, 100))
    return {**result, "level": _pct(detail.level), "trend": _pct(detail.trend),
            "at_target_share": _pct(detail.at_target), "either_share": _pct(detail.at_target_or_improving),
            "met": detail.met}, list(score.steps)


def _item_input(scoring: Scoring, raw: Any, prefix: str) -> assessment.ItemInput:
    """The inputs of one item from its form object; a value of the wrong shape is an InputError."""
    if scoring is Scoring.CHANNEL_PERFORMANCE:
        types = _types(raw.get("types") if isinstance(raw, dict) else None, prefix)
        if isinstance(types, InputError):
            raise types
        return assessment.ChannelPerformance(types)
    values = counts(raw, tuple(f.name for f in INPUT_FIELDS[scoring.value]))
    if values is None:
        raise InputError([Problem(prefix.rstrip(".") or "input", "この項目の入力の形式が正しくありません。",
                                  "The inputs of this item are not in the expected form.")])
    return assessment.INPUT_FOR[scoring](*values)  # the rules check each value


# --- scope and the whole self-assessment -------------------------------------------------------

def _scope_args(form: Form) -> dict[str, Any]:
    excluded = form.strings("excluded", ("除外する項目", "items to exclude"))
    return {"human_assisted": form.boolean("human_assisted", True),
            "digital_assisted": form.boolean("digital_assisted", True),
            "excluded": excluded}


def _scope_json(result: scope.ApplicablePoints) -> Json:
    return {"edition": result.edition.value, "total": result.total, "applicable": result.applicable,
            "required": float(result.required), "excludable": list(result.excludable),
            "excluded": [{"item": i.number, "name": i.name.as_dict(), "points": i.points_in(result.edition)}
                         for i in result.excluded],
            "display": {"required": fmt_number(result.required, 4)}}


def _applicable_points(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    form = Form(data, Checker())
    edition, args = form.text("edition"), _scope_args(form)
    form.checker.raise_if_any()
    result = scope.applicable_scope(edition, **args)
    return _scope_json(result), list(result.steps)


def read_self_assessment(data: Mapping[str, Any]) -> tuple[Edition, dict[str, assessment.ItemInput], dict[str, Any]]:
    """The self-assessment operation's input (also the top level of an assessment file) as the
    core's inputs: the edition, each scored item's inputs and the scope's arguments. Every problem
    of every item is raised at once, at its place ("items.2.15.deployed")."""
    form = Form(data, Checker())
    edition_text, args = form.text("edition"), _scope_args(form)
    item_forms = list(form.entries("items", ("項目ごとの入力", "item inputs")))
    form.checker.raise_if_any()
    edition = catalog.edition(edition_text)
    inputs: dict[str, assessment.ItemInput] = {}
    checker = Checker()
    for number, raw in item_forms:
        if blank(raw):
            continue  # an untouched item is unscored, and the decision says so
        try:
            item = catalog.item(number, path("items", number))
            inputs[number] = _item_input(item.scoring, raw, f"items.{number}.")
        except InputError as error:
            checker.problems.extend(error.problems)
    checker.raise_if_any()
    return edition, inputs, args


def _self_assessment(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    edition, inputs, args = read_self_assessment(data)
    result = assessment.assess(edition, inputs, **args)
    steps = [Text(f"{c.text.ja}: {'満たす' if c.met else '満たさない'}（{c.detail.ja}）",
                  f"{c.text.en}: {'met' if c.met else 'not met'} ({c.detail.en})") for c in result.conditions]
    return assessment_json(result), steps


def assessment_json(result: assessment.Assessment, with_items: bool = True) -> Json:
    """The self-assessment operation's result; `with_items=False` leaves out the items' own results
    (their steps cost most of it), for a summary such as the command line's."""
    required = result.scope.required
    return {
        "scope": _scope_json(result.scope),
        "items": [_item_json(s) for s in result.items] if with_items else [],
        "unscored": list(result.unscored),
        "categories": [{"number": c.number, "name": c.name.as_dict(), "earned": float(c.earned),
                        "available": c.available, "display": {"earned": fmt_number(c.earned)}}
                       for c in result.categories],
        "earned": float(result.earned),
        "percent_of_applicable": _pct(result.percent_of_applicable),
        "points_missing": float(result.points_missing),
        "display": {"earned": fmt_against(result.earned, required),
                    "percent_of_applicable": fmt_against(result.percent_of_applicable, 95),
                    "points_missing": fmt_against(result.points_missing, 0),
                    "required": fmt_number(required, 4)},
        "biggest_losses": [{"item": s.number, "name": s.name.as_dict(), "lost": float(s.lost)}
                           for s in result.biggest_losses],
        "conditions": [{"id": c.id, "text": c.text.as_dict(), "met": c.met, "detail": c.detail.as_dict()}
                       for c in result.conditions],
        "certified": result.certified,
    }


# --- process certification and renewal --------------------------------------------------------

def _months(raw: Any, field: str, checker: Checker) -> tuple[Any, Any] | None:
    values = counts(raw, ("months_at_target", "months_measured"))
    if values is None:
        checker.add(field, "（目標達成の月数, 測定した月数）の形式で入力してください。",
                    "Give the months at target and the months measured.")
        return None
    return values[0], values[1]


def _unit_metrics(form: Form, key: str, what: tuple[str, str]) -> dict[str, Any]:
    """The months of each metric of one unit (the entity or a site) at `key` of `form`."""
    unit = form.obj(key, what)
    metrics: dict[str, Any] = {}
    if unit is None:
        return metrics
    for name, value in form.entries(key, what):
        if blank(value):
            continue
        months = _months(value, unit.field(name), form.checker)
        if months is not None and unit.name(name, ("指標名", "metric name")):
            metrics[name] = months
    return metrics


def read_process_certification(data: Mapping[str, Any]) -> dict[str, Any]:
    """The process-certification op's input as the keyword arguments of check_process_certification."""
    form = Form(data, Checker("level"))
    block, edition = form.text("block"), form.text("edition")
    requirements = form.strings("requirements_met", ("満たしている要求", "requirements met")) or []
    include_optional = form.boolean("include_optional", False)
    entity = _unit_metrics(form, "entity", ("主体組織の指標", "entity's metrics"))
    sites: dict[str, dict[str, Any]] = {}
    sites_form = form.obj("sites", ("拠点", "sites"))
    if sites_form is not None:
        for name, _ in form.entries("sites", ("拠点", "sites")):
            if sites_form.name(name, ("拠点名", "site name")):
                sites[name] = _unit_metrics(sites_form, name, ("拠点の指標", "site's metrics"))
    form.checker.raise_if_any()
    return {"block_id": block, "edition": edition, "entity": entity, "sites": sites,
            "requirements_met": requirements, "include_optional": include_optional}


def _process_certification(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    args = read_process_certification(data)
    result = process.check_process_certification(**args)
    return {
        "block": result.block.id, "items": list(result.items), "level_holds": result.level_holds,
        "ready": result.ready,
        "units": [{"unit": u.unit, "holds": u.level.holds, "share_meeting": _pct(u.level.share_meeting),
                   "display": {"share_meeting": fmt_against(u.level.share_meeting, rules.LEVEL_THRESHOLD)},
                   "failing": list(u.failing),
                   "metrics": [{"metric": m.metric, "months_at_target": m.months_at_target,
                                "months_measured": m.months_measured, "months_needed": m.months_needed,
                                "meets": m.meets} for m in u.level.metrics],
                   "steps": _steps(u.level.steps)} for u in result.units],
        "unmet_requirements": [{"id": r.id, "text": r.text.as_dict()} for r in result.unmet_requirements],
    }, list(result.steps)


def _renewal(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    form = Form(data, Checker("renewal"))
    flags = {key: form.boolean(key, False) for key in
             ("no_major_nonconformity", "no_internal_audit_nonconformity", "category_4_level_met")}
    pst = {key: whole_number(form.get(key)) for key in ("pst_at_target", "pst_at_target_or_improving", "pst_total")}
    form.checker.raise_if_any()
    result = renewal.renewal_interval(**flags, **pst)
    return {
        "interval_years": result.interval_years,
        "at_target_share": _pct(result.at_target_share),
        "either_share": _pct(result.either_share),
        "display": {"at_target_share": fmt_against(result.at_target_share, renewal.AT_TARGET_OVER),
                    "either_share": fmt_against(result.either_share, renewal.EITHER_OVER)},
        "conditions": [{"id": c.id, "text": c.text.as_dict(), "met": met} for c, met in result.conditions],
    }, list(result.steps)


# --- the metrics table (metrics.py documents the rows; metrics_io.py the paste preview) ----------

def _choice(form: Form, key: str, choices: type[StrEnum], default: StrEnum) -> Any:
    """One of an enumeration's values; blank: the default."""
    value = form.get(key)
    if value in (None, ""):
        return default
    try:
        return choices(value)
    except ValueError:
        allowed = ", ".join(c.value for c in choices)
        form.checker.add(form.field(key), f"{key} は {allowed} のいずれかです（入力値: {value!r:.40}）。",
                         f"{key} must be one of {allowed} (got {value!r:.40}).")
        return default


def _rows_json(rows: tuple[int, ...]) -> list[int]:
    return list(rows)


def _tally_json(counted: metrics.Tally) -> Json:
    at_target, improving, total = counted.counts
    return {"counts": {"at_target": at_target, "improving": improving, "total": total},
            "rows": {"at_target": list(counted.at_target), "improving": list(counted.improving),
                     "other": list(counted.other)},
            "at_target_share": None if not total else _pct(rules.share(at_target, total)),
            "display": {"at_target_share": "" if not total else
                        fmt_against(rules.share(at_target, total), rules.LEVEL_THRESHOLD)}}


def _metrics_item_json(result: metrics.ItemResult, edition: Edition) -> Json:
    item, available = catalog.item_in(result.number, edition)
    score = result.score
    out: Json = {"item": result.number, "name": item.name.as_dict(), "available": available,
                 **_tally_json(result.tally),
                 "by_type": {t.value: _tally_json(c) for t, c in result.by_type.items()},
                 "percent": None, "points": None, "rule_50_75_met": None,
                 "problems": [p.as_dict() for p in result.problems], "steps": [],
                 "notes": list(catalog.notes_for(catalog.item_tags(result.number, edition)))}
    if score is not None:
        scored = _item_json(score)
        out.update(percent=scored["percent"], points=scored["points"], lost=scored["lost"],
                   rule_50_75_met=scored["rule_50_75_met"], steps=scored["steps"])
        out["display"].update(scored["display"])
        detail = score.detail
        if isinstance(detail, rules.Rule5075Score):
            out.update(level=_pct(detail.level), trend=_pct(detail.trend),
                       either_share=_pct(detail.at_target_or_improving))
            out["display"]["either_share"] = fmt_against(detail.at_target_or_improving, rules.TREND_THRESHOLD)
        if isinstance(detail, rules.ChannelPerformanceScore):
            for metric_type, type_score in detail.by_type.items():
                out["by_type"][metric_type.value].update(
                    percent=_pct(type_score.percent),
                    points=float(type_score.percent * detail.weight * available / 100))
    return out


def _level_json(derived: metrics.Derived) -> Json | None:
    level = derived.level
    if level is None:
        return None
    return {
        "block": level.block.id, "reading": level.reading.value, "period": list(level.period),
        "holds": level.holds, "differs": list(level.differs),
        "problems": [p.as_dict() for p in level.problems],
        "units": [{
            "unit": u.unit, "holds": u.holds(level.reading), "differs": u.differs,
            "each_metric": {"holds": u.holds_each_metric, "share_meeting": _pct(u.share_meeting),
                            "display": {"share_meeting": fmt_against(u.share_meeting, rules.LEVEL_THRESHOLD)},
                            "metrics": [{"row": int(m.metric), "months_at_target": m.months_at_target,
                                         "months_measured": m.months_measured, "months_needed": m.months_needed,
                                         "meets": m.meets} for m in u.metrics]},
            "each_month": {"holds": u.holds_each_month, "months_needed": u.months_needed,
                           "months_meeting": u.months_meeting,
                           "months": [{"month": m.month, "at_target": m.at_target, "measured": m.measured,
                                       "meets": m.meets} for m in u.months]},
        } for u in level.units],
        "notes": list(catalog.notes_for({"topic:level-rule", f"block:{level.block.id}"})),
        "process": _process_months_json(metrics.process_months(derived)),
    }


def _process_months_json(found: metrics.ProcessMonths | None) -> Json | None:
    if found is None:
        return None

    def form(months: Mapping[str, tuple[int, int]]) -> Json:
        return {metric: {"months_at_target": str(at), "months_measured": str(measured)}
                for metric, (at, measured) in months.items()}

    return {"entity": form(found.entity), "sites": {site: form(m) for site, m in found.sites.items()},
            "left_out": list(found.left_out)}


def _renewal_json(derived: metrics.Derived) -> Json | None:
    shares = derived.renewal
    if shares is None:
        return None
    texts = {c.id: c.text for c in RENEWAL_CONDITIONS}
    at_target, improving, total = derived.renewal_tally.counts
    # its rows are those of item 4.6 (interpretation metrics-from-table)
    return {"counts": {"at_target": at_target, "improving": improving, "total": total},
            "at_target_share": _pct(shares.at_target_share), "either_share": _pct(shares.either_share),
            "display": {"at_target_share": fmt_against(shares.at_target_share, renewal.AT_TARGET_OVER),
                        "either_share": fmt_against(shares.either_share, renewal.EITHER_OVER)},
            "conditions": [{"id": cid, "text": texts[cid].as_dict(), "met": met} for cid, met in shares.met.items()]}


def _metrics_table(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """Everything a metrics table gives (metrics.py documents its input). Rows are named by their index
    in the request's `rows`; shares are percentages, with `display` text that keeps the side of the
    threshold beside it.

    {edition, months (calendar order),
     improvement: {rule, name, marked_by_reader, marked_by_rule, differ (rows below target where the
                   two disagree), counted (rows counted as improving)},
     metrics: [{row, status: at-target|improving|below-target|fails-cui|no-result, at_target, improving,
                improving_by_rule, latest_month, latest, months_at_target, months_measured}],
     items: [{item, name, available, counts: {at_target, improving, total}, rows: {at_target, improving,
              other}, at_target_share, display, by_type: {service: {counts, rows, percent, points, ...}},
              percent, points, rule_50_75_met, level, trend (4.6), problems, steps, notes}] for 4.1-4.6,
     self_assessment_items: {"4.1": {"achieved", "improving", "total"}, "4.3": {"types": {...}},
                             "4.6": {"at_target", "at_target_or_improving", "total"}} (text, as the
                             self-assessment's form sends them; items without metrics left out),
     renewal: {counts, at_target_share, either_share, display, conditions: [{id, text, met}]} | null,
     level: {block, reading, period, holds, differs (units), problems, notes,
             units: [{unit: "entity"|site, holds, differs, each_metric: {holds, share_meeting, display,
                      metrics: [{row, months_at_target, months_measured, months_needed, meets}]},
                      each_month: {holds, months_needed, months_meeting,
                                   months: [{month, at_target, measured, meets}]}}]},
             process: {entity: {metric: {months_at_target, months_measured}}, sites: {site: {...}},
                       left_out: [rows]} (the process-certification check's input for the block's
                       metrics, text as its form sends it; left_out: rows for a metric an earlier row
                       of the same unit already gives)} | null,
     unfilled: [rows skipped], warnings: [{field, ja, en}], notes: ["interpretation:...", ...]}
    """
    form = Form(data, Checker())
    improvement = _choice(form, "improvement", metrics.Improvement, metrics.Improvement.READER)
    reading = _choice(form, "level_reading", metrics.LevelReading, metrics.LevelReading.EACH_METRIC)
    block = form.text("block")
    period = whole_number(form.get("period_months"))
    if period == "" or period is None:
        period = None
    elif type(period) is not int or not 1 <= period <= MAX_MONTHS:
        form.checker.add("period_months", f"期間の月数は1〜{MAX_MONTHS}の整数です（空欄: 表のすべての月）。",
                         f"The period's months must be a whole number from 1 to {MAX_MONTHS} (blank: every "
                         "month of the table).")
        period = None
    problems = list(form.checker.problems)
    try:
        table = metrics.read_table(data)
    except InputError as error:
        raise InputError([*problems, *error.problems]) from None
    form.checker.raise_if_any()
    derived = metrics.derive(table, improvement=improvement, block=block or None, level_reading=reading,
                             period_months=period)
    months = table.months
    reader_marks = [s.metric.row for s in derived.statuses if s.metric.improving]
    by_rule = [s.metric.row for s in derived.statuses if s.improving_by_rule]
    below = [s for s in derived.statuses if not s.at_target and s.metric.cui and s.latest is not None]
    result: Json = {
        "edition": table.edition.value, "months": list(months),
        "improvement": {
            "rule": improvement.value, "name": metrics.IMPROVEMENT_NAMES[improvement].as_dict(),
            "marked_by_reader": reader_marks, "marked_by_rule": by_rule,
            # rows not at target where the reader's mark and the rule disagree: what switching would change
            "differ": [s.metric.row for s in below if s.metric.improving != s.improving_by_rule],
            "counted": [s.metric.row for s in derived.statuses if s.improving],
        },
        "metrics": [{"row": s.metric.row, "status": s.status.value, "at_target": s.at_target,
                     "improving": s.improving, "improving_by_rule": s.improving_by_rule,
                     "latest_month": None if s.latest is None else months[s.latest],
                     "latest": None if s.latest is None else s.metric.results[s.latest],
                     "months_at_target": s.months_at_target, "months_measured": s.months_measured}
                    for s in derived.statuses],
        "items": [_metrics_item_json(r, table.edition) for r in derived.items],
        "self_assessment_items": {r.number: metrics.self_assessment_input(r.inputs) for r in derived.items
                                  if r.inputs is not None},
        "renewal": _renewal_json(derived),
        "level": _level_json(derived),
        "unfilled": list(table.unfilled),
        "warnings": [w.as_dict() for w in table.warnings],
        "notes": list(derived.notes),
    }
    return result, list(derived.steps())


def _metrics_paste(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """A preview of pasted text (metrics_io.py): {format, header_line, columns: [{column, letter, heading,
    as (a column's key, "results" for a month, null: not read), month, label}], rows: [{line, text,
    cells, row}], problems: [{field, line, column, cell ("C4"), ja, en}], warnings, unfilled, ready (no
    problems), table (the metrics-table operation's input; rows[i] is the preview's rows[i])}. Problems
    in the text are part of the preview, not errors of the request."""
    form = Form(data, Checker())
    edition = form.text("edition")
    wanted = form.text("format", "auto") or "auto"
    text = form.get("text", "")
    if wanted not in ("auto", "tsv", "csv"):
        form.checker.add("format", "形式は auto、tsv、csv のいずれかです。", "The format must be auto, tsv or csv.")
    if not isinstance(text, str):
        form.checker.add("text", "貼り付ける内容は文字列です。", "The pasted text must be a string.")
    form.checker.raise_if_any()
    preview = metrics_io.parse(str(text), catalog.edition(edition), wanted)
    result = {
        "format": preview.format, "header_line": preview.header_line,
        "columns": [{"column": c.index, "letter": metrics_io.column_letter(c.index), "heading": c.heading,
                     "as": c.key, "month": c.month,
                     "label": (Text(c.month, c.month) if c.month else metrics.COLUMNS_BY_KEY[c.key].label
                               if c.key else Text("（読み取らない列）", "(not read)")).as_dict()}
                    for c in preview.columns],
        "rows": [{"line": r.line, "text": r.text, "cells": list(r.cells), "row": r.row} for r in preview.rows],
        "problems": [p.as_dict() for p in preview.problems],
        "warnings": [w.as_dict() for w in preview.warnings],
        "unfilled": list(preview.unfilled),
        "ready": not preview.problems,
        "table": preview.table,
    }
    n = len(preview.rows)
    steps = [Text(f"{preview.format.upper()}として読み取り: {n} 行、月の列 {len(preview.table['months'])}、"
                  f"問題 {len(preview.problems)} 件",
                  f"Read as {preview.format.upper()}: {n} rows, {len(preview.table['months'])} month columns, "
                  f"{len(preview.problems)} problems")]
    return result, steps


def _metrics_export(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    form = Form(data, Checker())
    fmt = form.text("format", "tsv") or "tsv"
    lang = form.text("lang", "ja") or "ja"
    edition = form.text("edition")
    if fmt not in ("tsv", "csv"):
        form.checker.add("format", "形式は tsv か csv です。", "The format must be tsv or csv.")
    if lang not in ("ja", "en"):
        form.checker.add("lang", "言語は ja か en です。", "The language must be ja or en.")
    form.checker.raise_if_any()
    text = metrics_io.export({**data, "edition": catalog.edition(edition).value}, fmt, lang)
    return {"text": text, "format": fmt, "filename": f"metrics-{edition}.{fmt}"}, []


def _metrics_template(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    form = Form(data, Checker())
    edition = form.text("edition")
    lang = form.text("lang", "ja") or "ja"
    programs = form.strings("programs", ("プログラム", "programs")) or []
    clients = form.strings("clients", ("クライアント", "clients")) or []
    if lang not in ("ja", "en"):
        form.checker.add("lang", "言語は ja か en です。", "The language must be ja or en.")
    form.checker.raise_if_any()
    entries = metrics.template(edition, clients=clients, programs=programs)
    return {
        "entries": [{"item": e.item, "level": e.level.value, "name": e.name.as_dict(), "kind": e.kind,
                     "unit": e.unit} for e in entries],
        "rows": [{"name": e.name.ja if lang == "ja" else e.name.en, "item": e.item, "level": e.level.value,
                  "unit": e.unit, "target": "", "direction": "", "results": []} for e in entries],
    }, []
# --- plans and reports ---------------------------------------------------------------------------

def _with_changes(raw: Any, changes: tuple[plan.Change, ...]) -> Json:
    """An item's form object with the changed fields set (as text, as a form holds them); the other fields
    stay as the reader typed them."""
    item: Json = json.loads(json.dumps(raw)) if isinstance(raw, dict) else {}
    for change in changes:
        *parents, name = change.field.split(".")
        target = item
        for key in parents:
            if not isinstance(target.get(key), dict):
                target[key] = {}
            target = target[key]
        target[name] = str(change.after)
    return item


def _certification_plan(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    edition, inputs, args = read_self_assessment(data)
    found = plan.plan_certification(edition, inputs, **args)
    required = found.before.scope.required
    raw_items = data.get("items") if isinstance(data.get("items"), dict) else {}
    assert isinstance(raw_items, dict)
    items_after: Json = dict(raw_items)
    steps: list[Json] = []
    for step in found.steps:
        items_after[step.item] = _with_changes(items_after.get(step.item), step.changes)
        steps.append({
            "id": step.id, "condition": step.condition, "item": step.item, "kind": step.kind, "size": step.size,
            "changes": [{"field": c.field, "from": c.before, "to": c.after} for c in step.changes],
            "inputs": items_after[step.item],
            "points": float(step.points), "percent_before": _pct(step.percent_before),
            "percent_after": _pct(step.percent_after), "earned_after": float(step.earned_after),
            "certified_after": step.certified_after,
            "display": {"points": fmt_number(step.points), "percent_before": fmt_against(step.percent_before, 100),
                        "percent_after": fmt_against(step.percent_after, 100),
                        "earned_after": fmt_against(step.earned_after, required)},
            "text": step.text.as_dict(),
        })
    after = found.after
    result = {
        "certified": found.before.certified,
        "certified_after": after.certified,
        "method": found.method, "method_text": found.method_text.as_dict(),
        "points_missing": float(found.points_missing),
        "points_from_conditions": float(found.points_from_conditions),
        "needs_inputs": list(found.needs_inputs),
        "conditions": [{"id": c.id, "text": c.text.as_dict(), "met": c.met, "remedy": c.remedy.as_dict(),
                        "steps": list(c.steps), "needs_inputs": list(c.needs_inputs)} for c in found.conditions],
        "steps": steps,
        "after": {"earned": float(after.earned), "percent_of_applicable": _pct(after.percent_of_applicable),
                  "certified": after.certified,
                  "conditions": [{"id": c.id, "met": c.met, "detail": c.detail.as_dict()} for c in after.conditions],
                  "display": {"earned": fmt_against(after.earned, required),
                              "percent_of_applicable": fmt_against(after.percent_of_applicable, 95),
                              "points_missing": fmt_against(after.points_missing, 0)}},
        "display": {"points_missing": fmt_against(found.points_missing, 0),
                    "points_from_conditions": fmt_number(found.points_from_conditions)},
        "input_after": {**data, "items": items_after},
    }
    return result, [found.method_text, *(s.text for s in found.steps)]


def _process_plan(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    args = read_process_certification(data)
    found = plan.plan_process(**args)
    entity_raw = data.get("entity") if isinstance(data.get("entity"), dict) else {}
    sites_raw = data.get("sites") if isinstance(data.get("sites"), dict) else {}
    assert isinstance(entity_raw, dict) and isinstance(sites_raw, dict)
    entity_after: Json = json.loads(json.dumps(entity_raw))
    sites_after: Json = json.loads(json.dumps(sites_raw))
    steps: list[Json] = []
    for step in found.steps:
        unit = entity_after if step.is_entity else sites_after[step.unit]
        unit[step.metric] = {**unit[step.metric], "months_at_target": str(step.months_needed)}
        steps.append({"id": step.id, "unit": step.unit, "entity": step.is_entity, "metric": step.metric,
                      "name": step.name.as_dict(), "months_at_target": step.months_at_target,
                      "months_needed": step.months_needed, "months_measured": step.months_measured,
                      "more_months": step.more_months,
                      "changes": [{"field": "months_at_target", "from": step.months_at_target,
                                   "to": step.months_needed}],
                      "text": step.text.as_dict()})
    result = {
        "ready": found.before.ready, "ready_after": found.after.ready,
        "level_holds": found.before.level_holds, "level_holds_after": found.after.level_holds,
        "units": [{"unit": u.unit, "entity": u.is_entity, "holds": u.holds, "meeting": u.meeting,
                   "metrics": u.metrics, "needed": u.needed, "steps": [s.id for s in u.steps]} for u in found.units],
        "requirements": [{"id": rid, "text": text.as_dict()} for rid, text in found.requirements],
        "steps": steps,
        "input_after": {**data, "entity": entity_after, "sites": sites_after,
                        "requirements_met": list(found.requirements_after)},
    }
    texts = [s.text for s in found.steps] + [Text(f"追加要求を満たす: {t.ja}", f"Meet the requirement: {t.en}")
                                             for _, t in found.requirements]
    return result, texts


def _report_options(data: Mapping[str, Any]) -> tuple[report.Lang, str | None, report.Metadata]:
    form = Form(data, Checker())
    lang = form.text("lang", "ja")
    if lang not in ("ja", "en"):
        form.checker.add("lang", "言語は ja か en です。", "The language must be ja or en.")
    build_id = form.text("build_id", "") or None
    form.checker.raise_if_any()
    metadata = report.read_metadata(data)
    return ("en" if lang == "en" else "ja"), build_id, metadata


def _self_assessment_report(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    lang, build_id, metadata = _report_options(data)
    edition, inputs, args = read_self_assessment(data)
    document = report.self_assessment_report(edition, inputs, **args, metadata=metadata, lang=lang,
                                             build_id=build_id)
    return {"lang": lang, "title": document.title, "html": report.to_html(document, standalone=False)}, []


def _process_report(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    lang, build_id, metadata = _report_options(data)
    args = read_process_certification(data)
    document = report.process_report(**args, metadata=metadata, lang=lang, build_id=build_id)
    return {"lang": lang, "title": document.title, "html": report.to_html(document, standalone=False)}, []


def _timeline(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    planned = timeline.read_form(data)
    return timeline.plan_json(planned), list(planned.steps)


# --- assessment files (copc_cx.files.assessment_file) ------------------------------------------

def _file_json(doc: assessment_file.AssessmentFile) -> Json:
    """What the file operations answer: the file normalised (`assessment`, with its `metrics` table when
    it has one), the self-assessment's input (4.1-4.6 from the metrics table where it counts them),
    what the rules refuse, `metric_items` (the items the table filled) and `notices` (typed counts the
    table's replaced, at items.<number>)."""
    return {"assessment": assessment_file.to_data(doc), "input": assessment_file.self_assessment_input(doc),
            "problems": [p.as_dict() for p in assessment_file.problems(doc)],
            "metric_items": list(doc.metric_items), "notices": [p.as_dict() for p in doc.notices],
            "file_name": assessment_file.file_name(doc)}


def _assessment_file_read(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """{"text": the file's text} -> the file normalised, the self-assessment's input and what the rules
    refuse in it; a file over the limit is refused from {"size": bytes} alone, unread."""
    size, text = data.get("size"), data.get("text")
    if type(size) is int and size > assessment_file.MAX_FILE_BYTES:
        raise assessment_file.too_large(size)
    if not isinstance(text, str):
        raise InputError([Problem("text", "ファイルの中身（テキスト）がありません。", "The file's text is missing.")])
    return _file_json(assessment_file.read_text(text)), []


def _assessment_file_write(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """An assessment (the file's fields, or the self-assessment's input with metadata and notes) ->
    the file's text and a name to save it under. Counts the rules refuse are kept as they are."""
    doc = assessment_file.read_data(data)
    return {**_file_json(doc), "text": assessment_file.dumps(doc), "media_type": "application/json"}, []


def _process_file_read(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """{"text": a process-certification file's text} -> {assessment: the file normalised, input: the
    process-certification op's input, problems, file_name}; over the limit, refused from {"size"}."""
    size, text = data.get("size"), data.get("text")
    if type(size) is int and size > process_file.MAX_FILE_BYTES:
        raise assessment_file.too_large(size)
    if not isinstance(text, str):
        raise InputError([Problem("text", "ファイルの中身（テキスト）がありません。", "The file's text is missing.")])
    return process_file.as_json(process_file.read_text(text)), []


def _process_file_write(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    """The process-certification op's input with metadata and notes -> the file's text and name
    (what the rules refuse is saved as typed)."""
    doc = process_file.read_data(data)
    return {**process_file.as_json(doc), "text": process_file.dumps(doc), "media_type": "application/json"}, []


# --- the registry and the entry points --------------------------------------------------------

@dataclass(frozen=True)
class Operation:
    run: Callable[[Mapping[str, Any]], tuple[Json, list[Text]]]
    summary: Text


OPERATIONS: dict[str, Operation] = {
    "catalog": Operation(_catalog, Text("規格のデータ一式", "The standard's data for the forms")),
    "item-score": Operation(_item_score, Text("カテゴリ1.0〜3.0の項目の得点", "Score of an item of 1.0-3.0")),
    "performance": Operation(_performance, Text("4.1・4.2・4.5の得点", "Score of 4.1, 4.2a/b or 4.5")),
    "channel-performance": Operation(_channel_performance, Text("4.3・4.4の得点", "Score of 4.3 or 4.4")),
    "rule-50-75": Operation(_rule_50_75, Text("4.6の50/75ルール", "4.6's 50/75 rule")),
    "applicable-points": Operation(_applicable_points, Text("評価対象の持ち点", "Applicable points")),
    "self-assessment": Operation(_self_assessment, Text("自己評価と認証の判定", "Self-assessment and decision")),
    "process-certification": Operation(_process_certification,
                                       Text("プロセス認証のレベル要求", "Process-certification level rule")),
    "renewal": Operation(_renewal, Text("更新審査の間隔", "Renewal interval")),
    "metrics-table": Operation(_metrics_table, Text("指標表からカテゴリ4.0の件数と得点",
                                                    "Category 4.0 from a metrics table")),
    "metrics-paste": Operation(_metrics_paste, Text("貼り付けた指標表のプレビュー",
                                                    "Preview of a pasted metrics table")),
    "metrics-export": Operation(_metrics_export, Text("指標表をTSV・CSVに書き出す", "Metrics table as TSV or CSV")),
    "metrics-template": Operation(_metrics_template, Text("ガイドの採点対象指標から表の行を作る",
                                                          "Rows from the guide's list of scored metrics")),
    "certification-plan": Operation(_certification_plan,
                                    Text("認証に向けた計画", "The changes that reach certification")),
    "process-plan": Operation(_process_plan,
                              Text("レベル要求を満たすための計画", "The changes that meet the level rule")),
    "self-assessment-report": Operation(_self_assessment_report, Text("自己評価のレポート", "Self-assessment report")),
    "process-report": Operation(_process_report,
                                Text("プロセス認証チェックのレポート", "Process-certification report")),
    "timeline": Operation(_timeline, Text("認証までと更新の日程", "Certification and renewal timeline")),


    "assessment-file-read": Operation(_assessment_file_read, Text("評価ファイルを開く", "Open an assessment file")),
    "assessment-file-write": Operation(_assessment_file_write, Text("評価ファイルを保存", "Save an assessment file")),
    "process-file-read": Operation(_process_file_read,
                                   Text("プロセス認証のファイルを開く", "Open a process-certification file")),
    "process-file-write": Operation(_process_file_write,
                                    Text("プロセス認証のファイルを保存", "Save a process-certification file")),
}


def _error(field: str, ja: str, en: str) -> Json:
    return {"ok": False, "errors": [Problem(field, ja, en).as_dict()]}


def call(request: Mapping[str, Any], operations: Mapping[str, Operation] | None = None) -> Json:
    """Run one operation on already-parsed JSON; never raises. `operations`: another set than
    OPERATIONS with the same contract (copc_cx.ical's, which need an optional library)."""
    op = request.get("op")
    operation = (OPERATIONS if operations is None else operations).get(op) if isinstance(op, str) else None
    if operation is None:
        shown = repr(op) if len(repr(op)) <= 40 else repr(op)[:37] + "…"
        return _error("op", f"不明な計算です: {shown}", f"Unknown calculation: {shown}")
    data = request.get("input")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return _error("input", "入力はオブジェクト（{…}）である必要があります。", "The input must be an object ({…}).")
    try:
        result, steps = operation.run(data)
    except InputError as error:
        # every error names a place: a rule that could not name one names the whole input
        return {"ok": False, "errors": [{**p.as_dict(), "field": p.field or "input"} for p in error.problems]}
    except Exception as error:  # the last resort: an answer that says what failed, not a traceback
        kind = type(error).__name__
        return _error("request", f"計算「{op}」を完了できませんでした（内部エラー {kind}）。入力を見直してください。",
                      f"The calculation {op!r} could not be completed (internal error {kind}). Check the inputs.")
    return {"ok": True, "result": result, "steps": _steps(steps)}


_SURROGATE = re.compile("[\ud800-\udfff]")


def handle(request_json: str, operations: Mapping[str, Operation] | None = None) -> str:
    """The worker's entry point: JSON text in, JSON text out, whatever the text."""
    if not isinstance(request_json, str) or len(request_json) > MAX_REQUEST_CHARS:
        size = len(request_json) if isinstance(request_json, str) else 0
        answer = _error("request", f"リクエストが大きすぎます（{size:,} 文字、上限 {MAX_REQUEST_CHARS:,} 文字）。",
                        f"The request is too large ({size:,} characters; at most {MAX_REQUEST_CHARS:,}).")
    else:
        try:
            request = json.loads(request_json, parse_int=parse_int)
        except RecursionError:
            request = "nested"
        except ValueError:
            request = None
        if request == "nested":
            answer = _error("request", "リクエストの入れ子が深すぎます。", "The request is nested too deeply.")
        elif not isinstance(request, dict):
            answer = _error("request", "リクエストを読み取れません。", "The request could not be read.")
        else:
            answer = call(request, operations)
    text = json.dumps(answer, ensure_ascii=False)
    # a lone surrogate the reader sent back in a message is escaped, so the answer is valid UTF-8
    return json.dumps(answer) if _SURROGATE.search(text) else text
