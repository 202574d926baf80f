"""`copc-cx score`: the result the calculator shows, for each assessment file (JSON or Excel).

A file with a metrics table is scored as the browser scores it after the table's hand-over: each of
4.1-4.6 the table counts takes the table's counts (assessment_file), and the output says so, with
the counts per item and each item whose typed counts were replaced.

Exit status: 0 every file certified, 1 one or more not certified, 2 a file could not be scored
(it is reported on standard error, the others are still scored).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..files import assessment_file
from ..standard import METRIC_TYPE_NAMES
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
            "edition": doc.edition, "result": assessment_json(loaded.scored(), with_items),
            "metrics": metrics_summary(doc, loaded.notices())}


def metrics_summary(doc: assessment_file.AssessmentFile, notices: tuple[Problem, ...]) -> dict[str, Any] | None:
    """What the file's metrics table gave (None without one): its size, the items it filled, the counts
    per item (and per metric type for 4.3/4.4), and the notices of typed counts it replaced."""
    if doc.metrics is None:
        return None
    result, _ = assessment_file.metrics_result(doc.edition, doc.metrics)
    assert result is not None  # a table with problems stops the scoring before this
    return {
        "metrics": len(result["metrics"]), "unfilled": len(result["unfilled"]), "months": result["months"],
        "items_filled": list(doc.metric_items),
        "items": [{"item": i["item"], "name": i["name"], "counts": i["counts"],
                   "by_type": {t: c["counts"] for t, c in i["by_type"].items()}}
                  for i in result["items"] if i["counts"]["total"]],
        "notices": [n.as_dict() for n in notices],
    }


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


def _metrics_lines(r: dict[str, Any], lang: Lang) -> list[str]:
    """The metrics table's part: what it holds, which items it filled and their counts, notices."""
    m = r["metrics"]
    if m is None:
        return []
    ja = lang == "ja"
    months = f"{m['months'][0]}{'〜' if ja else ' to '}{m['months'][-1]}" if m["months"] else "—"
    filled = ", ".join(m["items_filled"]) or ("なし" if ja else "none")
    lines = [f"指標表: {m['metrics']} 指標（{months}）。指標表から数えた項目: {filled}" if ja else
             f"Metrics table: {m['metrics']} metrics ({months}); items counted from it: {filled}"]
    names = {t.value: n for t, n in METRIC_TYPE_NAMES.items()}

    def counts(c: dict[str, int]) -> str:
        return (f"{c['total']} 指標中 目標達成 {c['at_target']}、改善中 {c['improving']}" if ja else
                f"{c['at_target']} of {c['total']} at target, {c['improving']} improving")

    for item in m["items"]:
        by_type = "; ".join(f"{getattr(names[t], lang)} {counts(c)}" for t, c in item["by_type"].items())
        lines.append(f"  {item['item']} {_pick(item['name'], lang)}: {by_type or counts(item['counts'])}")
    lines += [f"  ⚠ {_pick(n, lang)}" for n in m["notices"]]
    return lines


def text(r: dict[str, Any], lang: Lang) -> str:
    ja = lang == "ja"
    decision, figures, losses = _lines(r, lang)
    out = [f"{r['file']}: {_heading(r)}", *(f"  {f}" for f in figures),
           *(f"  {line}" for line in _metrics_lines(r, lang)), "  " + ("条件:" if ja else "Conditions:")]
    for c in r["result"]["conditions"]:
        out.append(f"    {'✓' if c['met'] else '✗'} {_pick(c['text'], lang)}: {_pick(c['detail'], lang)}")
    out.append(f"  {'判定' if ja else 'Decision'}: {decision}")
    if losses:
        out.append("  " + ("失点の大きい項目: " if ja else "Biggest losses: ") + "; ".join(losses))
    return "\n".join(out)


def markdown(r: dict[str, Any], lang: Lang) -> str:
    ja = lang == "ja"
    decision, figures, losses = _lines(r, lang)
    metrics = _metrics_lines(r, lang)
    out = [f"## {_heading(r) or r['file']}", "", f"`{r['file']}`", "", *(f"- {f}" for f in figures),
           *(f"- {line}" if n == 0 else f"  - {line.strip()}" for n, line in enumerate(metrics)),
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


