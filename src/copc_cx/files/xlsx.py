"""What the Excel workbooks of copc_cx.files share: the look of input and computed cells, the
hidden sheet that says which format a workbook holds, opening a file safely, reading an input cell,
messages that name the sheet and the cell, and the browser's entry point around their operations.

openpyxl is imported only inside the functions that use it (see copc_cx.files.workbook).
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from datetime import date, datetime
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from .. import web
from ..errors import InputError, Problem
from ..text import Text, fmt_against
from . import assessment_file

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

Lang = Literal["ja", "en"]
Kind = Literal["input", "computed", "header", "label"]
Operations = dict[str, Callable[[Mapping[str, Any]], dict[str, Any]]]

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WORKBOOK_BYTES = 2_000_000  # ours are ~20-40 kB; a base64 request of this stays under web.MAX_REQUEST_CHARS
MAX_UNPACKED_BYTES = 30_000_000  # what its parts may unpack to (a zip bomb is refused before openpyxl reads it)
META_SHEET = "copc-cx"

INPUT_FILL, COMPUTED_FILL, HEADER_FILL = "FFF2CC", "EDEDED", "DDEBF7"
YES, NO = {"はい", "yes", "true", "y", "1"}, {"いいえ", "no", "false", "n", "0"}


def t(text: Text, lang: Lang) -> str:
    return text.ja if lang == "ja" else text.en


def yes_no(value: bool, lang: Lang) -> str:
    return t(Text("はい", "yes") if value else Text("いいえ", "no"), lang)


def letter(index: int) -> str:
    """The column letter of a 0-based column index."""
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- writing --------------------------------------------------------------------------------

def style(cell: Cell, kind: Kind, places: int | None = None, percent: bool = False) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    if kind == "header":
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.border = Border(bottom=Side(style="thin"))
    elif kind == "label":
        cell.font = Font(bold=True)
    else:
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL if kind == "input" else COMPUTED_FILL)
        if kind == "computed":
            cell.font = Font(color="404040")
    if places is not None:
        decimals = "." + "0" * places if places else ""
        cell.number_format = f"0{decimals}%" if percent else f"#,##0{decimals}"


def places(value: Fraction | int, *thresholds: Fraction | int, percent: bool = False) -> int:
    """Decimals that show `value` without crossing a threshold its verdict is about (text.fmt_against)."""
    shown = fmt_against(value, *thresholds)
    return max(2, len(shown.partition(".")[2])) if percent or "." in shown else 0


def put(sheet: Worksheet, ref: str, value: Any, kind: Kind, places: int | None = None, percent: bool = False) -> None:
    cell = sheet[ref]
    cell.value = value
    style(cell, kind, places, percent)


def verdict(sheet: Worksheet, ref: str, text: str, good: bool) -> None:
    """A computed verdict in bold, green or red."""
    from openpyxl.styles import Font

    put(sheet, ref, text, "computed")
    sheet[ref].font = Font(bold=True, color="006100" if good else "9C0006")


def heading(sheet: Worksheet, title: Text, lang: Lang) -> None:
    """A1: the workbook's title; A2: how its cells work."""
    from openpyxl.styles import Font

    sheet["A1"] = t(title, lang)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = t(Text("黄色の欄が入力、灰色の欄は copc-cx が計算した値です。"
                         "入力を変えたら、サイトの計算機か copc-cx で開き直すと計算し直します。",
                         "Yellow cells are inputs; grey cells were computed by copc-cx. After changing inputs, open "
                         "the workbook again on the site's calculator or with copc-cx to recompute."), lang)


