"""The metrics table: category 4.0 derived from the metrics themselves.

An organisation keeps its metrics as a list: a target, a better direction and a result per month
each. This module reads that list (one row per metric) and derives every count category 4.0 and
its neighbours need, each count traceable to the rows behind it.

API for the browser (operations in web.py; see also /work/notes/architecture.md, "Metrics table")
-------------------------------------------------------------------------------------------------
"metrics-table"    {edition, months: ["2024-01", ...], rows: [ROW, ...], improvement?, level_reading?,
                    block?, period_months?} -> everything derived (web._metrics_table documents the result).
"metrics-paste"    {edition, text, format?: "auto"|"tsv"|"csv"} -> a preview: how each column was
                    understood, every row's raw text and cells, the problems at their cells, and `table`,
                    the input of "metrics-table" to send once the reader accepts it (metrics_io.py).
"metrics-export"   {edition, months, rows, format?: "tsv"|"csv", lang?: "ja"|"en"} -> {text, filename}.
"metrics-template" {edition, lang?, programs?: [...], clients?: [...]} -> the guide's list as rows to fill.

ROW is what the reader typed, as text (JSON booleans and numbers are read too):
    {"name", "item": "4.1"|"4.2a"|"4.2b"|"4.2"|"4.3"|"4.4"|"4.5", "type": service|quality|sales|efficiency
     (4.3/4.4 only), "level": entity|client|program, "unit": the client's or program's name,
     "cui": yes|no (blank: yes), "target", "direction": higher|lower, "improving": yes|no (blank: no),
     "in_4_6": yes|no (blank: yes), "block_metric": a process-certification block's required metric (its
     id or name; optional), "site": the site the figure is for (blank: the entity), "results": [one text per
     month of `months`, "" or "-" where there is none]}
Enumerations are also read in Japanese ("プログラム", "サービス", "低いほど良い", "はい"); numbers may carry
full-width digits, a % sign and thousands separators. A row with neither a target nor any result is
"unfilled": it is skipped and listed (rows offered from the guide's list start that way); a wholly
empty row is ignored. Every other problem is an error at its cell, field "rows.<i>.<key>" (i counts
from 0 in `rows`; the message says "row i+1") or "rows.<i>.results.<j>" (j: the month's index in
`months`), "months.<j>" for a month heading; all of them come back at once.

Keeping a browser's table cheap to recompute: reading a row is memoised on its text, so after one cell
changes only that row is read again; the derivation is a few passes over plain tuples.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

from . import assessment, catalog, rules
from .errors import InputError, Problem
from .forms import MAX_NAME, readable
from .renewal import MetricShares, metric_shares
from .standard import (
    BLOCKS,
    LEVEL_NAMES,
    MAX_MONTHS,
    METRIC_TYPE_NAMES,
    OPTIONAL_METRIC_TYPES,
    SCORED_METRIC_KINDS,
    SCORED_METRICS,
    Block,
    Edition,
    Level,
    MetricType,
    Scoring,
)
from .text import Text, fmt_number, fmt_percent, fmt_percent_against

MAX_METRICS = 5_000  # rows of one table: far above any entity's scored metrics


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


DIRECTION_NAMES: dict[Direction, Text] = {
    Direction.HIGHER: Text("高いほど良い", "Higher is better"),
    Direction.LOWER: Text("低いほど良い", "Lower is better"),
}


class Improvement(StrEnum):
    """Who decides whether a metric below target improves continuously (interpretation continuous-improvement)."""

    READER = "reader"  # the reader's mark in the "improving" column (the default)
    LAST_THREE_BETTER = "last-three-better"  # each of the last three results better than the one before


IMPROVEMENT_NAMES: dict[Improvement, Text] = {
    Improvement.READER: Text("利用者の判断（改善中の列）", "Your marks (the improving column)"),
    Improvement.LAST_THREE_BETTER: Text("直近3回の結果がどれも一つ前より良い",
                                        "Each of the last three results better than the one before"),
}
RULE_RESULTS = 4  # the rule compares the last four results: three moves


class LevelReading(StrEnum):
    """The two readings of the level rule (interpretation level-rule-reading)."""

    EACH_METRIC = "each-metric"  # (a) each metric at target in >= 3/4 of its months; >= half the metrics do
    EACH_MONTH = "each-month"  # (b) >= half the metrics at target in a month; >= 3/4 of the months are such


LEVEL_READING_NAMES: dict[LevelReading, Text] = {
    LevelReading.EACH_METRIC: Text("(a) 指標ごとに3/4以上の月で達成、その指標が半数以上",
                                   "(a) each metric at target in 3/4 of the months; half the metrics do"),
    LevelReading.EACH_MONTH: Text("(b) 月ごとに半数以上の指標が達成、その月が3/4以上",
                                  "(b) half the metrics at target in a month; 3/4 of the months are such"),
}

# Items a metric counts for; 4.6 counts the rows marked "in_4_6" of all of them.
METRIC_ITEMS: tuple[str, ...] = ("4.1", "4.2a", "4.2b", "4.3", "4.4", "4.5")
TYPED_ITEMS = frozenset({"4.3", "4.4"})


# --- Columns: the fields of a row, their labels and the headers a spreadsheet may use -------------

_DROPPED = str.maketrans("", "", " \t\n\r\f\v\u3000\u00a0_-・･()[]「」【】:*")


def header_key(text: str) -> str:
    """A heading or a choice as compared: NFKC (full-width letters and digits become ASCII), lower case,
    without spaces and the punctuation people put around words in headings."""
    folded = text.lower() if text.isascii() else unicodedata.normalize("NFKC", text).casefold()
    return folded.translate(_DROPPED)


@dataclass(frozen=True)
class Column:
    key: str  # the row's field in requests
    label: Text  # the heading of exports, and the cell's name in messages
    aliases: tuple[str, ...]  # further headings a pasted sheet may use

    @property
    def headings(self) -> frozenset[str]:
        return frozenset(header_key(h) for h in (self.key, self.label.ja, self.label.en, *self.aliases))


COLUMNS: tuple[Column, ...] = (
    Column("name", Text("指標名", "Metric"), ("metric name", "name", "指標", "名称", "名前")),
    Column("item", Text("項目", "Item"), ("要求項目", "要求事項", "規格項目")),
    Column("type", Text("指標タイプ", "Type"), ("metric type", "タイプ", "種類", "種別")),
    Column("level", Text("レベル", "Level"), ("階層", "測定レベル")),
    Column("unit", Text("クライアント／プログラム", "Client or program"), (
        "client/program", "client", "program", "unit", "クライアント/プログラム", "クライアント", "プログラム",
        "クライアント名", "プログラム名", "対象")),
    Column("cui", Text("CUIを満たす", "Meets CUI"), ("CUI", "CUI適合", "CUI OK")),
    Column("target", Text("目標", "Target"), ("目標値",)),
    Column("direction", Text("良い方向", "Better when"), ("direction", "better", "方向", "評価の方向")),
    Column("improving", Text("改善中", "Improving"), ("改善", "継続的改善", "improvement")),
    Column("in_4_6", Text("4.6の対象", "In 4.6"), ("4.6", "4.6対象", "50/75")),
    Column("block_metric", Text("プロセス認証の要求指標", "Process-certification metric"), (
        "block metric", "process metric", "プロセス認証指標", "ブロックの指標")),
    Column("site", Text("拠点", "Site"), ("サイト",)),
)
COLUMNS_BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
RESULTS = "results"


# --- Reading cells --------------------------------------------------------------------------------

class CellError(Exception):
    """A cell that cannot be read, with what to tell the reader (the caller names the cell)."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja, self.en = ja, en


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 30 else text[:27] + "…"


