"""The assessment as an Excel workbook (.xlsx), for people who live in spreadsheets.

openpyxl is imported only inside the functions that write or read a workbook: the core the
browser loads stays standard-library-only, and the browser fetches openpyxl (and et-xmlfile) from
the site only when a reader exports or imports a workbook.

The workbook, in the language chosen when it is written:
- a summary sheet: organisation, site or program, assessor, date, edition and scope (inputs), then
  what the core computed (applicable points, points needed for 95%, earned, share, points
  missing, the decision and every condition), or the problems that keep it from scoring;
- an item sheet per way of scoring ("1.0-3.0", "4.1 4.2 4.5", "4.3 4.4", "4.6"), a row per item of
  the edition: number, name, points, each input, the computed figures, and a note;
- a metrics sheet ("指標表" / "Metrics"): the metrics table kept with the assessment, its settings above
  a row per metric (each column of the table's rows, one column per month), with each metric's status
  and months at target computed; empty when the assessment has none, for a person to fill in;
- a timeline sheet ("日程" / "Timeline"): the certification timeline kept with the assessment (the
  "timeline" operation's input, a row per field), then every date the core planned from it; its
  inputs blank when the assessment has none, for a person to fill in;
- a hidden sheet "copc-cx" that says the workbook is an assessment of this format and version.
Input cells are yellow, computed cells grey; headers are frozen. Computed cells are values as the
core computed them when the workbook was written (the rules live only in the core, never in
formulas): reading takes the inputs and notes only, and the core scores them again.

Reading refuses a workbook that is not ours, of a newer version, or with a formula in an input cell,
naming the sheet and the cell; counts the rules refuse (text in a count) come back as problems whose
message names the sheet and the cell too.

For the browser (Pyodide), after loading the packages in PACKAGES: `handle(request_json)` answers
{"op": "workbook-write", "input": {"assessment": {...}, "lang": "ja"|"en"}} with
{"ok": true, "result": {"data": base64 of the .xlsx, "file_name", "media_type"}} and
{"op": "workbook-read", "input": {"data": base64 of the file}} with the same result as the
`assessment-file-read` operation ({"assessment", "input", "problems", "file_name"}); errors as
copc_cx.web's, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .. import catalog, metrics, metrics_io, timeline
from ..assessment import Assessment
from ..errors import InputError, Problem
from ..scope import excludable_items
from ..standard import BLOCKS, INPUT_FIELDS, MAX_MONTHS, METRIC_TYPE_NAMES, RENEWAL_CONDITIONS, Edition, Scoring
from ..text import Text
from . import assessment_file, xlsx
from .assessment_file import AssessmentFile
from .xlsx import MEDIA_TYPE, Lang, located

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PACKAGES = ("openpyxl",)  # what the browser loads (from the site's lock) before calling handle()
WHAT = Text("評価", "assessment")  # what a workbook that cannot be read is not


# --- the layout -----------------------------------------------------------------------------

SUMMARY_TITLE = Text("概要", "Summary")
SHEETS: dict[Scoring, str] = {  # the item sheets' titles: the same in both languages
    Scoring.APPROACH_DEPLOYMENT: "1.0-3.0",
    Scoring.PERFORMANCE: "4.1 4.2 4.5",
    Scoring.CHANNEL_PERFORMANCE: "4.3 4.4",
    Scoring.RULE_50_75: "4.6",
}

# the summary's input rows: (key, label, row); the value is in column B
SUMMARY_INPUTS: tuple[tuple[str, Text, int], ...] = (
    ("organisation", Text("組織名", "Organisation"), 4),
    ("site", Text("サイトまたはプログラム", "Site or program"), 5),
    ("assessor", Text("評価者", "Assessor"), 6),
    ("date", Text("評価日", "Assessment date"), 7),
    ("edition", Text("版（CSP / OSP）", "Edition (CSP / OSP)"), 8),
    ("human_assisted", Text("ヒューマンアシステッドのチャネル", "Human-assisted channels"), 9),
    ("digital_assisted", Text("デジタルアシステッドのチャネル", "Digital-assisted channels"), 10),
    ("excluded", Text("除外する項目", "Items excluded"), 11),
)
SUMMARY_HELP: dict[str, Text] = {
    "date": Text("YYYY-MM-DD", "YYYY-MM-DD"),
    "human_assisted": Text("はい / いいえ", "yes / no"),
    "digital_assisted": Text("はい / いいえ", "yes / no"),
    "excluded": Text("空欄: 適用されないことがある項目をすべて除外。「なし」: 除外しない。または 2.4, 3.1 のように列挙",
                     "empty: every item that may not apply is left out; 'none': none; or list them: 2.4, 3.1"),
}
NONE_EXCLUDED = {"なし", "none", "-"}

NUMBER, NAME, POINTS = "number", "name", "points"
Column = tuple[str, Text]  # (key, header)


def _input_columns(scoring: Scoring) -> list[Column]:
    fields = INPUT_FIELDS[scoring.value]
    if scoring is not Scoring.CHANNEL_PERFORMANCE:
        return [(f.name, f.short) for f in fields]
    return [(f"{t.value}.{f.name}", Text(f"{name.ja}: {f.short.ja}", f"{name.en}: {f.short.en}"))
            for t, name in METRIC_TYPE_NAMES.items() for f in fields]


_COMPUTED: dict[Scoring, list[Column]] = {
    Scoring.APPROACH_DEPLOYMENT: [("approach", Text("アプローチ", "Approach")),
                                  ("deployment", Text("運用の評価", "Deployment rating"))],
    Scoring.PERFORMANCE: [],
    Scoring.CHANNEL_PERFORMANCE: [],
    Scoring.RULE_50_75: [("level", Text("50ルール", "50 rule")), ("trend", Text("75ルール", "75 rule"))],
}
_SCORE_COLUMNS: list[Column] = [("percent", Text("得点率", "Score")), ("earned", Text("得点", "Points earned")),
                                ("lost", Text("失点", "Points lost"))]
_FIRST_COLUMNS: list[Column] = [(NUMBER, Text("項目", "Item")), (NAME, Text("項目名", "Name")),
                                (POINTS, Text("配点", "Points"))]
NOTE = "note"


def item_columns(scoring: Scoring) -> list[Column]:
    """The columns of an item sheet, left to right."""
    return [*_FIRST_COLUMNS, *_input_columns(scoring), *_COMPUTED[scoring], *_SCORE_COLUMNS,
            (NOTE, Text("メモ（根拠・担当者）", "Note (evidence, owner)"))]


# --- writing --------------------------------------------------------------------------------

def write_workbook(doc: AssessmentFile, lang: Lang = "ja") -> bytes:
    """The assessment as .xlsx bytes, with everything the core computes from it."""
    from openpyxl import Workbook

    result: Assessment | None
    try:
        result = assessment_file.score(doc)
        problems: tuple[Problem, ...] = ()
    except InputError as error:
        result, problems = None, error.problems
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = xlsx.t(SUMMARY_TITLE, lang)
    _write_summary(summary, doc, result, problems, lang)
    scores = {} if result is None else {s.number: s for s in result.items}
    applicable = _applicable(doc)
    for scoring, title in SHEETS.items():
        _write_items(book.create_sheet(title), doc, scoring, scores, applicable, result is not None, lang)
    _write_metrics(book.create_sheet(xlsx.t(METRICS_TITLE, lang)), doc, lang)
    _write_timeline(book.create_sheet(xlsx.t(TIMELINE_TITLE, lang)), doc, lang)
    xlsx.write_meta(book, assessment_file.FORMAT, assessment_file.version_of(doc), lang)
    return xlsx.save(book)


def _applicable(doc: AssessmentFile) -> set[str]:
    excluded = set(assessment_file.excluded_items(doc))
    return {i.number for i in catalog.items_in(Edition(doc.edition)) if i.number not in excluded}


def _write_summary(sheet: Worksheet, doc: AssessmentFile, result: Assessment | None, problems: tuple[Problem, ...],
                   lang: Lang) -> None:
    from openpyxl.styles import Alignment

    xlsx.heading(sheet, Text("COPC CX 自己評価", "COPC CX self-assessment"), lang)
    values: dict[str, Any] = {
        "organisation": doc.organisation, "site": doc.site, "assessor": doc.assessor,
        "date": date.fromisoformat(doc.date) if doc.date else None, "edition": doc.edition,
        "human_assisted": xlsx.yes_no(doc.human_assisted, lang),
        "digital_assisted": xlsx.yes_no(doc.digital_assisted, lang),
        "excluded": None if doc.excluded is None else (", ".join(doc.excluded) or xlsx.t(Text("なし", "none"), lang)),
    }
    for key, label, row in SUMMARY_INPUTS:
        xlsx.put(sheet, f"A{row}", xlsx.t(label, lang), "label")
        xlsx.put(sheet, f"B{row}", values[key], "input")
        if key in SUMMARY_HELP:
            sheet[f"C{row}"] = xlsx.t(SUMMARY_HELP[key], lang)
    sheet["B7"].number_format = "yyyy-mm-dd"
    row = 13
    xlsx.put(sheet, f"A{row}", xlsx.t(Text("計算結果（copc-cx）", "Computed by copc-cx"), lang), "header")
    xlsx.put(sheet, f"B{row}", None, "header")
    xlsx.put(sheet, f"C{row}", None, "header")
    if result is None:
        cannot = Text("採点できません。次の入力を直してください:", "Cannot be scored: correct these inputs:")
        xlsx.put(sheet, f"A{row + 1}", xlsx.t(cannot, lang), "label")
        for n, problem in enumerate(problems, start=row + 2):
            sheet[f"A{n}"] = problem.field
            sheet[f"B{n}"] = problem.ja if lang == "ja" else problem.en
    else:
        scope, required = result.scope, result.scope.required
        figures: list[tuple[Text, Any, int | None, bool]] = [
            (Text("評価対象の持ち点", "Applicable points"), scope.applicable, 0, False),
            (Text("認証に必要な点数（95%）", "Points needed (95%)"), float(required), xlsx.places(required), False),
            (Text("得点", "Points earned"), float(result.earned), xlsx.places(result.earned, required), False),
            (Text("持ち点に対する割合", "Share of applicable points"), float(result.percent_of_applicable / 100),
             xlsx.places(result.percent_of_applicable, 95, percent=True), True),
            (Text("95%までに足りない点数", "Points missing for 95%"), float(result.points_missing),
             xlsx.places(result.points_missing, 0), False),
        ]
        for n, (label, value, places, percent) in enumerate(figures, start=row + 1):
            xlsx.put(sheet, f"A{n}", xlsx.t(label, lang), "label")
            xlsx.put(sheet, f"B{n}", value, "computed", places, percent)
        n = row + 1 + len(figures)
        decision = Text("認証の条件をすべて満たす", "Every condition for certification is met") if result.certified \
            else Text("認証の条件を満たさない", "Not every condition for certification is met")
        xlsx.put(sheet, f"A{n}", xlsx.t(Text("判定", "Decision"), lang), "label")
        xlsx.verdict(sheet, f"B{n}", xlsx.t(decision, lang), result.certified)
        for at, condition in enumerate(result.conditions, start=n + 1):
            sheet[f"A{at}"] = xlsx.t(condition.text, lang)
            met = Text("満たす", "met") if condition.met else Text("満たさない", "not met")
            xlsx.put(sheet, f"B{at}", xlsx.t(met, lang), "computed")
            sheet[f"C{at}"] = xlsx.t(condition.detail, lang)
            sheet[f"C{at}"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 70
    sheet.freeze_panes = "A4"


def _computed(scoring: Scoring, score: Any) -> dict[str, tuple[Any, int | None, bool]]:
    """(value, decimals, is a percentage) of each computed column of an item's row."""
    detail = score.detail
    out: dict[str, tuple[Any, int | None, bool]] = {
        "percent": (float(score.percent / 100), xlsx.places(score.percent, 100, percent=True), True),
        "earned": (float(score.points), xlsx.places(score.points), False),
        "lost": (float(score.lost), xlsx.places(score.lost, 0), False),
    }
    if scoring is Scoring.APPROACH_DEPLOYMENT:
        out["approach"] = (float(detail.approach / 100), xlsx.places(detail.approach, 100, percent=True), True)
        out["deployment"] = (detail.deployment / 100, 0, True)
    elif scoring is Scoring.RULE_50_75:
        out["level"] = (float(detail.level / 100), xlsx.places(detail.level, 100, percent=True), True)
        out["trend"] = (float(detail.trend / 100), xlsx.places(detail.trend, 100, percent=True), True)
    return out


