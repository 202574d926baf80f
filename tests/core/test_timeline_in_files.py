"""The certification timeline kept with an assessment: an optional `timeline` key of the assessment
file (the "timeline" operation's input) and a section of the reports when the file or the request
has one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from copc_cx import report
from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.files import assessment_file
from copc_cx.timeline import fmt_date, read_form
from copc_cx.web import call, read_self_assessment

MARCH = dict(EXAMPLES_BY_ID["timeline-fastest-march"].input)  # the fastest path from a March kickoff


def a_file(**extra: Any) -> str:
    return json.dumps({"format": "copc-cx-assessment", "version": 1, "edition": "CSP", "items": {}, **extra})


def test_a_file_keeps_its_timeline_as_the_operation_takes_it_without_the_readers_today() -> None:
    doc = assessment_file.read_text(a_file(timeline={**MARCH, "today": "2026-12-05"}))
    assert doc.timeline == MARCH
    again = assessment_file.read_text(assessment_file.dumps(doc))
    assert again == doc
    assert json.loads(assessment_file.dumps(doc))["timeline"] == MARCH


def test_a_file_without_a_timeline_is_written_as_before() -> None:
    doc = assessment_file.read_text(a_file())
    assert doc.timeline is None
    assert "timeline" not in json.loads(assessment_file.dumps(doc))


def test_a_timeline_the_operation_refuses_is_refused_at_its_place_in_the_file() -> None:
    with pytest.raises(InputError) as refused:
        assessment_file.read_text(a_file(timeline={**MARCH, "start": "2027-02-30"}))
    assert [p.field for p in refused.value.problems] == ["timeline.start"]
    with pytest.raises(InputError) as refused:
        assessment_file.read_text(a_file(timeline="next March"))
    assert [p.field for p in refused.value.problems] == ["timeline"]


def test_the_file_read_operation_hands_the_timeline_back_to_the_page() -> None:
    response = call({"op": "assessment-file-read", "input": {"text": a_file(timeline=MARCH)}})
    assert response["ok"], response
    assert response["result"]["assessment"]["timeline"] == MARCH


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_report_lists_every_date_of_the_kept_timeline(lang: report.Lang) -> None:
    planned = read_form(MARCH)
    edition, inputs, args = read_self_assessment({"edition": "CSP", "items": {}})
    document = report.self_assessment_report(edition, inputs, **args, lang=lang,
                                             metadata=report.Metadata(timeline=planned))
    section = next(s for s in document.sections if s.id == "timeline")
    table = next(b for b in section.blocks if isinstance(b, report.Table))
    assert len(table.rows) == len(planned.entries)
    audit = next(e for e in planned.entries if e.id == "step-9")
    first = getattr(fmt_date(audit.start), lang)
    assert any(row[0].text == first and row[3].text == audit.reference for row in table.rows)
    # an approximate date is said to be one
    review = next(row for row in table.rows if row[3].text and "Step 8" in row[1].text)
    assert ("目安" if lang == "ja" else "approximate") in review[2].text
    # the decision still comes first, and a report without a timeline has no such section
    assert [s.id for s in document.sections].index("timeline") > [s.id for s in document.sections].index("decision")
    plain = report.self_assessment_report(edition, inputs, **args, lang=lang)
    assert "timeline" not in [s.id for s in plain.sections]


def test_the_report_operations_take_the_timeline_and_say_its_problems_at_its_fields() -> None:
    answered = call({"op": "self-assessment-report", "input": {"edition": "CSP", "items": {}, "lang": "en",
                                                                 "timeline": MARCH}})
    assert answered["ok"], answered
    assert "Certification timeline" in answered["result"]["html"]
    refused = call({"op": "self-assessment-report", "input": {"edition": "CSP", "items": {},
                                                               "timeline": {**MARCH, "path": "slow"}}})
    assert not refused["ok"]
    assert [e["field"] for e in refused["errors"]] == ["timeline.path"]
