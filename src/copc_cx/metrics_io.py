"""The metrics table as text: rows pasted from a spreadsheet (tab-separated) or a CSV file, read into a
preview before anything changes, and the table written back in the same formats.

The preview keeps everything that was typed: each row's raw text and cells, how each column's heading
was understood (a column of the table, a month, or nothing), and every problem at its cell ("C4": the
column's letter and the line of the text, counted from the first line, as a spreadsheet names a cell
when the paste starts at its first row and column). Its `table` is the "metrics-table" operation's
input, each row in the order of the preview's rows, so a problem's field ("rows.3.target") is the
same in both; understood choices are written as the table reads them best ("program", "higher"),
numbers and anything not understood stay as typed.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InputError, Problem
from .metrics import (
    COLUMNS,
    COLUMNS_BY_KEY,
    DIRECTION_NAMES,
    MAX_METRICS,
    RESULTS,
    CellError,
    Direction,
    header_key,
    metric_key,
    read_direction,
    read_flag,
    read_item,
    read_level,
    read_month,
    read_row,
    read_type,
)
from .standard import LEVEL_NAMES, MAX_MONTHS, METRIC_TYPE_NAMES, Edition
from .text import Text

MAX_COLUMNS = len(COLUMNS) + MAX_MONTHS + 20  # room for a few columns of notes the table ignores
REQUIRED_COLUMNS = ("name", "item", "level", "target", "direction")
_HEADINGS: dict[str, str] = {h: c.key for c in COLUMNS for h in c.headings}


def column_letter(index: int) -> str:
    """A spreadsheet's name of a column: 0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class ColumnReading:
    index: int
    heading: str  # as typed
    key: str | None  # the table's column, "results" for a month, or None: not understood (ignored)
    month: str | None  # "YYYY-MM" for a month's column


@dataclass(frozen=True)
class PreviewRow:
    line: int  # the first line of the text the row came from (1 = the first line)
    text: str  # that text, exactly as pasted
    cells: tuple[str, ...]
    row: dict[str, Any]  # what the table receives for it


@dataclass(frozen=True)
class CellProblem:
    field: str  # "rows.<i>.<key>" as the table reports it; "columns.<c>" for a heading
    line: int
    column: int | None  # None: the row or the whole paste
    ja: str
    en: str

    @property
    def cell(self) -> str:
        return f"{column_letter(self.column)}{self.line}" if self.column is not None else str(self.line)

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "line": self.line, "column": self.column, "cell": self.cell,
                "ja": self.ja, "en": self.en}


@dataclass(frozen=True)
class Preview:
    format: str  # "tsv" or "csv"
    header_line: int  # 0 when the text is empty
    columns: tuple[ColumnReading, ...]
    rows: tuple[PreviewRow, ...]
    problems: tuple[CellProblem, ...]  # every problem of the headings and the rows, in the text's order
    warnings: tuple[CellProblem, ...]
    unfilled: tuple[int, ...]  # rows the table will skip (neither a target nor a result)
    table: dict[str, Any]  # the metrics-table operation's input


def _delimiter(first_line: str, wanted: str) -> tuple[str, str]:
    if wanted == "tsv" or (wanted == "auto" and "\t" in first_line):
        return "tsv", "\t"
    if wanted == "auto" and "," not in first_line and ";" in first_line:
        return "csv", ";"  # a spreadsheet set up for decimal commas writes CSV with semicolons
    return "csv", ","


def _records(text: str, delimiter: str) -> list[tuple[int, str, list[str]]]:
    """(first line, raw text, cells) of every record, quoted cells across lines kept whole."""
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter, strict=False)
    records: list[tuple[int, str, list[str]]] = []
    start = 0
    for cells in reader:
        end = reader.line_num
        records.append((start + 1, "".join(lines[start:end]).rstrip("\r\n"), cells))
        start = end
    return records


def _problem(field: str, line: int, column: int | None, label: Text | None, ja: str, en: str) -> CellProblem:
    if column is None:
        return CellProblem(field, line, None, f"{line}行目: {ja}", f"Line {line}: {en}")
    where = f"{line}行目・{column_letter(column)}列" + (f"（{label.ja}）" if label else "")
    where_en = f"Row {line}, column {column_letter(column)}" + (f" ({label.en.lower()})" if label else "")
    return CellProblem(field, line, column, f"{where}: {ja}", f"{where_en}: {en}")


