"""The process-certification check as an Excel workbook (.xlsx), in the style of the assessment's.

openpyxl is imported only inside the functions that write or read a workbook (copc_cx.files.xlsx),
as for copc_cx.files.workbook: the browser loads it from the site on a reader's first export or
import.

The workbook, in the language chosen when it is written:
- a summary sheet: organisation, site or program, assessor, date, edition, block and whether the
  block's optional item is included (inputs), then what the core computed: the items certified
  together, the level rule for the entity and for each site, every requirement met or not, and
  the decision; or the problems that keep the block from being checked;
- "Requirements": a row per additional requirement of the block, met or not (yes / no); the level
  rule's row is computed from the months;
- "Months": a row per unit (the entity, each site) and required metric: the months at target and
  the months measured (inputs), then the months the level rule needs and whether the metric meets
  it (computed). One sheet with a unit column rather than a sheet per site: site names are free
  text (a sheet's name is not), a new site is a few rows copied, and a filter shows one unit;
- "Items": the block's items, each with a note;
- the hidden sheet "copc-cx" that says it holds the process file's format and version.
Input cells are yellow, computed cells grey, as in the assessment workbook. Reading takes the inputs
and notes only; the core checks them again. A workbook that is not ours, of a newer version, or
with a formula in an input cell is refused naming the sheet and the cell; months the rules refuse
come back as problems whose messages name the sheet and the cell too.

For the browser (Pyodide), after loading PACKAGES: `handle(request_json)` answers
{"op": "process-workbook-write", "input": {"assessment": the process file's fields, "lang"}} with
{"data": base64 of the .xlsx, "file_name", "media_type"} and {"op": "process-workbook-read",
"input": {"data": base64}} (or {"size": n} over xlsx.MAX_WORKBOOK_BYTES) with the result of the
`process-file-read` operation ({"assessment", "input", "problems", "file_name"}).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .. import catalog, process
from ..errors import InputError, Problem
from ..standard import BLOCKS, INPUT_FIELDS, Block, Edition
from ..text import Text
from . import process_file, workbook, xlsx
from .process_file import ProcessFile
from .xlsx import MEDIA_TYPE, Lang, located, t

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

PACKAGES = ("openpyxl",)  # what the browser loads (from the site's lock) before calling handle()
WHAT = Text("プロセス認証の", "process-certification check")  # what a workbook that cannot be read is not

SUMMARY_TITLE = workbook.SUMMARY_TITLE
REQUIREMENTS_TITLE = Text("要求", "Requirements")
MONTHS_TITLE = Text("月数", "Months")
ITEMS_TITLE = Text("項目", "Items")

_LABELS = {key: label for key, label, _ in workbook.SUMMARY_INPUTS}
# the summary's input rows: (key, label, row); the value is in column B
SUMMARY_INPUTS: tuple[tuple[str, Text, int], ...] = (
    ("organisation", _LABELS["organisation"], 4),
    ("site", _LABELS["site"], 5),
    ("assessor", _LABELS["assessor"], 6),
    ("date", _LABELS["date"], 7),
    ("edition", _LABELS["edition"], 8),
    ("block", Text("ブロック", "Block"), 9),
    ("include_optional", Text("任意の項目も含める", "Include the optional item"), 10),
)
COMPUTED_ROW = 12

ENTITY, SITE = Text("主体組織", "Entity"), Text("拠点", "Site")
YES_NO = Text("はい / いいえ", "yes / no")
HOLDS = (Text("満たさない", "fails"), Text("満たす", "holds"))  # indexed by the verdict
MET = (Text("満たさない", "not met"), Text("満たす", "met"))
MEETS = (Text("満たさない", "does not meet"), Text("満たす", "meets"))

Column = tuple[str, Text]  # (key, header)
_FIELDS = {f.name: f.short for f in INPUT_FIELDS["level"]}
MONTHS_COLUMNS: list[Column] = [
    ("unit", Text("区分", "Unit")),
    ("site", Text("拠点名", "Site name")),
    ("name", Text("要求指標", "Required metric")),
    ("metric", Text("指標 ID", "Metric ID")),
    ("label", Text("同じ種類の指標の名前（2つ目から）", "Name of another metric of the kind")),
    ("months_at_target", _FIELDS["months_at_target"]),
    ("months_measured", _FIELDS["months_measured"]),
    ("months_needed", Text("必要な月数（3/4）", "Months needed (3/4)")),
    ("meets", Text("判定", "Verdict")),
]
MONTHS_INPUTS = ("unit", "site", "metric", "label", "months_at_target", "months_measured")
REQUIREMENT_COLUMNS: list[Column] = [
    ("id", Text("ID", "ID")),
    ("text", Text("要求", "Requirement")),
    ("met", Text("満たしている（はい / いいえ）", "Met (yes / no)")),
]
ITEM_COLUMNS: list[Column] = [
    ("item", Text("項目", "Item")),
    ("name", Text("項目名", "Name")),
    ("optional", Text("任意", "Optional")),
    ("note", Text("メモ（根拠・担当者）", "Note (evidence, owner)")),
]
LEVEL_REQUIREMENTS = {process.level_requirement_id(b) for b in BLOCKS}
# a block as typed in the summary: its id, or its name in either language
_BLOCK_NAMES = {name.casefold(): b.id for b in BLOCKS for name in (b.id, b.name.ja, b.name.en)}


def _column(columns: list[Column], key: str) -> str:
    return xlsx.letter(next(i for i, (k, _) in enumerate(columns) if k == key))


def _count_format(value: Any) -> str:
    return "@" if isinstance(value, str) else "0"


# --- writing --------------------------------------------------------------------------------

def write_workbook(doc: ProcessFile, lang: Lang = "ja") -> bytes:
    """The check as .xlsx bytes, with everything the core computes from it."""
    from openpyxl import Workbook

    result: process.ProcessCertificationCheck | None
    try:
        result = process_file.check(doc)
        problems: tuple[Problem, ...] = ()
    except InputError as error:
        result, problems = None, error.problems
    block = catalog.block(doc.block)
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = t(SUMMARY_TITLE, lang)
    _write_summary(summary, doc, block, result, problems, lang)
    _write_requirements(book.create_sheet(t(REQUIREMENTS_TITLE, lang)), doc, block, result, lang)
    _write_months(book.create_sheet(t(MONTHS_TITLE, lang)), doc, block, result, lang)
    _write_items(book.create_sheet(t(ITEMS_TITLE, lang)), doc, block, lang)
    xlsx.write_meta(book, process_file.FORMAT, process_file.VERSION, lang)
    return xlsx.save(book)


def _write_summary(sheet: Worksheet, doc: ProcessFile, block: Block, result: process.ProcessCertificationCheck | None,
                   problems: tuple[Problem, ...], lang: Lang) -> None:
    from openpyxl.styles import Alignment

    xlsx.heading(sheet, Text("COPC CX プロセス認証のチェック", "COPC CX process-certification check"), lang)
    blocks = [b for b in BLOCKS if Edition(doc.edition) in b.editions]
    optional = ", ".join(block.optional_items)
    help_: dict[str, Text] = {
        "date": Text("YYYY-MM-DD", "YYYY-MM-DD"),
        "edition": Text("CSP / OSP", "CSP / OSP"),
        "block": Text(" / ".join(f"{b.id}（{b.name.ja}）" for b in blocks),
                      " / ".join(f"{b.id} ({b.name.en})" for b in blocks)),
        "include_optional": Text(f"はい / いいえ（任意の項目: {optional}）",
                                 f"yes / no (the optional item: {optional})") if optional
        else Text("はい / いいえ（このブロックに任意の項目はありません）",
                  "yes / no (this block has no optional item)"),
    }
    values: dict[str, Any] = {
        "organisation": doc.organisation or None, "site": doc.site or None, "assessor": doc.assessor or None,
        "date": date.fromisoformat(doc.date) if doc.date else None, "edition": doc.edition,
        "block": doc.block, "include_optional": xlsx.yes_no(doc.include_optional, lang),
    }
    for key, label, row in SUMMARY_INPUTS:
        xlsx.put(sheet, f"A{row}", t(label, lang), "label")
        xlsx.put(sheet, f"B{row}", values[key], "input")
        if key in help_:
            sheet[f"C{row}"] = t(help_[key], lang)
    sheet["B7"].number_format = "yyyy-mm-dd"
    xlsx.choices(sheet, "B10", (t(Text("はい", "yes"), lang), t(Text("いいえ", "no"), lang)))
    row = COMPUTED_ROW
    for column in "ABC":
        xlsx.put(sheet, f"{column}{row}", t(Text("計算結果（copc-cx）", "Computed by copc-cx"), lang)
                 if column == "A" else None, "header")
    if result is None:
        cannot = Text("チェックできません。次の入力を直してください:", "Cannot be checked: correct these inputs:")
        xlsx.put(sheet, f"A{row + 1}", t(cannot, lang), "label")
        for n, problem in enumerate(problems, start=row + 2):
            sheet[f"A{n}"] = problem.field
            sheet[f"B{n}"] = problem.ja if lang == "ja" else problem.en
    else:
        row += 1
        xlsx.put(sheet, f"A{row}", t(Text("同時に認証される項目", "Items certified together"), lang), "label")
        xlsx.put(sheet, f"B{row}", ", ".join(result.items), "computed")
        for index, unit in enumerate(result.units):  # the entity first, then each site
            row += 1
            name = ENTITY if index == 0 else Text(f"{SITE.ja} {unit.unit}", f"{SITE.en} {unit.unit}")
            xlsx.put(sheet, f"A{row}", t(Text(f"レベル要求: {name.ja}", f"Level rule: {name.en}"), lang), "label")
            xlsx.verdict(sheet, f"B{row}", t(HOLDS[unit.level.holds], lang), unit.level.holds)
            sheet[f"C{row}"] = t(unit.level.steps[-1], lang)
        unmet = {r.id for r in result.unmet_requirements}
        for requirement in block.requirements:
            row += 1
            sheet[f"A{row}"] = t(requirement.text, lang)
            sheet[f"A{row}"].alignment = Alignment(wrap_text=True, vertical="top")
            xlsx.put(sheet, f"B{row}", t(MET[requirement.id not in unmet], lang), "computed")
        row += 1
        decision = Text("要求をすべて満たす", "Every requirement is met") if result.ready \
            else Text("満たしていない要求がある", "Some requirements are not met")
        xlsx.put(sheet, f"A{row}", t(Text("判定", "Decision"), lang), "label")
        xlsx.verdict(sheet, f"B{row}", t(decision, lang), result.ready)
    sheet.column_dimensions["A"].width = 40
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 70
    sheet.freeze_panes = "A4"


def _write_requirements(sheet: Worksheet, doc: ProcessFile, block: Block,
                        result: process.ProcessCertificationCheck | None, lang: Lang) -> None:
    from openpyxl.styles import Alignment

    for index, (_, header) in enumerate(REQUIREMENT_COLUMNS):
        xlsx.put(sheet, f"{xlsx.letter(index)}1", t(header, lang), "header")
    met = set(doc.requirements_met)
    level_id = process.level_requirement_id(block)
    known = [(r.id, t(r.text, lang)) for r in block.requirements]
    # requirements of another block stay as the file holds them: the core names them
    rows = [*known, *((r, None) for r in doc.requirements_met if r not in {k for k, _ in known})]
    for row, (requirement, text) in enumerate(rows, start=2):
        xlsx.put(sheet, f"A{row}", requirement, "label")
        sheet[f"B{row}"] = text
        sheet[f"B{row}"].alignment = Alignment(wrap_text=True, vertical="top")
        if requirement == level_id:
            computed = None if result is None else t(HOLDS[result.level_holds], lang) + t(
                Text("（月数から計算）", " (from the months)"), lang)
            xlsx.put(sheet, f"C{row}", computed, "computed")
        else:
            xlsx.put(sheet, f"C{row}", xlsx.yes_no(requirement in met, lang), "input")
    xlsx.choices(sheet, f"C2:C{len(rows) + 1}", (t(Text("はい", "yes"), lang), t(Text("いいえ", "no"), lang)))
    for column, width in zip("ABC", (34, 70, 22), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


def month_rows(doc: ProcessFile, block: Block) -> list[tuple[int, str | None, str]]:
    """(unit's index, site or None for the entity, metric key) of each row of the months sheet: for
    the entity, then each site, every metric of the block, each further client metric any unit has,
    and any other metric the file holds."""
    units: list[tuple[str | None, Mapping[str, Any]]] = [(None, doc.entity), *doc.sites.items()]
    further = [key for _, months in units for key in months if ":" in key]
    keys = [key for metric in block.metrics
            for key in (metric.id, *dict.fromkeys(k for k in further if k.split(":", 1)[0] == metric.id))]
    return [(index, site, key) for index, (site, months) in enumerate(units)
            for key in dict.fromkeys([*keys, *months])]


def _write_months(sheet: Worksheet, doc: ProcessFile, block: Block, result: process.ProcessCertificationCheck | None,
                  lang: Lang) -> None:
    from openpyxl.styles import Alignment

    for index, (_, header) in enumerate(MONTHS_COLUMNS):
        xlsx.put(sheet, f"{xlsx.letter(index)}1", t(header, lang), "header")
    names = {m.id: m.name for m in block.metrics}
    # the core's units are the entity, then each site, in the file's order
    levels = {} if result is None else {(i, m.metric): m for i, u in enumerate(result.units) for m in u.level.metrics}
    rows = month_rows(doc, block)
    for row, (index, site, key) in enumerate(rows, start=2):
        base, _, label = key.partition(":")
        months = (doc.entity if site is None else doc.sites[site]).get(key, {})
        level = levels.get((index, key))
        values: dict[str, Any] = {
            "unit": t(ENTITY if site is None else SITE, lang), "site": site,
            "name": t(process.metric_name(names, key), lang), "metric": base, "label": label or None,
            "months_at_target": months.get("months_at_target"), "months_measured": months.get("months_measured"),
            "months_needed": None if level is None else level.months_needed,
            "meets": None if level is None else t(MEETS[level.meets], lang),
        }
        for at, (column, _) in enumerate(MONTHS_COLUMNS):
            ref = f"{xlsx.letter(at)}{row}"
            if column == "meets" and level is not None:
                xlsx.verdict(sheet, ref, values[column], level.meets)
            else:
                xlsx.put(sheet, ref, values[column], "input" if column in MONTHS_INPUTS else "computed")
            if column == "name":
                sheet[ref].alignment = Alignment(wrap_text=True, vertical="top")
            if column in ("months_at_target", "months_measured"):
                sheet[ref].number_format = _count_format(values[column])
            elif column in ("site", "metric", "label"):
                sheet[ref].number_format = "@"
    last = len(rows) + 1
    unit_column = _column(MONTHS_COLUMNS, "unit")
    xlsx.choices(sheet, f"{unit_column}2:{unit_column}{max(last, 2) + 200}", (t(ENTITY, lang), t(SITE, lang)))
    widths = {"unit": 10, "site": 16, "name": 40, "metric": 30, "label": 22, "meets": 14}
    for index, (column, _) in enumerate(MONTHS_COLUMNS):
        sheet.column_dimensions[xlsx.letter(index)].width = widths.get(column, 12)
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "D2"
    sheet.auto_filter.ref = f"A1:{xlsx.letter(len(MONTHS_COLUMNS) - 1)}{last}"


def _write_items(sheet: Worksheet, doc: ProcessFile, block: Block, lang: Lang) -> None:
    from openpyxl.styles import Alignment

    for index, (_, header) in enumerate(ITEM_COLUMNS):
        xlsx.put(sheet, f"{xlsx.letter(index)}1", t(header, lang), "header")
    numbers = [*block.items, *block.optional_items]
    for row, number in enumerate(numbers, start=2):
        xlsx.put(sheet, f"A{row}", number, "label")
        sheet[f"A{row}"].number_format = "@"
        sheet[f"B{row}"] = t(catalog.item(number).name, lang)
        sheet[f"C{row}"] = t(Text("任意", "optional"), lang) if number in block.optional_items else None
        xlsx.put(sheet, f"D{row}", doc.notes.get(number), "input")
        sheet[f"D{row}"].alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in zip("ABCD", (7, 36, 9, 60), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"


# --- reading --------------------------------------------------------------------------------

@dataclass(frozen=True)
class OpenedProcessWorkbook:
    """A check read from a workbook, and where each of its fields is (sheet and cell)."""

    doc: ProcessFile
    cells: Mapping[str, str]  # field path ("sites.A.workforce.abandonment.months_measured") -> "'Months'!G12"

    def problems(self) -> tuple[Problem, ...]:
        """What the rules refuse in its months and requirements, each message naming the sheet and cell."""
        return located(process_file.problems(self.doc), self.cells)


def read_workbook(data: bytes) -> OpenedProcessWorkbook:
    """The check in a workbook written by `write_workbook` (and edited by people)."""
    book = xlsx.open_book(data, WHAT)
    xlsx.check_meta(book, process_file.FORMAT, process_file.VERSION, WHAT)
    summary = xlsx.sheet_named(book, SUMMARY_TITLE)
    if summary is None:
        raise xlsx.not_ours(WHAT, Text(f"概要のシート（{SUMMARY_TITLE.ja}）がありません。",
                                       f"its summary sheet ({SUMMARY_TITLE.en}) is missing."))
    problems: list[Problem] = []
    cells: dict[str, str] = {}
    found: dict[str, Any] = _read_summary(book[summary], summary, problems, cells)
    for title, read in ((REQUIREMENTS_TITLE, _read_requirements), (MONTHS_TITLE, _read_months),
                        (ITEMS_TITLE, _read_items)):
        name = xlsx.sheet_named(book, title)
        if name is None:
            problems.append(xlsx.missing_sheet(title))
        else:
            found |= read(book[name], name, problems, cells)
    if problems:
        raise InputError(problems)
    try:
        doc = process_file.read_data({"format": process_file.FORMAT, "version": process_file.VERSION, **found})
    except InputError as error:
        raise InputError(located(error.problems, cells)) from None
    return OpenedProcessWorkbook(doc, cells)


def _text(value: Any) -> str | None:
    """A name or id as text (Excel keeps 12 as a number)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_summary(sheet: Worksheet, title: str, problems: list[Problem], cells: dict[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, label, row in SUMMARY_INPUTS:
        if not xlsx.check_label(sheet, title, f"A{row}", label, problems):
            continue
        value = xlsx.cell_value(sheet, title, f"B{row}", key, problems, cells)
        if key == "date":
            value = xlsx.date_text(value)
        elif key == "include_optional":
            value = xlsx.flag(value, False)
            if value is None:
                problems.append(xlsx.not_yes_or_no(title, f"B{row}", key))
                continue
        elif key == "block" and value is not None:
            value = _BLOCK_NAMES.get(str(value).casefold(), _text(value))
        else:
            value = _text(value)
        data[key] = value
    return data


def _read_requirements(sheet: Worksheet, title: str, problems: list[Problem],
                       cells: dict[str, str]) -> dict[str, Any]:
    if not xlsx.check_headers(sheet, title, [header for _, header in REQUIREMENT_COLUMNS], problems):
        return {}
    met: list[str] = []
    seen: set[str] = set()
    for row in range(2, sheet.max_row + 1):
        requirement = _text(xlsx.cell_value(sheet, title, f"A{row}", "requirements_met", problems, {}))
        if requirement is None or requirement in LEVEL_REQUIREMENTS:  # the level rule's row is computed
            if requirement is None and not xlsx.blank(sheet[f"C{row}"].value):
                problems.append(xlsx.at(title, f"A{row}", "答えのある行に要求の ID がありません。",
                                        "a row with an answer has no requirement ID."))
            continue
        if requirement in seen:
            problems.append(xlsx.at(title, f"A{row}", f"要求 {requirement} の行が2つあります。",
                                    f"requirement {requirement} has two rows.", "requirements_met"))
            continue
        seen.add(requirement)
        answer = xlsx.flag(xlsx.cell_value(sheet, title, f"C{row}", "requirements_met", problems, cells), False)
        if answer is None:
            problems.append(xlsx.not_yes_or_no(title, f"C{row}", "requirements_met"))
        elif answer:
            met.append(requirement)
    # the core names a requirement of another block at "requirements_met": point at the sheet's answers
    cells["requirements_met"] = xlsx.ref(title, "C1")
    return {"requirements_met": met}


def _unit(value: Any) -> str | None:
    """"entity" or "site" for the unit column's text in either language."""
    text = str(value).strip().casefold()
    return next((unit for unit, word in (("entity", ENTITY), ("site", SITE))
                 if text in (word.ja, word.en.casefold())), None)


def _read_months(sheet: Worksheet, title: str, problems: list[Problem], cells: dict[str, str]) -> dict[str, Any]:
    if not xlsx.check_headers(sheet, title, [header for _, header in MONTHS_COLUMNS], problems):
        return {}
    letters = {key: _column(MONTHS_COLUMNS, key) for key in MONTHS_INPUTS}
    entity: dict[str, Any] = {}
    sites: dict[str, dict[str, Any]] = {}
    for row in range(2, sheet.max_row + 1):
        if all(xlsx.blank(sheet[f"{letter}{row}"].value) for letter in letters.values()):
            continue
        ref = {key: f"{letter}{row}" for key, letter in letters.items()}
        unmapped: dict[str, str] = {}  # the unit's and the metric's cells are mapped below, once known
        kind = xlsx.cell_value(sheet, title, ref["unit"], "sites", problems, unmapped)
        unit = None if kind is None else _unit(kind)
        # names as typed: the file keeps a site's or a client metric's name with its spaces
        site = _text(xlsx.cell_value(sheet, title, ref["site"], "sites", problems, unmapped, strip=False))
        if unit is None:
            problems.append(xlsx.at(title, ref["unit"], f"区分は「{ENTITY.ja}」か「{SITE.ja}」です。",
                                    f"the unit is '{ENTITY.en}' or '{SITE.en}'.", "sites"))
            continue
        if (unit == "site") != (site is not None):
            problems.append(xlsx.at(
                title, ref["site"], "拠点の行には拠点名を、主体組織の行には空欄を入れてください。",
                "a site's row needs the site's name; the entity's rows leave it empty.", "sites"))
            continue
        if site is not None and site not in sites:
            sites[site] = {}
            cells[f"sites.{site}"] = xlsx.ref(title, ref["site"])
        months = entity if site is None else sites[site]
        place = "entity" if site is None else f"sites.{site}"
        base = _text(xlsx.cell_value(sheet, title, ref["metric"], place, problems, unmapped))
        label = _text(xlsx.cell_value(sheet, title, ref["label"], place, problems, unmapped, strip=False))
        key = f"{base}:{label}" if label is not None else base or ""
        field = f"{place}.{key}"
        values = {name: xlsx.count_value(xlsx.cell_value(sheet, title, ref[name], f"{field}.{name}", problems,
                                                         cells if base else unmapped))
                  for name in ("months_at_target", "months_measured")}
        if all(v is None for v in values.values()):
            continue  # a metric this unit does not measure (its months are empty)
        if base is None:
            problems.append(xlsx.at(title, ref["metric"], "月数のある行に指標 ID がありません。",
                                    "a row with months has no metric ID.", place))
            continue
        if key in months:
            problems.append(xlsx.at(title, ref["metric"], f"{key} の行が2つあります。", f"{key} has two rows.", field))
            continue
        cells[field] = xlsx.ref(title, ref["metric"])
        months[key] = values
    return {"entity": entity, "sites": sites}


def _read_items(sheet: Worksheet, title: str, problems: list[Problem], cells: dict[str, str]) -> dict[str, Any]:
    if not xlsx.check_headers(sheet, title, [header for _, header in ITEM_COLUMNS], problems):
        return {}
    notes: dict[str, str] = {}
    for row in range(2, sheet.max_row + 1):
        number = sheet[f"A{row}"].value
        if xlsx.blank(number):
            if not xlsx.blank(sheet[f"D{row}"].value):
                problems.append(xlsx.at(title, f"A{row}", "メモのある行に項目番号がありません。",
                                        "a row with a note has no item number."))
            continue
        if not isinstance(number, str):
            problems.append(xlsx.at(title, f"A{row}", f"項目番号は文字列で入力してください（例: '2.10'。"
                                    f"入力値: {number!r}）。",
                                    f"write the item number as text (e.g. '2.10'; got {number!r}).", "notes"))
            continue
        number = number.strip()
        note = xlsx.cell_value(sheet, title, f"D{row}", f"notes.{number}", problems, cells, strip=False)
        if note is not None:
            notes[number] = str(note)
    return {"notes": notes}


# --- the browser's entry point (after loading PACKAGES) -----------------------------------------

def _write_op(data: Mapping[str, Any]) -> dict[str, Any]:
    lang = xlsx.lang_of(data)
    doc = process_file.read_data(data.get("assessment"))
    return {"data": xlsx.encoded(write_workbook(doc, lang)), "file_name": process_file.file_name(doc, "xlsx"),
            "media_type": MEDIA_TYPE}


def _read_op(data: Mapping[str, Any]) -> dict[str, Any]:
    opened = read_workbook(xlsx.uploaded(data))
    doc = opened.doc
    return {"assessment": process_file.to_data(doc), "input": process_file.process_input(doc),
            "problems": [p.as_dict() for p in opened.problems()], "file_name": process_file.file_name(doc, "xlsx")}


OPERATIONS: xlsx.Operations = {
    "process-workbook-write": _write_op,
    "process-workbook-read": _read_op,
}


def handle(request_json: str) -> str:
    """JSON text in, JSON text out: copc_cx.web.handle for the process workbook's operations too."""
    return xlsx.handle(request_json, OPERATIONS)
