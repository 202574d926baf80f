"""`copc-cx report FILE -o report.html [--lang ja|en] [--build-id ID]`: a report to print or hand on.

FILE is JSON: the self-assessment calculator's input (edition, channels, excluded, items) or the
process-certification calculator's (block, entity, sites, ...), with optional metadata keys: organisation,
site, assessor, date and notes ({item: text}). The output's extension picks the format: `.md` or
`.markdown` writes Markdown, anything else a standalone HTML file; without -o the HTML goes to standard
output. Exit status: 0 written, 2 bad input or a file that cannot be read or written.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import report
from ..errors import InputError, Problem
from ..forms import parse_int
from ..text import Text
from ..web import read_process_certification, read_self_assessment
from .common import EXIT_BAD_INPUT, EXIT_OK, Lang, language, report_problems, say

MAX_FILE_BYTES = 2_000_000  # the API's request limit: an assessment with notes is far smaller


@dataclass(frozen=True)
class AssessmentFile:
    """What a file holds: a self-assessment (kind "self-assessment") or a process-certification check."""

    kind: str
    data: dict[str, Any]
    metadata: report.Metadata


def read_assessment_file(path: Path) -> AssessmentFile:
    """The one place that reads an assessment file, to be switched to the shared assessment-file reader
    once it lands; raises InputError at the field (or at "file")."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise InputError([Problem("file", f"ファイルを読めません: {error.strerror}",
                                  f"The file cannot be read: {error.strerror}")]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise InputError([Problem("file", "ファイルが大きすぎます。", "The file is too large.")])
    try:
        data = json.loads(raw.decode("utf-8"), parse_int=parse_int)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InputError([Problem("file", "JSONとして読めません（UTF-8のJSONオブジェクトが必要です）。",
                                  "Not readable as JSON (a UTF-8 JSON object is needed).")]) from None
    if not isinstance(data, dict):
        raise InputError([Problem("file", "JSONオブジェクト（{…}）が必要です。", "A JSON object ({…}) is needed.")])
    kind = "process-certification" if "block" in data else "self-assessment"
    return AssessmentFile(kind, data, report.read_metadata(data))


def build_document(found: AssessmentFile, lang: Lang, build_id: str | None) -> report.Document:
    if found.kind == "process-certification":
        return report.process_report(**read_process_certification(found.data), metadata=found.metadata, lang=lang,
                                     build_id=build_id)
    edition, inputs, args = read_self_assessment(found.data)
    return report.self_assessment_report(edition, inputs, **args, metadata=found.metadata, lang=lang,
                                         build_id=build_id)


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "report", help="write a printable report (HTML, or Markdown for .md) of an assessment file",
        description=__doc__.split("\n\n")[1] if __doc__ else None)
    command.add_argument("file", type=Path, help="the assessment (JSON)")
    command.add_argument("-o", "--output", type=Path, default=None,
                         help="where to write the report (.html, or .md for Markdown; default: standard output)")
    command.add_argument("--build-id", default=None, help="the site build the figures come from (shown in the report)")
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    try:
        document = build_document(read_assessment_file(args.file), lang, args.build_id)
    except InputError as error:
        report_problems(str(args.file), error.problems, lang)
        return EXIT_BAD_INPUT
    output: Path | None = args.output
    markdown = output is not None and output.suffix.lower() in (".md", ".markdown")
    text = report.to_markdown(document) if markdown else report.to_html(document)
    if output is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as error:
        say(Text(f"{output} に書き込めません: {error.strerror}", f"Cannot write {output}: {error.strerror}"), lang,
            sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK
