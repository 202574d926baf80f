"""The assessment file: a self-assessment as a JSON document people keep, pass on and open again.

Version 1, every key but the first two optional:

    {
      "format": "copc-cx-assessment", "version": 1,
      "organisation": "Example Contact Ltd", "site": "Naha centre", "assessor": "Aiko Tanaka",
      "date": "2026-12-05",
      "edition": "CSP", "human_assisted": true, "digital_assisted": true, "excluded": null,
      "items": {"1.1": {"met": 11, "applicable": 12, "deployed": 6, "total": 7},
                "4.3": {"types": {"service": {"achieved": 30, "improving": 6, "total": 40}, ...}}},
      "notes": {"1.1": "Evidence: board minutes of March; owner: K. Sato"},
      "timeline": {"start": "2027-03-01", "path": "fastest", "audit": "2027-12-06"},
      "metrics": {"months": ["2026-01", "2026-02"], "improvement": "reader", "level_reading": "each-metric",
                  "rows": [{"name": "Service level", "item": "4.3", "type": "service", "level": "entity",
                            "target": "80", "direction": "higher", "results": ["78.5", "81.2"], ...}]}
    }

Its top level is the `self-assessment` operation's input (edition, human_assisted,
digital_assisted, excluded, items, with the same per-item field names) plus the metadata
(organisation, site or program, assessor, date as YYYY-MM-DD) and a free-text note per item under
`notes`, and optionally the certification timeline's plan under `timeline` (the "timeline"
operation's input, written only when there is one): so the file itself is a valid request of that
operation, and that operation's input alone (without "format" and "version") is a valid file.

The metrics table may travel with the assessment under `metrics`: the "metrics-table" operation's
input without its edition (the file's): months, rows as typed (copc_cx.metrics documents a row), and
the table's settings (improvement, level_reading, block, period_months). Category 4.0 then comes
from the metrics, as the metrics table's hand-over to the self-assessment does it: each of 4.1-4.6
that the table counts takes the table's counts in place of those typed (a notice names each item
whose typed counts differed); an item the table does not count keeps what was typed. A table whose
cells the rules refuse fills nothing and its problems stop the scoring, at `metrics.rows.2.target`,
`metrics.rows.2.results.5`, `metrics.months.0`.

Versions: 2 added the metrics section; nothing else changed. A file without metrics is still
written as version 1, so every reader of the format opens it; a file with metrics is written as
version 2, so an older reader says it was made by a newer copc-cx (update, or reload the site)
instead of calling `metrics` an unknown field.
Counts are written as numbers, an empty field as null, and text that is not a whole number stays
text (the form shows it, with the rules' message).

Reading has two levels. A file the core cannot take (not JSON, not this format, a newer version,
a field of the wrong kind, an unknown item, field or metric type, an item not in the edition, too
large) raises `InputError`, every problem at its place (`items.2.15.deployed`, `notes.2.15`,
`version`, `file`). A file it can take may still hold counts the rules refuse (text in a count, an
item half filled in, more units deploying than there are): `problems()` lists them, with the same
places and messages as the `self-assessment` operation, so a form can show them at their fields and
the command line can refuse to score. Writing keeps every input and note as it is.

The browser calls this through two operations of `copc_cx.web` (standard library only):
`assessment-file-read` ({"text"} or, for a file over MAX_FILE_BYTES, just {"size"}) and
`assessment-file-write` ({"assessment"}); see /work/notes/architecture.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .. import assessment, catalog, metrics_io, timeline, web
from ..errors import Checker, InputError, Problem
from ..forms import MAX_NAME, blank, parse_int, readable, whole_number
from ..metrics import COLUMNS, MAX_METRICS, RESULTS, Improvement, LevelReading
from ..scope import applicable_scope, excludable_items
from ..standard import INPUT_FIELDS, MAX_MONTHS, METRIC_TYPE_NAMES, Edition, MetricType, Scoring

FORMAT = "copc-cx-assessment"
VERSION = 2  # the newest version this core reads (see the module's docstring)
FIRST_VERSION = 1  # what a file without metrics is written as
METRICS_VERSION = 2  # the version that added the metrics section
# far above a real assessment with long notes; its text, escaped in a request, fits web.MAX_REQUEST_CHARS
MAX_FILE_BYTES = 900_000
MAX_NOTE = 5_000  # characters in an item's note
MAX_COUNT_TEXT = 40  # characters of text kept in a count field (nobody types a longer count)

METADATA = ("organisation", "site", "assessor", "date")
SCOPE = ("edition", "human_assisted", "digital_assisted", "excluded")
TOP_LEVEL = ("format", "version", *METADATA, *SCOPE, "items", "notes", "timeline", "metrics")
METRICS_SETTINGS = ("improvement", "level_reading", "block", "period_months")
METRICS_KEYS = ("months", "rows", *METRICS_SETTINGS)
METRIC_ROW_KEYS = (*(c.key for c in COLUMNS), RESULTS)
# the settings' defaults, written out: a person reading the file sees which rule counted
METRICS_DEFAULTS = {"improvement": Improvement.READER.value, "level_reading": LevelReading.EACH_METRIC.value}
CHOICE_KEYS = ("item", "type", "level", "cui", "direction", "improving", "in_4_6")
METRIC_TYPES = tuple(t.value for t in MetricType)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

Count = int | str | None  # a count field: a whole number, text the rules will refuse, or empty


@dataclass(frozen=True)
class AssessmentFile:
    """One assessment: what it is about, its scope, each item's inputs and notes.

    `items` maps an item number to its fields ({"met": 11, ...}; for 4.3/4.4 {"types": {"service":
    {...}, ...}}), values normalised (numbers as int, empty as None). `excluded` None is the
    guide's default (every item that may not apply to the scope is left out)."""

    edition: str
    organisation: str = ""
    site: str = ""
    assessor: str = ""
    date: str = ""
    human_assisted: bool = True
    digital_assisted: bool = True
    excluded: tuple[str, ...] | None = None
    items: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    timeline: Mapping[str, Any] | None = None  # the "timeline" operation's input, when a plan is kept
    # the metrics table: the "metrics-table" operation's input without the edition, rows as typed
    metrics: Mapping[str, Any] | None = None
    metric_items: tuple[str, ...] = ()  # the items whose counts the metrics table gave
    # what reading changed: typed counts the metrics table's replaced (not part of the file)
    notices: tuple[Problem, ...] = field(default=(), compare=False)


# --- fields of an item ---------------------------------------------------------------------

def count_fields(scoring: Scoring) -> tuple[str, ...]:
    """The count fields of an item scored by `scoring` (for 4.3/4.4: those of each metric type)."""
    return tuple(f.name for f in INPUT_FIELDS[scoring.value])


def blank_item(scoring: Scoring) -> dict[str, Any]:
    names = count_fields(scoring)
    if scoring is Scoring.CHANNEL_PERFORMANCE:
        return {"types": {t: dict.fromkeys(names) for t in METRIC_TYPES}}
    return dict.fromkeys(names)


def blank_file(edition: str, *, human_assisted: bool = True, digital_assisted: bool = True, organisation: str = "",
               site: str = "", assessor: str = "", date: str = "") -> AssessmentFile:
    """A new assessment: every item of the edition that applies to the scope, with empty fields."""
    scope = applicable_scope(edition, human_assisted=human_assisted, digital_assisted=digital_assisted)
    return AssessmentFile(edition=scope.edition.value, organisation=organisation, site=site, assessor=assessor,
                          date=date, human_assisted=human_assisted, digital_assisted=digital_assisted,
                          items={i.number: blank_item(i.scoring) for i in scope.items})


# --- reading --------------------------------------------------------------------------------

def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def too_large(size: int) -> InputError:
    return InputError([Problem(
        "file", f"ファイルが大きすぎます（{size:,} バイト、上限 {MAX_FILE_BYTES:,} バイト）。"
        "評価ファイルではないようです。",
        f"The file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,}): it does not look like an "
        "assessment file.")])


def read_bytes(data: bytes) -> AssessmentFile:
    """An assessment file from its bytes (UTF-8, with or without a byte order mark)."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem(
            "file", "ファイルが UTF-8 のテキストではありません。評価ファイル（JSON）を選んでください。",
            "The file is not UTF-8 text: choose an assessment file (JSON).")]) from None
    return read_text(text)


def read_text(text: str) -> AssessmentFile:
    """An assessment file from its text; InputError naming each place where it cannot be taken."""
    return read_data(load_json(text))


def load_json(text: str) -> Any:
    """A file's text as parsed JSON; InputError at "file" for a text too large or not JSON."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise too_large(size)
    try:
        data = json.loads(text.removeprefix("\ufeff"), parse_int=parse_int)
    except RecursionError:
        raise InputError([Problem("file", "ファイルの入れ子が深すぎます。",
                                  "The file is nested too deeply.")]) from None
    except json.JSONDecodeError as error:
        where = f"{error.lineno} 行 {error.colno} 列"
        raise InputError([Problem(
            "file", f"ファイルを JSON として読めません（{where}: 途中で切れているか、壊れています）。",
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: cut short or damaged).",
        )]) from None
    return data


# the formats of copc_cx.files, and where a file of each is opened
OTHER_FORMATS = {
    FORMAT: ("自己評価のファイルです。自己評価の計算ツール（または copc-cx score）で開いてください。",
             "It is a self-assessment file: open it in the self-assessment calculator (or copc-cx score)."),
    "copc-cx-process-assessment": ("プロセス認証のファイルです。プロセス認証の計算ツールで開いてください。",
                                   "It is a process-certification file: open it in the process-certification "
                                   "calculator."),
}


def check_version(data: Mapping[str, Any], fmt: str = FORMAT, latest: int = VERSION) -> None:
    """Refuses what is not a file of format `fmt` of a version this core reads (up to `latest`)."""
    if "format" not in data and "version" not in data:
        return  # the operation's input on its own
    if data.get("format") != fmt:
        got = _shown(data.get("format"))
        named = data.get("format")
        other = OTHER_FORMATS.get(named) if isinstance(named, str) else None
        ja = f"COPC CX の評価ファイルではありません（format が {fmt!r} ではありません: {got}）。"
        en = f"This is not a COPC CX assessment file (its format is not {fmt!r}: {got})."
        raise InputError([Problem("format", other[0] if other else ja, other[1] if other else en)])
    version = data.get("version")
    if type(version) is not int or version < 1:
        raise InputError([Problem("version", f"version は 1 以上の整数です（入力値: {_shown(version)}）。",
                                  f"The version must be a whole number of 1 or more (got {_shown(version)}).")])
    if version > latest:
        raise InputError([Problem(
            "version", f"このファイルは新しい版の copc-cx で作られています（形式の版 {version}、"
            f"この版が読めるのは {latest} まで）。"
            "copc-cx を更新するか、サイトを再読み込みしてください。",
            f"This file was made by a newer copc-cx (format version {version}; this one reads up to {latest}). "
            "Update copc-cx, or reload the site.")])


def _version(data: Mapping[str, Any]) -> None:
    check_version(data, FORMAT)


def _text(checker: Checker, key: str, value: Any, limit: int = MAX_NAME, lines: bool = False) -> str:
    if value is None:
        return ""
    ok = isinstance(value, str) and len(value) <= limit and (
        readable(value.replace("\n", "").replace("\t", "")) if lines else readable(value))
    if not ok:
        checker.add(key, f"{key} は {limit:,} 文字以内の文字列です（入力値: {_shown(value)}）。",
                    f"{key} must be a text of at most {limit:,} characters (got {_shown(value)}).")
        return ""
    assert isinstance(value, str)
    return value.strip() if not lines else value


