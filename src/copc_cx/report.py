"""A report of a self-assessment or a process-certification check, for people who never saw the site.

`self_assessment_report(...)` and `process_report(...)` build a `Document` in one language (title block,
the decision with every condition, a chart with its text equivalent, the plan, the tables, the errata and
interpretations the result depends on, the disclaimer); `to_html` renders it as a standalone HTML file
(inline CSS, no scripts, nothing fetched, A4 portrait when printed, the decision on page 1) or, with
`standalone=False`, as one `<article class="copc-report">` that the site can insert into a page whose
stylesheet carries `CSS` (the site's Content-Security-Policy refuses inline styles, so the fragment uses
classes and SVG attributes only, never a style attribute); `to_markdown` renders the same document as
Markdown. Web ops "self-assessment-report" and "process-report" return the fragment.

Everything the reader typed (organisation, notes, site names) is escaped here; nothing becomes a link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from . import catalog, plan, process, timeline
from .assessment import ApproachDeployment, Assessment, ChannelPerformance, ItemInput, Performance, Rule5075
from .errors import Checker, InputError
from .forms import MAX_NAME, Form, readable
from .standard import ERRATA, INTERPRETATIONS, METRIC_TYPE_NAMES, MetricType
from .text import Text, fmt_against, fmt_number

Lang = Literal["ja", "en"]
RELEASE = "Release 7.0 v1.2"
MAX_NOTE = 2_000  # characters of one item's note
MAX_DATE = 40


# --- what the report says about who assessed what ------------------------------------------------

@dataclass(frozen=True)
class Metadata:
    organisation: str = ""
    site: str = ""
    assessor: str = ""
    date: str = ""
    notes: Mapping[str, str] = field(default_factory=dict)  # item number -> note
    timeline: timeline.Plan | None = None  # the certification timeline, when the file or request has one


def read_metadata(data: Mapping[str, Any]) -> Metadata:
    """The optional keys organisation, site, assessor, date and notes ({item: text}) of an op's input or
    an assessment file; each problem is raised at its field."""
    form = Form(data, Checker())
    values: dict[str, str] = {}
    for key, limit in (("organisation", MAX_NAME), ("site", MAX_NAME), ("assessor", MAX_NAME), ("date", MAX_DATE)):
        value = data.get(key)
        if value is None or value == "":
            values[key] = ""
        elif isinstance(value, str) and len(value) <= limit and readable(value):
            values[key] = value.strip()
        else:
            form.checker.add(key, f"{key} には {limit} 文字以内の読める文字列を入力してください。",
                             f"{key} must be a readable text of at most {limit} characters.")
    notes: dict[str, str] = {}
    for number, text in form.entries("notes", ("項目のメモ", "item notes")):
        where = f"notes.{number}" if readable(number) and len(number) <= 40 else "notes"
        try:
            catalog.item(number, where)
        except InputError as error:
            form.checker.problems.extend(error.problems)
            continue
        if text is None or text == "":
            continue
        if not isinstance(text, str) or len(text) > MAX_NOTE or not readable(text.replace("\n", " ").replace(
                "\r", " ").replace("\t", " ")):
            form.checker.add(where, f"メモは {MAX_NOTE:,} 文字以内の読める文字列で入力してください。",
                             f"A note must be a readable text of at most {MAX_NOTE:,} characters.")
            continue
        notes[number] = text.strip()
    planned = None
    try:
        planned = timeline.read_nested(data.get("timeline"))
    except InputError as error:
        form.checker.problems.extend(error.problems)
    form.checker.raise_if_any()
    return Metadata(values["organisation"], values["site"], values["assessor"], values["date"], notes, planned)


# --- the document: a few kinds of block, rendered as HTML or Markdown -----------------------------

@dataclass(frozen=True)
class Cell:
    text: str
    cls: str = ""  # "num", "met", "unmet"


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    head: tuple[Cell, ...]
    rows: tuple[Row, ...]
    cls: str = ""


@dataclass(frozen=True)
class Facts:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Para:
    text: str
    cls: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Verdict:
    text: str
    ok: bool


@dataclass(frozen=True)
class Bar:
    label: str
    percent: Fraction  # 0-100
    shown: str  # the value beside the bar


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    bars: tuple[Bar, ...]
    threshold: int | None = None  # a line across the bars (%), e.g. 50 for the level rule


@dataclass(frozen=True)
class Heading:
    text: str


Block = Table | Facts | Para | Bullets | Verdict | Chart | Heading


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Document:
    lang: Lang
    title: str
    sections: tuple[Section, ...]


def _t(text: Text, lang: Lang) -> str:
    return text.ja if lang == "ja" else text.en


def _cells(*texts: str, cls: str = "") -> Row:
    return tuple(Cell(t, cls) for t in texts)


# Labels the report uses in both languages
L = {
    "title": Text("COPC CX規格 自己評価レポート", "COPC CX Standard self-assessment report"),
    "process-title": Text("COPC CX規格 プロセス認証チェックレポート", "COPC CX Standard process-certification check"),
    "organisation": Text("組織", "Organisation"),
    "site": Text("拠点", "Site"),
    "assessor": Text("評価者", "Assessor"),
    "date": Text("評価日", "Date"),
    "edition": Text("版", "Edition"),
    "scope": Text("範囲", "Scope"),
    "block": Text("ブロック", "Block"),
    "applicable": Text("評価対象の持ち点", "Applicable points"),
    "build": Text("サイトのビルド", "Site build"),
    "guide": Text("準拠するガイド", "Guide"),
    "core": Text("計算", "Computed by"),
    "decision": Text("判定", "Decision"),
    "condition": Text("条件", "Condition"),
    "status": Text("状態", "Status"),
    "detail": Text("内容", "Detail"),
    "met": Text("満たす", "met"),
    "unmet": Text("満たさない", "not met"),
    "totals": Text("合計", "Totals"),
    "earned": Text("獲得点", "Points earned"),
    "percent": Text("持ち点に対する割合", "Share of the applicable points"),
    "required": Text("必要な点数（95%）", "Points needed (95%)"),
    "missing": Text("不足", "Points missing"),
    "categories": Text("カテゴリ別の得点", "Points by category"),
    "category": Text("カテゴリ", "Category"),
    "points": Text("得点", "Points"),
    "of": Text("配点", "Available"),
    "share": Text("得点率", "Score"),
    "plan": Text("認証に向けた計画", "Plan to certification"),
    "timeline": Text("認証までの日程", "Certification timeline"),
    "timeline-when": Text("日付", "Date"),
    "timeline-what": Text("内容", "What"),
    "timeline-kind": Text("日付の根拠", "Where the date comes from"),
    "timeline-guide": Text("ガイドの該当箇所", "Guide reference"),
    "process-plan": Text("要求を満たすための計画", "Plan to meet the requirements"),
    "share-meeting": Text("割合", "Share"),
    "step": Text("変更", "Change"),
    "gain": Text("増える点", "Points gained"),
    "after": Text("変更後の合計", "Total after"),
    "items": Text("項目別の結果", "Items"),
    "item": Text("項目", "Item"),
    "inputs": Text("入力", "Inputs"),
    "lost": Text("失点", "Lost"),
    "note": Text("メモ", "Note"),
    "notes": Text("この結果に関わる正誤と解釈", "Errata and interpretations this result depends on"),
    "no-inputs": Text("未入力", "no inputs"),
    "units": Text("レベル要求", "Level rule by unit"),
    "unit": Text("単位", "Unit"),
    "meeting": Text("満たす指標", "Metrics meeting it"),
    "metric": Text("指標", "Metric"),
    "months": Text("目標達成の月数 / 測定した月数", "Months at target / measured"),
    "needed": Text("必要な月数", "Months needed"),
    "requirements": Text("追加要求", "Additional requirements"),
    "metrics": Text("指標別の月数", "Months by metric"),
}

DISCLAIMER = Text(
    "このレポートは非公式のガイド拠点の計算ツールで作成したもので、COPC Inc. とは関係ありません。"
    f"数値は認証ガイド {RELEASE} の規則に沿って計算していますが、認証を決めるのは公式の文書と審査です。"
    "このレポートに頼る前に、必ず公式の資料と照らし合わせてください。",
    "Produced with the calculators of an unofficial guide site that has no connection with COPC Inc. The figures "
    f"follow the rules of the certification guide {RELEASE}, but only the official documents and the audit decide "
    "certification: check them before relying on this report.",
)


def _title_facts(lang: Lang, metadata: Metadata) -> list[tuple[str, str]]:
    return [(_t(L[key], lang), value) for key, value in (
        ("organisation", metadata.organisation), ("site", metadata.site), ("assessor", metadata.assessor),
        ("date", metadata.date)) if value]


def _closing_facts(lang: Lang, build_id: str | None) -> list[tuple[str, str]]:
    from . import __version__

    guide = Text(f"COPC CX規格 認証ガイド {RELEASE}", f"COPC CX Standard certification guide, {RELEASE}")
    return [(_t(L["guide"], lang), _t(guide, lang)),
            (_t(L["build"], lang), build_id or "—"),
            (_t(L["core"], lang), f"copc-cx {__version__}")]


def _tag_label(tag: str, lang: Lang) -> str:
    kind, _, value = tag.partition(":")
    topics = {"decision": Text("認証の判定", "the decision"), "applicable-points": Text("持ち点", "applicable points"),
              "level-rule": Text("レベル要求", "the level rule"), "renewal": Text("更新審査", "renewal"),
              "cuika": Text("CUIKA", "CUIKA")}
    if kind == "topic":
        return _t(topics.get(value, Text(value, value)), lang)
    if kind == "scoring":
        return _t(Text(f"採点方法 {value}", f"{value} scoring"), lang)
    if kind == "block":
        return _t(Text(f"{value} ブロック", f"the {value} block"), lang)
    if kind == "name":
        return _t(Text(f"{value} の名称", f"the name of {value}"), lang)
    return value.split("@")[0]


def _notes_section(tags: set[str], lang: Lang) -> Section:
    errata = {e.id: e for e in ERRATA}
    interpretations = {i.id: i for i in INTERPRETATIONS}
    rows: list[Row] = []
    for note in catalog.notes_for(frozenset(tags)):
        kind, _, note_id = note.partition(":")
        if kind == "erratum":
            erratum = errata[note_id]
            title = Text(f"正誤: {erratum.title.ja}", f"Erratum: {erratum.title.en}")
            guide, used, concerns = erratum.guide_prints, erratum.decision, erratum.concerns
        else:
            found = interpretations[note_id]
            title = Text(f"解釈: {found.title.ja}", f"Interpretation: {found.title.en}")
            guide, used, concerns = found.question, found.default, found.concerns
        shown = sorted({_tag_label(t, lang) for t in concerns if t in tags})
        rows.append((Cell(_t(title, lang)), Cell(_t(guide, lang)), Cell(_t(used, lang)),
                     Cell(", ".join(shown) if lang == "en" else "、".join(shown))))
    head = _cells(_t(Text("項目", "Note"), lang), _t(Text("ガイド", "The guide"), lang),
                  _t(Text("このレポートの扱い", "Used in this report"), lang), _t(Text("関わるもの", "Concerns"), lang))
    return Section("notes", _t(L["notes"], lang), (Table(head, tuple(rows), "notes"),))


def _disclaimer_section(lang: Lang) -> Section:
    """On the first page, under the title: a reader handed the report never saw the site's footer."""
    return Section("disclaimer", "", (Para(_t(DISCLAIMER, lang), "disclaimer"),))


