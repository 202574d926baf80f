"""MkDocs hook: replace `<!-- copc:... -->` markers with content generated from copc_cx.

The pages never repeat what the core knows (points, exclusions, blocks, metrics, conditions,
errata), so the site and the calculators cannot disagree. See CONTRIBUTING.md for the markers.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from copc_cx import catalog, renewal, rules
from copc_cx.examples import EXAMPLES, EXAMPLES_BY_ID, WorkedExample, figure, split_path
from copc_cx.exercises import EXERCISES, TOPIC_NAMES, Exercise, Topic, example_of
from copc_cx.process import level_requirement_id
from copc_cx.registry import CALCULATORS, CALCULATORS_BY_NAME, Calculator
from copc_cx.scope import required_points
from copc_cx.standard import (
    BLOCKS,
    CATEGORIES,
    CERTIFICATION_CONDITIONS,
    CHANNEL_NAMES,
    ERRATA,
    INPUT_FIELDS,
    INTERPRETATIONS,
    ITEMS,
    LEVEL_NAMES,
    MAY_NOT_APPLY_WITHOUT,
    METRIC_TYPE_NAMES,
    OPTIONAL_METRIC_TYPES,
    RENEWAL_CONDITIONS,
    REQUIRED_SHARE_PERCENT,
    SCORED_METRICS,
    SCORED_METRICS_NOTES,
    TIMELINE,
    TIMELINE_SPANS,
    UNIT_NAMES,
    Basis,
    Channel,
    Condition,
    Edition,
    Erratum,
    Interpretation,
    Level,
)
from copc_cx.text import Text, fmt_number
from copc_cx.timeline import span_text
from copc_cx.web import call

MARKER = re.compile(
    r"^<!--\s*copc:(?P<kind>table|erratum|interpretation|examples|example|exercises|calculators)"
    r"(?:\s+(?P<args>[^>]*?))?\s*-->[ \t]*$",
    re.M)
PLACEHOLDER = re.compile(r'<div class="copc-calc" data-calc="(?P<name>[^"]*)"')
WIDGETS = Path(__file__).resolve().parent.parent / "calculators" / "widgets"
DOCS = Path(__file__).resolve().parent.parent / "docs"


def _errata_marks(page: Page, tag: str) -> str:
    """The marks of the errata that a cell showing `tag` (standard.Tags) depends on."""
    ids = [ref.split(":", 1)[1] for ref in catalog.notes_for({tag}) if ref.startswith("erratum:")]
    return "".join(" " + page.erratum_mark(i) for i in ids)

WORDS = {
    "item": Text("項目", "Item"),
    "name": Text("名称", "Name"),
    "category": Text("カテゴリ", "Category"),
    "total": Text("総点", "Total"),
    "points": Text("配点", "Points"),
    "channel": Text("実施していないチャネル", "Channel not run"),
    "block": Text("ブロック", "Block"),
    "items": Text("対象項目", "Items"),
    "who": Text("取得できる組織", "Who may apply"),
    "metrics": Text("要求指標", "Required metrics"),
    "metric": Text("要求指標", "Required metric"),
    "unit": Text("報告単位", "Reported per"),
    "definition": Text("ガイドの定義・例", "The guide's definition or example"),
    "requirements": Text("追加要求", "Additional requirements"),
    "condition": Text("条件", "Condition"),
    "optional": Text("任意", "optional"),
    "client_set": Text("クライアントが要求する場合", "when a client requires it"),
    "computed": Text("計算ツールが判定", "checked by the calculator"),
    "guide_prints": Text("ガイドの記載", "What the guide prints"),
    "contradiction": Text("矛盾している点", "Why it contradicts itself"),
    "decision": Text("このサイトの扱い", "What this site does"),
    "question": Text("ガイドに書かれていないこと", "What the guide leaves open"),
    "default": Text("既定の解釈", "Default"),
    "erratum": Text("正誤", "Erratum"),
    "interpretation": Text("解釈", "Interpretation"),
    "see_errata": Text("正誤表と解釈の一覧", "All errata and interpretations"),
    "topic": Text("内容", "Topic"),
    "none": Text("—", "—"),
    "erratum_mark": Text("正誤表を参照", "see the errata"),
    "guide_example": Text("ガイド", "The guide"),
    "site_example": Text("このサイト", "This site"),
    "example": Text("例", "Example"),
    "shows": Text("示すこと", "What it shows"),
    "origin": Text("出典", "From"),
    "open": Text("計算ツールで開く", "Open in the calculator"),
    "open_short": Text("開く", "Open"),
    "interpretation_mark": Text("解釈を参照", "see the interpretation"),
    "all_apply": Text("すべての項目が適用", "Every item applies"),
    "required_points": Text("必要な点数", "Points required"),
    "osp_only": Text("OSP版だけの項目（2.16〜2.22）", "OSP-only items (2.16-2.22)"),
    "applies_to": Text("対象", "Applies to"),
    "rule": Text("規則", "Rule"),
    "inputs": Text("入力", "Inputs"),
    "result": Text("結果", "Result"),
    "steps": Text("計算の過程", "How it is worked out"),
    "item_inputs": Text("項目ごとの入力", "The inputs, item by item"),
    "lost": Text("失った点数", "Points lost"),
    "from_guide": Text("ガイドが示している例", "Worked in the guide"),
    "made_up": Text("このサイトで作った例", "Made up for this site (a fictional case)"),
    "load": Text("この例を計算ツールで開く", "Open this example in the calculator"),
    "edition": Text("版", "Edition"),
    "metric_type": Text("指標タイプ", "Metric type"),
    "channels": Text("運用しているチャネル", "Channels run"),
    "unit_col": Text("単位", "Unit"),
    "entity": Text("主体組織", "Entity"),
    "site": Text("拠点", "Site"),
    "yes": Text("はい", "yes"),
    "no": Text("いいえ", "no"),
    "explained": Text("規則の解説", "The rule is explained in"),
    "months": Text("月次結果の期間", "Months of results"),
    "start_date": Text("開始日", "Start"),
    "start_is": Text("開始日の意味", "The start is"),
    "path": Text("経路", "Path"),
    "exercise": Text("問題", "Exercise"),
    "stage": Text("段階", "Stage"),
    "full": Text("フル認証", "Full certification"),
    "process": Text("プロセス認証", "Process certification"),
    "answer": Text("答えを見る", "Show the answer"),
    "answer_figures": Text("答え", "Answer"),
}

# How the figures an example checks are named (the last part of their path in the result).
FIGURES = {
    "approach": Text("アプローチ", "Approach"), "deployment": Text("運用の評価", "Deployment rating"),
    "percent": Text("得点率", "Item %"), "points": Text("得点", "Points"),
    "limited_by": Text("得点を決めているもの", "What limits the score"),
    "achieved_share": Text("A（目標達成の割合）", "A (share at target)"),
    "improving_share": Text("I（改善中の割合）", "I (share improving)"),
    "weight": Text("各タイプの配分", "Share of each type"),
    "level": Text("50ルール（レベル）", "50 rule (level)"), "trend": Text("75ルール（トレンド）", "75 rule (trend)"),
    "met": Text("満たしているか", "Met"), "applicable": Text("持ち点", "Applicable points"),
    "required": Text("必要な点数（95%）", "Points required (95%)"), "earned": Text("獲得点", "Points earned"),
    "percent_of_applicable": Text("持ち点に対する割合", "Share of applicable points"),
    "certified": Text("認証の条件をすべて満たす", "Every condition met"),
    "holds": Text("レベル要求を満たす", "Level rule holds"),
    "share_meeting": Text("3/4以上の月で目標達成した指標の割合", "Share of metrics at target in ¾ of the months"),
    "level_holds": Text("主体組織と全拠点でレベル要求を満たす", "Level rule holds for the entity and every site"),
    "ready": Text("すべての要求を満たす", "Every requirement met"),
    "interval_years": Text("更新審査の間隔（年）", "Years between renewal audits"),
    "at_target": Text("目標達成の指標数", "Metrics at target"),
    "improving": Text("改善中の指標数", "Metrics improving"),
    "total": Text("指標数", "Metrics"),
    "at_target_share": Text("目標達成の割合", "Share at target"),
    "either_share": Text("目標達成または改善の割合", "Share at target or improving"),
    "rule_50_75_met": Text("50/75を達成", "50/75 achieved"),
    "each_metric": Text("読み方(a)", "Reading (a)"),
    "each_month": Text("読み方(b)", "Reading (b)"),
    "level_section": Text("レベル要求", "Level rule:"),
    "baseline": Text("ベースライン評価", "Baseline assessment"), "audit": Text("認証審査", "Certification audit"),
    "start": Text("開始", "starts"), "end": Text("終了・期限", "ends (deadline)"),
    "renewal_section": Text("更新の条件", "Renewal:"),
}
PERCENT_FIGURES = {"approach", "deployment", "percent", "achieved_share", "improving_share", "level", "trend",
                   "percent_of_applicable", "share_meeting", "at_target_share", "either_share"}


def _t(text: Text, lang: str) -> str:
    return text.ja if lang == "ja" else text.en


def _w(key: str, lang: str) -> str:
    return _t(WORDS[key], lang)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], align: str | None = None) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align or "---" for _ in header) + " |"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


class Page:
    """What a generator needs to know about the page it writes into."""

    def __init__(self, lang: str, path_in_language: str) -> None:
        self.lang = lang
        self.path = path_in_language  # e.g. "scoring/system.md"

    def link(self, target: str, anchor: str = "") -> str:
        """A relative link from this page to another page of the same language."""
        relative = posixpath.relpath(target, posixpath.dirname(self.path) or ".")
        return relative + (f"#{anchor}" if anchor else "")

    def erratum_mark(self, erratum_id: str) -> str:
        return f"[※]({self.link('errata.md', erratum_id)} \"{_w('erratum_mark', self.lang)}\")"


# --- tables --------------------------------------------------------------------------------

def points_table(page: Page) -> str:
    lang = page.lang
    rows: list[list[str]] = []
    for category in CATEGORIES:
        totals = [f"**{catalog.category_points(e, category.number):,}**" for e in Edition]
        rows.append([f"**{category.number}**", f"**{_t(category.name, lang)}**", *totals])
        for item in (i for i in ITEMS if i.category == category.number):
            name = _t(item.name, lang) + _errata_marks(page, f"name:{item.number}")
            cells = []
            for edition in Edition:
                points = item.points_in(edition)
                cell = _w("none", lang) if points is None else str(points)
                if points is not None:
                    cell += _errata_marks(page, f"item:{item.number}@{edition.value}")
                cells.append(cell)
            rows.append([item.number, name, *cells])
    rows.append(["", f"**{_w('total', lang)}**", *(f"**{catalog.total_points(e):,}**" for e in Edition)])
    return _table([_w("item", lang), _w("name", lang), "CSP", "OSP"], rows)


def exclusions_table(page: Page) -> str:
    lang = page.lang
    rows = []
    for channel in (Channel.DIGITAL_ASSISTED, Channel.HUMAN_ASSISTED):
        for number in MAY_NOT_APPLY_WITHOUT[channel]:
            item = catalog.item(number)
            rows.append([_t(CHANNEL_NAMES[channel], lang), number, _t(item.name, lang),
                         str(item.csp_points), str(item.osp_points)])
    return _table([_w("channel", lang), _w("item", lang), _w("name", lang), "CSP", "OSP"], rows)


def _items_text(numbers: Iterable[str], optional: Iterable[str], lang: str) -> str:
    parts = [f"{n} {_t(catalog.item(n).name, lang)}" for n in numbers]
    parts += [f"{n} {_t(catalog.item(n).name, lang)}（{_w('optional', lang)}）" if lang == "ja"
              else f"{n} {_t(catalog.item(n).name, lang)} ({_w('optional', lang)})" for n in optional]
    return "、".join(parts) if lang == "ja" else "; ".join(parts)


def blocks_table(page: Page) -> str:
    lang = page.lang
    rows = [[_t(b.name, lang), _items_text(b.items, b.optional_items, lang),
             " / ".join(e.value for e in b.editions), str(len(b.metrics))] for b in BLOCKS]
    return _table([_w("block", lang), _w("items", lang), _w("who", lang), _w("metrics", lang)], rows)


def block_section(page: Page, block_id: str) -> str:
    lang = page.lang
    block = catalog.block(block_id)
    level_id = level_requirement_id(block)
    lines = [f"**{_w('items', lang)}:** {_items_text(block.items, block.optional_items, lang)}", "",
             f"**{_w('requirements', lang)}:**", ""]
    for req in block.requirements:
        note = f"（{_w('computed', lang)}）" if lang == "ja" else f" ({_w('computed', lang)})"
        lines.append(f"- {_t(req.text, lang)}{note if req.id == level_id else ''}")
    lines.append("")
    rows = []
    for number, metric in enumerate(block.metrics, start=1):
        name = _t(metric.name, lang)
        if metric.client_set:
            name += f"（{_w('client_set', lang)}）" if lang == "ja" else f" ({_w('client_set', lang)})"
        definition = _w("none", lang) if metric.definition is None else _t(metric.definition, lang)
        rows.append([str(number), name, definition, _t(UNIT_NAMES[metric.unit], lang)])
    lines.append(_table(["#", _w("metric", lang), _w("definition", lang), _w("unit", lang)], rows))
    return "\n".join(lines)


def metrics_by_level_table(page: Page) -> str:
    lang = page.lang
    rows = []
    bullet = "・" if lang == "ja" else "• "
    for group in SCORED_METRICS:
        cells = []
        for level in Level:
            metrics = group.metrics[level]
            cells.append("<br>".join(f"{bullet}{_t(m, lang)}" for m in metrics) if metrics else _w("none", lang))
        rows.append([" / ".join(group.items), _t(group.topic, lang), *cells])
    notes = "\n".join(f"- {_t(n, lang)}" for n in SCORED_METRICS_NOTES)
    header = [_w("item", lang), _w("topic", lang), *(_t(LEVEL_NAMES[lv], lang) for lv in Level)]
    return _table(header, rows) + "\n\n" + notes


def _conditions_table(conditions: Iterable[Condition], page: Page) -> str:
    rows = [[str(n), _t(c.text, page.lang)] for n, c in enumerate(conditions, start=1)]
    return _table(["#", _w("condition", page.lang)], rows)


# The fields of an erratum / an interpretation, in the order readers see them (WORDS labels them).
ERRATUM_FIELDS = ("guide_prints", "contradiction", "decision")
INTERPRETATION_FIELDS = ("question", "default")


def _fields(page: Page, entry: Erratum | Interpretation, fields: tuple[str, ...]) -> list[str]:
    return [f"**{_w(name, page.lang)}:** {_t(getattr(entry, name), page.lang)}" for name in fields]


def _anchored_entries(page: Page, prefix: str, entries: Iterable[Erratum | Interpretation],
                      fields: tuple[str, ...]) -> str:
    """Each entry under a numbered heading with a fixed anchor, so notes elsewhere can link to it."""
    return "\n\n".join(
        f"### {prefix}{number}. {_t(entry.title, page.lang)} {{#{entry.id}}}\n\n"
        + "\n".join(f"- {line}" for line in _fields(page, entry, fields))
        for number, entry in enumerate(entries, start=1)
    )


def errata_section(page: Page) -> str:
    return _anchored_entries(page, "E", ERRATA, ERRATUM_FIELDS)


def interpretations_section(page: Page) -> str:
    return _anchored_entries(page, "I", INTERPRETATIONS, INTERPRETATION_FIELDS)


# --- the key numbers a course refers to (docs/*/key-numbers.md) ------------------------------

def _interpretation_mark(page: Page, interpretation_id: str) -> str:
    assert any(i.id == interpretation_id for i in INTERPRETATIONS), interpretation_id
    return f"[※]({page.link('errata.md', interpretation_id)} \"{_w('interpretation_mark', page.lang)}\")"


def category_points_table(page: Page) -> str:
    """The points of each category in each edition, with the OSP-only items and the totals."""
    lang = page.lang
    rows = [[f"{c.number} {_t(c.name, lang)}", *(f"{catalog.category_points(e, c.number):,}" for e in Edition)]
            for c in CATEGORIES]
    # 4.2b is OSP-only too, but it takes the place of the CSP's 4.2a in category 4.0
    osp_only = [i for i in ITEMS if i.csp_points is None and i.category == "2.0"]
    rows.append([f"{_w('osp_only', lang)}", _w("none", lang), f"{sum(i.osp_points or 0 for i in osp_only):,}"])
    rows.append([f"**{_w('total', lang)}**", *(f"**{catalog.total_points(e):,}**" for e in Edition)])
    return _table([_w("category", lang), "CSP", "OSP"], rows)


def required_points_table(page: Page) -> str:
    """Each edition's total when every item applies, and the share of it certification needs."""
    lang = page.lang
    rows = [[e.value, f"{catalog.total_points(e):,}", fmt_number(required_points(catalog.total_points(e)))]
            for e in Edition]
    return _table([_w("edition", lang), _w("all_apply", lang),
                   f"{_w('required_points', lang)}（{REQUIRED_SHARE_PERCENT}%）" if lang == "ja"
                   else f"{_w('required_points', lang)} ({REQUIRED_SHARE_PERCENT}%)"], rows)


