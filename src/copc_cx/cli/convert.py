"""`copc-cx convert IN OUT`: an assessment from JSON to Excel or back, by the files' extensions; a
self-assessment or a process-certification check, whichever IN holds.

Every input and note goes across, and the metrics table with them; an Excel output gets the figures
the core computes now (so converting a workbook to a workbook recomputes it after its inputs were
changed by hand). Counts of 4.1-4.6 typed by hand that the metrics table's replace are named.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..text import Text
from .common import EXIT_BAD_INPUT, EXIT_OK, language, report_problems, say
from .files import BadFile, Loaded, kind, load_either, save


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "convert", help="convert an assessment or a process-certification check between JSON and Excel (by extension)")
    command.add_argument("source", type=Path, metavar="IN", help="IN.json or IN.xlsx")
    command.add_argument("target", type=Path, metavar="OUT", help="OUT.json or OUT.xlsx")
    command.add_argument("--force", action="store_true", help="replace OUT if it exists")
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    try:
        kind(args.target)
        loaded = load_either(args.source)
    except BadFile as error:
        report_problems(str(error.path), error.problems, lang)
        return EXIT_BAD_INPUT
    if args.target.exists() and not args.force and args.target.resolve() != args.source.resolve():
        say(Text(f"{args.target} は既にあります（置き換えるには --force）。",
                 f"{args.target} exists already (--force replaces it)."), lang)
        return EXIT_BAD_INPUT
    if isinstance(loaded, Loaded):
        save(loaded.doc, args.target, lang)
        notices = loaded.notices()
    else:
        save(loaded, args.target, lang)
        notices = ()
    say(Text(f"{args.source} → {args.target}", f"{args.source} → {args.target}"), lang)
    for notice in notices:
        say(Text(f"  ⚠ {notice.ja}", f"  ⚠ {notice.en}"), lang)
    return EXIT_OK
