"""The process-certification check as an Excel workbook: written for people, read back to the same
check, its inputs only.

A person changes the months, the requirements or the notes in Excel or LibreOffice and opens the
workbook again: the core checks the block again from the inputs. A workbook that is not ours, a
newer one, a formula in an input cell or text where a month count belongs gets a message naming the
sheet and cell, in both languages.
"""

from __future__ import annotations

import base64
import io
import json
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from tests.core.workbooks import edited

from copc_cx import catalog
from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.files import process_file as pf
from copc_cx.files import process_workbook as pw
from copc_cx.files import workbook, xlsx
from copc_cx.files.assessment_file import read_data as read_assessment
from copc_cx.web import call

TWO_SITES = EXAMPLES_BY_ID["level-rule-two-sites"].input
ONE_MORE_MONTH = EXAMPLES_BY_ID["level-rule-two-sites-one-more-month"].input
KEPT: dict[str, Any] = {"organisation": "サンプル株式会社", "site": "那覇センター", "assessor": "佐藤 花子",
                        "date": "2026-12-05", "notes": {"2.4": "根拠: 予測の記録\n担当: 佐藤"}}
# the quality block with its optional item, two client metrics of one kind and a site without months
QUALITY: dict[str, Any] = {
    "edition": "OSP", "block": "quality", "include_optional": True, "requirements_met": ["quality.cuika"],
    "entity": {"quality.defect-rate": {"months_at_target": 5, "months_measured": 6},
               "quality.client": {"months_at_target": 6, "months_measured": 6},
               "quality.client:Client B": {"months_at_target": 4, "months_measured": 6}},
    "sites": {"Naha": {"quality.defect-rate": {"months_at_target": 4, "months_measured": 6},
                       "quality.client:Client B": {"months_at_target": 5, "months_measured": 6}},
              "Osaka": {}},
    "notes": {"3.5": "optional item: monitoring"},
}


def sample(**changes: Any) -> pf.ProcessFile:
    return pf.read_data({**TWO_SITES, **KEPT, **changes})



def months_row(book: Any, site: str | None, metric: str) -> int:
    """The months sheet's row of a unit's metric (None: the entity)."""
    sheet = book["Months"] if "Months" in book.sheetnames else book["月数"]
    return next(row for row in range(2, sheet.max_row + 1)
                if sheet[f"B{row}"].value == site and sheet[f"D{row}"].value == metric)


def refused(data: bytes) -> dict[str, str]:
    """{field: English messages (joined)} of a refused workbook; every message in both languages."""
    with pytest.raises(InputError) as error:
        pw.read_workbook(data)
    found: dict[str, str] = {}
    for p in error.value.problems:
        assert p.ja and p.en
        found[p.field] = f"{found[p.field]} | {p.en}" if p.field in found else p.en
    return found


# --- round trips ------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_json_to_workbook_to_json_keeps_every_input_metadata_and_note(lang: xlsx.Lang) -> None:
    doc = sample()
    opened = pw.read_workbook(pw.write_workbook(doc, lang))
    assert opened.doc == doc
    assert pf.dumps(opened.doc) == pf.dumps(doc)  # the same file, keys and units in the same order
    assert opened.problems() == ()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_client_metrics_the_optional_item_and_a_site_without_months_go_through_unchanged(lang: xlsx.Lang) -> None:
    doc = pf.read_data(QUALITY)
    data = pw.write_workbook(doc, lang)
    assert pw.read_workbook(data).doc == doc
    # each unit has a row for Client B, as the calculator shows it for every unit
    book = load_workbook(io.BytesIO(data))
    for site in (None, "Naha", "Osaka"):
        row = months_row(book, site, "quality.client")
        assert book.worksheets[2][f"E{row + 1}"].value == "Client B"


NAME = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs", "Pd")), min_size=1, max_size=12).filter(
    str.strip)
NOTE = st.text(st.one_of(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), st.just("\n")), min_size=1,
               max_size=30).filter(str.strip)
COUNT = st.one_of(st.none(), st.integers(0, 130), st.sampled_from(["三", "twelve", "1.5"]))
METRIC = st.one_of(st.sampled_from(["quality.defect-rate", "quality.customer-critical", "quality.client"]),
                   NAME.map(lambda label: f"quality.client:{label}"))
UNIT = st.dictionaries(METRIC, st.fixed_dictionaries({"months_at_target": COUNT, "months_measured": COUNT}),
                       max_size=4)


BLOCK_REQUIREMENTS = [r.id for r in catalog.block("quality").requirements]