def _fraction_text(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}"


def key_rules_table(page: Page) -> str:
    """The scoring rules in one line each, their figures taken from the core (its constants, or its
    functions evaluated at the points that show the figure)."""
    lang = page.lang
    ja = lang == "ja"
    # 4.1/4.2/4.5: the share at target that scores full marks, and what a point of A and of I is worth
    full_at = next(a for a in range(101) if rules.performance_from_counts(a, 0, 100) == 100)
    per_a = rules.performance_from_counts(1, 0, 100)
    per_i = rules.performance_from_counts(0, 1, 100)
    types = len(METRIC_TYPE_NAMES)
    fewer = types - len(OPTIONAL_METRIC_TYPES)
    bands = rules.DEPLOYMENT_BANDS
    level, trend = rules.LEVEL_THRESHOLD, rules.TREND_THRESHOLD
    months = 12
    bands_text = ("全ユニット {0}%、{1}%以上 {1}%、{2}%以上 {2}%、{3}%以上 {3}%、それ未満 0%" if ja else
                  "every unit {0}%; at least {1}% → {1}%; at least {2}% → {2}%; at least {3}% → {3}%; below → 0%"
                  ).format(*bands)
    rows = [
        ["1.0〜3.0" if ja else "1.0-3.0",
         "得点率 = アプローチと運用の低いほう。アプローチ = 適合した細目 ÷ 適用される細目" if ja else
         "Item % = the lower of approach and deployment; approach = sub-requirements met ÷ applicable"],
        ["運用の評価" if ja else "Deployment rating",
         bands_text + " " + _interpretation_mark(page, "deployment-bands")],
        ["4.1, 4.2a, 4.2b, 4.5",
         (f"A ≥ {full_at}% → 100%。それ未満は {_fraction_text(per_a)} × A + {fmt_number(per_i)} × I（上限100%）"
          if ja else f"A ≥ {full_at}% → 100%; below: {_fraction_text(per_a)} × A + {fmt_number(per_i)} × I "
          "(at most 100%)")],
        ["4.3, 4.4",
         (f"指標タイプごとに上の規則。{types}タイプなら1/{types}ずつ、セールスがなければ1/{fewer}ずつ"
          if ja else f"The rule above per metric type; 1/{types} each for {types} types, "
          f"1/{fewer} each without sales")],
        ["4.6（50/75）" if ja else "4.6 (50/75)",
         (f"50ルール: A が{level}%に届かない1ポイントごとに −{_fraction_text(rules.LEVEL_PENALTY)}。"
          f"75ルール: A + I が{trend}%に届かない1ポイントごとに −{_fraction_text(rules.TREND_PENALTY)}。"
          f"配点は半分ずつ {_interpretation_mark(page, 'rule-50-75-points-split')}" if ja else
          f"50 rule: −{_fraction_text(rules.LEVEL_PENALTY)} per point of A below {level}%; 75 rule: "
          f"−{_fraction_text(rules.TREND_PENALTY)} per point of A + I below {trend}%; "
          f"half the points each {_interpretation_mark(page, 'rule-50-75-points-split')}")],
        ["認証の条件（50/75）" if ja else "Certification (50/75)",
         f"A ≥ {level}% かつ A + I ≥ {trend}%" if ja else f"A ≥ {level}% and A + I ≥ {trend}%"],
        ["プロセス認証のレベル要求" if ja else "Process certification: level rule",
         (f"要求指標の{level}%以上が、測定した月の3/4以上（{months}か月なら{rules.months_needed(months)}か月）で目標達成。"
          "主体組織と各拠点のそれぞれで" if ja else
          f"At least {level}% of the required metrics at target in at least ¾ of the months measured "
          f"({rules.months_needed(months)} of {months}), for the entity and for each site")],
        ["2年ごとの更新（PST）" if ja else "Two-year renewal (PST)",
         (f"目標達成 {renewal.AT_TARGET_OVER}%超、目標達成または改善 {renewal.EITHER_OVER}%超"
          "（ちょうどは不可）" if ja else
          f"more than {renewal.AT_TARGET_OVER}% at target and more than {renewal.EITHER_OVER}% at target or "
          "improving (exactly is not enough)")],
    ]
    return _table([_w("applies_to", lang), _w("rule", lang)], rows)