# --- the self-assessment's report ----------------------------------------------------------------

def _inputs_text(value: ItemInput | None, lang: Lang) -> str:
    if value is None:
        return "—"
    if isinstance(value, ApproachDeployment):
        return _t(Text(f"細目 {value.met}/{value.applicable}・ユニット {value.deployed}/{value.total}",
                       f"sub-requirements {value.met}/{value.applicable}, units {value.deployed}/{value.total}"),
                  lang)
    if isinstance(value, Performance):
        return _t(Text(f"達成 {value.achieved}・改善中 {value.improving} / {value.total}",
                       f"at target {value.achieved}, improving {value.improving} of {value.total}"), lang)
    if isinstance(value, ChannelPerformance):
        parts = []
        for kind in MetricType:
            if kind.value in value.types:
                achieved, improving, total = value.types[kind.value]
                name = METRIC_TYPE_NAMES[kind]
                parts.append(_t(Text(f"{name.ja} {achieved}・{improving} / {total}",
                                     f"{name.en.lower()} {achieved}, {improving} of {total}"), lang))
        return "; ".join(parts)
    assert isinstance(value, Rule5075)
    return _t(Text(f"達成 {value.at_target}・達成または改善 {value.at_target_or_improving} / {value.total}",
                   f"at target {value.at_target}, at target or improving {value.at_target_or_improving} of "
                   f"{value.total}"), lang)