@settings(max_examples=25, deadline=None)
@given(entity=UNIT, sites=st.dictionaries(NAME, UNIT, max_size=3), optional=st.booleans(),
       met=st.lists(st.sampled_from(["quality.cuika", "quality.targets", "quality.people-items"]), unique=True),
       note=st.one_of(st.none(), NOTE), lang=st.sampled_from(["ja", "en"]))
def test_any_check_goes_through_a_workbook_and_back_as_the_file_holds_it(
        entity: dict[str, Any], sites: dict[str, Any], optional: bool, met: list[str], note: str | None,
        lang: xlsx.Lang) -> None:
    doc = pf.read_data({"edition": "CSP", "block": "quality", "include_optional": optional, "requirements_met": met,
                        "entity": entity, "sites": sites, "notes": {"2.7": note} if note else {}})
    opened = pw.read_workbook(pw.write_workbook(doc, lang))
    # the requirements met are a set: the sheet lists them in the block's order
    assert opened.doc == replace(doc, requirements_met=tuple(r for r in BLOCK_REQUIREMENTS if r in met))
    assert sorted(p.field for p in opened.problems()) == sorted(p.field for p in pf.problems(doc))


def test_a_person_gives_site_b_one_more_month_at_target_and_the_core_checks_the_new_months() -> None:
    # the guide's pair of examples: site B's speed of answer at target in 9 months instead of 8
    def one_more(book: Any) -> None:
        book["Months"][f"F{months_row(book, 'B', 'workforce.speed-of-answer')}"].value = 9
    before = pf.check(sample())
    after = pf.check(pw.read_workbook(edited(pw.write_workbook(sample(), "en"), one_more)).doc)
    assert (before.ready, after.ready) == (False, True)
    assert after == pf.check(pf.read_data(ONE_MORE_MONTH))


def test_a_person_adds_a_site_by_copying_rows_and_ticks_a_requirement() -> None:
    def osaka(book: Any) -> None:
        sheet = book["月数"]
        for metric, at_target in (("workforce.speed-of-answer", 10), ("workforce.abandonment", 5)):
            sheet.append(["拠点", "大阪", None, metric, None, at_target, 12])
    doc = sample(requirements_met=[])
    data = edited(pw.write_workbook(doc, "ja"), osaka)
    data = edited(data, lambda book: book["要求"].__setitem__("C2", "yes"))
    opened = pw.read_workbook(data).doc
    assert list(opened.sites) == ["A", "B", "大阪"]
    assert opened.sites["大阪"] == {"workforce.speed-of-answer": {"months_at_target": 10, "months_measured": 12},
                                  "workforce.abandonment": {"months_at_target": 5, "months_measured": 12}}
    assert opened.requirements_met == ("workforce.cuika",)
    assert [u.unit for u in pf.check(opened).units] == ["entity", "A", "B", "大阪"]


def test_computed_cells_changed_by_hand_are_ignored() -> None:
    def tamper(book: Any) -> None:
        book["概要"]["B21"].value = "要求をすべて満たす"  # the decision
        book["月数"]["I2"].value = "満たす"  # a metric's verdict
        book["要求"]["C5"].value = "はい"  # the level rule, computed from the months
    opened = pw.read_workbook(edited(pw.write_workbook(sample(), "ja"), tamper))
    assert opened.doc == sample()
    assert pf.check(opened.doc).ready is False


# --- for people ----------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_summary_shows_the_level_rule_of_each_unit_every_requirement_and_the_decision(lang: xlsx.Lang) -> None:
    doc = sample()
    result = pf.check(doc)
    book = load_workbook(io.BytesIO(pw.write_workbook(doc, lang)))
    titles = {"ja": ["概要", "要求", "月数", "項目", "copc-cx"], "en": ["Summary", "Requirements", "Months", "Items",
                                                                    "copc-cx"]}
    assert book.sheetnames == titles[lang]
    assert book["copc-cx"].sheet_state == "hidden"
    rows = {row[0]: row[1:] for row in book.worksheets[0].iter_rows(values_only=True) if row[0]}
    en = lang == "en"
    holds = ("fails", "holds") if en else ("満たさない", "満たす")
    met = ("not met", "met") if en else ("満たさない", "満たす")
    assert rows["Organisation" if en else "組織名"][0] == "サンプル株式会社"
    assert rows["Block" if en else "ブロック"][0] == "workforce"
    assert rows["Items certified together" if en else "同時に認証される項目"][0] == ", ".join(result.items)
    for name, unit in zip(["Entity", "Site A", "Site B"] if en else ["主体組織", "拠点 A", "拠点 B"], result.units,
                          strict=True):
        verdict, detail = rows[f"Level rule: {name}" if en else f"レベル要求: {name}"]
        assert verdict == holds[unit.level.holds]
        assert detail == (unit.level.steps[-1].en if en else unit.level.steps[-1].ja)
    unmet = {r.id for r in result.unmet_requirements}
    for requirement in result.block.requirements:
        assert rows[requirement.text.en if en else requirement.text.ja][0] == met[requirement.id not in unmet]
    assert rows["Decision" if en else "判定"][0] == (
        "Some requirements are not met" if en else "満たしていない要求がある")