# The deadlines and durations of the key-numbers sheet: a row per stage, the figures of
# standard.TIMELINE for full and for process certification, each put in words by a template ("{}" is
# the figure as the guide reads, timeline.span_text). Every span the guide gives must be placed here.
_Figures = tuple[tuple[str, Text], ...]
_SAME = Text("{}", "{}")
DEADLINE_ROWS: tuple[tuple[Text, _Figures, _Figures], ...] = (
    (Text("キックオフから認証審査まで", "From the kickoff to the audit"),
     (("full-typical", Text("標準 {}", "typically {}")), ("full-fastest", Text("最短の実績 {}", "{} at the fastest"))),
     (("process-work", Text("{}（初年度）", "{} in the first year")),)),
    (Text("CXパフォーマンスリーダー研修", "CX Performance Leader course"),
     (("leader-course", Text("{}（修了試験は90%以上で合格）", "{} (pass mark of the final exam: 90%)")),),
     (("leader-course", Text("{}（修了試験は90%以上で合格）", "{} (pass mark of the final exam: 90%)")),)),
    (Text("キックオフ", "Kickoff"),
     (("kickoff-session", Text("推進担当チームとのセッション {}", "session with the implementation team: {}")),),
     (("process-kickoff-length", _SAME),)),
    (Text("ベースラインアセスメント", "Baseline assessment"),
     (("baseline-length", _SAME),),
     (("process-baseline-length", _SAME),
      ("process-recent-audit", Text("{}以内にCOPCの監査を受けていれば不要",
                                    "not needed after a COPC audit in the past {}")))),
    (Text("改善策が対象とする期間", "Horizon of the recommendations"),
     (("improvement-horizon", _SAME),), (("process-improvement-horizon", _SAME),)),
    (Text("助言サポート", "Advisory support"),
     (("advisory-cadence", Text("{}ごと", "every {}")),), (("advisory-cadence", Text("{}ごと", "every {}")),)),
    (Text("認証審査を受ける期限", "Limit for the audit"),
     (("audit-after-baseline", Text("ベースラインから{}以内", "within {} of the baseline")),),
     (("process-audit-after-baseline", Text("ベースラインから{}以内", "within {} of the baseline")),)),
    (Text("ストレステスト（任意）", "Stress test (optional)"),
     (("stress-test-length", _SAME),
      ("stress-test-after-baseline", Text("ベースラインから{}以上で特に有効",
                                          "most useful {} or more after the baseline"))),
     ()),
    (Text("審査前の確認", "Checks before the audit"),
     (("review-before-audit", Text("内部監査とデータの確認は審査の{}前まで",
                                   "internal audit and data checked {} before")),
      ("review-length", Text("レビュー {}", "review of {}"))),
     (("process-data-before-audit", Text("データの評価は審査の{}前まで", "data evaluated {} before")),)),
    (Text("認証審査", "Certification audit"), (("audit-length", _SAME),), (("process-audit-length", _SAME),)),
    (Text("申請中の是正", "Correction while pending"),
     (("correction", Text("審査から{}以内", "within {} of the audit")),
      ("review-sessions", Text("確認のレビューセッション {}", "review sessions at {}"))),
     (("process-correction", Text("審査から{}以内", "within {} of the audit")),
      ("review-sessions", Text("確認のレビューセッション {}", "review sessions at {}")))),
    (Text("申請中を保つ期限", "Keeping pending status"),
     (("pending-limit", Text("審査から{}以内にベースラインか再審査",
                             "a baseline or a new audit within {} of the audit")),),
     (("process-pending-limit",
       Text("審査から{}以内にベースラインか再審査", "a baseline or a new audit within {} of the audit")),)),
    (Text("更新審査", "Renewal audit"),
     (("renewal-interval", Text("{}ごと", "every {}")),
      ("renewal-window", Text("応当日とその後{}以内", "on the anniversary or in the {} after it"))),
     (("process-renewal-interval", Text("{}ごと（現地）", "every {}, on site")),
      ("process-renewal-length", Text("審査 {}", "{} each")))),
    (Text("2年ごとの更新", "Two-year interval"),
     (("two-year-interval", Text("5つの条件を満たせば{}ごと", "every {} when all five conditions hold")),
      ("document-review-window",
       Text("間の年は応当日から{}以内に書面審査",
            "in the year between, a document review within {} of the anniversary"))),
     ()),
    (Text("更新審査で不適合", "Nonconformity at renewal"),
     (("renewal-correction", Text("是正 {}", "{} to correct")),
      ("renewal-last-chance", Text("その後{}以内の更新審査が最後の機会",
                                   "then a renewal audit within {} is the last chance"))),
     (("process-renewal-correction", Text("是正 {}（その間も認証は保たれる）",
                                          "{} to correct (the status is kept)")),)),
)