def _scope_text(result: Assessment, human_assisted: bool, digital_assisted: bool, lang: Lang) -> str:
    channels = [name for runs, name in ((human_assisted, Text("ヒューマンアシステッド", "human-assisted")),
                                        (digital_assisted, Text("デジタルアシステッド", "digital-assisted"))) if runs]
    text = _t(Text("チャネル: " + "・".join(c.ja for c in channels), "channels: " + ", ".join(c.en for c in channels)),
              lang)
    if result.scope.excluded:
        excluded = [i.number for i in result.scope.excluded]
        text += _t(Text(f"（適用外: {'、'.join(excluded)}）", f" (not applicable: {', '.join(excluded)})"), lang)
    return text


def self_assessment_report(
    edition: str,
    inputs: Mapping[str, ItemInput],
    *,
    human_assisted: bool = True,
    digital_assisted: bool = True,
    excluded: Iterable[str] | None = None,
    metadata: Metadata | None = None,
    lang: Lang = "ja",
    build_id: str | None = None,
) -> Document:
    """The report of a self-assessment: the decision on its first page, then the plan, the items and the
    notes it depends on."""
    metadata = metadata or Metadata()
    found = plan.plan_certification(edition, inputs, human_assisted=human_assisted,
                                    digital_assisted=digital_assisted, excluded=excluded)
    result = found.before
    ed = result.scope.edition
    required = result.scope.required

    facts = [
        *_title_facts(lang, metadata),
        (_t(L["edition"], lang), ed.value),
        (_t(L["scope"], lang), _scope_text(result, human_assisted, digital_assisted, lang)),
        (_t(L["applicable"], lang), f"{result.scope.applicable:,}"),
        *_closing_facts(lang, build_id),
    ]
    header = Section("title", "", (Facts(tuple(facts)),))

    verdict_text = (Text("認証: すべての条件を満たしています", "Certified: every condition is met") if result.certified
                    else Text("申請中（経営層が全項目への適合を約束した場合）: 満たしていない条件があります",
                         "Pending (if senior management commits to full conformity): not every condition is met"))
    verdict = Verdict(_t(verdict_text, lang), result.certified)
    conditions = Table(
        _cells(_t(L["condition"], lang), _t(L["status"], lang), _t(L["detail"], lang)),
        tuple((Cell(_t(c.text, lang)), Cell(_t(L["met"] if c.met else L["unmet"], lang), "met" if c.met else "unmet"),
               Cell(_t(c.detail, lang))) for c in result.conditions), "conditions")
    totals = Facts((
        (_t(L["earned"], lang), f"{fmt_against(result.earned, required)} / {result.scope.applicable:,}"),
        (_t(L["percent"], lang), f"{fmt_against(result.percent_of_applicable, 95)}%"),
        (_t(L["required"], lang), fmt_number(required, 4)),
        (_t(L["missing"], lang), fmt_against(result.points_missing, 0)),
    ))
    decision = Section("decision", _t(L["decision"], lang), (verdict, conditions, totals))

    # the bars carry their figures as text: the chart is its own text equivalent (and its <desc> says it all)
    caption = Text("各カテゴリの配点に対する得点", "Points earned of each category's points")
    chart = Chart("chart-categories", _t(caption, lang), tuple(
        Bar(f"{c.number} {_t(c.name, lang)}", c.earned * 100 / c.available,
            f"{fmt_number(c.earned)} / {c.available:,} ({fmt_number(c.earned * 100 / c.available)}%)")
        for c in result.categories if c.available))
    categories = Section("categories", _t(L["categories"], lang), (chart,))

    scores = {s.number: s for s in result.items}
    rows: list[Row] = []
    for item in result.scope.items:
        score = scores.get(item.number)
        available = item.points_in(ed) or 0
        note = metadata.notes.get(item.number, "")
        if score is None:
            rows.append((Cell(f"{item.number} {_t(item.name, lang)}"), Cell(_t(L["no-inputs"], lang), "unmet"),
                         Cell("—", "num"), Cell(f"0 / {available}", "num"), Cell(str(available), "num"), Cell(note)))
            continue
        approach_short = score.approach is not None and score.approach < 100
        rows.append((Cell(f"{item.number} {_t(item.name, lang)}"),
                     Cell(_inputs_text(inputs.get(item.number), lang), "unmet" if approach_short else ""),
                     Cell(f"{fmt_against(score.percent, 100)}%", "num"),
                     Cell(f"{fmt_number(score.points)} / {available}", "num"),
                     Cell(fmt_number(score.lost), "num"), Cell(note)))
    item_blocks: list[Block] = [Table(
        _cells(_t(L["item"], lang), _t(L["inputs"], lang), _t(L["share"], lang), _t(L["points"], lang),
               _t(L["lost"], lang), _t(L["note"], lang)), tuple(rows), "items")]
    if result.scope.excluded:
        item_blocks.append(Para(_t(Text(
            "この範囲で適用されない項目: " + "、".join(f"{i.number} {i.name.ja}" for i in result.scope.excluded),
            "Not applicable in this scope: " + ", ".join(f"{i.number} {i.name.en}" for i in result.scope.excluded)),
            lang)))
    items = Section("items", _t(L["items"], lang), tuple(item_blocks))

    tags: set[str] = {"topic:decision", "topic:applicable-points"}
    for item in result.scope.items:
        tags |= catalog.item_tags(item.number, ed)
    sections = (header, _disclaimer_section(lang), decision, categories, _plan_section(found, lang),
                *_timeline_sections(metadata, lang), items, _notes_section(tags, lang))
    return Document(lang, _t(L["title"], lang), sections)