def choices(sheet: Worksheet, cells: str, options: tuple[str, ...]) -> None:
    """A drop-down of `options` on `cells` ("C2:C9"); other text may still be typed (reading says
    what it cannot take, in both languages)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    listed = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                            showErrorMessage=False)
    sheet.add_data_validation(listed)
    listed.add(cells)


def write_meta(book: Workbook, fmt: str, version: int, lang: Lang) -> None:
    """The hidden sheet that says which format and version the workbook holds."""
    meta = book.create_sheet(META_SHEET)
    for row in (("format", fmt), ("version", version), ("lang", lang)):
        meta.append(row)
    meta.sheet_state = "hidden"


def save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- reading --------------------------------------------------------------------------------

def located(problems: tuple[Problem, ...], cells: Mapping[str, str]) -> tuple[Problem, ...]:
    """Problems whose messages say where they are in the workbook."""
    out = []
    for problem in problems:
        ref = cells.get(problem.field) or cells.get(problem.field.rsplit(".", 1)[0])
        if ref is None:
            out.append(problem)
            continue
        sheet, cell = ref.rsplit("!", 1)
        out.append(Problem(problem.field, f"シート {sheet} のセル {cell}: {problem.ja}",
                           f"Sheet {sheet}, cell {cell}: {problem.en}"))
    return tuple(out)


def ref(sheet: str, cell: str) -> str:
    return f"'{sheet}'!{cell}"


def at(sheet: str, cell: str, ja: str, en: str, field: str = "file") -> Problem:
    return Problem(field, f"シート '{sheet}' のセル {cell}: {ja}", f"Sheet '{sheet}', cell {cell}: {en}")


def not_ours(what: Text, detail: Text) -> InputError:
    """A workbook that cannot be read as `what` ("評価", "assessment")."""
    return InputError([Problem("file", f"copc-cx の{what.ja}ブックとして読めません: {detail.ja}",
                               f"This workbook cannot be read as a copc-cx {what.en}: {detail.en}")])


def too_large(size: int) -> InputError:
    return InputError([Problem("file", f"ファイルが大きすぎます（{size:,} バイト、"
                               f"上限 {MAX_WORKBOOK_BYTES:,} バイト）。",
                               f"The file is too large ({size:,} bytes; at most {MAX_WORKBOOK_BYTES:,}).")])


def open_book(data: bytes, what: Text) -> Workbook:
    """The workbook in `data`; refused before openpyxl reads it if too large or not a workbook at all."""
    from openpyxl import load_workbook

    if len(data) > MAX_WORKBOOK_BYTES:
        raise too_large(len(data))
    not_xlsx = not_ours(what, Text("Excel ブック（.xlsx）ではありません。", "it is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise not_xlsx
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise not_xlsx from None
    try:
        return load_workbook(io.BytesIO(data), data_only=False, rich_text=False)
    except Exception:  # openpyxl raises many kinds for a zip that is not a workbook
        raise not_xlsx from None


def format_of(book: Workbook) -> str | None:
    """The format the hidden sheet names (None without one)."""
    if META_SHEET not in book.sheetnames:
        return None
    meta = book[META_SHEET]
    found = meta["B1"].value
    return found if meta["A1"].value == "format" and isinstance(found, str) else None


def check_meta(book: Workbook, fmt: str, version: int, what: Text) -> None:
    """Refuses a workbook that is not of format `fmt`, or of a version newer than `version`."""
    if META_SHEET not in book.sheetnames:
        raise not_ours(what, Text(f"シート '{META_SHEET}' がありません（copc-cx が書き出したブックではないようです）。",
                                  f"it has no sheet '{META_SHEET}' (it does not look like one copc-cx wrote)."))
    found = format_of(book)
    if found != fmt:
        other = assessment_file.OTHER_FORMATS.get(found) if found else None
        raise InputError([at(META_SHEET, "B1", other[0] if other else f"形式が {fmt!r} ではありません。",
                             other[1] if other else f"the format is not {fmt!r}.", "format")])
    found_version = book[META_SHEET]["B2"].value
    if type(found_version) is not int or found_version < 1:
        raise InputError([at(META_SHEET, "B2", "形式の版が読めません。", "the format version cannot be read.",
                             "version")])
    if found_version > version:
        raise InputError([at(
            META_SHEET, "B2", f"新しい版の copc-cx で作られたブックです（形式の版 {found_version}、この版が読めるのは "
            f"{version} まで）。copc-cx を更新してください。",
            f"the workbook was made by a newer copc-cx (format version {found_version}; this one reads up to "
            f"{version}). Update copc-cx.", "version")])


def sheet_named(book: Workbook, title: Text) -> str | None:
    """The sheet's name as written in either language, if the workbook has it."""
    return next((name for name in (title.ja, title.en) if name in book.sheetnames), None)


def missing_sheet(title: Text) -> Problem:
    return Problem("file", f"シート '{title.ja}' がありません（名前を変えていませんか）。",
                   f"The sheet '{title.en}' is missing (was it renamed?).")


def is_formula(cell: Cell) -> bool:
    return cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("="))


def cell_value(sheet: Worksheet, title: str, cell_ref: str, field: str, problems: list[Problem],
               cells: dict[str, str], strip: bool = True) -> Any:
    """An input cell's value (text stripped unless `strip` is false, blank as None); a formula is
    refused (the core, not the workbook, computes)."""
    cell = sheet[cell_ref]
    cells[field] = ref(title, cell_ref)
    if is_formula(cell):
        formula = str(cell.value)[:40]
        problems.append(at(title, cell_ref, f"入力欄に数式があります（{formula}）。値そのものを入力してください。",
                           f"an input cell holds a formula ({formula}): enter the value itself.", field))
        return None
    value = cell.value
    if isinstance(value, str):
        value = (value.strip() if strip else value) if value.strip() else None
    return value