def deadlines_table(page: Page) -> str:
    """Every deadline and duration the guide gives (standard.TIMELINE), for full and for process
    certification side by side; the site's own assumptions are left out (they are not the guide's)."""
    lang = page.lang
    placed = {span_id for _, full, process in DEADLINE_ROWS for span_id, _ in (*full, *process)}
    missing = [s.id for s in TIMELINE_SPANS if s.basis is not Basis.ASSUMPTION and s.id not in placed]
    if missing:
        raise MarkerError(f"the key numbers' deadlines table places no row for {missing} (hooks/copc_markers.py)")

    def cell(figures: _Figures) -> str:
        if not figures:
            return _w("none", lang)
        parts = [_t(template, lang).format(_t(span_text(TIMELINE[span_id]), lang)) for span_id, template in figures]
        return ("、" if lang == "ja" else "; ").join(parts)

    rows = [[_t(label, lang), cell(full), cell(process)] for label, full, process in DEADLINE_ROWS]
    return _table([_w("stage", lang), _w("full", lang), _w("process", lang)], rows)


TABLES: dict[str, Callable[[Page], str]] = {
    "deadlines": deadlines_table,
    "category-points": category_points_table,
    "required-points": required_points_table,
    "key-rules": key_rules_table,
    "points": points_table,
    "exclusions": exclusions_table,
    "blocks": blocks_table,
    "metrics-by-level": metrics_by_level_table,
    "certification-conditions": lambda page: _conditions_table(CERTIFICATION_CONDITIONS, page),
    "renewal-conditions": lambda page: _conditions_table(RENEWAL_CONDITIONS, page),
    "errata": errata_section,
    "interpretations": interpretations_section,
}


