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
from fractions import Fraction
from typing import Any

from . import assessment, catalog, process, renewal, rules, scope
from .errors import Checker, InputError, Problem
from .examples import EXAMPLES
from .files import assessment_file
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
                   for topic in ("applicable-points", "decision", "level-rule", "renewal")},
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
                            "max_note": assessment_file.MAX_NOTE},
        "examples": [{"id": e.id, "calculator": e.calculator, "title": e.title.as_dict(), "shows": e.shows.as_dict(),
                      "origin": e.origin.value, "reference": e.reference, "page": e.page, "input": e.input,
                      "expected": e.expected} for e in EXAMPLES],
    }
    return result, []


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


def _process_certification(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    form = Form(data, Checker("level"))
    block, edition = form.text("block"), form.text("edition")
    requirements = form.strings("requirements_met", ("満たしている要求", "requirements met")) or []
    include_optional = form.boolean("include_optional", False)
    entity = _unit_metrics(form, "entity", ("主体組織の指標", "entity's metrics"))
    sites: dict[str, dict[str, Any]] = {}
    sites_form = form.obj("sites", ("サイト", "sites"))
    if sites_form is not None:
        for name, _ in form.entries("sites", ("サイト", "sites")):
            if sites_form.name(name, ("サイト名", "site name")):
                sites[name] = _unit_metrics(sites_form, name, ("サイトの指標", "site's metrics"))
    form.checker.raise_if_any()

    result = process.check_process_certification(
        block, edition, entity=entity, sites=sites, requirements_met=requirements, include_optional=include_optional)
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


# --- assessment files (copc_cx.files.assessment_file) ------------------------------------------

def _file_json(doc: assessment_file.AssessmentFile) -> Json:
    return {"assessment": assessment_file.to_data(doc), "input": assessment_file.self_assessment_input(doc),
            "problems": [p.as_dict() for p in assessment_file.problems(doc)],
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
    "assessment-file-read": Operation(_assessment_file_read, Text("評価ファイルを開く", "Open an assessment file")),
    "assessment-file-write": Operation(_assessment_file_write, Text("評価ファイルを保存", "Save an assessment file")),
}


def _error(field: str, ja: str, en: str) -> Json:
    return {"ok": False, "errors": [Problem(field, ja, en).as_dict()]}


def call(request: Mapping[str, Any]) -> Json:
    """Run one operation on already-parsed JSON; never raises."""
    op = request.get("op")
    operation = OPERATIONS.get(op) if isinstance(op, str) else None
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


def handle(request_json: str) -> str:
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
            answer = call(request)
    text = json.dumps(answer, ensure_ascii=False)
    # a lone surrogate the reader sent back in a message is escaped, so the answer is valid UTF-8
    return json.dumps(answer) if _SURROGATE.search(text) else text
