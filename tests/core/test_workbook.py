"""The Excel workbook: written for people, read back to the same assessment, its inputs only.

A person fills or changes the yellow cells in Excel or LibreOffice and opens the workbook again:
the core recomputes everything from the inputs. A workbook that is not ours, a newer one, a
formula in an input cell or text where a count belongs gets a message naming the sheet and cell.
"""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
from fractions import Fraction
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from tests.core.workbooks import edited

from copc_cx.catalog import items_in
from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file as af
from copc_cx.files import workbook as wb
from copc_cx.files import xlsx
from copc_cx.standard import Edition
from copc_cx.web import OPERATIONS

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
NOTES = {"2.15": "根拠: 手順書 v3\n担当: 佐藤", "4.3": "Service dashboard", "4.6": "March review"}
KEPT: dict[str, Any] = {"organisation": "サンプル株式会社", "site": "那覇センター", "assessor": "佐藤 花子",
                        "date": "2026-12-05", "notes": NOTES}


def sample(**changes: Any) -> af.AssessmentFile:
    return af.read_data({**SAMPLE, **KEPT, **changes})



def refused(data: bytes) -> dict[str, str]:
    """{field: English messages (joined)} of a refused workbook; every message in both languages."""
    with pytest.raises(InputError) as error:
        wb.read_workbook(data)
    found: dict[str, str] = {}
    for p in error.value.problems:
        assert p.ja and p.en
        found[p.field] = f"{found[p.field]} | {p.en}" if p.field in found else p.en
    return found


# --- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_json_to_workbook_to_json_keeps_every_input_metadata_and_note(lang: xlsx.Lang) -> None:
    doc = sample()
    opened = wb.read_workbook(wb.write_workbook(doc, lang))
    assert af.self_assessment_input(opened.doc) == af.self_assessment_input(doc)
    assert opened.doc.notes == doc.notes
    assert (opened.doc.organisation, opened.doc.site, opened.doc.assessor, opened.doc.date) == (
        doc.organisation, doc.site, doc.assessor, doc.date)
    assert opened.problems() == ()


def test_a_new_assessment_goes_through_a_workbook_and_back_unchanged() -> None:
    doc = af.blank_file("OSP", digital_assisted=False, organisation="Example")
    assert wb.read_workbook(wb.write_workbook(doc, "en")).doc == doc


@pytest.mark.parametrize("excluded", [None, [], ["2.4"]])
def test_the_scope_goes_through_a_workbook_and_back(excluded: list[str] | None) -> None:
    doc = af.read_data({"edition": "CSP", "human_assisted": False, "excluded": excluded})
    again = wb.read_workbook(wb.write_workbook(doc, "ja")).doc
    assert (again.human_assisted, again.digital_assisted, again.excluded) == (False, True, doc.excluded)


def test_text_in_counts_goes_through_and_is_named_at_its_sheet_and_cell() -> None:
    doc = sample(items={**SAMPLE["items"], "2.15": {"met": "twelve", "applicable": 12, "deployed": 1, "total": 1}})
    opened = wb.read_workbook(wb.write_workbook(doc, "en"))
    assert opened.doc.items["2.15"]["met"] == "twelve"
    [problem] = opened.problems()
    assert problem.field == "items.2.15.met"
    assert problem.en.startswith("Sheet '1.0-3.0', cell D20: ") and "whole number" in problem.en
    assert problem.ja.startswith("シート '1.0-3.0' のセル D20: ")


def test_a_person_changes_two_counts_and_the_core_scores_the_new_inputs() -> None:
    def change(book: Any) -> None:
        rows = {row[0].value: row for row in book["1.0-3.0"].iter_rows(min_row=2)}
        rows["2.8"][3].value = 10  # met: 10 of 10 sub-requirements, as in the guide's fix
        book["4.6"]["D2"].value = 60  # at target: 60 of 100
    before = af.score(sample())
    after = af.score(wb.read_workbook(edited(wb.write_workbook(sample(), "ja"), change)).doc)
    expected = af.score(sample(items={**SAMPLE["items"], "2.8": {**SAMPLE["items"]["2.8"], "met": "10"},
                                      "4.6": {**SAMPLE["items"]["4.6"], "at_target": "60"}}))
    assert after.earned == expected.earned and after.certified == expected.certified
    assert after.conditions == expected.conditions and after.conditions != before.conditions


def test_computed_cells_changed_by_hand_are_ignored() -> None:
    def tamper(book: Any) -> None:
        book["概要"]["B16"].value = 4000  # points earned
        book["1.0-3.0"]["J2"].value = 1  # an item's score
    opened = wb.read_workbook(edited(wb.write_workbook(sample(), "ja"), tamper))
    assert af.self_assessment_input(opened.doc) == af.self_assessment_input(sample())