def _date(checker: Checker, value: Any) -> str:
    text = _text(checker, "date", value)
    if not text:
        return ""
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    checker.add("date", f"評価日は YYYY-MM-DD の形式で入力してください（入力値: {_shown(text)}）。",
                f"The assessment date must be written YYYY-MM-DD (got {_shown(text)}).")
    return ""


def _count(checker: Checker, place: str, value: Any) -> Count:
    """A count field's value as the file keeps it: int, text the rules will judge, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = whole_number(value)
    if type(value) is int:
        return value
    if isinstance(value, str) and len(value) <= MAX_COUNT_TEXT and readable(value):
        number = whole_number(value)
        return number if type(number) is int else value.strip() or None
    checker.add(place, f"件数は数値か空欄です（入力値: {_shown(value)}）。",
                f"A count is a number or left empty (got {_shown(value)}).")
    return None


def _unknown(checker: Checker, place: str, key: str, allowed: tuple[str, ...]) -> None:
    shown = key if readable(key) and len(key) <= 40 else _shown(key)
    checker.add(f"{place}.{shown}" if place else shown,
                f"不明な項目名 {shown!r} です（使える名前: {', '.join(allowed)}）。",
                f"Unknown field {shown!r} (the fields are: {', '.join(allowed)}).")


def _counts(checker: Checker, place: str, raw: Any, names: tuple[str, ...]) -> dict[str, Count]:
    if not isinstance(raw, dict):
        checker.add(place, f"件数のオブジェクト（{{…}}）が必要です（入力値: {_shown(raw)}）。",
                    f"An object ({{…}}) of counts belongs here (got {_shown(raw)}).")
        return dict.fromkeys(names)
    for key in raw:
        if key not in names:
            _unknown(checker, place, key, names)
    return {name: _count(checker, f"{place}.{name}", raw.get(name)) for name in names}


def _item(checker: Checker, number: str, raw: Any, scoring: Scoring) -> dict[str, Any]:
    place = f"items.{number}"
    names = count_fields(scoring)
    if scoring is not Scoring.CHANNEL_PERFORMANCE:
        return _counts(checker, place, raw, names)
    types = raw.get("types") if isinstance(raw, dict) else None
    if isinstance(raw, dict):
        for key in raw:
            if key != "types":
                _unknown(checker, place, key, ("types",))
    if types is None and blank(raw):
        types = {}
    if not isinstance(types, dict):
        checker.add(f"{place}.types", "指標タイプごとの件数（{\"service\": {…}, …}）が必要です。",
                    "Counts per metric type ({\"service\": {…}, …}) belong here.")
        return {"types": {}}
    # each type's fields are named without "types", as the rules and the form name them (items.4.3.service.total)
    for key in types:
        if key not in METRIC_TYPES:
            _unknown(checker, place, key, METRIC_TYPES)
    return {"types": {t: _counts(checker, f"{place}.{t}", types[t], names) for t in METRIC_TYPES
                      if t in types}}


def read_data(data: Any) -> AssessmentFile:
    """An assessment file from parsed JSON (a dict): normalised, or InputError at each place."""
    if not isinstance(data, dict):
        raise InputError([Problem("file", "評価ファイルの中身はオブジェクト（{…}）である必要があります。",
                                  "An assessment file holds an object ({…}) at its top level.")])
    _version(data)
    checker = Checker()
    for key in data:
        if key not in TOP_LEVEL:
            _unknown(checker, "", key, TOP_LEVEL)
    # the scope and the items' shapes are read as the self-assessment operation reads them
    edition = None
    try:
        edition, _, _ = web.read_self_assessment(data)
    except InputError as error:
        checker.problems.extend(error.problems)
    metadata = read_metadata(checker, data)
    items: dict[str, dict[str, Any]] = {}
    raw_items = data.get("items")
    if edition is not None and isinstance(raw_items, dict):
        in_edition = {i.number: i for i in catalog.items_in(edition)}
        for number, raw in raw_items.items():
            item = in_edition.get(number)
            if item is None:
                checker.add(f"items.{number}" if readable(number) and len(number) <= 40 else "items",
                            f"項目 {_shown(number)} は {edition} 版にありません。",
                            f"There is no item {_shown(number)} in the {edition} edition.")
                continue
            items[number] = _item(checker, number, raw, item.scoring)
    notes: dict[str, str] = {}
    raw_notes = data.get("notes")
    if raw_notes is not None and not isinstance(raw_notes, dict):
        checker.add("notes", "notes は項目番号ごとのメモ（{\"2.15\": \"…\"}）です。",
                    "notes holds a text per item number ({\"2.15\": \"…\"}).")
    elif edition is not None and raw_notes:
        numbers = {i.number for i in catalog.items_in(edition)}
        for number, note in raw_notes.items():
            if number not in numbers:
                checker.add(f"notes.{number}" if readable(number) and len(number) <= 40 else "notes",
                            f"メモの項目 {_shown(number)} は {edition} 版にありません。",
                            f"The note's item {_shown(number)} is not in the {edition} edition.")
                continue
            text = note_text(checker, f"notes.{number}", note)
            if text.strip():
                notes[number] = text
    kept_plan = _timeline(checker, data.get("timeline"))
    table = read_metrics(checker, data.get("metrics"), edition)
    if checker.problems:
        # the operation's reading and this one may both name a place: say it once
        firsts = {p.field: p for p in reversed(checker.problems)}
        raise InputError([p for p in checker.problems if firsts[p.field] is p])
    assert edition is not None
    metric_items, notices = _fill_from_metrics(edition, table, items)
    excluded = data.get("excluded")
    order = {i.number: n for n, i in enumerate(catalog.items_in(edition))}
    return AssessmentFile(
        edition=edition.value, **metadata,
        human_assisted=_flag(data.get("human_assisted", True)),
        digital_assisted=_flag(data.get("digital_assisted", True)),
        excluded=None if excluded is None else tuple(excluded),
        items={n: items[n] for n in sorted(items, key=order.__getitem__)},
        notes={n: notes[n] for n in sorted(notes, key=order.__getitem__)}, timeline=kept_plan,
        metrics=table, metric_items=metric_items, notices=notices)


# --- the metrics table ----------------------------------------------------------------------

def _metric_cell(checker: Checker, place: str, value: Any) -> str | int | float | bool:
    """A cell of the metrics table as the file keeps it: text as typed (a JSON number or true/false
    as it is); what it means is the metrics table's business (copc_cx.metrics)."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float) and (not isinstance(value, float) or value == value):
        return value
    if isinstance(value, str) and len(value) <= MAX_NAME and readable(value.replace("\n", " ").replace("\t", " ")):
        return value
    checker.add(place, f"指標表のセルは {MAX_NAME} 文字以内の文字列か数値です（入力値: {_shown(value)}）。",
                f"A cell of the metrics table holds a text of at most {MAX_NAME} characters or a number "
                f"(got {_shown(value)}).")
    return ""