def _plain(value: Any) -> str:
    """A cell's text; JSON numbers and booleans as people write them."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return repr(value)
    raise CellError(f"文字列を入力してください（入力値: {_shown(value)}）。", f"Enter text here (got {_shown(value)}).")


_FULL_WIDTH_SIGNS = str.maketrans({"−": "-", "－": "-", "‐": "-", "‒": "-", "–": "-", "＋": "+"})
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_DECIMAL = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d{1,3})?")
NO_RESULT = frozenset({"", "-", "—", "n/a", "na", "ー"})  # what sheets put where there is no result
MAX_DIGITS = 15  # significant digits a number keeps exactly as a binary float, so comparisons stay exact


def read_number(value: Any) -> float | None:
    """A result or a target: a decimal number, or None for an empty cell (or "-", "N/A").

    Full-width digits, a trailing % and thousands separators ("1,234.5") are read; a percentage stays the
    number shown (95% is 95), so a target and its results must be given the same way.
    """
    if type(value) is str:
        if not value:
            return None
        # the common case, kept fast: float() reads ASCII decimals and, besides them, only "nan", "inf"
        # and digits grouped by underscores, which are left to the slow path (and refused there)
        if value.isascii() and "_" not in value:
            try:
                number = float(value)
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    return number if len(value) <= MAX_DIGITS + 1 else _exact(number, value)
        return _read_number_text(value)
    if value is None:
        return None
    if (type(value) is int or type(value) is float) and math.isfinite(value):
        return float(value)
    raise CellError(f"数値を入力してください（入力値: {_shown(value)}）。", f"Enter a number (got {_shown(value)}).")


def _read_number_text(value: str) -> float | None:
    text = unicodedata.normalize("NFKC", value).translate(_FULL_WIDTH_SIGNS).strip()
    if text.casefold() in NO_RESULT:
        return None
    if text.endswith("%"):
        text = text[:-1].rstrip()
    if _GROUPED.fullmatch(text):
        text = text.replace(",", "")
    if _DECIMAL.fullmatch(text) and text.isascii():
        number = float(text)
        if math.isfinite(number):
            return _exact(number, text)
    raise CellError(f"「{_shown(value)}」は数値ではありません。結果がない月は空欄にしてください。",
                    f"{_shown(value)!r} is not a number. Leave the cell empty for a month without a result.")


def _exact(number: float, text: str) -> float:
    if len(text) > MAX_DIGITS + 1:
        mantissa = re.split(r"[eE]", text)[0]
        if len(mantissa.replace(".", "").lstrip("+-").lstrip("0")) > MAX_DIGITS:
            raise CellError(f"有効数字が多すぎます。{MAX_DIGITS}桁までに丸めてください。",
                            f"Too many digits: round it to at most {MAX_DIGITS} significant digits.")
    return number


def _choices(pairs: Iterable[tuple[Iterable[str], Any]]) -> dict[str, Any]:
    return {header_key(word): value for words, value in pairs for word in words}


_ITEM = re.compile(r"(?:item|項目)?(4\.\d[ab]?)(?![\d])")
_TYPES = _choices([((t.value, n.ja, n.en), t) for t, n in METRIC_TYPE_NAMES.items()] + [
    (("品質", "応対品質"), MetricType.QUALITY), (("販売", "営業"), MetricType.SALES),
    (("効率",), MetricType.EFFICIENCY)])
_LEVELS = _choices([((lv.value, n.ja, n.en), lv) for lv, n in LEVEL_NAMES.items()] + [
    (("組織", "全体", "センター"), Level.ENTITY), (("顧客企業",), Level.CLIENT)])
_DIRECTIONS = _choices([
    (("higher", "high", "up", "higher is better", "↑", "高", "高い", "高いほど良い", "大きいほど良い", "上", ">=", "≥"),
     Direction.HIGHER),
    (("lower", "low", "down", "lower is better", "↓", "低", "低い", "低いほど良い", "小さいほど良い", "下", "<=", "≤"),
     Direction.LOWER)])
_FLAGS = _choices([
    (("yes", "y", "true", "1", "○", "〇", "◯", "✓", "✔", "はい", "あり", "満たす", "対象", "改善中", "meets"), True),
    (("no", "n", "false", "0", "×", "✕", "✗", "いいえ", "なし", "満たさない", "対象外", "-"), False)])


def read_item(value: Any, edition: Edition) -> str:
    text = _plain(value)
    b = "4.2a" if edition is Edition.CSP else "4.2b"
    if not text:
        raise CellError(f"指標が数えられる項目を入力してください（4.1、{b}、4.3、4.4、4.5のいずれか）。",
                        f"Enter the item the metric counts for (one of 4.1, {b}, 4.3, 4.4, 4.5).")
    match = _ITEM.match(header_key(text))
    number = match.group(1) if match else ""
    if number == "4.2":  # the edition decides: total cost (CSP) or client experience (OSP)
        number = "4.2a" if edition is Edition.CSP else "4.2b"
    if number in METRIC_ITEMS:
        if catalog.item(number).points_in(edition) is None:
            other = "4.2b" if number == "4.2a" else "4.2a"
            raise CellError(f"{number}は{edition}版にありません（{edition}版では{other}）。",
                            f"{number} is not in the {edition} edition (it has {other}).")
        return number
    if number == "4.6":
        raise CellError("4.6はほかの項目の指標から数えます。"
                        "この指標を4.6に含めるかは「4.6の対象」の列で指定してください。",
                        "4.6 is counted from the other items' metrics: say in the \u201cin 4.6\u201d column whether "
                        "this metric counts for it.")
    raise CellError(f"「{_shown(text)}」は指標の項目ではありません（4.1、{b}、4.3、4.4、4.5のいずれか）。",
                    f"{_shown(text)!r} is not one of the items metrics count for (4.1, {b}, 4.3, 4.4 or 4.5).")


def read_type(value: Any) -> MetricType | None:
    text = _plain(value)
    if not text:
        return None
    found: MetricType | None = _TYPES.get(header_key(text))
    if found is None:
        raise CellError(f"「{_shown(text)}」は指標タイプではありません（サービス、クオリティ、セールス、効率性）。",
                        f"{_shown(text)!r} is not a metric type (service, quality, sales or efficiency).")
    return found


def read_level(value: Any) -> Level:
    text = _plain(value)
    found: Level | None = _LEVELS.get(header_key(text))
    if found is None:
        if not text:
            raise CellError("レベル（主体組織、クライアント、プログラム）を入力してください。",
                            "Enter the level: entity, client or program.")
        raise CellError(f"「{_shown(text)}」はレベルではありません（主体組織、クライアント、プログラム）。",
                        f"{_shown(text)!r} is not a level (entity, client or program).")
    return found


def read_direction(value: Any) -> Direction:
    text = _plain(value)
    found: Direction | None = _DIRECTIONS.get(header_key(text))
    if found is None:
        if not text:
            raise CellError("高いほど良いか低いほど良いかを入力してください。",
                            "Say whether higher or lower is better.")
        raise CellError(f"「{_shown(text)}」を読み取れません（「高いほど良い」か「低いほど良い」）。",
                        f"{_shown(text)!r} cannot be read: say higher or lower.")
    return found


def read_flag(value: Any, default: bool) -> bool:
    text = _plain(value)
    if not text:
        return default
    found: bool | None = _FLAGS.get(header_key(text))
    if found is None:
        raise CellError(f"「{_shown(text)}」を読み取れません（はい／いいえ）。",
                        f"{_shown(text)!r} cannot be read: yes or no.")
    return found


def read_name(value: Any, required: bool, what: Text) -> str:
    text = _plain(value)
    if "\n" in text or "\r" in text or "\t" in text:
        text = " ".join(text.split())  # a line break inside a spreadsheet's cell reads as a space
    if len(text) > MAX_NAME or not (text.isprintable() or readable(text)):  # isprintable: fast, and enough
        raise CellError(f"{what.ja}は{MAX_NAME}文字以内の読める文字で入力してください。",
                        f"The {what.en.lower()} must be at most {MAX_NAME} readable characters.")
    if required and not text:
        raise CellError(f"{what.ja}を入力してください。", f"Enter the {what.en.lower()}.")
    return text


_MONTH_NAMES = {m: n for n, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NUMERIC_MONTH = re.compile(
    r"(\d{4})\s*(?:[-/.年]\s*(\d{1,2})|(\d{2}))\s*月?(?:\s*[-/.]\s*\d{1,2}\s*日?)?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_NAMED_MONTH = re.compile(r"([a-z]{3})[a-z]*\.?[\s\-/.']*(\d{4}|\d{2})")


def read_month(value: Any) -> str | None:
    """A month heading as "YYYY-MM": "2024-01", "2024/1", "2024年1月", "202401", "2024/1/1" (a date a
    sheet shows for its month), "Jan 2024", "Jan-24". None when the text is not a month."""
    if not isinstance(value, str):
        return None
    text = unicodedata.normalize("NFKC", value).strip().casefold()
    year = month = 0
    if match := _NUMERIC_MONTH.fullmatch(text):
        year, month = int(match.group(1)), int(match.group(2) or match.group(3))
    elif (match := _NAMED_MONTH.fullmatch(text)) and match.group(1) in _MONTH_NAMES:
        year, month = int(match.group(2)), _MONTH_NAMES[match.group(1)]
        year += 2000 if year < 100 else 0
    if 1900 <= year <= 2200 and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}"
    return None


# --- Block metrics (process certification) ---------------------------------------------------------

def _block_metric_index() -> dict[str, frozenset[str]]:
    """What a cell may call a block's required metric: its id ("workforce.backlog") or the id's last part,
    its name, or the head of its name (before a colon, an equals sign or a bracket: "Backlog", "未処理")."""
    index: dict[str, set[str]] = {}
    for block in BLOCKS:
        for metric in block.metrics:
            words = [metric.id, metric.id.split(".", 1)[1]]
            for name in (metric.name.ja, metric.name.en):
                head = re.split(r"[:=]", unicodedata.normalize("NFKC", name))[0]
                words += [name, head, re.sub(r"\(.*?\)", "", head)]
            for word in words:
                if header_key(word):
                    index.setdefault(header_key(word), set()).add(metric.id)
    return {k: frozenset(v) for k, v in index.items()}


_BLOCK_METRICS = _block_metric_index()


def read_block_metric(value: Any) -> frozenset[str]:
    """The required metrics of process-certification blocks a row stands for: by id or by name (a name
    several blocks share, such as overall client satisfaction, stands for each of them)."""
    text = _plain(value)
    if not text:
        return frozenset()
    found = _BLOCK_METRICS.get(header_key(text))
    if found is None:
        raise CellError(f"「{_shown(text)}」はプロセス認証ブロックの要求指標ではありません。",
                        f"{_shown(text)!r} is not a required metric of a process-certification block.")
    return found


# --- The table -----------------------------------------------------------------------------------

# Metrics and row readings compare by identity (eq=False): the memos below hand out one object per
# row text, and hashing every field on each look-up would cost more than deriving the row again.
@dataclass(frozen=True, eq=False)
class Metric:
    """One row of the table, read."""

    row: int  # its index among the request's rows
    name: str
    item: str | None  # one of METRIC_ITEMS in the table's edition; None: only for a block's level rule
    metric_type: MetricType | None  # 4.3 and 4.4 only
    level: Level
    unit: str  # the client or program ("" at entity level)
    cui: bool  # meets the "CUI" of CUIKA
    target: float
    direction: Direction
    results: tuple[float | None, ...]  # one per month of the table, in calendar order
    improving: bool  # as the reader marks it
    in_4_6: bool
    block_metrics: frozenset[str]  # required metrics of process-certification blocks it stands for
    site: str  # the site its figure is for ("" for the entity)


@dataclass(frozen=True)
class MetricsTable:
    edition: Edition
    months: tuple[str, ...]  # "YYYY-MM", in calendar order
    metrics: tuple[Metric, ...]
    unfilled: tuple[int, ...]  # rows with neither a target nor a result: skipped
    warnings: tuple[Problem, ...]  # what the reader should know but need not fix


Issue = tuple[str, str, str]  # (the row's field, ja, en): where in a row, and what is wrong


@dataclass(frozen=True, eq=False)
class RowReading:
    """What one row's cells say, before the row is placed in a table (so it can be memoised)."""

    fields: tuple[Any, ...] | None  # the Metric's fields after `row`, or None when the row has errors
    key: tuple[str, ...] | None  # metric_key of the row: two rows with the same key are one metric twice
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    state: str  # "metric", "unfilled", "blank" or "error"