def _plan_section(found: plan.Plan, lang: Lang) -> Section:
    if found.before.certified:
        nothing = Text("すべての条件を満たしているため、変更は必要ありません。",
                       "Every condition is met: no change is needed.")
        return Section("plan", _t(L["plan"], lang), (Para(_t(nothing, lang)),))
    blocks: list[Block] = [Bullets(tuple(
        f"{_t(c.text, lang)}: {_t(c.remedy, lang)}" for c in found.conditions if not c.met))]
    if found.steps:
        blocks.append(Table(
            _cells("#", _t(L["step"], lang), _t(L["share"], lang), _t(L["gain"], lang), _t(L["after"], lang)),
            tuple((Cell(str(n), "num"), Cell(_t(s.action, lang)),
                   Cell(f"{fmt_against(s.percent_before, 100)}% → {fmt_against(s.percent_after, 100)}%", "num"),
                   Cell(f"+{fmt_number(s.points)}", "num"),
                   Cell(fmt_against(s.earned_after, found.before.scope.required), "num"))
                  for n, s in enumerate(found.steps, 1)), "plan"))
    blocks.append(Para(_t(found.method_text, lang), "note"))
    after = found.after
    outcome = Text(
        f"すべての変更の後: {fmt_against(after.earned, after.scope.required)} 点"
        f"（{fmt_against(after.percent_of_applicable, 95)}%）、"
        + ("認証の条件をすべて満たします。" if after.certified else "まだ満たしていない条件があります。"),
        f"After every change: {fmt_against(after.earned, after.scope.required)} points "
        f"({fmt_against(after.percent_of_applicable, 95)}%); "
        + ("every condition for certification is met." if after.certified else "some conditions are still unmet."))
    blocks.append(Para(_t(outcome, lang)))
    return Section("plan", _t(L["plan"], lang), tuple(blocks))


