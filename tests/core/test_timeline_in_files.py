"""The certification timeline kept with an assessment: an optional `timeline` key of the assessment
file (the "timeline" operation's input), the workbook's timeline sheet (JSON -> xlsx -> JSON keeps
it; a bad cell is named by its sheet and cell), and a section of the reports when the file or the
request has one."""

from __future__ import annotations

import io
import json
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.core.workbooks import edited

from copc_cx import report
from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.files import assessment_file, xlsx
from copc_cx.files import workbook as wb
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


# --- the workbook's timeline sheet ------------------------------------------------------------------

SAMPLE = EXAMPLES_BY_ID["pending-at-96"].input  # the self-assessment's worked example
KEPT = {"start": "2027-03-01", "path": "fastest", "audit": "2027-12-06", "years": "4", "contingencies": False,
        "label": "那覇センター", "renewal": {"no_major_nonconformity": True, "no_internal_audit_nonconformity": False,
                                          "category_4_level_met": True, "pst_at_target": 14,
                                          "pst_at_target_or_improving": "16", "pst_total": 20}}
SHEET = {"ja": "日程", "en": "Timeline"}


def with_timeline(plan: dict[str, Any] | None, base: dict[str, Any] | None = None) -> assessment_file.AssessmentFile:
    return assessment_file.read_data({**(SAMPLE if base is None else base), "timeline": plan})



def row_of(field: str) -> int:
    return next(row for key, _, row in wb.TIMELINE_INPUTS if key == field)


@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("plan", [MARCH, KEPT, {"direction": "backward", "audit": "2028-03-31", "path": "process",
                                                "block": "quality"}])
def test_json_to_workbook_to_json_keeps_the_timeline(lang: xlsx.Lang, plan: dict[str, Any]) -> None:
    doc = with_timeline(plan)
    opened = wb.read_workbook(wb.write_workbook(doc, lang)).doc
    assert opened.timeline == doc.timeline == plan
    assert assessment_file.self_assessment_input(opened) == assessment_file.self_assessment_input(doc)
    # and on to a JSON file again
    assert json.loads(assessment_file.dumps(opened))["timeline"] == plan


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_timeline_sheet_has_the_inputs_as_inputs_and_every_planned_date_computed(lang: xlsx.Lang) -> None:
    doc = with_timeline(MARCH)
    book = load_workbook(io.BytesIO(wb.write_workbook(doc, lang)))
    assert book.sheetnames.index(SHEET[lang]) == len(book.sheetnames) - 2  # before the hidden format sheet
    sheet = book[SHEET[lang]]
    start = sheet[f"B{row_of('start')}"]
    assert isinstance(start.value, datetime) and start.value.date() == date(2027, 3, 1)
    assert start.number_format == "yyyy-mm-dd"
    assert start.fill.fgColor.rgb.endswith(xlsx.INPUT_FILL)
    assert sheet[f"B{row_of('path')}"].value == "fastest"
    assert "fastest = " in sheet[f"C{row_of('path')}"].value
    assert sheet[f"A{row_of('path')}"].value == ("経路" if lang == "ja" else "Path")
    planned = read_form(MARCH)
    rows = list(sheet.iter_rows(min_row=wb.TIMELINE_DATES_ROW + 1, values_only=True))
    assert len(rows) == len(planned.entries)
    audit = planned.entry("step-9")
    [found] = [r for r in rows if r[4] == audit.reference and r[2] == getattr(audit.title, lang)]
    assert isinstance(found[0], datetime) and found[0].date() == audit.start
    first = sheet.cell(wb.TIMELINE_DATES_ROW + 1, 1)
    assert first.fill.fgColor.rgb.endswith(xlsx.COMPUTED_FILL)


def test_an_assessment_without_a_timeline_gets_an_empty_sheet_to_fill_and_reads_back_without_one() -> None:
    doc = with_timeline(None)
    data = wb.write_workbook(doc, "en")
    sheet = load_workbook(io.BytesIO(data))["Timeline"]
    assert all(sheet[f"B{row}"].value is None for _, _, row in wb.TIMELINE_INPUTS)
    assert sheet.cell(wb.TIMELINE_DATES_ROW + 1, 1).value is None
    assert wb.read_workbook(data).doc.timeline is None

    # a person fills in a start date (a date cell, as Excel makes one) and a path by its name
    def plan(book: Any) -> None:
        book["Timeline"][f"B{row_of('start')}"] = date(2027, 3, 1)
        book["Timeline"][f"B{row_of('path')}"] = "Full certification, fastest pace"
    assert wb.read_workbook(edited(data, plan)).doc.timeline == {"start": "2027-03-01", "path": "fastest"}


def test_a_workbook_written_before_the_timeline_sheet_still_opens() -> None:
    data = edited(wb.write_workbook(with_timeline(MARCH), "ja"), lambda book: book.remove(book["日程"]))
    opened = wb.read_workbook(data).doc
    assert opened.timeline is None
    assert assessment_file.self_assessment_input(opened) == assessment_file.self_assessment_input(with_timeline(MARCH))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_bad_date_in_the_timeline_sheet_is_named_by_its_sheet_and_cell_in_both_languages(lang: xlsx.Lang) -> None:
    cell = f"B{row_of('start')}"

    def bad(book: Any) -> None:
        book[SHEET[lang]][cell] = "2027-02-30"
    with pytest.raises(InputError) as refused:
        wb.read_workbook(edited(wb.write_workbook(with_timeline(MARCH), lang), bad))
    [problem] = refused.value.problems
    assert problem.field == "timeline.start"
    assert problem.ja.startswith(f"シート '{SHEET[lang]}' のセル {cell}: ") and "2027-02-30" in problem.ja
    assert problem.en.startswith(f"Sheet '{SHEET[lang]}', cell {cell}: ") and "no such day" in problem.en


