"""`copc-cx plan FILE [--lang ja|en] [--format text|json]`: the changes that reach certification.

FILE is read as `copc-cx report` reads it. A self-assessment gets the certification plan, a
process-certification check the plan for its level rule and requirements. Exit status: 0 when nothing
needs to change (certified, or ready), 1 when the plan has steps, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..web import call
from .common import EXIT_BAD_INPUT, EXIT_NOT_CERTIFIED, EXIT_OK, language, report_problems
from .report import read_assessment_file


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "plan", help="print the changes that reach certification (or meet the level rule)",
        description=__doc__.split("\n\n")[1] if __doc__ else None)
    command.add_argument("file", type=Path, help="the assessment (JSON)")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    try:
        found = read_assessment_file(args.file)
    except InputError as failure:
        report_problems(str(args.file), failure.problems, lang)
        return EXIT_BAD_INPUT
    op = "process-plan" if found.kind == "process-certification" else "certification-plan"
    answer = call({"op": op, "input": found.data})
    if not answer["ok"]:
        report_problems(str(args.file), [Problem(e["field"], e["ja"], e["en"]) for e in answer["errors"]], lang)
        return EXIT_BAD_INPUT
    result = answer["result"]
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        _print_text(op, result, lang)
    done = result["certified"] if op == "certification-plan" else result["ready"]
    return EXIT_OK if done else EXIT_NOT_CERTIFIED


def _pick(text: dict[str, str], lang: str) -> str:
    return text["ja"] if lang == "ja" else text["en"]


def _print_text(op: str, result: dict[str, Any], lang: str) -> None:
    if op == "certification-plan":
        if result["certified"]:
            print(_pick({"ja": "認証: 変更は必要ありません。", "en": "Certified: no change is needed."}, lang))
            return
        for condition in result["conditions"]:
            if not condition["met"]:
                print(f"- {_pick(condition['text'], lang)}: {_pick(condition['remedy'], lang)}")
        print()
        for n, step in enumerate(result["steps"], 1):
            print(f"{n}. {_pick(step['text'], lang)}")
        print()
        print(_pick(result["method_text"], lang))
        after = result["after"]
        print(_pick({"ja": f"すべての変更の後: {after['display']['earned']} 点"
                           f"（{after['display']['percent_of_applicable']}%）、"
                           + ("認証" if after["certified"] else "まだ認証の条件を満たさない"),
                     "en": f"After every change: {after['display']['earned']} points "
                           f"({after['display']['percent_of_applicable']}%), "
                           + ("certified" if after["certified"] else "still pending")}, lang))
        return
    if result["ready"]:
        print(_pick({"ja": "準備完了: 変更は必要ありません。", "en": "Ready: no change is needed."}, lang))
        return
    for n, step in enumerate(result["steps"], 1):
        print(f"{n}. {_pick(step['text'], lang)}")
    for requirement in result["requirements"]:
        print(f"- {_pick(requirement['text'], lang)}")
