"""`copc-cx new`: a blank assessment with every item that applies to the scope, as JSON or Excel."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..files import assessment_file
from ..text import Text
from .common import EXIT_BAD_INPUT, EXIT_OK, language, report_problems, say
from .files import BadFile, kind, save


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "new", help="write a blank assessment (every applicable item) to FILE.json or FILE.xlsx")
    command.add_argument("--edition", required=True, choices=("CSP", "OSP"))
    channels = command.add_mutually_exclusive_group()
    channels.add_argument("--no-human", action="store_true", help="the scope runs no human-assisted channels")
    channels.add_argument("--no-digital", action="store_true", help="the scope runs no digital-assisted channels")
    for name in ("organisation", "site", "assessor", "date"):
        command.add_argument(f"--{name}", default="", help=f"the assessment's {name}" +
                             (" (YYYY-MM-DD)" if name == "date" else ""))
    command.add_argument("-o", "--output", required=True, type=Path, metavar="FILE", help="FILE.json or FILE.xlsx")
    command.add_argument("--force", action="store_true", help="replace FILE if it exists")
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    output: Path = args.output
    try:
        kind(output)
        if output.exists() and not args.force:
            say(Text(f"{output} は既にあります（置き換えるには --force）。",
                     f"{output} exists already (--force replaces it)."), lang)
            return EXIT_BAD_INPUT
        blank = assessment_file.blank_file(args.edition, human_assisted=not args.no_human,
                                           digital_assisted=not args.no_digital)
        # the metadata is read as a file's would be (a date that is not YYYY-MM-DD is refused)
        data = {**assessment_file.to_data(blank), "organisation": args.organisation, "site": args.site,
                "assessor": args.assessor, "date": args.date}
        doc = assessment_file.read_data(data)
    except BadFile as error:
        report_problems(str(error.path), error.problems, lang)
        return EXIT_BAD_INPUT
    except InputError as error:
        report_problems(str(output), error.problems, lang)
        return EXIT_BAD_INPUT
    save(doc, output, lang)
    say(Text(f"{output} を作成しました（{doc.edition} 版、{len(doc.items)} 項目）。",
             f"Wrote {output} ({doc.edition} edition, {len(doc.items)} items)."), lang)
    return EXIT_OK