def _metric_row(checker: Checker, place: str, raw: Any, months: int, edition: Edition | None) -> dict[str, Any] | None:
    """A row with every key of the table's rows, results padded to the months, choices written as the
    table reads them best ("program", "lower": as a paste's preview writes them; a choice not understood
    stays as typed); None when the row is wholly empty."""
    if not isinstance(raw, dict):
        checker.add(place, f"指標表の行はオブジェクト（{{\"name\": …}}）です（入力値: {_shown(raw)}）。",
                    f"A row of the metrics table is an object ({{\"name\": …}}; got {_shown(raw)}).")
        return None
    for key in raw:
        if key not in METRIC_ROW_KEYS:
            _unknown(checker, place, key, METRIC_ROW_KEYS)
    row: dict[str, Any] = {key: _metric_cell(checker, f"{place}.{key}", raw.get(key)) for key in METRIC_ROW_KEYS[:-1]}
    if edition is not None:
        for key in CHOICE_KEYS:
            if isinstance(row[key], str):
                row[key] = metrics_io.canonical(key, row[key], edition)
    results = raw.get(RESULTS)
    if results is None:
        results = []
    if not isinstance(results, list) or len(results) > MAX_MONTHS:
        checker.add(f"{place}.{RESULTS}", f"results は月ごとの結果の並び（{MAX_MONTHS} 個まで）です。",
                    f"results holds a list of monthly results (at most {MAX_MONTHS}).")
        results = []
    row[RESULTS] = [_metric_cell(checker, f"{place}.{RESULTS}.{j}", v) for j, v in enumerate(results)]
    row[RESULTS] += [""] * (months - len(row[RESULTS]))
    if all(v == "" or (isinstance(v, str) and not v.strip()) for v in (*row.values(), *row[RESULTS])
           if not isinstance(v, list)):
        return None
    return row