# --- notes ---------------------------------------------------------------------------------

def _indent(text: str) -> str:
    return "\n".join(("    " + line) if line else "" for line in text.split("\n"))


def _note(page: Page, kind: str, entry: Erratum | Interpretation, fields: tuple[str, ...]) -> str:
    """An admonition for one erratum or interpretation, linking to its entry on the errata page."""
    lang = page.lang
    body = "\n\n".join([*_fields(page, entry, fields),
                         f"[{_w('see_errata', lang)}]({page.link('errata.md', entry.id)})"])
    admonition = "warning" if kind == "erratum" else "info"
    return f'!!! {admonition} "{_w(kind, lang)}: {_t(entry.title, lang)}"\n\n{_indent(body)}'


def erratum_note(page: Page, erratum: Erratum) -> str:
    return _note(page, "erratum", erratum, ERRATUM_FIELDS)


def interpretation_note(page: Page, entry: Interpretation) -> str:
    return _note(page, "interpretation", entry, INTERPRETATION_FIELDS)


class MarkerError(ValueError):
    pass


# --- worked examples (copc_cx.examples) and the calculators (copc_cx.registry) -----------------

def _value(value: Any, key: str, lang: str) -> str:
    if isinstance(value, bool):
        return _w("yes" if value else "no", lang)
    if key == "weight" and isinstance(value, float):
        value, key = value * 100, "percent"
    if isinstance(value, float | int):
        text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        return text + ("%" if key in PERCENT_FIGURES else "")
    if key == "limited_by":
        return {"approach": _t(FIGURES["approach"], lang), "deployment": _t(FIGURES["deployment"], lang)}.get(
            str(value), str(value))
    return str(value)