def _timeline_sections(metadata: Metadata, lang: Lang) -> tuple[Section, ...]:
    return () if metadata.timeline is None else (_timeline_section(metadata.timeline, lang),)


def _timeline_section(planned: timeline.Plan, lang: Lang) -> Section:
    """The certification timeline: every date with what fixes it and where the guide says so."""
    def when(entry: timeline.Entry) -> str:
        first = _t(timeline.fmt_date(entry.start), lang)
        return first if entry.start == entry.end else f"{first} – {_t(timeline.fmt_date(entry.end), lang)}"

    def kind(entry: timeline.Entry) -> str:
        text = _t(timeline.KIND_NAMES[entry.kind], lang)
        return text + (_t(Text("（目安）", " (approximate)"), lang) if entry.approximate else "")

    def what(entry: timeline.Entry) -> str:
        title = _t(entry.title, lang)
        return title if entry.condition is None else f"{title} — {_t(entry.condition, lang)}"

    intro = Text(f"経路: {timeline.PATH_NAMES[planned.path].ja}。日付はガイドの規則（固定）と一般的な期間（目安）から"
                 "計算したもので、日程はCOPCと確認してください。",
                 f"Path: {timeline.PATH_NAMES[planned.path].en}. The dates follow the guide's rules (fixed) and "
                 "typical durations (indicative); confirm the schedule with COPC.")
    blocks: list[Block] = [Para(_t(intro, lang))]
    if planned.notices:
        blocks.append(Bullets(tuple(_t(n, lang) for n in planned.notices)))
    blocks.append(Table(
        _cells(_t(L["timeline-when"], lang), _t(L["timeline-what"], lang), _t(L["timeline-kind"], lang),
               _t(L["timeline-guide"], lang)),
        tuple((Cell(when(e)), Cell(what(e)), Cell(kind(e)), Cell(e.reference)) for e in planned.entries), "timeline"))
    return Section("timeline", _t(L["timeline"], lang), tuple(blocks))


# --- the process-certification check's report ----------------------------------------------------

def process_report(
    block_id: str,
    edition: str,
    *,
    entity: process.MonthsByMetric,
    sites: Mapping[str, process.MonthsByMetric],
    requirements_met: Iterable[str] = (),
    include_optional: bool = False,
    metadata: Metadata | None = None,
    lang: Lang = "ja",
    build_id: str | None = None,
) -> Document:
    """The report of a process-certification check: readiness first, then the plan and the months."""
    metadata = metadata or Metadata()
    found = plan.plan_process(block_id, edition, entity=entity, sites=sites, requirements_met=requirements_met,
                              include_optional=include_optional)
    check = found.before
    block = check.block
    names = {m.id: m.name for m in block.metrics}

    def unit_name(position: int, unit: str) -> str:
        return _t(Text("主体組織", "Entity"), lang) if position == 0 else _t(Text(f"拠点 {unit}", f"Site {unit}"),
                                                                           lang)

    facts = [
        *_title_facts(lang, metadata),
        (_t(L["edition"], lang), catalog.edition(edition).value),
        (_t(L["block"], lang), f"{_t(block.name, lang)} ({', '.join(check.items)})"),
        *_closing_facts(lang, build_id),
    ]
    header = Section("title", "", (Facts(tuple(facts)),))

    verdict_text = (Text("準備完了: すべての要求を満たしています", "Ready: every requirement is met") if check.ready
                    else Text("未完了: 満たしていない要求があります", "Not ready: some requirements are unmet"))
    verdict = Verdict(_t(verdict_text, lang), check.ready)
    unit_rows = tuple(
        (Cell(unit_name(n, u.unit)), Cell(f"{sum(m.meets for m in u.level.metrics)} / {len(u.level.metrics)}", "num"),
         Cell(f"{fmt_against(u.level.share_meeting, 50)}%", "num"),
         Cell(_t(L["met"] if u.level.holds else L["unmet"], lang), "met" if u.level.holds else "unmet"))
        for n, u in enumerate(check.units))
    unit_head = _cells(_t(L["unit"], lang), _t(L["meeting"], lang), _t(L["share-meeting"], lang),
                       _t(L["status"], lang))
    blocks: list[Block] = [verdict, Table(unit_head, unit_rows, "units")]
    unmet = [r for r in check.unmet_requirements if r.id != process.level_requirement_id(block)]
    if unmet:
        blocks.append(Para(_t(Text("満たしていない追加要求:", "Additional requirements not met:"), lang)))
        blocks.append(Bullets(tuple(_t(r.text, lang) for r in unmet)))
    decision = Section("decision", _t(L["decision"], lang), tuple(blocks))

    caption = Text("レベル要求を満たす指標の割合（破線: 50%）", "Share of metrics meeting the level (dashed line: 50%)")
    chart = Chart("chart-units", _t(caption, lang), tuple(
        Bar(unit_name(n, u.unit), u.level.share_meeting, f"{fmt_against(u.level.share_meeting, 50)}%")
        for n, u in enumerate(check.units)), threshold=50)
    charts = Section("units", _t(L["units"], lang), (chart,))

    if check.ready:
        plan_blocks: tuple[Block, ...] = (Para(_t(Text("すべての要求を満たしているため、変更は必要ありません。",
                                                       "Every requirement is met: no change is needed."), lang)),)
    else:
        steps = [_t(s.text, lang) for s in found.steps] + [
            _t(Text(f"追加要求を満たす: {text.ja}", f"Meet the additional requirement: {text.en}"), lang)
            for _, text in found.requirements]
        plan_blocks = (Bullets(tuple(steps)), Para(_t(Text(
            "各単位で、目標達成に必要な月数の不足が最も少ない指標から、指標の半数に届くまで選んでいます。",
            "In each unit the metrics closest to their months needed are chosen, until half of the metrics meet "
            "the level."), lang), "note"))
    plan_section = Section("plan", _t(L["process-plan"], lang), plan_blocks)

    metric_rows = tuple(
        (Cell(unit_name(n, u.unit)), Cell(_t(process.metric_name(names, m.metric), lang)),
         Cell(f"{m.months_at_target} / {m.months_measured}", "num"), Cell(str(m.months_needed), "num"),
         Cell(_t(L["met"] if m.meets else L["unmet"], lang), "met" if m.meets else "unmet"))
        for n, u in enumerate(check.units) for m in u.level.metrics)
    metrics = Section("metrics", _t(L["metrics"], lang), (Table(
        _cells(_t(L["unit"], lang), _t(L["metric"], lang), _t(L["months"], lang), _t(L["needed"], lang),
               _t(L["status"], lang)), metric_rows, "metrics"),))

    tags = {f"block:{block.id}", "topic:level-rule"}
    sections = (header, _disclaimer_section(lang), decision, plan_section, *_timeline_sections(metadata, lang),
                charts, metrics, _notes_section(tags, lang))
    return Document(lang, _t(L["process-title"], lang), sections)