def _write_items(sheet: Worksheet, doc: AssessmentFile, scoring: Scoring, scores: Mapping[str, Any],
                 applicable: set[str], scored: bool, lang: Lang) -> None:
    from openpyxl.styles import Alignment

    columns = item_columns(scoring)
    inputs = {key for key, _ in _input_columns(scoring)}
    for index, (_, header) in enumerate(columns):
        xlsx.put(sheet, f"{xlsx.letter(index)}1", xlsx.t(header, lang), "header")
    edition = Edition(doc.edition)
    items = [i for i in catalog.items_in(edition) if i.scoring is scoring]
    for row, item in enumerate(items, start=2):
        values = doc.items.get(item.number, {})
        score = scores.get(item.number)
        computed = {} if score is None else _computed(scoring, score)
        for index, (key, _) in enumerate(columns):
            ref = f"{xlsx.letter(index)}{row}"
            if key == NUMBER:
                xlsx.put(sheet, ref, item.number, "label")
                sheet[ref].number_format = "@"
            elif key == NAME:
                sheet[ref] = xlsx.t(item.name, lang)
            elif key == POINTS:
                sheet[ref] = item.points_in(edition)
            elif key in inputs:
                kind, _, name = key.rpartition(".")
                value = values.get("types", {}).get(kind, {}).get(name) if kind else values.get(name)
                xlsx.put(sheet, ref, value, "input")
                sheet[ref].number_format = "0" if not isinstance(value, str) else "@"
            elif key == NOTE:
                xlsx.put(sheet, ref, doc.notes.get(item.number), "input")
                sheet[ref].alignment = Alignment(wrap_text=True, vertical="top")
            elif key in computed:
                value, places, percent = computed[key]
                xlsx.put(sheet, ref, value, "computed", places, percent)
            elif key == "percent" and scored:
                why = Text("対象外", "not applicable") if item.number not in applicable else Text("未入力", "no inputs")
                xlsx.put(sheet, ref, xlsx.t(why, lang), "computed")
            else:
                xlsx.put(sheet, ref, None, "computed")
    widths = {NUMBER: 7, NAME: 36, POINTS: 7, NOTE: 48}
    for index, (key, _) in enumerate(columns):
        sheet.column_dimensions[xlsx.letter(index)].width = widths.get(key, 12)
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{xlsx.letter(len(columns) - 1)}{len(items) + 1}"


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpenedWorkbook:
    """An assessment read from a workbook, and where each of its fields is (sheet and cell)."""

    doc: AssessmentFile
    cells: Mapping[str, str]  # field path ("items.2.15.deployed") -> "'1.0-3.0'!F17"

    def problems(self) -> tuple[Problem, ...]:
        """What the rules refuse in its counts, each message naming the sheet and the cell."""
        return located(assessment_file.problems(self.doc), self.cells)

    def notices(self) -> tuple[Problem, ...]:
        """Typed counts the metrics sheet's replaced, each message naming the sheet and the cell."""
        return located(self.doc.notices, self.cells)