def _understand(records: list[tuple[int, str, list[str]]]) -> tuple[list[ColumnReading], list[CellProblem]]:
    line, _, headings = records[0]
    columns: list[ColumnReading] = []
    problems: list[CellProblem] = []
    seen: dict[str, int] = {}
    for c, heading in enumerate(headings):
        key = _HEADINGS.get(header_key(heading)) if heading.strip() else None
        month = None if key else read_month(heading)
        name = f"month:{month}" if month else key
        if name is not None and name in seen:
            what = month or COLUMNS_BY_KEY[key or ""].label.ja
            what_en = month or COLUMNS_BY_KEY[key or ""].label.en.lower()
            problems.append(_problem(f"columns.{c}", line, c, None,
                                     f"「{what}」の列が2つあります（{column_letter(seen[name])}列と同じ）。この列は読みません。",
                                     f"A second {what_en} column (column {column_letter(seen[name])} is one): "
                                     "this one is not read."))
            key = month = None
        elif name is not None:
            seen[name] = c
        columns.append(ColumnReading(c, heading, RESULTS if month else key, month))
    keys = {c.key for c in columns}
    if not keys - {None}:
        problems.append(_problem("columns", line, None, None,
                                 "最初の行を見出し（指標名、項目、レベル、目標、良い方向、各月…）として読み取れません。",
                                 "The first line cannot be read as headings (metric, item, level, target, better "
                                 "when, one per month…)."))
        return columns, problems
    for key in REQUIRED_COLUMNS:
        if key not in keys:
            label = COLUMNS_BY_KEY[key].label
            problems.append(_problem(f"columns.{key}", line, None, None, f"「{label.ja}」の列がありません。",
                                     f"There is no {label.en.lower()} column."))
    if RESULTS not in keys:
        problems.append(_problem("columns.months", line, None, None,
                                 "月の列がありません（見出しは 2024-04 や 2024年4月 のように書きます）。",
                                 "There is no month column (head them like 2024-04 or Apr 2024)."))
    return columns, problems


_FLAG_DEFAULTS = {"cui": True, "improving": False, "in_4_6": True}


def _canonical(key: str, value: str, edition: Edition) -> str:
    """A choice as the table reads it best; blank cells and cells not understood stay as typed."""
    text = value.strip()
    try:
        if not text:
            return text
        if key == "item":
            return read_item(text, edition)
        if key == "type":
            found = read_type(text)
            return found.value if found else ""
        if key == "level":
            return read_level(text).value
        if key == "direction":
            return read_direction(text).value
        if key in _FLAG_DEFAULTS:
            return "yes" if read_flag(text, _FLAG_DEFAULTS[key]) else "no"
    except CellError:
        pass
    return text