def check_headers(sheet: Worksheet, title: str, headers: list[Text], problems: list[Problem], row: int = 1) -> bool:
    """Whether `row` has the headers (in either language); a problem at the first that differs."""
    for index, header in enumerate(headers):
        cell_ref = f"{letter(index)}{row}"
        if sheet[cell_ref].value not in (header.ja, header.en):
            problems.append(at(title, cell_ref, f"見出し「{header.ja}」があるはずです（列を入れたり消したり"
                               "していませんか）。",
                               f"the header '{header.en}' belongs here (were columns inserted or deleted?)."))
            return False
    return True


def check_label(sheet: Worksheet, title: str, cell_ref: str, label: Text, problems: list[Problem]) -> bool:
    """Whether a summary row's label is where it was written; a problem if not."""
    if sheet[cell_ref].value in (label.ja, label.en):
        return True
    problems.append(at(title, cell_ref, f"「{label.ja}」の行があるはずです（行を入れたり消したりしていませんか）。",
                       f"the row '{label.en}' belongs here (were rows inserted or deleted?)."))
    return False


def date_text(value: Any) -> Any:
    """A date cell as the file keeps it (YYYY-MM-DD); anything else as it is, for the file to judge."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def flag(value: Any, default: bool) -> bool | None:
    """A yes/no cell (blank: `default`); None for anything else."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    return True if text in YES else False if text in NO else None


def not_yes_or_no(title: str, cell_ref: str, field: str) -> Problem:
    """The problem of a yes/no cell that `flag` could not read."""
    return at(title, cell_ref, "「はい」か「いいえ」を入力してください。", "enter yes or no.", field)


def count_value(value: Any) -> Any:
    """A count cell's value as the file keeps it: numbers as they are, anything else as text."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value).upper()
    if isinstance(value, int | float | str):
        return value if not isinstance(value, float) or value.is_integer() else repr(value)
    return str(value)[:40]


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- the browser's entry point (after loading openpyxl) -----------------------------------------

def lang_of(data: Mapping[str, Any]) -> Lang:
    lang = data.get("lang", "ja")
    if lang not in ("ja", "en"):
        raise InputError([Problem("lang", "言語は ja か en です。", "The language is ja or en.")])
    return "ja" if lang == "ja" else "en"


def uploaded(data: Mapping[str, Any]) -> bytes:
    """A read operation's file: {"data": base64}, or {"size": n} alone when the browser saw it is too large."""
    encoded = data.get("data")
    size = data.get("size")
    if type(size) is int and size > MAX_WORKBOOK_BYTES:
        raise too_large(size)
    if not isinstance(encoded, str):
        raise InputError([Problem("data", "ファイルの中身がありません。", "The file's contents are missing.")])
    try:
        return base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InputError([Problem("data", "ファイルの中身（base64）が読めません。",
                                  "The file's contents (base64) cannot be read.")]) from None


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def call(request: Mapping[str, Any], operations: Operations) -> dict[str, Any]:
    """Run one of `operations`; never raises (the same answers as copc_cx.web.call); any other
    operation is the core's own."""
    op = request.get("op")
    run = operations.get(op) if isinstance(op, str) else None
    if run is None:
        return web.call(request)
    data = request.get("input")
    if not isinstance(data, dict):
        return {"ok": False, "errors": [Problem("input", "入力はオブジェクト（{…}）である必要があります。",
                                                 "The input must be an object ({…}).").as_dict()]}
    try:
        return {"ok": True, "result": run(data), "steps": []}
    except InputError as error:
        return {"ok": False, "errors": [{**p.as_dict(), "field": p.field or "input"} for p in error.problems]}
    except Exception as error:  # the last resort, as in copc_cx.web.call
        kind = type(error).__name__
        return {"ok": False, "errors": [Problem(
            "request", f"ブックの処理「{op}」を完了できませんでした（内部エラー {kind}）。",
            f"The workbook operation {op!r} could not be completed (internal error {kind}).").as_dict()]}


def handle(request_json: str, operations: Operations) -> str:
    """JSON text in, JSON text out: copc_cx.web.handle for `operations` too."""
    try:
        request = json.loads(request_json) if isinstance(request_json, str) and len(request_json) <= 4_000_000 \
            else None
    except (ValueError, RecursionError):
        request = None
    if not isinstance(request, dict) or request.get("op") not in operations:
        return web.handle(request_json)
    return json.dumps(call(request, operations), ensure_ascii=False)
