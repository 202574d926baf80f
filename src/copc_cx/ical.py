"""The timeline as a calendar file (.ics, RFC 5545), written with the `icalendar` package.

`icalendar` is not a dependency of the core: only `write_ics` imports it, so importing copc_cx and
running every operation of copc_cx.web never does (the browser's core stays standard-library-only
and loads icalendar's wheels only when a reader asks for the file). In the browser, once those
wheels are loaded, `handle(request_json)` answers like copc_cx.web.handle for the operation
"timeline-ics": its input is the "timeline" operation's plus "lang" ("ja" or "en"), its result
{"file_name", "media_type", "text"}.

What calendar programs need and get: VERSION and PRODID (Outlook refuses a file without them),
METHOD:PUBLISH (imported as events, not as meeting invitations), one VEVENT per entry with UID,
DTSTAMP, DTSTART and DTEND as DATE values (all-day; DTEND is the day after the last, as RFC 5545
has it, which Google Calendar, Apple Calendar and Outlook all read), SUMMARY, DESCRIPTION with the
rule and the guide's reference, and TRANSP:TRANSPARENT so that months-long windows do not show
the reader as busy. Each UID is the entry's id with a key made from the plan's fixed inputs (the
path, the block, the start and the name), so a plan imported again after moving the target audit
updates its events instead of adding copies.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from .errors import InputError, Problem
from .text import Text
from .timeline import KIND_NAMES, Plan, Shape, read_form
from .web import Json, Operation
from .web import handle as web_handle

Lang = Literal["ja", "en"]
PRODID = "-//copc-cx//COPC CX certification timeline (unofficial)//EN"
PACKAGES = ("icalendar", "python-dateutil", "tzdata")  # the wheels the browser loads before calling handle()

_WORDS = {
    "deadline": Text("期限", "Deadline"),
    "about": Text("目安", "Approximate"),
    "kind": Text("種類", "Kind"),
    "rule": Text("日付の決まり方", "How the date follows"),
    "guide": Text("ガイド", "Guide"),
    "when": Text("該当する場合", "Applies"),
    "calendar": Text("COPC CX 認証の日程", "COPC CX certification timeline"),
    "disclaimer": Text("非公式の計画です。日程はCOPC（日本ではプロシード）と確認してください。",
                       "An unofficial plan; confirm the dates with COPC."),
}


def _w(key: str, lang: Lang) -> str:
    return getattr(_WORDS[key], lang)  # type: ignore[no-any-return]


def _t(text: Text, lang: Lang) -> str:
    return text.ja if lang == "ja" else text.en


def plan_key(plan: Plan) -> str:
    """What identifies a plan across edits of its target audit: the path, the block, the start
    (the kickoff, the baseline, or the audit when the plan runs backward) and the name."""
    anchor = plan.audit if plan.direction.value == "backward" else (plan.kickoff or plan.baseline)
    parts = [plan.direction.value, plan.path.value, plan.block.id if plan.block else "", plan.start_is.value,
             anchor.isoformat(), plan.label]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def file_name(plan: Plan) -> str:
    return f"copc-timeline-{plan.path.value}-{(plan.kickoff or plan.baseline).isoformat()}.ics"


def write_ics(plan: Plan, lang: Lang = "ja", *, stamp: datetime | None = None) -> str:
    """The plan as the text of an .ics file: one all-day event per entry. `stamp` (UTC) is each
    event's DTSTAMP, the time the file was made (now when not given)."""
    import icalendar  # optional: only this function needs it

    stamp = (stamp or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    key = plan_key(plan)
    title = _w("calendar", lang) + (f": {plan.label}" if plan.label else "")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", title)
    for entry in plan.entries:
        summary = _t(entry.title, lang)
        if entry.shape is Shape.DEADLINE:
            summary = f"{_w('deadline', lang)}: {summary}"
        if entry.condition is not None:
            summary += f"（{entry.condition.ja}）" if lang == "ja" else f" ({entry.condition.en})"
        if plan.label:
            summary = f"[{plan.label}] {summary}"
        lines = [
            _t(entry.note, lang),
            f"{_w('rule', lang)}: {_t(entry.rule, lang)}",
            f"{_w('kind', lang)}: {_t(KIND_NAMES[entry.kind], lang)}"
            + (f" ({_w('about', lang)})" if entry.approximate else ""),
        ]
        if entry.condition is not None:
            lines.append(f"{_w('when', lang)}: {_t(entry.condition, lang)}")
        lines += [f"{_w('guide', lang)}: {entry.reference}", _w("disclaimer", lang)]
        event = icalendar.Event()
        event.add("uid", f"{entry.id}-{key}@copc-cx.timeline")
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + timedelta(days=1))
        event.add("summary", summary)
        event.add("description", "\n".join(lines))
        event.add("categories", ["COPC"])
        event.add("transp", "TRANSPARENT")
        event.add("x-microsoft-cdo-alldayevent", "TRUE")
        calendar.add_component(event)
    text: bytes = calendar.to_ical()
    return text.decode("utf-8")


def _timeline_ics(data: Mapping[str, Any]) -> tuple[Json, list[Text]]:
    lang = data.get("lang", "ja")
    plan = read_form({k: v for k, v in data.items() if k != "lang"})
    chosen: Lang = "en" if lang == "en" else "ja"
    try:
        text = write_ics(plan, chosen)
    except ImportError as missing:  # the page asked before loading the wheels: say which, not "internal error"
        raise InputError([Problem("request", f"予定表ファイルに必要なパッケージ（{missing.name}）が"
                                  "読み込まれていません。",
                                  f"The package the calendar file needs ({missing.name}) is not loaded.")]) from None
    return {"file_name": file_name(plan), "media_type": "text/calendar", "text": text}, list(plan.steps)


OPERATIONS: dict[str, Operation] = {
    "timeline-ics": Operation(_timeline_ics, Text("日程の予定表ファイル（.ics）",
                                                  "The timeline as a calendar file (.ics)")),
}


def handle(request_json: str) -> str:
    """copc_cx.web.handle for the operations here (icalendar must be importable)."""
    return web_handle(request_json, OPERATIONS)