def read_workbook(data: bytes) -> OpenedWorkbook:
    """The assessment in a workbook written by `write_workbook` (and edited by people)."""
    book = xlsx.open_book(data, WHAT)
    xlsx.check_meta(book, assessment_file.FORMAT, assessment_file.VERSION, WHAT)
    problems: list[Problem] = []
    cells: dict[str, str] = {}
    summary_title = xlsx.sheet_named(book, SUMMARY_TITLE)
    if summary_title is None:
        raise xlsx.not_ours(WHAT, Text(f"概要のシート（{SUMMARY_TITLE.ja}）がありません。",
                                       f"its summary sheet ({SUMMARY_TITLE.en}) is missing."))
    data_: dict[str, Any] = _read_summary(book[summary_title], summary_title, problems, cells)
    items: dict[str, Any] = {}
    notes: dict[str, Any] = {}
    for scoring, title in SHEETS.items():
        if title not in book.sheetnames:
            problems.append(xlsx.missing_sheet(Text(title, title)))
            continue
        _read_items(book[title], title, scoring, items, notes, problems, cells)
    metrics_title = next((t for t in (METRICS_TITLE.ja, METRICS_TITLE.en) if t in book.sheetnames), None)
    if metrics_title is not None:  # a workbook written before the sheet existed has none
        data_["metrics"] = _read_metrics(book[metrics_title], metrics_title, data_.get("edition"), problems, cells)
    timeline_title = xlsx.sheet_named(book, TIMELINE_TITLE)
    if timeline_title is not None:  # a workbook written before the sheet existed has none
        data_["timeline"] = _read_timeline(book[timeline_title], timeline_title, problems, cells)
    if problems:
        raise InputError(problems)
    # the sheets list every item of the edition; a blank row of an item outside the scope is no input
    data_["items"] = {n: v for n, v in items.items() if n in _in_scope(data_) or n in notes or not _blank(v)}
    data_["notes"] = notes
    try:
        doc = assessment_file.read_data({"format": assessment_file.FORMAT, "version": assessment_file.VERSION,
                                         **data_})
    except InputError as error:
        raise InputError(located(error.problems, cells)) from None
    return OpenedWorkbook(doc, cells)


