"""`copc-cx rollup`: one row per assessment (organisation, site, edition, applicable, earned, share,
decision, unmet conditions) and a total, into a workbook or CSV, or printed (text or JSON).

A file that cannot be scored is reported on standard error and skipped; the others are still
counted, and the exit status is then 2 (else 0). On a terminal, many files get a progress bar.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..text import Text, fmt_against, fmt_number
from .common import EXIT_BAD_INPUT, EXIT_OK, Lang, language, report_problems, say
from .files import BadFile, assessment_paths, load

PROGRESS_FROM = 20  # files: fewer are done before a bar would be worth drawing


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "rollup", help="one row per assessment and a total, from files and folders of assessments")
    command.add_argument("paths", nargs="+", metavar="FILE_OR_FOLDER",
                         help="assessment files (.json, .xlsx) or folders holding them")
    command.add_argument("-o", "--output", type=Path, metavar="FILE", help="summary.xlsx or summary.csv")
    command.add_argument("--format", choices=("text", "json"), default="text",
                         help="what is printed (json: the rows, for scripts)")
    command.set_defaults(run=run)
    return command


@dataclass(frozen=True)
class Row:
    file: str
    organisation: str
    site: str
    edition: str
    applicable: int
    earned: Fraction
    required: Fraction
    certified: bool
    unmet: tuple[Text, ...]

    @property
    def share(self) -> Fraction:
        return self.earned * 100 / self.applicable


def row_of(path: Path) -> Row:
    loaded = load(path)
    doc, result = loaded.doc, loaded.scored()
    return Row(str(path), doc.organisation, doc.site, doc.edition, result.scope.applicable, result.earned,
               result.scope.required, result.certified, tuple(c.text for c in result.conditions if not c.met))


COLUMNS = (("file", Text("ファイル", "File")), ("organisation", Text("組織名", "Organisation")),
           ("site", Text("サイト・プログラム", "Site or program")), ("edition", Text("版", "Edition")),
           ("applicable", Text("評価対象の持ち点", "Applicable points")), ("earned", Text("得点", "Points earned")),
           ("share", Text("割合", "Share")), ("decision", Text("判定", "Decision")),
           ("unmet", Text("満たさない条件", "Unmet conditions")))
CERTIFIED = Text("認証の条件を満たす", "certifiable")
NOT_CERTIFIED = Text("満たさない", "not certifiable")


def _t(text: Text, lang: Lang) -> str:
    return text.ja if lang == "ja" else text.en


def total_of(rows: list[Row], lang: Lang) -> dict[str, Any]:
    applicable = sum(r.applicable for r in rows)
    earned = sum((r.earned for r in rows), Fraction(0))
    certified = sum(r.certified for r in rows)
    return {"file": _t(Text(f"合計（{len(rows)} 件）", f"Total ({len(rows)})"), lang), "applicable": applicable,
            "earned": earned, "share": earned * 100 / applicable if applicable else Fraction(0),
            "decision": _t(Text(f"{certified} / {len(rows)} 件が条件を満たす",
                                f"{certified} of {len(rows)} certifiable"), lang)}


def as_json(rows: list[Row], skipped: list[str], lang: Lang) -> str:
    total = total_of(rows, lang)
    return json.dumps({
        "rows": [{"file": r.file, "organisation": r.organisation, "site": r.site, "edition": r.edition,
                  "applicable": r.applicable, "earned": float(r.earned), "share": float(r.share),
                  "certified": r.certified, "unmet": [t.as_dict() for t in r.unmet]} for r in rows],
        "total": {"assessments": len(rows), "certified": sum(r.certified for r in rows),
                  "applicable": total["applicable"], "earned": float(total["earned"]), "share": float(total["share"])},
        "skipped": skipped,
    }, ensure_ascii=False, indent=2)


def _cells(r: Row, lang: Lang) -> list[Any]:
    return [r.file, r.organisation, r.site, r.edition, r.applicable, r.earned, r.share,
            _t(CERTIFIED if r.certified else NOT_CERTIFIED, lang), "; ".join(_t(t, lang) for t in r.unmet)]


def write_csv(rows: list[Row], path: Path, lang: Lang) -> None:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_t(label, lang) for _, label in COLUMNS])
    for r in rows:
        cells = _cells(r, lang)
        cells[5] = fmt_against(r.earned, r.required, places=4).replace(",", "")
        cells[6] = fmt_against(r.share, 95, places=4).replace(",", "")
        writer.writerow(cells)
    total = total_of(rows, lang)
    writer.writerow([total["file"], "", "", "", total["applicable"], fmt_number(total["earned"], 4).replace(",", ""),
                     fmt_number(total["share"], 4).replace(",", ""), total["decision"], ""])
    # with a byte order mark: Excel opens UTF-8 CSV as Japanese text only with one
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def write_xlsx(rows: list[Row], path: Path, lang: Lang) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _t(Text("一覧", "Rollup"), lang)
    sheet.append([_t(label, lang) for _, label in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for r in rows:
        cells = _cells(r, lang)
        cells[5], cells[6] = float(r.earned), float(r.share / 100)
        sheet.append(cells)
        at = sheet.max_row
        # as many decimals as it takes not to show a figure on the other side of its threshold
        sheet[f"F{at}"].number_format = _format(fmt_against(r.earned, r.required))
        sheet[f"G{at}"].number_format = _format(fmt_against(r.share, 95), percent=True)
    total = total_of(rows, lang)
    sheet.append([total["file"], None, None, None, total["applicable"], float(total["earned"]),
                  float(total["share"] / 100), total["decision"], None])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet[f"F{sheet.max_row}"].number_format = "#,##0.00"
    sheet[f"G{sheet.max_row}"].number_format = "0.00%"
    for index, width in enumerate((40, 24, 20, 7, 12, 12, 10, 22, 60)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    for at in range(2, sheet.max_row + 1):
        sheet[f"E{at}"].number_format = "#,##0"
    sheet.freeze_panes = "B2"
    book.save(path)


def _format(shown: str, percent: bool = False) -> str:
    places = max(2, len(shown.partition(".")[2]))
    return f"0.{'0' * places}%" if percent else f"#,##0.{'0' * places}"


def as_text(rows: list[Row], lang: Lang) -> str:
    lines = []
    for r in rows:
        decision = _t(CERTIFIED if r.certified else NOT_CERTIFIED, lang)
        who = " / ".join(x for x in (r.organisation, r.site) if x) or r.file
        lines.append(f"{who} [{r.edition}] {fmt_against(r.earned, r.required)} / {r.applicable:,} "
                     f"({fmt_against(r.share, 95)}%) {decision}")
    total = total_of(rows, lang)
    lines.append(f"{total['file']}: {fmt_number(total['earned'])} / {total['applicable']:,} "
                 f"({fmt_number(total['share'])}%), {total['decision']}")
    return "\n".join(lines)


class Progress:
    """A bar on standard error, drawn only on a terminal and only for many files."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.shown = count >= PROGRESS_FROM and sys.stderr.isatty()
        self.last = -1

    def step(self, done: int) -> None:
        if not self.shown:
            return
        filled = done * 30 // self.count
        if filled != self.last or done == self.count:
            self.last = filled
            sys.stderr.write(f"\r[{'#' * filled}{' ' * (30 - filled)}] {done:,}/{self.count:,}")
            if done == self.count:
                sys.stderr.write("\n")
            sys.stderr.flush()


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    output: Path | None = args.output
    if output is not None and output.suffix.lower() not in (".xlsx", ".csv"):
        say(Text(f"出力ファイルの拡張子は .xlsx か .csv です（{output.name}）。",
                 f"The output file name must end in .xlsx or .csv ({output.name})."), lang, sys.stderr)
        return EXIT_BAD_INPUT
    paths = assessment_paths(args.paths)
    rows: list[Row] = []
    skipped: list[str] = []
    progress = Progress(len(paths))
    for done, path in enumerate(paths, start=1):
        try:
            rows.append(row_of(path))
        except BadFile as error:
            skipped.append(str(path))
            if progress.shown:
                sys.stderr.write("\n")
            report_problems(str(error.path), error.problems, lang)
        progress.step(done)
    if output is not None:
        (write_xlsx if output.suffix.lower() == ".xlsx" else write_csv)(rows, output, lang)
    if args.format == "json":
        print(as_json(rows, skipped, lang))
    else:
        print(as_text(rows, lang))
        if output is not None:
            say(Text(f"{output} に {len(rows)} 件を書き出しました。",
                     f"Wrote {len(rows)} assessments to {output}."), lang)
    if skipped:
        say(Text(f"読めなかったファイル {len(skipped)} 件を除きました。",
                 f"Skipped {len(skipped)} file(s) that could not be scored."), lang, sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