def read_metrics(checker: Checker, raw: Any, edition: Edition | None) -> dict[str, Any] | None:
    """The metrics table kept with the assessment, its shape checked at `metrics.<place>` (what its cells
    say is checked by `metrics_result`); None when the file has none or its table has no row."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        checker.add("metrics", "metrics は指標表（{\"months\": […], \"rows\": […]}）です。",
                    "metrics holds the metrics table ({\"months\": […], \"rows\": […]}).")
        return None
    for key in raw:
        if key not in METRICS_KEYS:
            _unknown(checker, "metrics", key, METRICS_KEYS)
    months_raw = raw.get("months")
    if months_raw is None:
        months_raw = []
    if not isinstance(months_raw, list) or len(months_raw) > MAX_MONTHS:
        checker.add("metrics.months", f"months は月の見出しの並び（{MAX_MONTHS} 個まで）です。",
                    f"months holds a list of month headings (at most {MAX_MONTHS}).")
        months_raw = []
    months = []
    for j, month in enumerate(months_raw):
        cell = _metric_cell(checker, f"metrics.months.{j}", month)
        months.append(cell if isinstance(cell, str) else str(cell))
    rows_raw = raw.get("rows")
    if rows_raw is None:
        rows_raw = []
    if not isinstance(rows_raw, list) or len(rows_raw) > MAX_METRICS:
        checker.add("metrics.rows", f"rows は指標の行の並び（{MAX_METRICS:,} 行まで）です。",
                    f"rows holds a list of the metrics' rows (at most {MAX_METRICS:,}).")
        rows_raw = []
    rows = [row for i, r in enumerate(rows_raw)
            if (row := _metric_row(checker, f"metrics.rows.{i}", r, len(months), edition)) is not None]
    settings: dict[str, Any] = dict(METRICS_DEFAULTS)
    for key in METRICS_SETTINGS:
        value = raw.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, str) and len(value) <= MAX_NAME and readable(value):
            number = whole_number(value) if key == "period_months" else None
            settings[key] = number if type(number) is int else value.strip()
        elif key == "period_months" and type(value) is int:
            settings[key] = value
        else:
            checker.add(f"metrics.{key}", f"{key} は文字列です（入力値: {_shown(value)}）。",
                        f"{key} must be a text (got {_shown(value)}).")
    if not rows:
        return None  # settings without a metric say nothing about the assessment
    return {"months": months, "rows": rows, **settings}


def metrics_result(edition: str, table: Mapping[str, Any]) -> tuple[dict[str, Any] | None, tuple[Problem, ...]]:
    """What the metrics table gives (the "metrics-table" operation's result), or the problems of its
    cells at `metrics.<place>`, each message saying it is the metrics table's."""
    try:
        result, _ = web.OPERATIONS["metrics-table"].run({**table, "edition": edition})
    except InputError as error:
        return None, tuple(Problem(f"metrics.{p.field}", f"指標表の{p.ja}", f"Metrics table: {p.en}")
                           for p in error.problems)
    return result, ()


def _fill_from_metrics(edition: Edition, table: Mapping[str, Any] | None,
                       items: dict[str, dict[str, Any]]) -> tuple[tuple[str, ...], tuple[Problem, ...]]:
    """Items 4.1-4.6 take the metrics table's counts (in `items`), as the table's hand-over to the
    self-assessment does; the items filled, and a notice per item whose typed counts differed."""
    if table is None:
        return (), ()
    result, _ = metrics_result(edition.value, table)
    if result is None:
        return (), ()  # nothing filled: the table's problems stop the scoring (problems())
    filled: list[str] = []
    notices: list[Problem] = []
    for number, counts in result["self_assessment_items"].items():
        item = catalog.item(number)
        given = items.get(number)
        items[number] = _item(Checker(), number, counts, item.scoring)
        filled.append(number)
        if given is not None and not _empty_item(given) and _kept(given) != _kept(items[number]):
            notices.append(Problem(
                f"items.{number}",
                f"{number}: 指標表から数えた件数（{_counts_text(items[number], 'ja')}）で、入力されていた件数"
                f"（{_counts_text(given, 'ja')}）を置き換えました。",
                f"{number}: the counts from the metrics table ({_counts_text(items[number], 'en')}) replace "
                f"those typed ({_counts_text(given, 'en')})."))
    return tuple(filled), tuple(notices)


def _kept(values: Mapping[str, Any]) -> dict[str, Any]:
    """An item's counts without the metric types left blank (they say nothing)."""
    if "types" in values:
        return {"types": {t: dict(c) for t, c in values["types"].items() if not _empty(c)}}
    return dict(values)


def _empty_item(values: Mapping[str, Any]) -> bool:
    return all(_empty(c) for c in values["types"].values()) if "types" in values else _empty(values)


def _counts_text(values: Mapping[str, Any], lang: str) -> str:
    def line(counts: Mapping[str, Any]) -> str:
        return " / ".join("—" if v is None else str(v) for v in counts.values())

    if "types" not in values:
        return line(values)
    names = {t.value: n for t, n in METRIC_TYPE_NAMES.items()}
    return ("、" if lang == "ja" else "; ").join(
        f"{getattr(names[t], lang)}: {line(c)}" for t, c in values["types"].items() if not _empty(c))


def _timeline(checker: Checker, raw: Any) -> dict[str, Any] | None:
    """The certification timeline kept with the assessment: the "timeline" operation's input as
    typed (without the reader's "today", which only bounds the dates when planned), checked as that
    operation checks it; None when the file has none."""
    try:
        timeline.read_nested(raw)
    except InputError as error:
        checker.problems.extend(error.problems)
        return None
    if raw is None:
        return None
    return {key: _plain(value) if isinstance(value, Mapping) else value for key, value in raw.items() if key != "today"}


def read_metadata(checker: Checker, data: Mapping[str, Any]) -> dict[str, str]:
    """The metadata of a file (organisation, site, assessor, date), each checked at its key."""
    metadata = {key: _text(checker, key, data.get(key)) for key in METADATA[:-1]}
    metadata["date"] = _date(checker, data.get("date"))
    return metadata


def note_text(checker: Checker, place: str, value: Any) -> str:
    """An item's note: text of at most MAX_NOTE characters, lines kept."""
    return _text(checker, place, value, MAX_NOTE, lines=True)


# what the process-certification file (process_file) reads the same way
shown, unknown, counts = _shown, _unknown, _counts


def _flag(value: Any) -> bool:
    """true/false as the operation reads them (read_self_assessment has checked them)."""
    return value.strip().lower() == "true" if isinstance(value, str) else bool(value)


# --- what the file says about certification -------------------------------------------------

def self_assessment_input(doc: AssessmentFile) -> dict[str, Any]:
    """The `self-assessment` operation's input for this assessment: items (and metric types of
    4.3/4.4) left empty are left out, as a form sends them (an empty item is unscored)."""
    items: dict[str, Any] = {}
    for number, values in doc.items.items():
        if "types" in values:
            types = {t: dict(c) for t, c in values["types"].items() if not _empty(c)}
            if types:
                items[number] = {"types": types}
        elif not _empty(values):
            items[number] = dict(values)
    return {"edition": doc.edition, "human_assisted": doc.human_assisted, "digital_assisted": doc.digital_assisted,
            "excluded": None if doc.excluded is None else list(doc.excluded), "items": items}


def _empty(values: Mapping[str, Any]) -> bool:
    return all(v is None for v in values.values())


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) if isinstance(v, Mapping) else v for k, v in values.items()}