def test_the_months_sheet_has_a_frozen_header_widths_and_inputs_apart_from_computed_cells() -> None:
    doc = sample()
    book = load_workbook(io.BytesIO(pw.write_workbook(doc, "en")))
    sheet = book["Months"]
    assert [c.value for c in sheet[1]] == [h.en for _, h in pw.MONTHS_COLUMNS]
    assert sheet.freeze_panes == "D2" and sheet.auto_filter.ref
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    row = sheet[months_row(book, "B", "workforce.speed-of-answer")]
    cells = {key: row[i] for i, (key, _) in enumerate(pw.MONTHS_COLUMNS)}
    for key in pw.MONTHS_INPUTS:
        assert cells[key].fill.fgColor.rgb.endswith(xlsx.INPUT_FILL), key
    for key in ("name", "months_needed", "meets"):
        assert cells[key].fill.fgColor.rgb.endswith(xlsx.COMPUTED_FILL), key
    assert (cells["months_at_target"].value, cells["months_measured"].value) == (8, 12)
    # the level rule needs 9 of 12 months (3/4): site B's speed of answer does not meet it
    assert (cells["months_needed"].value, cells["meets"].value) == (9, "does not meet")
    for title in ("Summary", "Requirements", "Items"):
        assert book[title].freeze_panes, title
    assert book["Requirements"]["C2"].fill.fgColor.rgb.endswith(xlsx.INPUT_FILL)
    assert book["Items"]["D2"].value == KEPT["notes"]["2.4"]


# --- what is refused ----------------------------------------------------------------------------

def test_text_in_a_months_cell_opens_as_a_problem_naming_the_sheet_and_cell() -> None:
    def text(book: Any) -> None:
        book["Months"][f"G{months_row(book, 'A', 'workforce.abandonment')}"].value = "a year"
    opened = pw.read_workbook(edited(pw.write_workbook(sample(), "en"), text))
    assert opened.doc.sites["A"]["workforce.abandonment"]["months_measured"] == "a year"
    [problem] = opened.problems()
    assert problem.field == "sites.A.workforce.abandonment.months_measured"
    assert problem.en.startswith("Sheet 'Months', cell G13: ")
    assert problem.ja.startswith("シート 'Months' のセル G13: ")


def test_a_formula_in_an_input_cell_is_refused_naming_the_sheet_and_cell() -> None:
    def formula(book: Any) -> None:
        book["Months"]["F2"].value = "=G2-2"
    message = refused(edited(pw.write_workbook(sample(), "en"), formula))[
        "entity.workforce.speed-of-answer.months_at_target"]
    assert message.startswith("Sheet 'Months', cell F2:") and "formula" in message and "=G2-2" in message


def test_a_workbook_from_elsewhere_is_refused_naming_what_it_lacks() -> None:
    book = Workbook()
    book.active["A1"] = "Budget 2026"  # type: ignore[index]
    message = refused(xlsx.save(book))["file"]
    assert "process-certification check" in message and "'copc-cx'" in message


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 broken", "単位,月数\n拠点,3\n".encode(), b"\x00" * 5000])
def test_a_file_that_is_no_workbook_at_all_is_refused(data: bytes) -> None:
    assert "not an Excel workbook" in refused(data)["file"]


def test_a_20_mb_file_is_refused_as_too_large_before_it_is_read() -> None:
    assert "too large" in refused(b"PK\x03\x04" + bytes(20_000_000))["file"]
    answer = json.loads(pw.handle(json.dumps({"op": "process-workbook-read", "input": {"size": 20_000_000}})))
    assert not answer["ok"] and answer["errors"][0]["field"] == "file" and "20,000,000" in answer["errors"][0]["en"]


def test_a_self_assessment_workbook_says_where_it_opens_and_a_process_workbook_likewise() -> None:
    assessment = workbook.write_workbook(read_assessment({"edition": "CSP"}), "en")
    assert "self-assessment calculator" in refused(assessment)["format"]
    with pytest.raises(InputError) as error:
        workbook.read_workbook(pw.write_workbook(sample(), "en"))
    assert "process-certification calculator" in error.value.problems[0].en