_ROW_KEYS = tuple(c.key for c in COLUMNS)
# a client- or program-level metric names its client or program
_UNIT_NAMES = {level: Text(LEVEL_NAMES[level].ja + "名", LEVEL_NAMES[level].en + " name")
               for level in (Level.CLIENT, Level.PROGRAM)}
MEMO_ROWS = 8_192  # rows remembered: more than a whole table of MAX_METRICS
_TEXT = frozenset({str, type(None)})


def read_row(raw: Any, edition: Edition, months: int) -> RowReading:
    """Read one row (see the module's docstring for its fields) against a table of `months` months."""
    if not isinstance(raw, Mapping):
        return RowReading(None, None, (("", "行の形式が正しくありません。", "This row is not in the expected form."),),
                          (), "error")
    fields = [raw.get(k) for k in _ROW_KEYS]
    results = raw.get(RESULTS)
    if _TEXT.issuperset(map(type, fields)) and type(results) is list and _TEXT.issuperset(map(type, results)):
        return _read_row_memo((*fields, tuple(results)), edition, months)
    # JSON numbers and booleans are read too, but not remembered: True, 1 and 1.0 are one key to a dict
    return _read_row((*fields, tuple(results) if type(results) is list else results), edition, months)


@lru_cache(maxsize=MEMO_ROWS)
def _read_row_memo(cells: tuple[Any, ...], edition: Edition, months: int) -> RowReading:
    return _read_row(cells, edition, months)