def _read_summary(sheet: Worksheet, title: str, problems: list[Problem], cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, label, row in SUMMARY_INPUTS:
        if not xlsx.check_label(sheet, title, f"A{row}", label, problems):
            continue
        value = xlsx.cell_value(sheet, title, f"B{row}", key, problems, cells)
        if key == "date":
            value = xlsx.date_text(value)
        elif key in ("human_assisted", "digital_assisted"):
            value = xlsx.flag(value, True)
            if value is None:
                problems.append(xlsx.not_yes_or_no(title, f"B{row}", key))
                continue
        elif key == "excluded":
            text = "" if value is None else str(value).strip()
            value = None if not text else [] if text.lower() in NONE_EXCLUDED else [
                n for n in re.split(r"[,、;\s]+", text) if n]
        elif key in ("organisation", "site", "assessor", "edition") and value is not None:
            value = str(value)
        data[key] = value
    return data


def _read_items(sheet: Worksheet, title: str, scoring: Scoring, items: dict[str, Any], notes: dict[str, Any],
                problems: list[Problem], cells: dict[str, str]) -> None:
    columns = item_columns(scoring)
    inputs = {key for key, _ in _input_columns(scoring)}
    if not xlsx.check_headers(sheet, title, [header for _, header in columns], problems):
        return
    for row in range(2, sheet.max_row + 1):
        number_cell = sheet[f"A{row}"]
        number = number_cell.value
        if number is None or (isinstance(number, str) and not number.strip()):
            if any(sheet[f"{xlsx.letter(i)}{row}"].value not in (None, "") for i, (key, _) in enumerate(columns)
                   if key in inputs or key == NOTE):
                problems.append(xlsx.at(title, f"A{row}", "入力のある行に項目番号がありません。",
                                        "a row with inputs has no item number."))
            continue
        if not isinstance(number, str):
            problems.append(xlsx.at(title, f"A{row}", f"項目番号は文字列で入力してください（例: '2.10'。"
                                    f"入力値: {number!r}）。",
                                    f"write the item number as text (e.g. '2.10'; got {number!r}).", "file"))
            continue
        number = number.strip()
        try:
            item = catalog.item(number)
        except InputError:
            item = None
        if item is None or item.scoring is not scoring:
            problems.append(xlsx.at(title, f"A{row}", f"項目 {number!r} はこのシートの項目ではありません。",
                                    f"item {number!r} does not belong on this sheet.", "file"))
            continue
        values: dict[str, Any] = {}
        for index, (key, _) in enumerate(columns):
            ref = f"{xlsx.letter(index)}{row}"
            if key in inputs:
                kind, _, name = key.rpartition(".")
                field = f"items.{number}.{kind}.{name}" if kind else f"items.{number}.{name}"
                value = xlsx.count_value(xlsx.cell_value(sheet, title, ref, field, problems, cells))
                if kind:
                    values.setdefault("types", {}).setdefault(kind, {})[name] = value
                else:
                    values[name] = value
            elif key == NOTE:
                note = xlsx.cell_value(sheet, title, ref, f"notes.{number}", problems, cells)
                if note is not None:
                    notes[number] = str(note)
        cells[f"items.{number}"] = xlsx.ref(title, f"A{row}")
        if number in items:
            problems.append(xlsx.at(title, f"A{row}", f"項目 {number} の行が2つあります。",
                                    f"item {number} has two rows.", f"items.{number}"))
        items[number] = values


def _in_scope(data: Mapping[str, Any]) -> set[str]:
    """The items that apply to the scope the summary gives (none if the summary's edition is wrong)."""
    edition, excluded = data.get("edition"), data.get("excluded")
    if edition not in tuple(Edition):
        return set()
    if excluded is None:
        excluded = excludable_items(human_assisted=data.get("human_assisted") is not False,
                                    digital_assisted=data.get("digital_assisted") is not False)
    return {i.number for i in catalog.items_in(Edition(edition))} - set(excluded)


def _blank(values: Mapping[str, Any]) -> bool:
    return all(_blank(v) if isinstance(v, Mapping) else v is None for v in values.values())


# --- the browser's entry point (after loading PACKAGES) -----------------------------------------

# --- the metrics sheet ----------------------------------------------------------------------------
# The metrics table kept with the assessment (assessment_file's `metrics`): its settings in rows 3-6,
# then a heading row and a row per metric. The table's own columns come first, then what the core
# computed for each metric (grey), then one column per month: a person adds a month by heading the next
# empty column. Choices are written in the workbook's language and read back as the table reads them
# best ("program", "higher"), numbers as numbers; anything not understood stays as typed, so the metrics
# table's reading names its cell.

METRICS_TITLE = Text("指標表", "Metrics")
METRICS_SETTINGS: tuple[tuple[str, Text, int], ...] = (  # (key, label, row); the value is in column B
    ("improvement", Text("継続的改善の判定", "Continuous improvement"), 3),
    ("level_reading", Text("レベル要求の読み方", "Reading of the level rule"), 4),
    ("block", Text("レベル要求を確かめるブロック", "Block whose level rule is checked"), 5),
    ("period_months", Text("レベル要求の期間（月数）", "Level rule's period (months)"), 6),
)
METRICS_HEADER_ROW = 8
METRIC_STATUS = Text("状態", "Status")
METRIC_COMPUTED: tuple[tuple[str, Text], ...] = (
    ("status", METRIC_STATUS),
    ("months_at_target", Text("目標達成の月数", "Months at target")),
    ("months_measured", Text("結果のある月数", "Months with a result")),
)
METRIC_STATUS_NAMES: dict[str, Text] = {
    "at-target": Text("目標達成", "At target"),
    "improving": Text("改善中", "Improving"),
    "below-target": Text("目標未達", "Below target"),
    "fails-cui": Text("CUIを満たさない", "Fails CUI"),
    "no-result": Text("結果なし", "No result"),
    "unfilled": Text("未記入", "Not filled in"),
}
_METRIC_TEXT_KEYS = frozenset({"name", "unit", "block_metric", "site"})
_METRIC_NUMBER_KEYS = frozenset({"target"})
_FIRST_MONTH = len(metrics.COLUMNS) + len(METRIC_COMPUTED)  # the column index of the first month


def _setting_choices(key: str, lang: Lang) -> str:
    """The help beside a setting: each value it takes, and what it means."""
    if key == "improvement":
        return "; ".join(f"{i.value} = {xlsx.t(n, lang)}" for i, n in metrics.IMPROVEMENT_NAMES.items())
    if key == "level_reading":
        return "; ".join(f"{r.value} = {xlsx.t(n, lang)}" for r, n in metrics.LEVEL_READING_NAMES.items())
    if key == "block":
        blank = xlsx.t(Text("空欄: なし（カテゴリ4.0だけ）", "empty: none (category 4.0 only)"), lang)
        return f"{blank}; " + ", ".join(f"{b.id} = {xlsx.t(b.name, lang)}" for b in BLOCKS)
    return xlsx.t(Text("空欄: 表のすべての月", "empty: every month of the table"), lang)


def _sheet_number(value: Any) -> Any:
    """A target or a result as a spreadsheet holds it: a number when the text reads as one, else as typed."""
    try:
        number = metrics.read_number(value)
    except metrics.CellError:
        return value
    if number is None:
        return None
    return int(number) if number.is_integer() and abs(number) < 1e15 else number


def _write_metrics(sheet: Worksheet, doc: AssessmentFile, lang: Lang) -> None:
    from openpyxl.styles import Font

    table = doc.metrics or {}
    edition = Edition(doc.edition)
    result, problems = (None, ()) if not doc.metrics else assessment_file.metrics_result(doc.edition, table)
    sheet["A1"] = xlsx.t(Text("指標表（カテゴリ4.0を指標から数える）", "Metrics table (category 4.0 from the metrics)"),
                     lang)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = xlsx.t(Text(
        f"1行に1指標。{METRICS_HEADER_ROW}行目の見出しの右に月（YYYY-MM）を足せます。この表に指標があると、"
        "4.1〜4.6のうち表が数える項目の件数は表から数えます（項目のシートに入力した件数は置き換わります）。",
        f"One metric per row; add a month (YYYY-MM) by heading the next empty column of row {METRICS_HEADER_ROW}. "
        "When this table has metrics, the items of 4.1-4.6 it counts take its counts (those typed on the item "
        "sheets are replaced)."), lang)
    for key, label, row in METRICS_SETTINGS:
        xlsx.put(sheet, f"A{row}", xlsx.t(label, lang), "label")
        xlsx.put(sheet, f"B{row}", table.get(key, assessment_file.METRICS_DEFAULTS.get(key)), "input")
        sheet[f"C{row}"] = _setting_choices(key, lang)
    if problems:
        said = Text(f"指標表に直すところが {len(problems)} か所あります（概要のシートに一覧）。",
                    f"The metrics table has {len(problems)} problems to correct (listed on the summary sheet).")
    elif doc.metric_items:
        items = ", ".join(doc.metric_items)
        said = Text(f"この表から数えた項目: {items}", f"Items counted from this table: {items}")
    else:
        said = Text("", "")
    xlsx.put(sheet, "A7", xlsx.t(said, lang) or None, "computed")
    months = [str(m) for m in table.get("months", [])]
    headers = [*(c.label for c in metrics.COLUMNS), *(label for _, label in METRIC_COMPUTED)]
    for index, header in enumerate(headers):
        xlsx.put(sheet, f"{xlsx.letter(index)}{METRICS_HEADER_ROW}", xlsx.t(header, lang), "header")
    for j, month in enumerate(months):
        ref = f"{xlsx.letter(_FIRST_MONTH + j)}{METRICS_HEADER_ROW}"
        xlsx.put(sheet, ref, metrics.read_month(month) or month, "header")
        sheet[ref].number_format = "@"  # "2026-01" stays text (Excel would make it a date)
    derived = {} if result is None else {m["row"]: m for m in result["metrics"]}
    unfilled = set() if result is None else set(result["unfilled"])
    for i, raw in enumerate(table.get("rows", [])):
        row = METRICS_HEADER_ROW + 1 + i
        for index, column in enumerate(metrics.COLUMNS):
            value = raw.get(column.key, "")
            if column.key in _METRIC_NUMBER_KEYS:
                value = _sheet_number(value)
            elif column.key not in _METRIC_TEXT_KEYS:
                value = metrics_io.localised(column.key, value, edition, lang)
            xlsx.put(sheet, f"{xlsx.letter(index)}{row}", value if value != "" else None, "input")
        status = derived.get(i)
        figures: dict[str, Any] = {} if status is None else {
            "status": xlsx.t(METRIC_STATUS_NAMES[status["status"]], lang),
            "months_at_target": status["months_at_target"], "months_measured": status["months_measured"]}
        if i in unfilled:
            figures["status"] = xlsx.t(METRIC_STATUS_NAMES["unfilled"], lang)
        for k, (key, _) in enumerate(METRIC_COMPUTED):
            xlsx.put(sheet, f"{xlsx.letter(len(metrics.COLUMNS) + k)}{row}", figures.get(key), "computed")
        # every result, also those beyond the months (the table names that problem; none is dropped here)
        for j, value in enumerate(raw.get(metrics.RESULTS, [])):
            xlsx.put(sheet, f"{xlsx.letter(_FIRST_MONTH + j)}{row}", _sheet_number(value), "input")
    widths = {"name": 30, "unit": 18, "block_metric": 18, "site": 14}
    for index, column in enumerate(metrics.COLUMNS):
        sheet.column_dimensions[xlsx.letter(index)].width = widths.get(column.key, 11)
    for index in range(len(metrics.COLUMNS), _FIRST_MONTH + max(len(months), 12)):
        sheet.column_dimensions[xlsx.letter(index)].width = 11 if index < _FIRST_MONTH else 9
    sheet.row_dimensions[METRICS_HEADER_ROW].height = 45
    sheet.freeze_panes = f"B{METRICS_HEADER_ROW + 1}"
    last = xlsx.letter(_FIRST_MONTH + len(months) - 1 if months else _FIRST_MONTH - 1)
    sheet.auto_filter.ref = f"A{METRICS_HEADER_ROW}:{last}{METRICS_HEADER_ROW + len(table.get('rows', []))}"


def _sheet_text(value: Any) -> str:
    """A metrics cell as the table's rows hold it: text; numbers as people write them."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def _month_heading(value: Any) -> str:
    """A month's heading: a date cell (a spreadsheet's reading of "2026-01") as its month, else as typed."""
    if isinstance(value, datetime | date):
        return f"{value.year:04d}-{value.month:02d}"
    return _sheet_text(value)


def _read_metrics(sheet: Worksheet, title: str, edition_text: Any, problems: list[Problem],
                  cells: dict[str, str]) -> dict[str, Any] | None:
    """The metrics table of the sheet (its settings, months and rows) as the assessment file keeps it;
    None when it has no metric. Formulas in its input cells are refused at their cell."""
    edition = Edition(edition_text) if edition_text in tuple(Edition) else Edition.CSP
    table: dict[str, Any] = {}
    for key, label, row in METRICS_SETTINGS:
        if not xlsx.check_label(sheet, title, f"A{row}", label, problems):
            return None
        value = _sheet_text(xlsx.cell_value(sheet, title, f"B{row}", f"metrics.{key}", problems, cells))
        names = metrics.IMPROVEMENT_NAMES if key == "improvement" else \
            metrics.LEVEL_READING_NAMES if key == "level_reading" else {}
        value = next((str(k) for k, n in names.items() if value in (n.ja, n.en)), value)
        if value:
            table[key] = value
    headers = [*(c.label for c in metrics.COLUMNS), *(label for _, label in METRIC_COMPUTED)]
    if not xlsx.check_headers(sheet, title, headers, problems, METRICS_HEADER_ROW):
        return None
    # the month columns run to the last one with a heading or a value: a result typed under no month is
    # read too, so that the table names its missing month instead of the value being dropped
    last = _FIRST_MONTH - 1
    for line in sheet.iter_rows(min_row=METRICS_HEADER_ROW, min_col=_FIRST_MONTH + 1, values_only=True):
        filled = [c for c, value in enumerate(line, start=_FIRST_MONTH) if value not in (None, "")]
        if filled:
            last = max(last, filled[-1])
    months = [_month_heading(xlsx.cell_value(sheet, title, f"{xlsx.letter(c)}{METRICS_HEADER_ROW}",
                                             f"metrics.months.{j}", problems, cells))
              for j, c in enumerate(range(_FIRST_MONTH, last + 1))]
    if len(months) > MAX_MONTHS:
        problems.append(xlsx.at(title, f"{xlsx.letter(_FIRST_MONTH)}{METRICS_HEADER_ROW}",
                            f"月の列が多すぎます（{len(months)}、上限 {MAX_MONTHS}）。",
                            f"too many month columns ({len(months)}; at most {MAX_MONTHS}).", "metrics.months"))
        return None
    rows: list[dict[str, Any]] = []
    for row in range(METRICS_HEADER_ROW + 1, sheet.max_row + 1):
        inputs = [*range(len(metrics.COLUMNS)), *range(_FIRST_MONTH, last + 1)]
        if all(sheet[f"{xlsx.letter(c)}{row}"].value in (None, "") for c in inputs):
            continue  # an empty line between metrics
        if len(rows) >= metrics.MAX_METRICS:
            problems.append(xlsx.at(title, f"A{row}", f"指標が多すぎます（上限 {metrics.MAX_METRICS:,}）。",
                                f"too many metrics (at most {metrics.MAX_METRICS:,}).", "metrics.rows"))
            return None
        i = len(rows)
        place = f"metrics.rows.{i}"
        cells[place] = xlsx.ref(title, f"A{row}")
        values: dict[str, Any] = {}
        for index, column in enumerate(metrics.COLUMNS):
            text = _sheet_text(xlsx.cell_value(sheet, title, f"{xlsx.letter(index)}{row}", f"{place}.{column.key}",
                                               problems, cells))
            values[column.key] = text if column.key in _METRIC_TEXT_KEYS | _METRIC_NUMBER_KEYS else \
                metrics_io.canonical(column.key, text, edition)
        values[metrics.RESULTS] = [
            _sheet_text(xlsx.cell_value(sheet, title, f"{xlsx.letter(c)}{row}", f"{place}.{metrics.RESULTS}.{j}",
                                        problems, cells))
            for j, c in enumerate(range(_FIRST_MONTH, last + 1))]
        rows.append(values)
    return {"months": months, "rows": rows, **table} if rows else None


# --- the timeline sheet ---------------------------------------------------------------------------
# The certification timeline kept with the assessment (assessment_file's `timeline`, the "timeline"
# operation's input): a row per field (label, value, what it takes), then every date the core planned
# from it (grey). Dates are date cells, choices their ids (a name in either language is read too),
# yes/no in the workbook's language; a blank cell leaves its field out, and a sheet whose inputs are
# all blank keeps no timeline. What the timeline refuses is named at its sheet and cell.

TIMELINE_TITLE = Text("日程", "Timeline")
_RENEWAL_TEXTS = {c.id: c.text for c in RENEWAL_CONDITIONS}
_RENEWAL_COUNTS = {f.name: f.label for f in INPUT_FIELDS["renewal"]}
TIMELINE_INPUTS: tuple[tuple[str, Text, int], ...] = (  # (field, label, row); the value is in column B
    ("direction", Text("計画の向き", "Direction"), 4),
    ("start_is", Text("開始日とする日", "The start date is"), 5),
    ("start", Text("開始日", "Start date"), 6),
    ("baseline", Text("ベースラインアセスメントの日", "Baseline assessment date"), 7),
    ("audit", Text("目標とする認証審査日", "Target audit date"), 8),
    ("certified", Text("認証を受けた日", "Certification date"), 9),
    ("path", Text("経路", "Path"), 10),
    ("block", Text("対象ブロック（プロセス認証）", "Block to certify (process certification)"), 11),
    ("years", Text("更新を計画する年数", "Renewal years to plan"), 12),
    ("contingencies", Text("申請中・不適合のときの期限も含める", "Include the deadlines if pending or nonconformities"),
     13),
    ("label", Text("主体組織の名前", "Entity's name"), 14),
    ("renewal.no_major_nonconformity", _RENEWAL_TEXTS["no-major-nonconformity"], 15),
    ("renewal.no_internal_audit_nonconformity", _RENEWAL_TEXTS["no-internal-audit-nonconformity"], 16),
    ("renewal.category_4_level_met", _RENEWAL_TEXTS["category-4-level"], 17),
    ("renewal.pst_at_target", _RENEWAL_COUNTS["pst_at_target"], 18),
    ("renewal.pst_at_target_or_improving", _RENEWAL_COUNTS["pst_at_target_or_improving"], 19),
    ("renewal.pst_total", _RENEWAL_COUNTS["pst_total"], 20),
)
TIMELINE_DATES = frozenset({"start", "baseline", "audit", "certified"})
TIMELINE_FLAGS = frozenset({"contingencies", "renewal.no_major_nonconformity",
                            "renewal.no_internal_audit_nonconformity", "renewal.category_4_level_met"})
TIMELINE_CHOICES: dict[str, dict[str, Text]] = {
    "direction": {str(k): n for k, n in timeline.DIRECTION_NAMES.items()},
    "start_is": {str(k): n for k, n in timeline.START_NAMES.items()},
    "path": {str(k): n for k, n in timeline.PATH_NAMES.items()},
    "block": {b.id: b.name for b in BLOCKS},
}
TIMELINE_DATES_ROW = 22  # the heading of the planned dates
_TIMELINE_HEADERS = (Text("開始", "From"), Text("終了", "To"), Text("内容", "What"),
                     Text("日付の根拠", "Where the date comes from"), Text("ガイドの該当箇所", "Guide reference"))


def _iso_date(text: str) -> bool:
    """Whether `text` is a day written YYYY-MM-DD (a date cell then, which reads back as the same text)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is None:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _timeline_help(key: str, lang: Lang) -> str:
    """What a timeline field takes, beside it."""
    if key in TIMELINE_CHOICES:
        listed = "; ".join(f"{k} = {xlsx.t(n, lang)}" for k, n in TIMELINE_CHOICES[key].items())
        blank = {"direction": "forward", "start_is": "kickoff", "path": "full"}.get(key)
        said = Text(f"空欄: {blank}", f"empty: {blank}") if blank else \
            Text("経路が process のとき", "when the path is process")
        return f"{listed} ({xlsx.t(said, lang)})"
    if key in TIMELINE_DATES:
        return "YYYY-MM-DD"
    if key == "years":
        return xlsx.t(Text(f"1〜{timeline.MAX_YEARS}（空欄: {timeline.DEFAULT_YEARS}）",
                           f"1 to {timeline.MAX_YEARS} (empty: {timeline.DEFAULT_YEARS})"), lang)
    if key == "contingencies":
        return xlsx.t(Text("はい / いいえ（空欄: はい）", "yes / no (empty: yes)"), lang)
    if key in TIMELINE_FLAGS:
        return xlsx.t(Text("はい / いいえ（更新の間隔を確かめるとき）", "yes / no (to check the renewal interval)"),
                      lang)
    if key.startswith("renewal."):
        return xlsx.t(Text("更新の間隔を確かめるとき", "to check the renewal interval"), lang)
    return ""