def _figure_label(path: str, lang: str, result: Mapping[str, Any] | None = None) -> str:
    """"units.A.holds" -> "拠点 A: レベル要求を満たす"; "by_type.service.percent" -> "サービス: 得点率";
    "items.4.1.counts.at_target" -> "4.1: 目標達成の指標数"; a timeline entry by its own title."""
    parts = split_path(path)
    if parts[0] == "entries" and result is not None and len(parts) == 3:
        entry = next(e for e in result["entries"] if e["id"] == parts[1])
        return f"{entry['title'][lang]}: {_t(FIGURES[parts[2]], lang)}"
    return _label(parts, lang)


def _label(parts: list[str], lang: str) -> str:
    head = parts[0]
    if len(parts) == 1:
        return _t(FIGURES[head], lang) if head in FIGURES else head
    if head in ("items", "units") and len(parts) > 2:
        owner = parts[1]
        if head == "units":
            owner = _w("entity", lang) if owner == "entity" else f"{_w('site', lang)} {owner}"
        return f"{owner}: {_label(parts[2:], lang)}"
    if head == "by_type":
        names = {t.value: t for t in METRIC_TYPE_NAMES}
        return f"{_t(METRIC_TYPE_NAMES[names[parts[1]]], lang)}: {_label(parts[2:], lang)}"
    if head == "conditions":
        return _t(next(c.text for c in (*CERTIFICATION_CONDITIONS, *RENEWAL_CONDITIONS)
                       if c.id == ".".join(parts[1:-1])), lang)
    if head in ("each_metric", "each_month"):
        return f"{_t(FIGURES[head], lang)}: {_label(parts[1:], lang)}"
    if head in ("counts", "level", "renewal"):
        prefix = "" if head == "counts" or parts[1] == "units" else _t(FIGURES[f"{head}_section"], lang) + " "
        return prefix + _label(parts[1:], lang)
    return ".".join(parts)


def _example_inputs(example: WorkedExample, lang: str) -> str:
    """The example's inputs as a table, as the calculator's form asks for them."""
    data: Mapping[str, Any] = example.input
    rows: list[list[str]] = []
    if "item" in data:
        item = catalog.item(str(data["item"]))
        rows.append([_w("edition", lang), str(data["edition"])])
        rows.append([_w("item", lang), f"{item.number} {_t(item.name, lang)}"])
        for field in INPUT_FIELDS.get(item.scoring.value, ()):
            if field.name in data:
                rows.append([_t(field.label, lang), str(data[field.name])])
        inputs = _table([_w("inputs", lang), ""], rows)
        if "types" in data:
            names = {t.value: t for t in METRIC_TYPE_NAMES}
            fields = INPUT_FIELDS["channel-performance"]
            types = [[_t(METRIC_TYPE_NAMES[names[type_id]], lang), *(str(counts[f.name]) for f in fields)]
                     for type_id, counts in data["types"].items()]
            inputs += "\n\n" + _table([_w("metric_type", lang), *(_t(f.short, lang) for f in fields)], types)
        return inputs
    if example.calculator == "rule-50-75":
        rows = [[_t(f.label, lang), str(data[f.name])] for f in INPUT_FIELDS["rule-50-75"]]
    elif example.calculator == "renewal":
        stated = [[_t(c.text, lang), _value(bool(data[key]), "", lang)] for key, c in _renewal_statements()]
        rows = stated + [[_t(f.label, lang), str(data[f.name])] for f in INPUT_FIELDS["renewal"]]
    elif example.calculator in ("applicable-points", "self-assessment"):
        rows = [[_w("edition", lang), str(data["edition"])], [_w("channels", lang), _channels_run(data, lang)]]
        if example.calculator == "self-assessment":
            return _table([_w("inputs", lang), ""], rows) + "\n\n" + _item_inputs(data, lang)
    elif example.calculator == "process-certification":
        block = catalog.block(str(data["block"]))
        metric_names = {m.id: _t(m.name, lang) for m in block.metrics}
        units = [(_w("entity", lang), data["entity"])] + [
            (f"{_w('site', lang)} {name}", metrics) for name, metrics in data["sites"].items()]
        header = [_w("metric", lang), *(u for u, _ in units)]
        body = [[metric_names.get(metric, metric), *(
            f"{u[metric]['months_at_target']} / {u[metric]['months_measured']}" if metric in u else _w("none", lang)
            for _, u in units)] for metric in data["entity"]]
        return f"**{_w('block', lang)}:** {_t(block.name, lang)}\n\n" + _table(header, body)
    elif example.calculator == "timeline":
        rows = [[_w("start_date", lang), str(data["start"])], [_w("start_is", lang), str(data.get("start_is", ""))],
                [_w("path", lang), str(data.get("path", ""))]]
    elif "rows" in data:
        months = list(data.get("months", []))
        span = f"{months[0]} – {months[-1]}" if months else _w("none", lang)
        rows = [[_w("edition", lang), str(data["edition"])], [_t(FIGURES["total"], lang), str(len(data["rows"]))],
                [_w("months", lang), span]]
    else:
        rows = [[_w("edition", lang), str(data["edition"])]]
    return _table([_w("inputs", lang), ""], rows)


def _channels_run(data: Mapping[str, Any], lang: str) -> str:
    channels = [_t(CHANNEL_NAMES[c], lang) for c, key in ((Channel.HUMAN_ASSISTED, "human_assisted"),
                                                         (Channel.DIGITAL_ASSISTED, "digital_assisted"))
                if data.get(key, True)]
    return "、".join(channels) if lang == "ja" else ", ".join(channels)