def _read_row(cells: tuple[Any, ...], edition: Edition, months: int) -> RowReading:
    raw = dict(zip((*_ROW_KEYS, RESULTS), cells, strict=True))
    results_raw = raw[RESULTS]
    errors: list[Issue] = []
    warnings: list[Issue] = []
    if results_raw is None:
        results_raw = ()
    if not isinstance(results_raw, list | tuple):
        errors.append((RESULTS, "月次結果は月ごとの値の並びで入力してください。",
                       "Give the results as a list, one per month."))
        results_raw = ()
    if all(_blank(raw[k]) for k in _ROW_KEYS) and all(_blank(r) for r in results_raw) and not errors:
        return RowReading(None, None, (), (), "blank")

    def cell(key: str, read: Any, *args: Any) -> Any:
        try:
            return read(raw[key], *args)
        except CellError as error:
            errors.append((key, error.ja, error.en))
            return None

    results: list[float | None] = []
    if len(results_raw) > months:
        errors.append((RESULTS, f"結果が{len(results_raw)}個あり、月の数（{months}）より多くなっています。",
                       f"There are {len(results_raw)} results but only {months} months."))
    for j, value in enumerate(results_raw[:months]):
        try:
            results.append(read_number(value))
        except CellError as error:
            errors.append((f"{RESULTS}.{j}", error.ja, error.en))
            results.append(None)
    results.extend([None] * (months - len(results)))
    has_result = any(r is not None for r in results)
    if _blank(raw["target"]) and not has_result and not errors:
        # offered from the guide's list, or not filled in yet: skipped, and listed as such
        return RowReading(None, None, (), (), "unfilled")
    target = cell("target", read_number)
    if target is None and not any(k == "target" for k, _, _ in errors):
        errors.append(("target", "目標がありません。結果と同じ単位で目標を入力してください。",
                       "This metric has no target: enter it in the same unit as its results."))

    name = cell("name", read_name, True, COLUMNS_BY_KEY["name"].label)
    # a row only for a process-certification block's level rule may leave the item empty
    process_only = _blank(raw["item"]) and not _blank(raw["block_metric"])
    item = None if process_only else cell("item", read_item, edition)
    metric_type = cell("type", read_type)
    if item in TYPED_ITEMS and metric_type is None and not any(k == "type" for k, _, _ in errors):
        errors.append(("type", f"{item}の指標にはタイプ（サービス、クオリティ、セールス、効率性）が必要です。",
                       f"A metric of {item} needs its type: service, quality, sales or efficiency."))
    elif item is not None and item not in TYPED_ITEMS and metric_type is not None:
        warnings.append(("type", f"指標タイプは4.3と4.4だけで使います（{item}では無視します）。",
                         f"Metric types apply to 4.3 and 4.4 only: ignored for {item}."))
        metric_type = None
    level = Level.ENTITY if process_only and _blank(raw["level"]) else cell("level", read_level)
    unit = cell("unit", read_name, level in _UNIT_NAMES, _UNIT_NAMES.get(level, COLUMNS_BY_KEY["unit"].label))
    cui = cell("cui", read_flag, True)
    direction = cell("direction", read_direction)
    improving = cell("improving", read_flag, False)
    in_4_6 = cell("in_4_6", read_flag, not process_only) and not process_only
    block_metrics = cell("block_metric", read_block_metric)
    site = cell("site", read_name, False, COLUMNS_BY_KEY["site"].label)
    if errors:
        return RowReading(None, None, tuple(errors), tuple(warnings), "error")
    if not has_result:
        warnings.append((RESULTS, "結果が一つもありません。目標未達として数えます。",
                         "No result in any month: the metric counts as not at target."))
    unit = "" if level is Level.ENTITY else unit
    fields = (name, item, metric_type, level, unit, cui, target, direction, tuple(results), improving, in_4_6,
              block_metrics, site)
    return RowReading(fields, metric_key(name, level, unit, site), (), tuple(warnings), "metric")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def row_label(key: str, months: Sequence[str]) -> Text:
    """The name of a row's cell in messages: the column's label, or the month of a result."""
    if key.startswith(RESULTS + "."):
        j = int(key.split(".")[1])
        month = months[j] if j < len(months) else str(j + 1)
        return Text(f"{month}の結果", f"the result of {month}")
    column = COLUMNS_BY_KEY.get(key)
    if column is not None:
        return column.label
    return Text("月次結果", "results") if key == RESULTS else Text("行", "row")


def _at_row(i: int, key: str, months: Sequence[str], ja: str, en: str) -> Problem:
    label = row_label(key, months)
    field = f"rows.{i}.{key}" if key else f"rows.{i}"
    return Problem(field, f"{i + 1}行目の「{label.ja}」: {ja}", f"Row {i + 1}, {label.en.lower()}: {en}")


def read_months(raw: Any) -> tuple[list[str | None], list[Problem]]:
    """The months of a table's columns (None where a heading is not a month), with their problems."""
    problems: list[Problem] = []
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        return [], [Problem("months", "月の一覧の形式が正しくありません。", "The months are not in the expected form.")]
    if len(raw) > MAX_MONTHS:
        return [], [Problem("months", f"月が多すぎます（{len(raw)}か月、上限 {MAX_MONTHS} か月）。",
                            f"Too many months ({len(raw)}; at most {MAX_MONTHS}).")]
    months: list[str | None] = []
    seen: dict[str, int] = {}
    for j, value in enumerate(raw):
        month = read_month(value)
        months.append(month)
        if month is None:
            problems.append(Problem(f"months.{j}",
                                    f"{j + 1}番目の月「{_shown(value)}」を読み取れません（例: 2024-04）。",
                                    f"Month {j + 1}, {_shown(value)!r}, cannot be read (e.g. 2024-04)."))
        elif month in seen:
            problems.append(Problem(f"months.{j}", f"{month}が2回あります（{seen[month] + 1}番目の月と同じ）。",
                                    f"{month} appears twice (it is month {seen[month] + 1} too)."))
        else:
            seen[month] = j
    return months, problems