def test_a_workbook_from_a_newer_version_says_so() -> None:
    data = edited(pw.write_workbook(sample(), "en"), lambda book: book["copc-cx"].__setitem__("B2", 2))
    assert "newer" in refused(data)["version"]


def test_a_moved_column_a_renamed_sheet_an_unknown_unit_and_a_bad_answer_are_named() -> None:
    def changes(book: Any) -> None:
        book["Items"].insert_cols(2)
        book["Requirements"]["C3"].value = "maybe"
        book["Months"]["A5"].value = "Region"
        book["Summary"]["B10"].value = "perhaps"
    found = refused(edited(pw.write_workbook(sample(), "en"), changes))
    messages = " | ".join(found.values())
    assert "Sheet 'Items', cell B1: the header 'Name'" in messages
    assert "Sheet 'Requirements', cell C3: enter yes or no" in messages
    assert "Sheet 'Months', cell A5: the unit is 'Entity' or 'Site'" in messages
    assert "Sheet 'Summary', cell B10: enter yes or no" in messages
    renamed = refused(edited(pw.write_workbook(sample(), "en"), lambda book: setattr(book["Months"], "title", "M")))
    assert "'Months' is missing" in renamed["file"]


def test_a_block_named_in_either_language_is_taken_and_an_unknown_one_is_named_at_its_cell() -> None:
    def named(book: Any) -> None:
        book["Summary"]["B9"].value = "ワークフォース管理"
    assert pw.read_workbook(edited(pw.write_workbook(sample(), "en"), named)).doc.block == "workforce"
    unknown = edited(pw.write_workbook(sample(), "en"), lambda book: book["Summary"].__setitem__("B9", "speed"))
    assert refused(unknown)["block"].startswith("Sheet 'Summary', cell B9: There is no block 'speed'")


def test_a_check_that_cannot_be_checked_is_written_with_its_problems_and_read_back_as_it_was() -> None:
    doc = sample(sites={}, entity={"workforce.abandonment": {"months_at_target": "x", "months_measured": 12}})
    data = pw.write_workbook(doc, "en")
    rows = [r for r in load_workbook(io.BytesIO(data))["Summary"].iter_rows(min_row=13, values_only=True) if r[0]]
    assert rows[0][0] == "Cannot be checked: correct these inputs:"
    assert {r[0] for r in rows[1:]} == {p.field for p in pf.problems(doc)}
    opened = pw.read_workbook(data)
    assert opened.doc == doc
    located = {p.field: p.en for p in opened.problems()}
    assert located["entity.workforce.abandonment.months_at_target"].startswith("Sheet 'Months', cell F3:")


# --- the browser's entry point ----------------------------------------------------------------

def test_the_browsers_process_workbook_operations_write_and_read_base64() -> None:
    written = json.loads(pw.handle(json.dumps({"op": "process-workbook-write",
                                               "input": {"assessment": {**TWO_SITES, **KEPT}, "lang": "ja"}})))
    assert written["ok"] and written["result"]["media_type"] == xlsx.MEDIA_TYPE
    assert written["result"]["file_name"] == "copc-cx-process-workforce-サンプル株式会社-那覇センター-2026-12-05.xlsx"
    read = json.loads(pw.handle(json.dumps({"op": "process-workbook-read",
                                            "input": {"data": written["result"]["data"]}})))
    assert read["ok"] and read["result"]["input"] == pf.process_input(sample())
    # the same answer as opening the JSON file, but for the file's name
    as_json = call({"op": "process-file-read", "input": {"text": pf.dumps(sample())}})["result"]
    assert {**read["result"], "file_name": as_json["file_name"]} == as_json
    for request, field in [({"op": "process-workbook-read", "input": {"data": "%%%"}}, "data"),
                           ({"op": "process-workbook-read", "input": {"data": base64.b64encode(b"x").decode()}},
                            "file"),
                           ({"op": "process-workbook-write", "input": {"assessment": {"edition": "ABC"}}}, "edition"),
                           ({"op": "process-workbook-write", "input": {"assessment": TWO_SITES, "lang": "fr"}}, "lang"),
                           ({"op": "process-workbook-write", "input": []}, "input")]:
        answer = json.loads(pw.handle(json.dumps(request)))
        assert not answer["ok"] and answer["errors"][0]["field"] == field, (request, answer)
    assert json.loads(pw.handle(json.dumps({"op": "catalog", "input": {}})))["ok"]  # the core's own