def test_a_bad_yes_no_a_formula_and_a_moved_row_in_the_timeline_sheet_are_named_at_their_cells() -> None:
    flag, years = f"B{row_of('contingencies')}", f"B{row_of('years')}"

    def bad(book: Any) -> None:
        book["Timeline"][flag] = "maybe"
        book["Timeline"][years] = "=1+2"
    with pytest.raises(InputError) as refused:
        wb.read_workbook(edited(wb.write_workbook(with_timeline(KEPT), "en"), bad))
    found = {p.field: p for p in refused.value.problems}
    assert set(found) == {"timeline.contingencies", "timeline.years"}
    assert found["timeline.contingencies"].en == f"Sheet 'Timeline', cell {flag}: enter yes or no."
    assert found["timeline.contingencies"].ja.startswith(f"シート 'Timeline' のセル {flag}: ")
    assert "formula" in found["timeline.years"].en and years in found["timeline.years"].en

    with pytest.raises(InputError) as refused:
        wb.read_workbook(edited(wb.write_workbook(with_timeline(KEPT), "en"),
                                lambda book: book["Timeline"].insert_rows(5)))
    [moved] = refused.value.problems
    assert moved.en.startswith("Sheet 'Timeline', cell A5: the row 'The start date is' belongs here")


def test_a_timeline_the_plan_refuses_in_the_sheet_is_named_at_the_cell_of_its_field() -> None:
    def slow(book: Any) -> None:
        book["Timeline"][f"B{row_of('path')}"] = "slow"
    with pytest.raises(InputError) as refused:
        wb.read_workbook(edited(wb.write_workbook(with_timeline(MARCH), "en"), slow))
    [problem] = refused.value.problems
    assert problem.field == "timeline.path" and problem.en.startswith(f"Sheet 'Timeline', cell B{row_of('path')}: ")


DAY = st.dates(date(2026, 1, 1), date(2034, 12, 31))
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1, max_size=20).filter(str.strip)


def iso(day: date, slash: bool) -> str:
    return day.strftime("%Y/%m/%d" if slash else "%Y-%m-%d")


@st.composite
def timelines(draw: st.DrawFn) -> dict[str, Any]:
    """A timeline the "timeline" operation takes, with the kinds of values a file holds: dates as text
    (now and then with slashes, as a person types them), counts as numbers or as the form's text."""
    plan: dict[str, Any] = {}
    slash = draw(st.booleans())
    backward = draw(st.booleans())
    start = draw(DAY)
    if backward:
        plan["direction"] = "backward"
        plan["audit"] = iso(start + timedelta(days=draw(st.integers(300, 700))), slash)
    else:
        if draw(st.booleans()):
            plan["direction"] = "forward"
        plan["start"] = iso(start, slash)
        if draw(st.booleans()):
            plan["start_is"] = draw(st.sampled_from(["kickoff", "baseline"]))
        if draw(st.booleans()):
            plan["audit"] = iso(start + timedelta(days=draw(st.integers(250, 500))), slash)
    path = draw(st.sampled_from([None, "full", "fastest", "process"]))
    if path is not None:
        plan["path"] = path
    if path == "process":
        plan["block"] = draw(st.sampled_from(["quality", "workforce", "people", "customer-experience"]))
    years = draw(st.one_of(st.none(), st.integers(1, 10), st.integers(1, 10).map(str)))
    if years is not None:
        plan["years"] = years
    if draw(st.booleans()):
        plan["contingencies"] = draw(st.booleans())
    label = draw(st.one_of(st.none(), TEXT))
    if label is not None:
        plan["label"] = label
    if draw(st.booleans()):
        total = draw(st.integers(1, 60))
        improving = draw(st.integers(0, total))
        at_target = draw(st.integers(0, improving))
        counts = {"pst_at_target": at_target, "pst_at_target_or_improving": improving, "pst_total": total}
        plan["renewal"] = {
            **{k: draw(st.booleans()) for k in ("no_major_nonconformity", "no_internal_audit_nonconformity",
                                                "category_4_level_met")},
            **{k: str(v) if draw(st.booleans()) else v for k, v in counts.items()}}
    return plan


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(plan=timelines(), lang=st.sampled_from(["ja", "en"]))
def test_any_timeline_goes_through_the_file_and_a_workbook_and_back_as_the_file_holds_it(
        plan: dict[str, Any], lang: xlsx.Lang) -> None:
    try:
        read_form(plan)
    except InputError:
        assume(False)  # a plan the operation refuses is no file's
    doc = with_timeline(plan, base=assessment_file.to_data(assessment_file.blank_file("CSP")))
    assert doc.timeline == plan
    assert assessment_file.read_text(assessment_file.dumps(doc)) == doc
    assert wb.read_workbook(wb.write_workbook(doc, lang)).doc == doc