def metric_key(name: str, level: Level, unit: str, site: str) -> tuple[str, ...]:
    """Two rows with the same key are the same metric counted twice."""
    return (header_key(name), level.value, header_key(unit), header_key(site))


def read_table(data: Mapping[str, Any]) -> MetricsTable:
    """The table of a request ({edition, months, rows}); every problem is raised at once, at its cell."""
    raw_edition = data.get("edition")
    edition = catalog.edition(raw_edition if isinstance(raw_edition, str) else repr(raw_edition))
    months, problems = read_months(data.get("months"))
    rows = data.get("rows")
    if rows is None:
        rows = []
    if not isinstance(rows, list):
        raise InputError([*problems, Problem("rows", "行の形式が正しくありません。",
                                             "The rows are not in the expected form.")])
    if len(rows) > MAX_METRICS:
        raise InputError([*problems, Problem("rows", f"行が多すぎます（{len(rows):,} 行、上限 {MAX_METRICS:,} 行）。",
                                             f"Too many rows ({len(rows):,}; at most {MAX_METRICS:,}).")])
    shown_months = [m or str(raw) for m, raw in zip(months, data.get("months") or [], strict=False)]
    # results are read in the order given; the table keeps the months in calendar order
    order = sorted(range(len(months)), key=lambda j: months[j] or "")
    reorder = None if order == list(range(len(months))) else tuple(order)
    metrics: list[Metric] = []
    unfilled: list[int] = []
    warnings: list[Problem] = []
    seen: dict[tuple[str, ...], int] = {}
    for i, raw in enumerate(rows):
        reading = read_row(raw, edition, len(months))
        if reading.errors:
            problems.extend(_at_row(i, key, shown_months, ja, en) for key, ja, en in reading.errors)
        if reading.warnings:
            warnings.extend(_at_row(i, key, shown_months, ja, en) for key, ja, en in reading.warnings)
        if reading.state == "unfilled":
            unfilled.append(i)
        key = reading.key
        if key is None:
            continue
        if key in seen:
            problems.append(_at_row(i, "name", shown_months,
                                    f"同じ指標が{seen[key] + 1}行目にもあります"
                                    "（指標名・レベル・クライアント／プログラム・拠点が同じ）。",
                                    f"The same metric is on row {seen[key] + 1} too (same name, level, client or "
                                    "program, and site)."))
            continue
        seen[key] = i
        metrics.append(_metric(reading, i, reorder))
    if problems:
        raise InputError(problems)
    return MetricsTable(edition, tuple(m for m in (months[j] for j in order) if m is not None), tuple(metrics),
                        tuple(unfilled), tuple(warnings))


@lru_cache(maxsize=MEMO_ROWS)
def _metric(reading: RowReading, row: int, reorder: tuple[int, ...] | None) -> Metric:
    """The row's Metric, its results in calendar order (`reorder`: the months' calendar order, when
    they were given in another)."""
    fields = reading.fields
    assert fields is not None
    if reorder is not None:
        fields = (*fields[:8], tuple(fields[8][j] for j in reorder), *fields[9:])
    return Metric(row, *fields)


# --- Deriving: each metric ----------------------------------------------------------------------

class Status(StrEnum):
    AT_TARGET = "at-target"
    IMPROVING = "improving"  # not at target, improving continuously
    BELOW_TARGET = "below-target"  # not at target, not improving
    FAILS_CUI = "fails-cui"  # never at target, never improving (interpretation metrics-from-table)
    NO_RESULT = "no-result"


@dataclass(frozen=True)
class MetricStatus:
    metric: Metric
    latest: int | None  # the month (index in the table's months) of its latest result
    at_target: bool  # latest result meets the target, and the metric meets CUI
    improving_by_rule: bool  # what the rule last-three-better says of its results
    improving: bool  # counted as improving: not at target, meets CUI, and improving as the chosen way says
    status: Status
    months_at_target: int  # in the level rule's period
    months_measured: int  # months of that period with a result


def meets_target(value: float, target: float, direction: Direction) -> bool:
    """At or beyond the target, in the better direction (equal to the target counts)."""
    return value >= target if direction is Direction.HIGHER else value <= target


def last_three_better(results: Sequence[float | None], direction: Direction) -> bool:
    """The opt-in rule for continuous improvement: the metric's last four results (months without a
    result left out) each moved in the better direction from the one before. Equal is not better."""
    last: list[float] = []
    for value in reversed(results):
        if value is not None:
            last.append(value)
            if len(last) == RULE_RESULTS:
                break
    if len(last) < RULE_RESULTS:
        return False
    # `last` runs from the newest back: each newer result must beat the older one after it
    if direction is Direction.HIGHER:
        return all(last[k] > last[k + 1] for k in range(RULE_RESULTS - 1))
    return all(last[k] < last[k + 1] for k in range(RULE_RESULTS - 1))


@lru_cache(maxsize=MEMO_ROWS)
def metric_status(metric: Metric, improvement: Improvement, period_start: int = 0) -> MetricStatus:
    """Where one metric stands: at target, improving, or neither, and its months at target in the
    period from `period_start` (memoised: a row the reader did not touch is not derived again)."""
    results, target, direction = metric.results, metric.target, metric.direction
    latest = next((j for j in range(len(results) - 1, -1, -1) if results[j] is not None), None)
    by_rule = last_three_better(results, direction)
    measured = [v for v in results[period_start:] if v is not None]
    if not metric.cui:
        at_target, months_at_target = False, 0
    else:
        latest_value = None if latest is None else results[latest]
        at_target = latest_value is not None and meets_target(latest_value, target, direction)
        months_at_target = sum(1 for v in measured if (v >= target if direction is Direction.HIGHER else v <= target))
    marked = metric.improving if improvement is Improvement.READER else by_rule
    improving = metric.cui and not at_target and latest is not None and marked
    status = (Status.FAILS_CUI if not metric.cui else Status.NO_RESULT if latest is None else
              Status.AT_TARGET if at_target else Status.IMPROVING if improving else Status.BELOW_TARGET)
    return MetricStatus(metric, latest, at_target, by_rule, improving, status, months_at_target, len(measured))


# --- Deriving: the items -----------------------------------------------------------------------

@dataclass(frozen=True)
class Tally:
    """Which rows are at target, improving (not at target), and neither: the counts, traceable."""

    at_target: tuple[int, ...]
    improving: tuple[int, ...]
    other: tuple[int, ...]

    @property
    def total(self) -> int:
        return len(self.at_target) + len(self.improving) + len(self.other)

    @property
    def counts(self) -> tuple[int, int, int]:
        """(at target, improving, total): the performance rule's inputs."""
        return len(self.at_target), len(self.improving), self.total