def parse(text: str, edition: Edition, wanted: str = "auto") -> Preview:
    """A preview of pasted or imported text: nothing changes until the reader sends its `table`."""
    text = text.removeprefix("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    fmt, delimiter = _delimiter(first, wanted)
    records = [r for r in _records(text, delimiter) if any(cell.strip() for cell in r[2])]
    if not records:
        return Preview(fmt, 0, (), (), (_problem("text", 1, None, None, "貼り付けた内容が空です。",
                                                 "Nothing was pasted."),), (), (), _table(edition, [], []))
    if len(records) > MAX_METRICS + 1 or max(len(r[2]) for r in records) > MAX_COLUMNS:
        raise InputError([Problem("text", f"行か列が多すぎます（上限 {MAX_METRICS:,} 行、{MAX_COLUMNS} 列）。",
                                  f"Too many rows or columns (at most {MAX_METRICS:,} rows and {MAX_COLUMNS} "
                                  "columns).")])
    columns, problems = _understand(records)
    month_columns = [c for c in columns if c.key == RESULTS]
    months = [c.month or "" for c in month_columns]
    missing = {k for k in REQUIRED_COLUMNS if k not in {c.key for c in columns}}
    rows: list[PreviewRow] = []
    warnings: list[CellProblem] = []
    unfilled: list[int] = []
    seen: dict[tuple[str, ...], int] = {}
    where: dict[str, int] = {c.key: c.index for c in columns if c.key and c.key != RESULTS}
    for i, (line, raw, cells) in enumerate(records[1:]):
        row: dict[str, Any] = {}
        for column in columns:
            if column.key and column.key != RESULTS and column.index < len(cells):
                row[column.key] = _canonical(column.key, cells[column.index], edition)
        row[RESULTS] = [cells[c.index].strip() if c.index < len(cells) else "" for c in month_columns]
        rows.append(PreviewRow(line, raw, tuple(cells), row))
        reading = read_row(row, edition, len(months))
        problems.extend(_at_cell(i, line, key, ja, en, where, month_columns)
                        for key, ja, en in reading.errors if key not in missing)
        warnings.extend(_at_cell(i, line, key, ja, en, where, month_columns) for key, ja, en in reading.warnings)
        if reading.state == "unfilled":
            unfilled.append(i)
        if reading.fields is not None:
            key = metric_key(reading.fields[0], reading.fields[3], reading.fields[4], reading.fields[12])
            if key in seen:
                first_line = rows[seen[key]].line
                problems.append(_at_cell(i, line, "name", f"同じ指標が{first_line}行目にもあります"
                                         "（指標名・レベル・クライアント／プログラム・拠点が同じ）。",
                                         f"The same metric is on row {first_line} too (same name, level, client "
                                         "or program, and site).", where, month_columns))
            else:
                seen[key] = i
    return Preview(fmt, records[0][0], tuple(columns), tuple(rows), tuple(problems), tuple(warnings),
                   tuple(unfilled), _table(edition, months, [r.row for r in rows]))


def _at_cell(i: int, line: int, key: str, ja: str, en: str, where: Mapping[str, int],
             month_columns: Sequence[ColumnReading]) -> CellProblem:
    """A problem of the i-th row's field `key`, placed at its cell of the pasted text."""
    column: int | None
    label: Text | None
    if key.startswith(RESULTS + "."):
        month_column = month_columns[int(key.split(".")[1])]
        column, label = month_column.index, Text(f"{month_column.month}の結果", f"result of {month_column.month}")
    else:
        column = where.get(key)
        label = COLUMNS_BY_KEY[key].label if key in COLUMNS_BY_KEY else None
    return _problem(f"rows.{i}.{key}" if key else f"rows.{i}", line, column, label, ja, en)


def _table(edition: Edition, months: list[str], rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"edition": edition.value, "months": months, "rows": rows}


# --- Writing the table back ---------------------------------------------------------------------

def _localised(key: str, value: Any, edition: Edition, lang: str) -> str:
    """A cell for people: choices in the reader's language where understood, anything else as it was."""
    text = value if isinstance(value, str) else "" if value is None else (
        ("yes" if value else "no") if isinstance(value, bool) else repr(value))
    if not text.strip():
        return ""

    def pick(text: Text) -> str:
        return text.ja if lang == "ja" else text.en

    try:
        if key == "type":
            found = read_type(text)
            return pick(METRIC_TYPE_NAMES[found]) if found else ""
        if key == "level":
            return pick(LEVEL_NAMES[read_level(text)])
        if key == "direction":
            return pick(DIRECTION_NAMES[Direction(read_direction(text))])
        if key in ("cui", "improving", "in_4_6"):
            return pick(Text("はい", "yes") if read_flag(text, False) else Text("いいえ", "no"))
        if key == "item":
            return read_item(text, edition)
    except CellError:
        pass
    return text.strip()


def export(data: Mapping[str, Any], fmt: str = "tsv", lang: str = "ja") -> str:
    """The table ({edition, months, rows}) as TSV (what a spreadsheet pastes) or CSV, headed in `lang`."""
    from .catalog import edition as read_edition

    edition = read_edition(str(data.get("edition", "")))
    months = data.get("months") or []
    rows = data.get("rows") or []
    if not isinstance(months, list) or not isinstance(rows, list):
        raise InputError([Problem("rows", "表の形式が正しくありません。", "The table is not in the expected form.")])
    header = [c.label.ja if lang == "ja" else c.label.en for c in COLUMNS]
    header += [read_month(m) or str(m) for m in months]
    lines = [header]
    for raw in rows:
        row = raw if isinstance(raw, Mapping) else {}
        results = row.get(RESULTS)
        if not isinstance(results, list):
            results = []
        cells = [_localised(c.key, row.get(c.key), edition, lang) for c in COLUMNS]
        cells += [_localised(RESULTS, v, edition, lang) for v in results]
        lines.append(cells)

    class Sink:
        def __init__(self) -> None:
            self.parts: list[str] = []

        def write(self, text: str) -> int:
            self.parts.append(text)
            return len(text)

    sink = Sink()
    writer = csv.writer(sink, delimiter="\t" if fmt == "tsv" else ",",
                        lineterminator="\n" if fmt == "tsv" else "\r\n")
    writer.writerows(lines)
    return "".join(sink.parts)


# what the assessment workbook's metrics sheet writes and reads the same way (choices for people, then back)
localised, canonical = _localised, _canonical
