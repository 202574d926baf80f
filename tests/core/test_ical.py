"""The timeline as a calendar file (copc_cx.ical): it parses back with icalendar and carries what
Outlook, Google Calendar and Apple Calendar need; the core never imports icalendar on its own."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from tests.core.every_operation import REQUESTS

from copc_cx.ical import PRODID, handle, plan_key, write_ics
from copc_cx.timeline import Shape, plan, plan_back

SRC = Path(__file__).resolve().parents[2] / "src"
STAMP = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)


def events(text: str) -> list[icalendar.Component]:
    calendar = icalendar.Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_file_parses_back_with_one_all_day_event_per_entry(lang: str) -> None:
    p = plan(date(2027, 3, 1), path="fastest", label="さくら")
    text = write_ics(p, "ja" if lang == "ja" else "en", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    assert (str(calendar["VERSION"]), str(calendar["PRODID"]), str(calendar["METHOD"])) == ("2.0", PRODID, "PUBLISH")
    found = events(text)
    assert len(found) == len(p.entries)
    for event, entry in zip(found, p.entries, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION"):
            assert required in event, (required, entry.id)
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # all-day: DATE values (not date-times), DTEND the day after the last day
        assert type(start) is date and type(end) is date
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert (start, end) == (entry.start, entry.end + timedelta(days=1))
        assert event.decoded("DTSTAMP") == STAMP
        assert entry.reference in str(event["DESCRIPTION"])
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["SUMMARY"]).startswith("[さくら] ")
    assert len({str(e["UID"]) for e in found}) == len(found)


def test_deadlines_and_conditional_entries_say_so_in_their_title() -> None:
    p = plan(date(2027, 3, 1), path="fastest")
    by_uid = {str(e["UID"]).split("-" + plan_key(p))[0]: e for e in events(write_ics(p, "en", stamp=STAMP))}
    assert str(by_uid["step-8"]["SUMMARY"]) == "Deadline: Step 8: Internal audit and COPC review"
    assert p.entry("step-8").shape is Shape.DEADLINE
    assert "(If the audit ends pending)" in str(by_uid["correction"]["SUMMARY"])
    assert "Approximate" in str(by_uid["step-8"]["DESCRIPTION"])


def test_lines_are_folded_within_75_octets_and_end_in_crlf() -> None:
    text = write_ics(plan(date(2027, 3, 1), path="process", block="client-management"), "ja", stamp=STAMP)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert max(len(line.encode("utf-8")) for line in text.split("\r\n")) <= 75


def test_moving_the_target_audit_keeps_each_event_s_uid() -> None:
    """Imported again after the audit moved, the events update instead of doubling."""
    first = plan(date(2027, 3, 1), path="fastest")
    moved = plan(date(2027, 3, 1), path="fastest", audit=date(2027, 12, 6))
    uids = [{str(e["UID"]) for e in events(write_ics(p, "en", stamp=STAMP))} for p in (first, moved)]
    assert uids[0] == uids[1]
    other_site = plan(date(2027, 3, 1), path="fastest", label="Site B")
    assert not uids[0] & {str(e["UID"]) for e in events(write_ics(other_site, "en", stamp=STAMP))}


def test_a_backward_plan_writes_a_file_too() -> None:
    text = write_ics(plan_back(date(2027, 11, 1), path="full"), "en", stamp=STAMP)
    assert any(str(e["SUMMARY"]) == "Earliest baseline assessment" for e in events(text))


def test_the_browser_entry_answers_the_file_or_errors_at_the_field() -> None:
    ok = json.loads(handle(json.dumps({"op": "timeline-ics", "input": {"start": "2027-03-01", "lang": "en"}})))
    assert ok["ok"] and ok["result"]["media_type"] == "text/calendar"
    assert ok["result"]["file_name"] == "copc-timeline-full-2027-03-01.ics"
    assert events(ok["result"]["text"])
    bad = json.loads(handle(json.dumps({"op": "timeline-ics", "input": {"start": "2026-02-30"}})))
    assert [e["field"] for e in bad["errors"]] == ["start"]
    assert json.loads(handle(json.dumps({"op": "timeline"})))["errors"][0]["field"] == "op"


def test_asked_before_its_package_is_loaded_the_file_says_which_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # what a browser has before loading the wheels
    answer = json.loads(handle(json.dumps({"op": "timeline-ics", "input": {"start": "2027-03-01"}})))
    assert answer["errors"][0]["field"] == "request" and "icalendar" in answer["errors"][0]["en"]


def test_importing_the_core_and_running_every_operation_never_imports_icalendar() -> None:
    """The browser's core stays standard-library-only: only write_ics imports icalendar."""
    script = """
import sys
import copc_cx, copc_cx.ical, copc_cx.cli.timeline
import json
from copc_cx.web import call
for request in json.loads(sys.argv[1]):
    call(request)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("icalendar", "dateutil", "tzdata"))
assert not loaded, loaded
"""
    requests = [*REQUESTS, {"op": "timeline", "input": {"direction": "backward", "audit": "2027-11-01",
                                                          "path": "process", "block": "people"}}]
    done = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(SRC)!r})\n{script}",
                           json.dumps(requests)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