def tally(statuses: Iterable[MetricStatus]) -> Tally:
    at_target: list[int] = []
    improving: list[int] = []
    other: list[int] = []
    for s in statuses:
        (at_target if s.at_target else improving if s.improving else other).append(s.metric.row)
    return Tally(tuple(at_target), tuple(improving), tuple(other))


@dataclass(frozen=True)
class ItemResult:
    number: str
    tally: Tally  # 4.6: the rows marked for it
    by_type: dict[MetricType, Tally]  # 4.3 and 4.4: the types present
    inputs: assessment.ItemInput | None  # what the self-assessment takes for the item; None: no metrics
    score: assessment.ItemScore | None  # None: no metrics, or counts the rules refuse (a missing type)
    problems: tuple[Problem, ...]  # why there is no score though there are metrics


def _item_result(number: str, edition: Edition, statuses: Sequence[MetricStatus]) -> ItemResult:
    item = catalog.item(number)
    counted = tally(statuses)
    by_type: dict[MetricType, Tally] = {}
    inputs: assessment.ItemInput | None = None
    if item.scoring is Scoring.CHANNEL_PERFORMANCE:
        for metric_type in MetricType:
            of_type = tally(s for s in statuses if s.metric.metric_type is metric_type)
            if of_type.total:
                by_type[metric_type] = of_type
        if by_type:
            inputs = assessment.ChannelPerformance({t.value: c.counts for t, c in by_type.items()})
    elif counted.total:
        at_target, improving, total = counted.counts
        inputs = (assessment.Rule5075(at_target, at_target + improving, total) if item.scoring is Scoring.RULE_50_75
                  else assessment.Performance(at_target, improving, total))
    score: assessment.ItemScore | None = None
    problems: tuple[Problem, ...] = ()
    if inputs is not None:
        try:
            score = assessment.score_item(number, edition, inputs)
        except InputError as error:
            problems = tuple(Problem(f"items.{number}.{p.field}", p.ja, p.en) for p in error.problems)
    return ItemResult(number, counted, by_type, inputs, score, problems)


def self_assessment_input(inputs: assessment.ItemInput) -> dict[str, Any]:
    """An item's counts as the self-assessment operation takes them (text, as its form sends them)."""
    def performance(counts: tuple[int, int, int]) -> dict[str, str]:
        return {"achieved": str(counts[0]), "improving": str(counts[1]), "total": str(counts[2])}

    if isinstance(inputs, assessment.ChannelPerformance):
        return {"types": {t: performance(c) for t, c in inputs.types.items()}}
    if isinstance(inputs, assessment.Rule5075):
        return {"at_target": str(inputs.at_target), "at_target_or_improving": str(inputs.at_target_or_improving),
                "total": str(inputs.total)}
    if isinstance(inputs, assessment.Performance):
        return performance((inputs.achieved, inputs.improving, inputs.total))
    raise TypeError(type(inputs).__name__)


# --- Deriving: the level rule of a process-certification block ----------------------------------

@dataclass(frozen=True)
class MonthLevel:
    month: str
    at_target: int  # the unit's metrics at target that month
    measured: int  # the unit's metrics counted that month
    meets: bool  # at least half at target


@dataclass(frozen=True)
class UnitLevel:
    unit: str  # "entity" or a site's name
    metrics: tuple[rules.MetricLevel, ...]  # reading (a), one per row (MetricLevel.metric: the row, as text)
    share_meeting: Fraction  # % of the unit's metrics meeting (a)
    months: tuple[MonthLevel, ...]  # reading (b), one per month of the period with a result
    months_needed: int  # of those months, for (b)
    holds_each_metric: bool
    holds_each_month: bool

    @property
    def months_meeting(self) -> int:
        return sum(m.meets for m in self.months)

    def holds(self, reading: LevelReading) -> bool:
        return self.holds_each_metric if reading is LevelReading.EACH_METRIC else self.holds_each_month

    @property
    def differs(self) -> bool:
        return self.holds_each_metric != self.holds_each_month


@dataclass(frozen=True)
class BlockLevel:
    block: Block
    reading: LevelReading
    period: tuple[str, ...]  # the months of the measurement period
    units: tuple[UnitLevel, ...]  # the entity first (when it has rows), then each site
    problems: tuple[Problem, ...]  # why the rule cannot be checked for a unit

    @property
    def holds(self) -> bool:
        return bool(self.units) and not self.problems and all(u.holds(self.reading) for u in self.units)

    @property
    def differs(self) -> tuple[str, ...]:
        """The units where the two readings reach different verdicts."""
        return tuple(u.unit for u in self.units if u.differs)


def unit_level(unit: str, statuses: Sequence[MetricStatus], period: Sequence[str], start: int) -> UnitLevel:
    """Both readings of the level rule for one unit's metrics over the months from `start`."""
    levels: list[rules.MetricLevel] = []
    for s in statuses:
        needed = rules.months_needed(s.months_measured)
        # a required metric without a result in the period cannot show it was at target
        levels.append(rules.MetricLevel(str(s.metric.row), s.months_at_target, s.months_measured, needed,
                                        s.months_measured > 0 and s.months_at_target >= needed))
    meeting = sum(level.meets for level in levels)
    share_meeting = rules.share(meeting, len(levels))
    never_measured = sum(1 for s in statuses if s.months_measured == 0)
    months: list[MonthLevel] = []
    for offset, month in enumerate(period):
        j = start + offset
        measured = at_target = 0
        for s in statuses:
            value = s.metric.results[j]
            if value is not None:
                measured += 1
                at_target += s.metric.cui and meets_target(value, s.metric.target, s.metric.direction)
        if measured:
            measured += never_measured  # counted against the unit in every month, as in reading (a)
            months.append(MonthLevel(month, at_target, measured, 2 * at_target >= measured))
    needed = rules.months_needed(len(months))
    holds_each_month = bool(months) and sum(m.meets for m in months) >= needed
    return UnitLevel(unit, tuple(levels), share_meeting, tuple(months), needed,
                     share_meeting >= rules.LEVEL_THRESHOLD, holds_each_month)


