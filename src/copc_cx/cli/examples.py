"""`copc-cx examples`: the worked examples of the guide and of the site, with the figures the core
gives for them (what a trainer prepares a course from)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..examples import EXAMPLES, figure
from ..registry import CALCULATORS_BY_NAME
from ..web import call
from .common import EXIT_OK, language


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "examples", help="list the worked examples and what the core gives for them")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.set_defaults(run=run)
    return command


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    rows: list[dict[str, Any]] = []
    for example in EXAMPLES:
        result = call({"op": CALCULATORS_BY_NAME[example.calculator].op, "input": example.input})["result"]
        rows.append({"id": example.id, "calculator": example.calculator, "origin": example.origin.value,
                     "title": example.title.ja if lang == "ja" else example.title.en,
                     "figures": {path: figure(result, path) for path in example.expected}})
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    for row in rows:
        figures = ", ".join(f"{path} = {value}" for path, value in row["figures"].items())
        print(f"{row['id']} [{row['calculator']}, {row['origin']}] {row['title']}\n    {figures}")
    return EXIT_OK