def _renewal_statements() -> list[tuple[str, Condition]]:
    """The renewal conditions the reader states (yes/no) rather than counts, with their input names."""
    by_id = {c.id: c for c in RENEWAL_CONDITIONS}
    return [("no_major_nonconformity", by_id["no-major-nonconformity"]),
            ("no_internal_audit_nonconformity", by_id["no-internal-audit-nonconformity"]),
            ("category_4_level_met", by_id["category-4-level"])]


def _item_inputs(data: Mapping[str, Any], lang: str) -> str:
    """A self-assessment's inputs, item by item, folded away (a full assessment is long)."""
    rows = []
    for number, counts in data["items"].items():
        item = catalog.item(number)
        if "types" in counts:
            names = {t.value: t for t in METRIC_TYPE_NAMES}
            # at target / improving / metrics, per type
            text = "; ".join(f"{_t(METRIC_TYPE_NAMES[names[t]], lang)} {c['achieved']}/{c['improving']}/{c['total']}"
                             for t, c in counts["types"].items())
        elif "met" in counts:
            text = (f"細目 {counts['met']}/{counts['applicable']}、ユニット {counts['deployed']}/{counts['total']}"
                    if lang == "ja" else f"sub-requirements {counts['met']}/{counts['applicable']}, "
                    f"units {counts['deployed']}/{counts['total']}")
        else:
            fields = INPUT_FIELDS[item.scoring.value]
            text = ("・" if lang == "ja" else ", ").join(
                f"{_t(f.short, lang)} {counts[f.name]}" for f in fields if f.name in counts)
        rows.append([number, _t(item.name, lang), text])
    table = _table([_w("item", lang), _w("name", lang), _w("inputs", lang)], rows)
    return f'??? note "{_w("item_inputs", lang)}"\n\n{_indent(table)}'


def _losses(result: Mapping[str, Any], lang: str) -> str:
    """Where a self-assessment lost its points, largest first."""
    rows = [[loss["item"], loss["name"][lang], _value(loss["lost"], "points", lang)]
            for loss in result.get("biggest_losses", [])]
    return _table([_w("item", lang), _w("name", lang), _w("lost", lang)], rows) if rows else ""


def _origin_line(example: WorkedExample, lang: str) -> str:
    """Where an example comes from: the guide (its section, named in Japanese) or this site."""
    if example.origin.value == "guide":
        return f"*{_w('from_guide', lang)}: {example.reference}*"
    # a made-up case's description is written in Japanese only
    return f"*{_w('made_up', lang)}: {example.reference}*" if lang == "ja" else f"*{_w('made_up', lang)}*"


def example_anchor(example_id: str) -> str:
    """The id of an example's box on its page (the examples index links to it)."""
    return f"example-{example_id}"


def example_box(page: Page, example_id: str, markdown: str) -> str:
    """A worked example: what it shows, its inputs, the figures the core gives, its steps and a link
    that loads it into the calculator (on this page if it has that calculator, else the calculators page)."""
    example = EXAMPLES_BY_ID.get(example_id)
    if example is None:
        raise MarkerError(f"no worked example {example_id!r} in copc_cx.examples ({page.lang}/{page.path})")
    lang = page.lang
    response = call({"op": CALCULATORS_BY_NAME[example.calculator].op, "input": example.input})
    if not response["ok"]:
        raise MarkerError(f"worked example {example_id!r} does not compute: {response['errors']}")
    for path, expected in example.expected.items():
        actual = figure(response["result"], path)
        if not (abs(actual - expected) < 1e-4 if isinstance(expected, float) else actual == expected):
            raise MarkerError(f"worked example {example_id!r}: {path} is {actual!r}, the data says {expected!r}")
    here = f'data-calc="{example.calculator}"' in markdown
    target = f"#example={example.id}" if here else page.link("calculators.md") + f"#example={example.id}"
    result = response["result"]
    figures = _table([_w("result", lang), ""], [
        [_figure_label(p, lang, result), _value(figure(result, p), p.split(".")[-1], lang)] for p in example.expected])
    steps = "\n".join(f"{n}. {s[lang]}" for n, s in enumerate(response["steps"], start=1))
    losses = _losses(response["result"], lang) if example.calculator == "self-assessment" else ""
    body = "\n\n".join(part for part in [
        _origin_line(example, lang), _t(example.shows, lang), _example_inputs(example, lang), figures, losses,
        f"**{_w('steps', lang)}**", steps,
        f'[{_w("load", lang)}]({target}){{ .md-button .copc-example-link data-example="{example.id}" }}',
    ] if part)
    # the anchor sits before the box: an admonition takes no attributes
    return (f'<div id="{example_anchor(example.id)}" class="copc-example-anchor"></div>\n\n'
            f'!!! example "{_t(example.title, lang)}"\n\n{_indent(body)}')


def examples_index(page: Page) -> str:
    """Every worked example, under the calculator that loads it: what it shows, where it comes from,
    a link to the page that works it and one that opens it in the calculator."""
    lang = page.lang
    sections = []
    for calc in CALCULATORS:
        rows = [[f"[{_t(e.title, lang)}]({page.link(e.page, example_anchor(e.id))})", _t(e.shows, lang),
                 _w("guide_example" if e.origin.value == "guide" else "site_example", lang),
                 f"[{_w('open_short', lang)}]({page.link('calculators.md')}#example={e.id})"]
                for e in EXAMPLES if e.calculator == calc.name]
        if rows:
            header = [_w("example", lang), _w("shows", lang), _w("origin", lang), _w("open", lang)]
            sections.append(f"### {_t(calc.title, lang)}\n\n" + _table(header, rows))
    return "\n\n".join(sections)


def exercise_anchor(exercise_id: str) -> str:
    return f"exercise-{exercise_id}"


