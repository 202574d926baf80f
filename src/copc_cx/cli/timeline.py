"""`copc-cx timeline`: the certification timeline from a start date, as text, Markdown or a
calendar file (.ics, written with the optional icalendar package).

    copc-cx timeline --start 2027-03-01 --path fastest
    copc-cx timeline --start 2027-03-01 --audit 2027-12-06 -o plan.ics --lang en
    copc-cx timeline --back --audit 2027-11-01 --path process --block workforce -o plan.md
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import InputError, Problem
from ..text import Text
from ..timeline import KIND_NAMES, PATH_NAMES, Entry, Kind, Plan, PlanPath, StartIs, read_form
from .common import EXIT_BAD_INPUT, EXIT_OK, Lang, language, report_problems

_WORDS = {
    "title": Text("COPC CX 認証の日程", "COPC CX certification timeline"),
    "notices": Text("注意", "Notices"),
    "how": Text("日付の決まり方", "How the dates follow"),
    "date": Text("日付", "Date"),
    "what": Text("項目", "What"),
    "rule": Text("決まり方", "How the date follows"),
    "kind": Text("種類", "Kind"),
    "guide": Text("ガイド", "Guide"),
    "about": Text("目安", "approximate"),
    "if": Text("該当する場合", "applies"),
    "disclaimer": Text("非公式の計画です。日程はCOPC（日本ではプロシード）と確認してください。",
                       "An unofficial plan; confirm the dates with COPC."),
    "no-icalendar": Text("予定表ファイルには icalendar パッケージが必要です（pip install icalendar）。",
                         "The calendar file needs the icalendar package (pip install icalendar)."),
    "written": Text("書き出しました", "Written"),
}


def _w(key: str, lang: Lang) -> str:
    return _t(_WORDS[key], lang)


def _t(text: Text, lang: Lang) -> str:
    return text.ja if lang == "ja" else text.en


def add_parser(commands: Any) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = commands.add_parser(
        "timeline", help="plan the certification steps, deadlines and renewals on the calendar",
        description="The guide's steps, deadlines and renewal windows as dates: forward from a start date, or "
                    "back from a target audit (--back). Text on standard output, or a file with -o "
                    "(.md, or .ics for a calendar program).")
    command.add_argument("--start", metavar="YYYY-MM-DD", help="the kickoff (or the baseline with --start-is)")
    command.add_argument("--start-is", choices=[s.value for s in StartIs], default=StartIs.KICKOFF.value,
                         help="what the start date is (default: kickoff)")
    command.add_argument("--path", choices=[p.value for p in PlanPath], default=PlanPath.FULL.value,
                         help="full (typical pace), fastest, or process certification (with --block)")
    command.add_argument("--block", help="process certification's block (quality, workforce, client-management, "
                                         "people, customer-experience)")
    command.add_argument("--baseline", metavar="YYYY-MM-DD", help="the baseline's date, when booked")
    command.add_argument("--audit", metavar="YYYY-MM-DD", help="the target audit date")
    command.add_argument("--back", action="store_true", help="plan back from --audit: the latest date of each step")
    command.add_argument("--certified", metavar="YYYY-MM-DD", help="when certification was granted, if not on the "
                                                                   "audit's day")
    command.add_argument("--years", default="", help="renewal years to plan (1-10, default 3)")
    command.add_argument("--pst", nargs=3, metavar=("AT_TARGET", "EITHER", "TOTAL"),
                         help="the last PST review: metrics at target, at target or improving, in total; with the "
                              "three flags below, checks the two-year renewal interval")
    command.add_argument("--no-major-nonconformity", action="store_true")
    command.add_argument("--no-internal-audit-nonconformity", action="store_true")
    command.add_argument("--category-4-level-met", action="store_true")
    command.add_argument("--no-contingencies", action="store_true",
                         help="leave out what follows a pending result or a nonconformity")
    command.add_argument("--name", default="", help="the entity's name, for the calendar")
    command.add_argument("--today", metavar="YYYY-MM-DD", help="today's date (default: the system's)")
    command.add_argument("-o", "--output", type=Path, help="write the plan to FILE.md or FILE.ics")
    command.set_defaults(run=run)
    return command


def _request(args: argparse.Namespace) -> dict[str, Any]:
    request: dict[str, Any] = {
        "direction": "backward" if args.back else "forward", "start": args.start or "", "start_is": args.start_is,
        "path": args.path, "block": args.block or "", "baseline": args.baseline or "", "audit": args.audit or "",
        "certified": args.certified or "", "years": args.years, "contingencies": not args.no_contingencies,
        "label": args.name, "today": args.today or date.today().isoformat(),
    }
    if args.pst:
        request["renewal"] = {
            "pst_at_target": args.pst[0], "pst_at_target_or_improving": args.pst[1], "pst_total": args.pst[2],
            "no_major_nonconformity": args.no_major_nonconformity,
            "no_internal_audit_nonconformity": args.no_internal_audit_nonconformity,
            "category_4_level_met": args.category_4_level_met}
    return request


def _dates(entry: Entry) -> str:
    start, end = entry.start.isoformat(), entry.end.isoformat()
    return start if start == end else f"{start} – {end}"


def _kind(entry: Entry, lang: Lang) -> str:
    about = entry.approximate and entry.kind is not Kind.TYPICAL  # "typical" says it already
    return _t(KIND_NAMES[entry.kind], lang) + ((("、" if lang == "ja" else ", ") + _w("about", lang)) if about else "")


def _heading(plan: Plan, lang: Lang) -> str:
    name = f" — {plan.label}" if plan.label else ""
    block = f" ({_t(plan.block.name, lang)})" if plan.block is not None else ""
    return f"{_w('title', lang)}{name}: {_t(PATH_NAMES[plan.path], lang)}{block}"


def as_text(plan: Plan, lang: Lang) -> str:
    lines = [_heading(plan, lang), ""]
    for entry in plan.entries:
        condition = f" [{_t(entry.condition, lang)}]" if entry.condition is not None else ""
        lines.append(f"{_dates(entry):<25} {_t(entry.title, lang)}{condition}")
        lines.append(f"{'':<25}   {_t(entry.rule, lang)} · {_kind(entry, lang)} · {entry.reference}")
    if plan.notices:
        lines += ["", _w("notices", lang) + ":", *(f"  - {_t(n, lang)}" for n in plan.notices)]
    lines += ["", _w("how", lang) + ":", *(f"  - {_t(s, lang)}" for s in plan.steps), "", _w("disclaimer", lang)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(plan: Plan, lang: Lang) -> str:
    header = [_w(k, lang) for k in ("date", "what", "rule", "kind", "guide")]
    lines = [f"# {_heading(plan, lang)}", "", "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for entry in plan.entries:
        what = _t(entry.title, lang) + (f" ({_w('if', lang)}: {_t(entry.condition, lang)})"
                                        if entry.condition is not None else "")
        row = [_dates(entry), what, _t(entry.rule, lang), _kind(entry, lang), entry.reference]
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    if plan.notices:
        lines += ["", f"## {_w('notices', lang)}", "", *(f"- {_t(n, lang)}" for n in plan.notices)]
    lines += ["", f"## {_w('how', lang)}", "", *(f"- {_t(s, lang)}" for s in plan.steps), "",
              f"*{_w('disclaimer', lang)}*"]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    lang = language(args)
    output: Path | None = args.output
    if output is not None and output.suffix.lower() not in (".ics", ".md"):
        report_problems("timeline", [Problem("output", "出力ファイルの拡張子は .ics か .md です。",
                                             "The output file must end in .ics or .md.")], lang)
        return EXIT_BAD_INPUT
    try:
        plan = read_form(_request(args))
    except InputError as error:
        report_problems("timeline", error.problems, lang)
        return EXIT_BAD_INPUT
    if output is None:
        print(as_text(plan, lang), end="")
        return EXIT_OK
    if output.suffix.lower() == ".ics":
        try:
            from ..ical import write_ics
            text = write_ics(plan, lang)
        except ImportError:
            report_problems("timeline", [Problem("output", _WORDS["no-icalendar"].ja, _WORDS["no-icalendar"].en)],
                            lang)
            return EXIT_BAD_INPUT
        output.write_text(text, encoding="utf-8", newline="")  # the file's own CRLF line ends, as RFC 5545 wants
    else:
        output.write_text(as_markdown(plan, lang), encoding="utf-8")
    print(f"{_w('written', lang)}: {output} ({len(plan.entries)})")
    return EXIT_OK