def score(doc: AssessmentFile) -> assessment.Assessment:
    """The assessment scored and decided; InputError with every problem (see `problems`): a metrics
    table whose cells the rules refuse stops it too (its counts would be those of category 4.0)."""
    found = () if doc.metrics is None else metrics_result(doc.edition, doc.metrics)[1]
    try:
        edition, inputs, args = web.read_self_assessment(self_assessment_input(doc))
    except InputError as error:
        found += error.problems
    if found:
        raise InputError(found)
    return assessment.assess(edition, inputs, **args)


def problems(doc: AssessmentFile) -> tuple[Problem, ...]:
    """What the rules refuse in the file's counts, at their places; () when it can be scored."""
    try:
        score(doc)
    except InputError as error:
        return error.problems
    return ()


def excluded_items(doc: AssessmentFile) -> tuple[str, ...]:
    """The items left out of the scope (the default, if the file names none)."""
    if doc.excluded is not None:
        return doc.excluded
    return excludable_items(human_assisted=doc.human_assisted, digital_assisted=doc.digital_assisted)


# --- writing --------------------------------------------------------------------------------

def to_data(doc: AssessmentFile) -> dict[str, Any]:
    """The file's JSON object, keys in the order people read them."""
    return {"format": FORMAT, "version": version_of(doc),
            **{key: getattr(doc, key) for key in METADATA},
            "edition": doc.edition, "human_assisted": doc.human_assisted, "digital_assisted": doc.digital_assisted,
            "excluded": None if doc.excluded is None else list(doc.excluded),
            "items": {number: _plain(values) for number, values in doc.items.items()}, "notes": dict(doc.notes),
            **({} if doc.timeline is None else {"timeline": _plain(doc.timeline)}),
            **({} if doc.metrics is None else {"metrics": json.loads(json.dumps(doc.metrics))})}


def version_of(doc: AssessmentFile) -> int:
    """The format's version a file is written as: the first that holds everything it has."""
    return METRICS_VERSION if doc.metrics is not None else FIRST_VERSION


def dumps(doc: AssessmentFile) -> str:
    """The file's text: indented UTF-8 JSON (Japanese as it is), ending with a newline."""
    return json.dumps(to_data(doc), ensure_ascii=False, indent=2) + "\n"


def file_name(doc: AssessmentFile, extension: str = "json") -> str:
    """A name to save the file under: copc-cx-<organisation>-<site>-<date>.<extension>."""
    parts = [re.sub(r"[\\/:*?\"<>|\s]+", "-", p).strip("-.") for p in (doc.organisation, doc.site, doc.date)]
    stem = "-".join(["copc-cx", *(p for p in parts if p)])[:120]
    return f"{stem}.{extension}"
