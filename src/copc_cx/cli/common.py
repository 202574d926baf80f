"""What every command shares: the output language, bilingual messages, exit statuses."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Literal, TextIO

from ..errors import Problem
from ..text import Text

EXIT_OK = 0
EXIT_NOT_CERTIFIED = 1
EXIT_BAD_INPUT = 2

Lang = Literal["ja", "en"]


def default_language() -> Lang:
    """English where the locale says so (LC_ALL, LC_MESSAGES, LANG), else Japanese."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    return "ja"


def add_language(command: argparse.ArgumentParser) -> None:
    command.add_argument("--lang", choices=("ja", "en"), default=None,
                         help="language of the output (default: from the locale, else ja)")


def language(args: argparse.Namespace) -> Lang:
    chosen = getattr(args, "lang", None)
    return chosen if chosen in ("ja", "en") else default_language()


def say(text: Text, lang: Lang, stream: TextIO | None = None) -> None:
    print(text.ja if lang == "ja" else text.en, file=stream or sys.stdout)


def report_problems(where: str, problems: tuple[Problem, ...] | list[Problem], lang: Lang) -> None:
    """Bad input, on standard error: the file, then each problem at its place."""
    print(where, file=sys.stderr)
    for problem in problems:
        print(f"  {problem.field}: {problem.ja if lang == 'ja' else problem.en}", file=sys.stderr)