# --- HTML ----------------------------------------------------------------------------------------

# Scoped to the report so the site can carry it in its own stylesheet; A4 portrait when printed.
CSS = """\
@page { size: A4 portrait; margin: 14mm 13mm; }
.copc-report { font-family: system-ui, "Hiragino Sans", "Noto Sans CJK JP", "Yu Gothic", sans-serif;
  font-size: 10pt; line-height: 1.45; color: #1a1a1a; max-width: 184mm; margin: 0 auto; }
.copc-report h1 { font-size: 16pt; margin: 0 0 3mm; }
.copc-report h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 0.5mm; border-bottom: 0.4mm solid #555;
  break-after: avoid; page-break-after: avoid; }
.copc-report h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
.copc-report table { border-collapse: collapse; width: 100%; margin: 2mm 0; font-size: 9pt; }
.copc-report th, .copc-report td { border: 0.2mm solid #999; padding: 0.8mm 1.5mm; text-align: left;
  vertical-align: top; }
.copc-report th { background: #eee; }
.copc-report table.items, .copc-report table.notes, .copc-report table.metrics { font-size: 8pt; }
.copc-report table.items td, .copc-report table.items th { padding: 0.5mm 1.2mm; }
.copc-report thead { display: table-header-group; }
.copc-report tr { break-inside: avoid; page-break-inside: avoid; }
.copc-report .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.copc-report .met { color: #1b5e20; }
.copc-report .unmet { color: #9a1c1c; font-weight: bold; }
.copc-report dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 2mm 0; }
.copc-report dl.facts dt { font-weight: bold; }
.copc-report dl.facts dd { margin: 0; }
.copc-report .verdict { font-size: 13pt; font-weight: bold; padding: 2mm 3mm; margin: 2mm 0;
  border: 0.6mm solid currentColor; }
.copc-report .verdict.ok { color: #1b5e20; }
.copc-report .verdict.bad { color: #9a1c1c; }
.copc-report figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
.copc-report figcaption { font-weight: bold; margin-bottom: 1mm; }
.copc-report svg { display: block; width: 100%; height: auto; }
.copc-report ul { margin: 1mm 0; padding-left: 5mm; }
.copc-report .note { font-size: 8.5pt; color: #333; }
.copc-report .disclaimer { font-size: 8.5pt; color: #333; border-left: 0.8mm solid #999; padding-left: 2mm; }
@media print { .copc-report { max-width: none; } .copc-report .verdict, .copc-report svg
  { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
"""

_STANDALONE_CSS = "@media screen { body { margin: 0; padding: 8mm; } }\n"