# --- for people ----------------------------------------------------------------------------------

def test_the_summary_shows_the_scope_the_figures_the_decision_and_every_condition() -> None:
    doc = sample()
    result = af.score(doc)
    book = load_workbook(io.BytesIO(wb.write_workbook(doc, "en")))
    assert book.sheetnames == ["Summary", "1.0-3.0", "4.1 4.2 4.5", "4.3 4.4", "4.6", "Metrics", "Timeline", "copc-cx"]
    assert book["copc-cx"].sheet_state == "hidden"
    values = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert values["Organisation"][0] == "サンプル株式会社" and values["Edition (CSP / OSP)"][0] == "CSP"
    assert values["Applicable points"][0] == result.scope.applicable
    assert values["Points needed (95%)"][0] == float(result.scope.required)
    assert values["Points earned"][0] == float(result.earned)
    assert values["Share of applicable points"][0] == pytest.approx(float(result.percent_of_applicable / 100))
    assert values["Decision"][0] == ("Every condition for certification is met" if result.certified
                                     else "Not every condition for certification is met")
    for condition in result.conditions:
        assert values[condition.text.en] == ("met" if condition.met else "not met", condition.detail.en)


def test_item_sheets_have_a_frozen_header_widths_formats_and_inputs_apart_from_computed_cells() -> None:
    doc = sample()
    scores = {s.number: s for s in af.score(doc).items}
    book = load_workbook(io.BytesIO(wb.write_workbook(doc, "ja")))
    sheet = book["1.0-3.0"]
    header = [c.value for c in sheet[1]]
    assert header[:7] == ["項目", "項目名", "配点", "適合した細目数", "適用される細目数",
                          "完全に運用しているユニット数", "ユニットの総数"]
    assert header[-1] == "メモ（根拠・担当者）"
    assert sheet.freeze_panes == "D2"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "2.15")
    assert row[1].value == next(i.name.ja for i in items_in(Edition.CSP) if i.number == "2.15")
    assert row[2].value == next(i.csp_points for i in items_in(Edition.CSP) if i.number == "2.15")
    assert all(c.fill.fgColor.rgb.endswith(xlsx.INPUT_FILL) for c in row[3:7])
    computed = {header[i]: c for i, c in enumerate(row)}
    assert computed["得点"].fill.fgColor.rgb.endswith(xlsx.COMPUTED_FILL)
    assert computed["得点"].value == float(scores["2.15"].points)
    assert computed["得点率"].number_format.endswith("%")
    assert computed["メモ（根拠・担当者）"].value == NOTES["2.15"]


def test_figures_beside_a_verdict_get_the_decimals_that_keep_their_side_of_it() -> None:
    # 94.9999% of the applicable points must never show as 95.00%
    assert xlsx.places(Fraction(949999, 10000), 95, percent=True) == 4
    assert xlsx.places(Fraction(3840), Fraction(3800)) == 0


# --- what is refused ----------------------------------------------------------------------------

def test_a_workbook_from_elsewhere_is_refused_naming_what_it_lacks() -> None:
    book = Workbook()
    book.active["A1"] = "Budget 2026"  # type: ignore[index]
    out = io.BytesIO()
    book.save(out)
    message = refused(out.getvalue())["file"]
    assert "copc-cx" in message and "sheet" in message


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", "項目,得点\n2.15,3\n".encode(), b"\x00" * 5000])
def test_a_file_that_is_no_workbook_at_all_is_refused(data: bytes) -> None:
    assert "not an Excel workbook" in refused(data)["file"]


def test_a_workbook_from_a_newer_version_says_so() -> None:
    data = edited(wb.write_workbook(sample(), "en"), lambda book: book["copc-cx"].__setitem__("B2", af.VERSION + 1))
    assert "newer" in refused(data)["version"]


def test_a_formula_in_an_input_cell_is_refused_naming_sheet_and_cell() -> None:
    def formula(book: Any) -> None:
        book["4.6"]["D2"].value = "=E2-10"
    message = refused(edited(wb.write_workbook(sample(), "en"), formula))["items.4.6.at_target"]
    assert message.startswith("Sheet '4.6', cell D2:") and "formula" in message and "=E2-10" in message


def test_text_in_a_count_cell_is_named_by_sheet_and_cell() -> None:
    def text(book: Any) -> None:
        book["4.1 4.2 4.5"]["F2"].value = "about fifty"
    opened = wb.read_workbook(edited(wb.write_workbook(sample(), "en"), text))
    [problem] = opened.problems()
    assert problem.field == "items.4.1.total" and problem.en.startswith("Sheet '4.1 4.2 4.5', cell F2:")