def block_level(block: Block, statuses: Sequence[MetricStatus], months: Sequence[str], start: int,
                reading: LevelReading) -> BlockLevel:
    ids = {m.id for m in block.metrics}
    of_block = [s for s in statuses if s.metric.block_metrics & ids]
    period = tuple(months[start:])
    problems: list[Problem] = []
    if not of_block:
        column = COLUMNS_BY_KEY["block_metric"].label
        problems.append(Problem("block", f"{block.name.ja}ブロックの要求指標に当たる行がありません"
                                f"（「{column.ja}」の列で指定します）。",
                                f"No row is a required metric of the {block.name.en} block (say so in the "
                                f"\u201c{column.en}\u201d column)."))
    units: dict[str, list[MetricStatus]] = {}
    for s in of_block:
        units.setdefault(s.metric.site, []).append(s)
    if of_block and "" not in units:
        problems.append(Problem("block", "主体組織の行がありません（拠点の列を空欄にした行が主体組織の数値です）。",
                                "No row is the entity's own figure (a row with an empty site column is)."))
    order = sorted(units, key=lambda site: (site != "", site))
    return BlockLevel(block, reading, period,
                      tuple(unit_level(site or "entity", units[site], period, start) for site in order),
                      tuple(problems))


# --- Deriving: everything -----------------------------------------------------------------------

@dataclass(frozen=True)
class Derived:
    table: MetricsTable
    improvement: Improvement
    statuses: tuple[MetricStatus, ...]  # one per metric, in the table's order
    items: tuple[ItemResult, ...]  # 4.1-4.6 of the edition
    renewal_tally: Tally  # the rows marked for 4.6 (interpretation metrics-from-table)
    renewal: MetricShares | None  # None when no row is marked for 4.6
    level: BlockLevel | None  # when a block was chosen

    @property
    def notes(self) -> tuple[str, ...]:
        tags = {"topic:metrics-table", "topic:cuika", "topic:renewal",
                *(tag for r in self.items for tag in catalog.item_tags(r.number, self.table.edition))}
        if self.level is not None:
            tags |= {"topic:level-rule", f"block:{self.level.block.id}"}
        return catalog.notes_for(tags)

    @cached_property
    def by_row(self) -> dict[int, Metric]:
        return {m.row: m for m in self.table.metrics}

    @property
    def marked_by_rule(self) -> tuple[int, ...]:
        return tuple(s.metric.row for s in self.statuses if s.improving_by_rule)

    def item(self, number: str) -> ItemResult:
        return next(r for r in self.items if r.number == number)

    def steps(self) -> tuple[Text, ...]:
        return derivation_steps(self)


def derive(table: MetricsTable, *, improvement: Improvement = Improvement.READER, block: str | None = None,
           level_reading: LevelReading = LevelReading.EACH_METRIC, period_months: int | None = None) -> Derived:
    """Every count of the table: each item of 4.1-4.6 (with the rows behind each count and its score),
    the renewal's shares and, for a chosen process-certification block, the level rule per unit."""
    chosen_block = None if not block else catalog.block(block, table.edition)
    months = len(table.months)
    start = max(0, months - period_months) if period_months else 0
    statuses = tuple(metric_status(m, improvement, start) for m in table.metrics)
    by_item: dict[str, list[MetricStatus]] = {}
    for s in statuses:
        if s.metric.item is not None:
            by_item.setdefault(s.metric.item, []).append(s)
    in_4_6 = [s for s in statuses if s.metric.in_4_6]
    items = tuple(_item_result(i.number, table.edition, in_4_6 if i.number == "4.6" else by_item.get(i.number, []))
                  for i in catalog.items_in(table.edition) if i.category == "4.0")
    four_six = tally(in_4_6)
    at_target, improving, total = four_six.counts
    shares = None if not total else metric_shares(
        pst_at_target=at_target, pst_at_target_or_improving=at_target + improving, pst_total=total)
    level = None if chosen_block is None else block_level(chosen_block, statuses, table.months, start, level_reading)
    return Derived(table, improvement, statuses, items, four_six, shares, level)


# --- The steps: what the reader sees beside the figures ------------------------------------------

@dataclass(frozen=True)
class ProcessMonths:
    """A block's level rule from the table in the process-certification check's shape: for the entity
    and each site, the months each required metric was at target and measured, by the metric's id
    ("<client metric id>:<the row's name>" for a metric a client sets)."""

    entity: dict[str, tuple[int, int]]
    sites: dict[str, dict[str, tuple[int, int]]]  # in the table's order of sites
    left_out: tuple[int, ...]  # rows for a metric an earlier row of the same unit gives: the check takes one


def process_months(derived: Derived) -> ProcessMonths | None:
    """The months of the chosen block's metrics per unit, as the process-certification check takes them
    (reading (a) of the level rule, over the table's measurement period); None without a block."""
    level = derived.level
    if level is None:
        return None
    order = [m.id for m in level.block.metrics]
    client_set = {m.id for m in level.block.metrics if m.client_set}
    entity: dict[str, tuple[int, int]] = {}
    sites: dict[str, dict[str, tuple[int, int]]] = {}
    left_out: list[int] = []
    for unit in level.units:
        for counted in unit.metrics:
            metric = derived.by_row[int(counted.metric)]
            base = min(metric.block_metrics & set(order), key=order.index)
            label = metric.name.strip() or metric.unit.strip()
            key = f"{base}:{label}" if base in client_set and label else base
            months = entity if metric.site == "" else sites.setdefault(metric.site, {})
            if key in months:
                left_out.append(metric.row)
            else:
                months[key] = (counted.months_at_target, counted.months_measured)
    return ProcessMonths(entity, sites, tuple(left_out))


def _names(derived: Derived, rows: Sequence[int], limit: int = 8) -> str:
    metrics = derived.by_row
    shown = [metrics[r].name + (f"（{metrics[r].unit}）" if metrics[r].unit else "") for r in rows[:limit]]
    return "、".join(shown) + (f" ほか{len(rows) - limit}" if len(rows) > limit else "")


def _names_en(derived: Derived, rows: Sequence[int], limit: int = 8) -> str:
    metrics = derived.by_row
    shown = [metrics[r].name + (f" ({metrics[r].unit})" if metrics[r].unit else "") for r in rows[:limit]]
    return ", ".join(shown) + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def tally_step(derived: Derived, label: Text, counted: Tally) -> Text:
    """"4.3 service: 6 of 10 at target (…), 1 improving (…)": a count with the metrics behind it."""
    at, imp, total = counted.counts
    share = fmt_percent_against(rules.share(at, total), rules.LEVEL_THRESHOLD) if total else "—"
    ja = f"{label.ja}: {total} 指標中 {at} が目標達成（{share}）"
    en = f"{label.en}: {at} of {total} metrics at target ({share})"
    if at:
        ja, en = ja + f": {_names(derived, counted.at_target)}", en + f": {_names_en(derived, counted.at_target)}"
    if imp:
        ja += f"。未達だが改善中 {imp}: {_names(derived, counted.improving)}"
        en += f"; {imp} not at target but improving: {_names_en(derived, counted.improving)}"
    return Text(ja, en)


