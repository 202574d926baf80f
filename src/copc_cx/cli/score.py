"""`copc-cx score`: the result the calculator shows, for each assessment file (JSON or Excel).

Exit status: 0 every file certified, 1 one or more not certified, 2 a file could not be scored
(it is reported on standard error, the others are still scored).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..files import assessment_file
from ..web import assessment_json
from .common import EXIT_BAD_INPUT, EXIT_NOT_CERTIFIED, EXIT_OK, Lang, language, report_problems
from .files import BadFile, load


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "score", help="score assessment files (exit 0 certified, 1 not certified, 2 bad input)")
    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help="FILE.json or FILE.xlsx")
    command.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    command.set_defaults(run=run)
    return command


def scored(path: Path, with_items: bool) -> dict[str, Any]:
    """The file's metadata and the self-assessment operation's result (what the browser shows;
    without the items' own results unless `with_items`)."""
    loaded = load(path)
    doc = loaded.doc
    return {"file": str(path), **{key: getattr(doc, key) for key in assessment_file.METADATA},
            "edition": doc.edition, "result": assessment_json(loaded.scored(), with_items)}


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    results: list[dict[str, Any]] = []
    bad = False
    for path in args.files:
        try:
            results.append(scored(path, with_items=args.format == "json"))
        except BadFile as error:
            bad = True
            report_problems(str(error.path), error.problems, lang)
            if args.format == "json":
                results.append({"file": str(path), "errors": [p.as_dict() for p in error.problems]})
    if args.format == "json":
        print(json.dumps(results, ensure_ascii=False, indent=2))
    else:
        shown = [r for r in results if "result" in r]
        print("\n\n".join((markdown if args.format == "markdown" else text)(r, lang) for r in shown))
    if bad:
        return EXIT_BAD_INPUT
    certified = all(r["result"]["certified"] for r in results)
    return EXIT_OK if certified else EXIT_NOT_CERTIFIED


def _pick(pair: dict[str, str], lang: Lang) -> str:
    return pair[lang]


def _heading(r: dict[str, Any]) -> str:
    who = " / ".join(x for x in (r["organisation"], r["site"]) if x)
    facts = ", ".join(x for x in (r["edition"], r["date"], r["assessor"]) if x)
    return f"{who} ({facts})" if who else facts


def _lines(r: dict[str, Any], lang: Lang) -> tuple[str, list[str], list[str]]:
    """(decision, figures, biggest losses) of one result, in `lang`."""
    result, d = r["result"], r["result"]["display"]
    ja = lang == "ja"
    applicable = result["scope"]["applicable"]
    figures = [
        (f"得点: {d['earned']} / {applicable:,} 点（{d['percent_of_applicable']}%）、必要 {d['required']} 点" if ja else
         f"Points: {d['earned']} of {applicable:,} ({d['percent_of_applicable']}%); needs {d['required']}"),
    ]
    decision = ("認証の条件をすべて満たす" if result["certified"] else "認証の条件を満たさない") if ja else (
        "every condition for certification is met" if result["certified"] else "not every condition is met")
    losses = [f"{x['item']} {_pick(x['name'], lang)}: −{x['lost']:,.4g}" for x in result["biggest_losses"]]
    return decision, figures, losses


def text(r: dict[str, Any], lang: Lang) -> str:
    ja = lang == "ja"
    decision, figures, losses = _lines(r, lang)
    out = [f"{r['file']}: {_heading(r)}", *(f"  {f}" for f in figures), "  " + ("条件:" if ja else "Conditions:")]
    for c in r["result"]["conditions"]:
        out.append(f"    {'✓' if c['met'] else '✗'} {_pick(c['text'], lang)}: {_pick(c['detail'], lang)}")
    out.append(f"  {'判定' if ja else 'Decision'}: {decision}")
    if losses:
        out.append("  " + ("失点の大きい項目: " if ja else "Biggest losses: ") + "; ".join(losses))
    return "\n".join(out)


def markdown(r: dict[str, Any], lang: Lang) -> str:
    ja = lang == "ja"
    decision, figures, losses = _lines(r, lang)
    out = [f"## {_heading(r) or r['file']}", "", f"`{r['file']}`", "", *(f"- {f}" for f in figures),
           f"- **{'判定' if ja else 'Decision'}: {decision}**", "",
           "| " + (" | ".join(("条件", "結果", "詳細") if ja else ("Condition", "Result", "Detail"))) + " |",
           "| --- | --- | --- |"]
    for c in r["result"]["conditions"]:
        met = ("満たす" if c["met"] else "満たさない") if ja else ("met" if c["met"] else "not met")
        cells = (_pick(c["text"], lang), met, _pick(c["detail"], lang))
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    if losses:
        out += ["", ("失点の大きい項目: " if ja else "Biggest losses: ") + "; ".join(losses)]
    return "\n".join(out)