# The standalone file refuses every request of its own, whatever a browser makes of it.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _number(value: Fraction | float) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _chart_svg(chart: Chart) -> str:
    row, label_width, bar_width = 24, 230, 240
    height = row * len(chart.bars) + 8
    parts = [f'<svg role="img" aria-labelledby="{chart.id}-title {chart.id}-desc" viewBox="0 0 620 {height}" '
             f'width="620" height="{height}">',
             f'<title id="{chart.id}-title">{_e(chart.title)}</title>',
             f'<desc id="{chart.id}-desc">{_e("; ".join(f"{b.label}: {b.shown}" for b in chart.bars))}</desc>']
    for n, bar in enumerate(chart.bars):
        y = 4 + n * row
        filled = bar_width * min(Fraction(100), max(Fraction(0), bar.percent)) / 100
        parts.append(f'<text x="0" y="{y + 16}" font-size="12" fill="#1a1a1a">{_e(bar.label)}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{bar_width}" height="16" fill="#e3e3e3"/>')
        parts.append(f'<rect x="{label_width}" y="{y + 3}" width="{_number(filled)}" height="16" fill="#3d6ea8"/>')
        parts.append(f'<text x="{label_width + bar_width + 8}" y="{y + 16}" font-size="12" '
                     f'fill="#1a1a1a">{_e(bar.shown)}</text>')
    if chart.threshold is not None:
        x = label_width + bar_width * chart.threshold / 100
        parts.append(f'<line x1="{_number(x)}" y1="0" x2="{_number(x)}" y2="{height}" stroke="#9a1c1c" '
                     'stroke-width="1.5" stroke-dasharray="4 3"/>')
    parts.append("</svg>")
    return "".join(parts)


def _cell_html(tag: str, cell: Cell) -> str:
    cls = f' class="{cell.cls}"' if cell.cls else ""
    return f"<{tag}{cls}>{_e(cell.text)}</{tag}>"


def _block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h3>{_e(block.text)}</h3>"
    if isinstance(block, Para):
        cls = f' class="{block.cls}"' if block.cls else ""
        return f"<p{cls}>{_e(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Verdict):
        return f'<p class="verdict {"ok" if block.ok else "bad"}">{_e(block.text)}</p>'
    if isinstance(block, Facts):
        return '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in block.rows) + "</dl>"
    if isinstance(block, Chart):
        return f"<figure><figcaption>{_e(block.title)}</figcaption>{_chart_svg(block)}</figure>"
    cls = f' class="{block.cls}"' if block.cls else ""
    head = "".join(_cell_html("th", c) for c in block.head)
    body = "".join("<tr>" + "".join(_cell_html("td", c) for c in row) + "</tr>" for row in block.rows)
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(document: Document, *, standalone: bool = True) -> str:
    """The report as a standalone HTML document, or (standalone=False) as one <article> for a page
    that carries `CSS`."""
    parts = [f'<article class="copc-report" lang="{document.lang}"><h1>{_e(document.title)}</h1>']
    for section in document.sections:
        cls = f"{section.id}-section"
        heading = f"<h2>{_e(section.heading)}</h2>" if section.heading else ""
        parts.append(f'<section class="{cls}">{heading}' + "".join(_block_html(b) for b in section.blocks)
                     + "</section>")
    parts.append("</article>")
    article = "\n".join(parts)
    if not standalone:
        return article
    return (f'<!DOCTYPE html>\n<html lang="{document.lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(document.title)}</title>\n<style>\n{CSS}{_STANDALONE_CSS}</style>\n</head>\n<body>\n"
            f"{article}\n</body>\n</html>\n")


# --- Markdown ------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _m(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return f"### {_m(block.text)}"
    if isinstance(block, Para):
        return _m(block.text)
    if isinstance(block, Bullets):
        return "\n".join(f"- {_m(item)}" for item in block.items)
    if isinstance(block, Verdict):
        return f"**{_m(block.text)}**"
    if isinstance(block, Facts):
        return "\n".join(f"- **{_m(k)}**: {_m(v)}" for k, v in block.rows)
    if isinstance(block, Chart):
        return "\n".join(f"- {_m(bar.label)}: {_m(bar.shown)}" for bar in block.bars)
    lines = ["| " + " | ".join(_m(c.text) for c in block.head) + " |",
             "| " + " | ".join("---:" if any(r[i].cls == "num" for r in block.rows) else "---"
                               for i in range(len(block.head))) + " |"]
    lines += ["| " + " | ".join(_m(c.text) for c in row) + " |" for row in block.rows]
    return "\n".join(lines)


def to_markdown(document: Document) -> str:
    parts = [f"# {_m(document.title)}"]
    for section in document.sections:
        if section.heading:
            parts.append(f"## {_m(section.heading)}")
        parts.extend(_block_markdown(b) for b in section.blocks)
    return "\n\n".join(parts) + "\n"