def test_a_moved_column_a_renamed_sheet_and_an_unknown_item_are_named() -> None:
    def changes(book: Any) -> None:
        book["4.6"].insert_cols(2)
        book["4.3 4.4"].title = "Channels"
        book["4.1 4.2 4.5"]["A3"].value = "4.9"
    found = refused(edited(wb.write_workbook(sample(), "en"), changes))
    messages = " | ".join(found.values())
    assert "Sheet '4.6', cell B1" in messages and "'4.3 4.4' is missing" in messages
    assert "Sheet '4.1 4.2 4.5', cell A3: item '4.9'" in messages


def test_an_item_number_typed_as_a_number_is_refused_as_ambiguous() -> None:
    def number(book: Any) -> None:
        book["1.0-3.0"]["A2"].value = 1.1
    assert "as text" in " ".join(refused(edited(wb.write_workbook(sample(), "en"), number)).values())


def test_a_zip_bomb_is_refused_before_openpyxl_reads_it() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (xlsx.MAX_UNPACKED_BYTES + 1))
    assert "not an Excel workbook" in refused(out.getvalue())["file"]


# --- the browser's entry point and the core's independence of openpyxl ---------------------------

def test_the_browsers_workbook_operations_write_and_read_base64() -> None:
    written = json.loads(wb.handle(json.dumps({"op": "workbook-write",
                                               "input": {"assessment": {**SAMPLE, **KEPT}, "lang": "en"}})))
    assert written["ok"] and written["result"]["media_type"] == xlsx.MEDIA_TYPE
    assert written["result"]["file_name"] == "copc-cx-サンプル株式会社-那覇センター-2026-12-05.xlsx"
    read = json.loads(wb.handle(json.dumps({"op": "workbook-read", "input": {"data": written["result"]["data"]}})))
    assert read["ok"] and read["result"]["input"] == af.self_assessment_input(sample())
    for request, field in [({"op": "workbook-read", "input": {"data": "%%%"}}, "data"),
                           ({"op": "workbook-read", "input": {"size": 50_000_000}}, "file"),
                           ({"op": "workbook-read", "input": {"data": base64.b64encode(b"x").decode()}}, "file"),
                           ({"op": "workbook-write", "input": {"assessment": {"edition": "ABC"}}}, "edition"),
                           ({"op": "workbook-write", "input": {"assessment": {**SAMPLE}, "lang": "fr"}}, "lang"),
                           ({"op": "workbook-write", "input": []}, "input")]:
        answer = json.loads(wb.handle(json.dumps(request)))
        assert not answer["ok"] and answer["errors"][0]["field"] == field, (request, answer)
    # any other operation is the core's own
    assert json.loads(wb.handle(json.dumps({"op": "catalog", "input": {}})))["ok"]


def test_importing_the_core_and_both_workbook_modules_and_running_every_operation_never_imports_openpyxl() -> None:
    from tests.core.every_operation import REQUESTS

    assert {r["op"] for r in REQUESTS} >= set(OPERATIONS)
    script = (
        "import json, sys\n"
        "import copc_cx, copc_cx.web, copc_cx.files, copc_cx.files.workbook, copc_cx.files.process_workbook\n"
        "import copc_cx.optional, copc_cx.cli\n"
        f"requests = json.loads({json.dumps(json.dumps(REQUESTS))})\n"
        "answers = [copc_cx.web.handle(json.dumps(r)) for r in requests]\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'et_xmlfile'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_an_assessment_that_cannot_be_scored_is_written_with_its_problems_and_read_back_as_it_was() -> None:
    doc = af.read_data({"edition": "CSP", "items": {"2.15": {"met": "x", "applicable": 2}}, "notes": {"2.15": "n"}})
    data = wb.write_workbook(doc, "en")
    rows = [r for r in load_workbook(io.BytesIO(data))["Summary"].iter_rows(min_row=14, values_only=True) if r[0]]
    assert rows[0][0] == "Cannot be scored: correct these inputs:"
    assert [r[0] for r in rows[1:]] == ["items.2.15.met", "items.2.15.deployed", "items.2.15.total"]
    opened = wb.read_workbook(data)
    assert opened.doc.items["2.15"] == {"met": "x", "applicable": 2, "deployed": None, "total": None}
    assert [p.en.split(":")[0] for p in opened.problems()] == [
        "Sheet '1.0-3.0', cell D20", "Sheet '1.0-3.0', cell F20", "Sheet '1.0-3.0', cell G20"]