def derivation_steps(derived: Derived) -> tuple[Text, ...]:
    table = derived.table
    steps = [Text(f"{table.edition}版、{len(table.metrics)} 指標、{len(table.months)} か月"
                  + (f"（{table.months[0]}〜{table.months[-1]}）" if table.months else ""),
                  f"{table.edition} edition, {len(table.metrics)} metrics, {len(table.months)} months"
                  + (f" ({table.months[0]} to {table.months[-1]})" if table.months else ""))]
    if table.unfilled:
        rows = ", ".join(str(r + 1) for r in table.unfilled[:20]) + ("…" if len(table.unfilled) > 20 else "")
        steps.append(Text(f"目標も結果もない {len(table.unfilled)} 行は数えていません（行 {rows}）",
                          f"{len(table.unfilled)} rows without a target or any result are not counted (rows {rows})"))
    name = IMPROVEMENT_NAMES[derived.improvement]
    steps.append(Text(f"継続的改善の判定: {name.ja}（解釈 continuous-improvement）",
                      f"Continuous improvement: {name.en} (interpretation continuous-improvement)"))
    if derived.improvement is Improvement.LAST_THREE_BETTER:
        marked = derived.marked_by_rule
        steps.append(Text(f"規則で改善中となった指標 {len(marked)}: {_names(derived, marked) or 'なし'}",
                          f"Metrics the rule marks improving, {len(marked)}: {_names_en(derived, marked) or 'none'}"))
    failing_cui = [s.metric.row for s in derived.statuses if s.status is Status.FAILS_CUI]
    if failing_cui:
        steps.append(Text(f"CUIを満たさない指標は目標達成に数えません: {_names(derived, failing_cui)}",
                          f"Metrics failing CUI never count as at target: {_names_en(derived, failing_cui)}"))
    for result in derived.items:
        item = catalog.item(result.number)
        label = Text(f"{item.number} {item.name.ja}", f"{item.number} {item.name.en}")
        if not result.tally.total:
            steps.append(Text(f"{label.ja}: 指標なし", f"{label.en}: no metrics"))
            continue
        if result.by_type:
            for metric_type, counted in result.by_type.items():
                type_name = METRIC_TYPE_NAMES[metric_type]
                steps.append(tally_step(derived, Text(f"{item.number} {type_name.ja}", f"{item.number} "
                                                      f"{type_name.en.lower()}"), counted))
            missing = [METRIC_TYPE_NAMES[t] for t in MetricType
                       if t not in result.by_type and t not in OPTIONAL_METRIC_TYPES]
            if missing:
                steps.append(Text(f"{item.number}: " + "、".join(t.ja for t in missing) + "の指標がありません（必須）",
                                  f"{item.number}: no " + ", ".join(t.en.lower() for t in missing)
                                  + " metrics (required)"))
        else:
            steps.append(tally_step(derived, label, result.tally))
        if result.score is not None:
            steps.append(Text(f"{item.number} の得点率 {fmt_percent(result.score.percent)} → "
                              f"{fmt_number(result.score.points)} / {result.score.available} 点",
                              f"{item.number} scores {fmt_percent(result.score.percent)} → "
                              f"{fmt_number(result.score.points)} of {result.score.available} points"))
    if derived.renewal is not None:
        steps.append(derived.renewal.step())
    if derived.level is not None:
        steps.extend(level_steps(derived))
    return tuple(steps)


def level_steps(derived: Derived) -> list[Text]:
    level = derived.level
    assert level is not None
    reading = LEVEL_READING_NAMES[level.reading]
    period = f"{level.period[0]}〜{level.period[-1]}" if level.period else "—"
    period_en = f"{level.period[0]} to {level.period[-1]}" if level.period else "—"
    steps = [Text(f"{level.block.name.ja}ブロックのレベル要求（{period}）: {reading.ja}",
                  f"Level rule of the {level.block.name.en} block ({period_en}): {reading.en}")]
    steps.extend(Text(p.ja, p.en) for p in level.problems)
    names = {m.row: m.name for m in derived.table.metrics}
    for unit in level.units:
        who = Text("主体組織", "Entity") if unit.unit == "entity" else Text(f"拠点 {unit.unit}", f"Site {unit.unit}")
        failing = [names[int(m.metric)] for m in unit.metrics if not m.meets]
        a = Text(f"(a) {len(unit.metrics)} 指標中 {len(unit.metrics) - len(failing)} が3/4以上の月で達成"
                 f"（{fmt_percent_against(unit.share_meeting, rules.LEVEL_THRESHOLD)}）"
                 + (f"、未達: {'、'.join(failing[:8])}" if failing else ""),
                 f"(a) {len(unit.metrics) - len(failing)} of {len(unit.metrics)} metrics at target in 3/4 of their "
                 f"months ({fmt_percent_against(unit.share_meeting, rules.LEVEL_THRESHOLD)})"
                 + (f"; not: {', '.join(failing[:8])}" if failing else ""))
        b = Text(f"(b) {len(unit.months)} か月中 {unit.months_meeting} か月で半数以上が達成"
                 f"（必要 {unit.months_needed}）",
                 f"(b) half the metrics at target in {unit.months_meeting} of {len(unit.months)} months "
                 f"(needs {unit.months_needed})")
        verdict = unit.holds(level.reading)
        differs = Text("。二つの読み方で結論が分かれます", "; the two readings disagree") if unit.differs \
            else Text("", "")
        steps.append(Text(f"{who.ja}: {a.ja}。{b.ja} → {'満たす' if verdict else '満たさない'}{differs.ja}",
                          f"{who.en}: {a.en}; {b.en} → {'holds' if verdict else 'fails'}{differs.en}"))
    return steps


# --- Starting from the guide's list ---------------------------------------------------------------

@dataclass(frozen=True)
class TemplateRow:
    """A scored metric the guide names, offered as a row to fill."""

    item: str
    level: Level
    name: Text
    kind: bool  # names a kind of metrics (every KCRP metric, ...): replace it with your own metrics
    unit: str  # the client or program it is offered for ("" at entity level or when none are named)


def _in_edition(name: Text, edition: Edition) -> bool:
    """The list marks metrics of one edition by "(CSP)" or "(OSP)" after the name."""
    other = Edition.OSP if edition is Edition.CSP else Edition.CSP
    return not name.en.endswith(f"({other.value})")


def template(edition: Edition | str, *, clients: Sequence[str] = (), programs: Sequence[str] = ()) -> tuple[
        TemplateRow, ...]:
    """The scored metrics the guide lists for the edition, by item and level, as rows to fill: one per
    client or program named (a client- or program-level metric is measured for each)."""
    ed = catalog.edition(edition)
    rows: list[TemplateRow] = []
    for group in SCORED_METRICS:
        item = next(n for n in group.items if catalog.item(n).points_in(ed) is not None)
        for level, names in group.metrics.items():
            units = {Level.ENTITY: ("",), Level.CLIENT: tuple(clients) or ("",),
                     Level.PROGRAM: tuple(programs) or ("",)}[level]
            rows.extend(TemplateRow(item, level, name, name in SCORED_METRIC_KINDS, unit)
                        for name in names if _in_edition(name, ed) for unit in units)
    return tuple(rows)