def exercise_box(page: Page, exercise: Exercise, number: str) -> str:
    """One exercise: the question and the inputs, then the answer folded away (a <details> that works
    offline): the figures asked for and the steps, as the core computes them, and a link that opens
    the case in its calculator."""
    lang = page.lang
    example = EXAMPLES_BY_ID[example_of(exercise)]
    response = call({"op": CALCULATORS_BY_NAME[example.calculator].op, "input": example.input})
    if not response["ok"]:
        raise MarkerError(f"exercise {exercise.id!r} does not compute: {response['errors']}")
    result = response["result"]
    unknown = [p for p in exercise.asks if p not in example.expected]
    if unknown:
        raise MarkerError(f"exercise {exercise.id!r} asks for figures its example does not check: {unknown}")
    figures = _table([_w("answer_figures", lang), ""], [
        [_figure_label(p, lang, result), _value(figure(result, p), p.split(".")[-1], lang)] for p in exercise.asks])
    steps = "\n".join(f"{n}. {s[lang]}" for n, s in enumerate(response["steps"], start=1))
    target = page.link("calculators.md") + f"#example={example.id}"
    answer = "\n\n".join([
        figures, f"**{_w('steps', lang)}**", steps,
        f'[{_w("load", lang)}]({target}){{ .md-button .copc-example-link data-example="{example.id}" }}'])
    heading = f"### {_w('exercise', lang)} {number} {{#{exercise_anchor(exercise.id)}}}"
    return "\n\n".join([
        heading, _t(exercise.question, lang), _example_inputs(example, lang),
        f'??? success "{_w("answer", lang)}"\n\n{_indent(answer)}'])


def exercises_section(page: Page) -> str:
    """Every exercise of copc_cx.exercises, under a heading per topic, numbered topic.n."""
    lang = page.lang
    sections = []
    for t, topic in enumerate(Topic, start=1):
        boxes = [exercise_box(page, e, f"{t}.{n}")
                 for n, e in enumerate((e for e in EXERCISES if e.topic is topic), start=1)]
        if boxes:
            sections.append(f"## {_t(TOPIC_NAMES[topic], lang)} {{#{topic.value}}}\n\n" + "\n\n".join(boxes))
    return "\n\n".join(sections)


def _page_title(lang: str, path: str) -> str:
    source = DOCS / lang / path
    first = source.read_text(encoding="utf-8").split("\n", 1)[0] if source.is_file() else ""
    if not first.startswith("# "):
        raise MarkerError(f"docs/{lang}/{path} has no title line for the calculators' links")
    return first[2:].strip()


def _with_widget() -> list[Calculator]:
    """The calculators of the registry that have a widget (one registered before its widget is
    written is left off the calculators page until it has one)."""
    return [c for c in CALCULATORS if (WIDGETS / f"{c.name}.mjs").is_file()]


def calculators_list(page: Page) -> str:
    """Each calculator with what it does, linking to its section below."""
    lang = page.lang
    return "\n".join(f"- [{_t(c.title, lang)}](#{c.name}): {_t(c.summary, lang)}" for c in _with_widget())


def calculators_sections(page: Page) -> str:
    """A section per calculator: its title, what it does, where its rule is explained, the calculator."""
    lang = page.lang
    sections = []
    for calc in _with_widget():
        link = f"[{_page_title(lang, calc.page)}]({page.link(calc.page)})"
        sections.append(f"## {_t(calc.title, lang)} {{#{calc.name}}}\n\n{_t(calc.summary, lang)} "
                        f"{_w('explained', lang)}{'：' if lang == 'ja' else ': '}{link}\n\n"
                        f'<div class="copc-calc" data-calc="{calc.name}" markdown></div>')
    return "\n\n".join(sections)


def check_placeholders(markdown: str, where: str) -> None:
    """A placeholder must name a calculator of the registry that has a widget: never "unknown"."""
    for match in PLACEHOLDER.finditer(markdown):
        name = match["name"]
        if name not in CALCULATORS_BY_NAME:
            raise MarkerError(f"{where}: data-calc={name!r} is not a calculator of copc_cx.registry")
        if not (WIDGETS / f"{name}.mjs").is_file():
            raise MarkerError(f"{where}: calculator {name!r} has no widget calculators/widgets/{name}.mjs")



def render(kind: str, args: str, page: Page, markdown: str = "") -> str:
    words = args.split()
    if kind == "example" and len(words) == 1:
        return example_box(page, words[0], markdown)
    if kind == "examples" and words == ["index"]:
        return examples_index(page)
    if kind == "exercises" and not words:
        return exercises_section(page)
    if kind == "calculators" and words in ([], ["list"]):
        return calculators_list(page) if words else calculators_sections(page)
    if kind == "table":
        if words[:1] == ["block"] and len(words) == 2:
            return block_section(page, words[1])
        if len(words) == 1 and words[0] in TABLES:
            return TABLES[words[0]](page)
    elif kind == "erratum" and len(words) == 1:
        found = next((e for e in ERRATA if e.id == words[0]), None)
        if found:
            return erratum_note(page, found)
    elif kind == "interpretation" and len(words) == 1:
        entry = next((i for i in INTERPRETATIONS if i.id == words[0]), None)
        if entry:
            return interpretation_note(page, entry)
    raise MarkerError(f"unknown marker <!-- copc:{kind} {args} --> in {page.lang}/{page.path}")


def expand(markdown: str, lang: str, path_in_language: str) -> str:
    page = Page(lang, path_in_language)
    expanded = MARKER.sub(lambda m: render(m["kind"], m["args"] or "", page, markdown), markdown)
    check_placeholders(expanded, f"docs/{lang}/{path_in_language}")
    return expanded


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    # With the i18n folder layout every source path starts with its language folder.
    lang, _, path = page.file.src_uri.partition("/")
    if lang not in ("ja", "en"):
        raise MarkerError(f"page outside docs/ja or docs/en: {page.file.src_uri}")
    return expand(markdown, lang, path)