def _timeline_value(plan: Mapping[str, Any], key: str) -> Any:
    """The value of a field ("start", "renewal.pst_total") of the kept timeline, None when absent."""
    section, _, name = key.rpartition(".")
    holder = plan.get(section) if section else plan
    return holder.get(name) if isinstance(holder, Mapping) else None


def _write_timeline(sheet: Worksheet, doc: AssessmentFile, lang: Lang) -> None:
    from openpyxl.styles import Alignment, Font

    plan = doc.timeline or {}
    sheet["A1"] = xlsx.t(Text("認証までの日程（この評価に付けた計画）",
                              "Certification timeline (the plan kept with this assessment)"), lang)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = xlsx.t(Text(
        "入力がすべて空欄なら、この評価に日程はありません。開始日（審査日からさかのぼるなら審査日）を入れて開き直すと、"
        "copc-cx が日程を計算します。",
        "With every input empty, the assessment keeps no timeline. Enter a start date (or, planning back, the "
        "audit date) and open the workbook again: copc-cx plans the dates."), lang)
    for key, label, row in TIMELINE_INPUTS:
        value = _timeline_value(plan, key)
        ref = f"B{row}"
        xlsx.put(sheet, f"A{row}", xlsx.t(label, lang), "label")
        if key in TIMELINE_FLAGS and isinstance(value, bool | str) and str(value).strip().lower() in ("true", "false"):
            value = xlsx.yes_no(str(value).strip().lower() == "true", lang)
        elif key in TIMELINE_DATES and isinstance(value, str) and _iso_date(value):
            value = date.fromisoformat(value)
        xlsx.put(sheet, ref, value, "input")
        if isinstance(value, date):
            sheet[ref].number_format = "yyyy-mm-dd"
        elif isinstance(value, str):
            sheet[ref].number_format = "@"  # "3" stays text, as the file has it
        sheet[f"C{row}"] = _timeline_help(key, lang)
    for key, options in TIMELINE_CHOICES.items():
        row = next(r for k, _, r in TIMELINE_INPUTS if k == key)
        xlsx.choices(sheet, f"B{row}", tuple(options))
    planned = None if doc.timeline is None else timeline.read_nested(doc.timeline)
    for index, header in enumerate(_TIMELINE_HEADERS):
        xlsx.put(sheet, f"{xlsx.letter(index)}{TIMELINE_DATES_ROW}", xlsx.t(header, lang), "header")
    for row, entry in enumerate(() if planned is None else planned.entries, start=TIMELINE_DATES_ROW + 1):
        kind = xlsx.t(timeline.KIND_NAMES[entry.kind], lang)
        cells = (entry.start, entry.end if entry.end != entry.start else None, xlsx.t(entry.title, lang),
                 kind, entry.reference)
        for index, value in enumerate(cells):
            xlsx.put(sheet, f"{xlsx.letter(index)}{row}", value, "computed")
        for column in "AB":
            sheet[f"{column}{row}"].number_format = "yyyy-mm-dd"
        sheet[f"C{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCDE", (34, 30, 70, 26, 24), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A4"


def _read_timeline(sheet: Worksheet, title: str, problems: list[Problem],
                   cells: dict[str, str]) -> dict[str, Any] | None:
    """The timeline of the sheet as the assessment file keeps it (its non-empty inputs); None when
    every input is empty. A moved row or a formula in an input is refused at its cell."""
    plan: dict[str, Any] = {}
    cells["timeline"] = xlsx.ref(title, f"B{TIMELINE_INPUTS[0][2]}")
    for key, label, row in TIMELINE_INPUTS:
        if not xlsx.check_label(sheet, title, f"A{row}", label, problems):
            return None
        field = f"timeline.{key}"
        if key.startswith("renewal.") and "timeline.renewal" not in cells:
            cells["timeline.renewal"] = xlsx.ref(title, f"B{row}")
        value = xlsx.cell_value(sheet, title, f"B{row}", field, problems, cells, strip=key != "label")
        if value is None:
            continue
        if key in TIMELINE_DATES:
            value = xlsx.date_text(value)
        elif key in TIMELINE_FLAGS:
            value = xlsx.flag(value, True)
            if value is None:
                problems.append(xlsx.not_yes_or_no(title, f"B{row}", field))
                continue
        elif key in TIMELINE_CHOICES and isinstance(value, str):
            value = next((k for k, n in TIMELINE_CHOICES[key].items() if value in (k, n.ja, n.en)), value)
        elif isinstance(value, float) and value.is_integer():
            value = int(value)
        section, _, name = key.rpartition(".")
        (plan.setdefault(section, {}) if section else plan)[name] = value
    return plan or None


# --- the browser's entry point (after loading PACKAGES) -----------------------------------------


def _write_op(data: Mapping[str, Any]) -> dict[str, Any]:
    lang = xlsx.lang_of(data)
    doc = assessment_file.read_data(data.get("assessment"))
    return {"data": xlsx.encoded(write_workbook(doc, lang)), "file_name": assessment_file.file_name(doc, "xlsx"),
            "media_type": MEDIA_TYPE}


def _read_op(data: Mapping[str, Any]) -> dict[str, Any]:
    opened = read_workbook(xlsx.uploaded(data))
    doc = opened.doc
    return {"assessment": assessment_file.to_data(doc), "input": assessment_file.self_assessment_input(doc),
            "problems": [p.as_dict() for p in opened.problems()], "metric_items": list(doc.metric_items),
            "notices": [p.as_dict() for p in opened.notices()], "file_name": assessment_file.file_name(doc, "xlsx")}


OPERATIONS: xlsx.Operations = {
    "workbook-write": _write_op,
    "workbook-read": _read_op,
}


def call(request: Mapping[str, Any]) -> dict[str, Any]:
    """Run one workbook operation; never raises (the same answers as copc_cx.web.call)."""
    return xlsx.call(request, OPERATIONS)


def handle(request_json: str) -> str:
    """JSON text in, JSON text out: copc_cx.web.handle for the workbook operations too."""
    return xlsx.handle(request_json, OPERATIONS)
