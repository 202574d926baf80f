"""The metrics table kept with an assessment: an optional `metrics` section of the assessment file
(the metrics-table operation's input without its edition) and a metrics sheet in its workbook.

Category 4.0 then comes from the metrics, as the metrics table's hand-over to the self-assessment
does it; a file without metrics reads and writes as before (format version 1).
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.core.workbooks import edited

from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.files import assessment_file as af
from copc_cx.files import workbook as wb
from copc_cx.files import xlsx
from copc_cx.web import call

BY_TYPE = EXAMPLES_BY_ID["metrics-4.3-by-type"].input  # 4.3 by metric type, two months
RULE_50_75 = EXAMPLES_BY_ID["metrics-50-75"].input  # 100 metrics for 4.6, improvement by the rule
READINGS = EXAMPLES_BY_ID["metrics-level-readings"].input  # a block's level rule, two sites


def table_of(example: Mapping[str, Any]) -> dict[str, Any]:
    """A metrics example's table as a file keeps it: the operation's input without the edition."""
    return {k: v for k, v in example.items() if k != "edition"}


def a_file(edition: str = "CSP", **extra: Any) -> dict[str, Any]:
    return {"format": af.FORMAT, "version": 1, "edition": edition, "organisation": "那覇センター", "items": {}, **extra}


def derived(doc: af.AssessmentFile) -> dict[str, Any]:
    """What the file's metrics table gives (the metrics-table operation's result)."""
    assert doc.metrics is not None
    result, problems = af.metrics_result(doc.edition, doc.metrics)
    assert result is not None and problems == ()
    return result



def workbook_refused(data: bytes) -> dict[str, str]:
    with pytest.raises(InputError) as error:
        wb.read_workbook(data)
    for p in error.value.problems:
        assert p.ja and p.en
    return {p.field: p.en for p in error.value.problems}


# --- the JSON file ------------------------------------------------------------------------------

def test_a_file_without_metrics_is_read_and_written_as_version_1_as_before() -> None:
    doc = af.read_data(a_file(items={"4.1": {"achieved": 3, "improving": 1, "total": 5}}))
    assert doc.metrics is None and doc.metric_items == () and doc.notices == ()
    data = json.loads(af.dumps(doc))
    assert data["version"] == 1 and "metrics" not in data
    assert af.read_text(af.dumps(doc)) == doc


def test_a_file_with_metrics_is_version_2_and_a_reader_of_version_1_says_it_is_newer() -> None:
    text = af.dumps(af.read_data(a_file(metrics=table_of(BY_TYPE))))
    assert json.loads(text)["version"] == af.METRICS_VERSION == 2
    with pytest.raises(InputError) as refused:
        af.check_version(json.loads(text), af.FORMAT, latest=1)  # what the core read before metrics
    [problem] = refused.value.problems
    assert problem.field == "version" and "newer" in problem.en and "reload the site" in problem.en


@pytest.mark.parametrize("example", ["metrics-4.3-by-type", "metrics-50-75", "metrics-level-readings"])
def test_the_metrics_go_through_the_file_and_back_with_the_same_counts(example: str) -> None:
    table = table_of(EXAMPLES_BY_ID[example].input)
    doc = af.read_data(a_file(metrics=table))
    again = af.read_text(af.dumps(doc))
    assert again == doc and again.metrics == doc.metrics
    assert len(again.metrics["rows"]) == len(table["rows"])  # type: ignore[index]
    assert derived(again) == call({"op": "metrics-table", "input": EXAMPLES_BY_ID[example].input})["result"]


def test_category_4_comes_from_the_metrics_as_the_hand_over_puts_it_in_the_self_assessment() -> None:
    handed = call({"op": "metrics-table", "input": BY_TYPE})["result"]["self_assessment_items"]
    typed = {"4.3": {"types": {"service": {"achieved": 1, "improving": 0, "total": 9}}},
             "4.5": {"achieved": 2, "improving": 1, "total": 4}}
    text = json.dumps(a_file(items=typed, metrics=table_of(BY_TYPE)))
    doc = af.read_text(text)
    read = call({"op": "assessment-file-read", "input": {"text": text}})["result"]
    assert set(doc.metric_items) == set(handed) == set(read["metric_items"])
    for number, counts in handed.items():  # the table's counts, as the hand-over sends them
        assert json.loads(json.dumps(read["input"]["items"][number]), parse_int=str) == counts
    assert read["input"]["items"]["4.5"] == typed["4.5"]  # an item the table does not count keeps its input
    [notice] = doc.notices  # the typed 4.3 differed: said, in both languages
    assert notice.field == "items.4.3" and "replace those typed" in notice.en and "置き換えました" in notice.ja
    assert read["notices"] == [notice.as_dict()]
    assert af.read_text(af.dumps(doc)).notices == ()  # saved with the table's counts: nothing to say again


def test_a_cell_the_metrics_table_refuses_is_a_problem_at_its_place_and_fills_nothing() -> None:
    table = json.loads(json.dumps(table_of(BY_TYPE)))
    table["rows"][2]["target"] = "ninety"
    table["rows"][4]["results"][1] = "n/a?"
    typed = {"4.3": {"types": {"service": {"achieved": 1, "improving": 0, "total": 2}}}}
    doc = af.read_data(a_file(items=typed, metrics=table))  # the file opens: the form shows the cells
    assert doc.items["4.3"] == typed["4.3"] and doc.metric_items == ()
    problems = {p.field: p for p in af.problems(doc)}
    assert {"metrics.rows.2.target", "metrics.rows.4.results.1"} <= set(problems)
    assert problems["metrics.rows.2.target"].en.startswith("Metrics table: Row 3, target: ")
    assert problems["metrics.rows.2.target"].ja.startswith("指標表の3行目の「目標」")
    with pytest.raises(InputError):
        af.score(doc)  # category 4.0 would be the table's: no score while it has problems


@pytest.mark.parametrize(("metrics", "field"), [
    ("a table", "metrics"),
    ({"rows": [{"name": "AHT"}, 7]}, "metrics.rows.1"),
    ({"rows": [{"name": {"ja": "AHT"}}]}, "metrics.rows.0.name"),
    ({"rows": [{"name": "AHT", "results": "310"}]}, "metrics.rows.0.results"),
    ({"rows": [{"name": "AHT", "colour": "red"}]}, "metrics.rows.0.colour"),
    ({"rows": [], "months": "2026-01"}, "metrics.months"),
    ({"rows": [], "sheet": 1}, "metrics.sheet"),
])
def test_a_metrics_section_of_the_wrong_shape_is_refused_at_its_place(metrics: Any, field: str) -> None:
    with pytest.raises(InputError) as refused:
        af.read_data(a_file(metrics=metrics))
    assert field in {p.field for p in refused.value.problems}
    assert all(p.ja and p.en for p in refused.value.problems)


def test_choices_are_kept_as_the_table_reads_them_best_and_numbers_as_typed() -> None:
    row = {"name": "顧客満足度", "item": "4.1", "level": "プログラム", "unit": "P01", "target": "85%",
           "direction": "高いほど良い", "cui": "○", "results": ["84", "８６"]}
    doc = af.read_data(a_file(metrics={"months": ["2026年1月", "2026-02"], "rows": [row, {"name": " "}]}))
    assert doc.metrics == {"months": ["2026年1月", "2026-02"], "improvement": "reader", "level_reading": "each-metric",
                           "rows": [{**row, "level": "program", "direction": "higher", "cui": "yes", "type": "",
                                     "improving": "", "in_4_6": "", "block_metric": "", "site": ""}]}


# --- the workbook -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["ja", "en"])
@pytest.mark.parametrize("example", ["metrics-4.3-by-type", "metrics-50-75", "metrics-level-readings"])
def test_json_to_workbook_to_json_keeps_every_metric(lang: xlsx.Lang, example: str) -> None:
    doc = af.read_data(a_file(metrics=table_of(EXAMPLES_BY_ID[example].input)))
    opened = wb.read_workbook(wb.write_workbook(doc, lang))
    assert opened.doc.metrics == doc.metrics
    assert opened.doc.metric_items == doc.metric_items and opened.doc.items == {**opened.doc.items, **doc.items}
    assert derived(opened.doc) == derived(doc)
    assert json.loads(af.dumps(opened.doc))["metrics"] == json.loads(af.dumps(doc))["metrics"]


def test_the_metrics_sheet_shows_each_metric_with_its_status_and_months_at_target() -> None:
    doc = af.read_data(a_file(metrics={**table_of(RULE_50_75), "period_months": 3}))
    book = load_workbook(io.BytesIO(wb.write_workbook(doc, "en")))
    sheet = book["Metrics"]
    header = [c.value for c in sheet[wb.METRICS_HEADER_ROW]]
    assert header[:15] == ["Metric", "Item", "Type", "Level", "Client or program", "Meets CUI", "Target", "Better when",
                           "Improving", "In 4.6", "Process-certification metric", "Site", "Status",
                           "Months at target", "Months with a result"]
    assert header[15:] == RULE_50_75["months"]
    assert [sheet[f"{c}3"].value for c in "AB"] == ["Continuous improvement", "last-three-better"]
    assert sheet["B6"].value == 3
    statuses = {m["row"]: m for m in derived(doc)["metrics"]}
    first = wb.METRICS_HEADER_ROW + 1
    for i, row in enumerate(sheet.iter_rows(min_row=first, values_only=True)):
        status = statuses[i]
        assert row[0] == RULE_50_75["rows"][i]["name"] and row[6] == int(RULE_50_75["rows"][i]["target"])
        assert row[12] == wb.METRIC_STATUS_NAMES[status["status"]].en
        assert (row[13], row[14]) == (status["months_at_target"], status["months_measured"])
        assert sheet.cell(first + i, 13).fill.fgColor.rgb.endswith(xlsx.COMPUTED_FILL)
        assert sheet.cell(first + i, 16).fill.fgColor.rgb.endswith(xlsx.INPUT_FILL)
    ja = load_workbook(io.BytesIO(wb.write_workbook(doc, "ja")))["指標表"]
    assert ja.cell(wb.METRICS_HEADER_ROW, 1).value == "指標名" and ja.cell(first, 4).value == "プログラム"


def test_a_workbook_without_metrics_has_an_empty_metrics_sheet_to_fill() -> None:
    doc = af.blank_file("CSP", organisation="Example")
    data = wb.write_workbook(doc, "en")
    book = load_workbook(io.BytesIO(data))
    assert "Metrics" in book.sheetnames and book["copc-cx"]["B2"].value == 1
    assert wb.read_workbook(data).doc == doc

    def fill(book: Any) -> None:  # a person types two months and a metric
        sheet = book["Metrics"]
        sheet["P8"], sheet["Q8"] = "2026-01", "2026-02"
        for column, value in zip("ABDGH", ["Service level", "4.3", "entity", 80, "higher"], strict=True):
            sheet[f"{column}9"] = value
        sheet["C9"], sheet["P9"], sheet["Q9"] = "service", 78, 81.5
    opened = wb.read_workbook(edited(data, fill))
    assert opened.doc.metrics is not None and opened.doc.metrics["rows"][0]["results"] == ["78", "81.5"]
    assert opened.doc.items["4.3"] == {"types": {"service": {"achieved": 1, "improving": 0, "total": 1}}}


def test_a_workbook_written_before_the_metrics_sheet_still_opens() -> None:
    data = edited(wb.write_workbook(af.read_data(a_file(items={"4.5": {"achieved": 1, "improving": 0, "total": 2}})),
                                    "ja"), lambda book: book.remove(book["指標表"]))
    assert wb.read_workbook(data).doc.metrics is None


def test_a_person_adds_a_month_and_a_date_heading_reads_as_its_month() -> None:
    doc = af.read_data(a_file(metrics=table_of(BY_TYPE)))

    def add_month(book: Any) -> None:
        sheet = book["Metrics"]
        sheet["R8"] = datetime(2025, 1, 1)  # Excel makes a date of "2025-01" typed in a cell
        sheet["R9"] = 93
    opened = wb.read_workbook(edited(wb.write_workbook(doc, "en"), add_month))
    assert opened.doc.metrics is not None
    assert opened.doc.metrics["months"] == [*BY_TYPE["months"], "2025-01"]
    assert opened.doc.metrics["rows"][0]["results"][-1] == "93"


def test_text_where_a_number_belongs_on_the_metrics_sheet_is_named_at_its_sheet_and_cell() -> None:
    doc = af.read_data(a_file(metrics=table_of(BY_TYPE)))

    def mistype(book: Any) -> None:
        book["Metrics"]["G10"] = "ninety"  # the second metric's target
        book["Metrics"]["Q11"] = "91 pct"  # the third metric's second month
    opened = wb.read_workbook(edited(wb.write_workbook(doc, "en"), mistype))
    problems = {p.field: p for p in opened.problems()}
    assert problems["metrics.rows.1.target"].en.startswith("Sheet 'Metrics', cell G10: Metrics table: Row 2, target")
    assert problems["metrics.rows.2.results.1"].ja.startswith("シート 'Metrics' のセル Q11: ")
    read = json.loads(wb.handle(json.dumps({"op": "workbook-read", "input": {
        "data": base64.b64encode(edited(wb.write_workbook(doc, "en"), mistype)).decode()}})))
    assert {p["field"] for p in read["result"]["problems"]} >= {"metrics.rows.1.target", "metrics.rows.2.results.1"}


def test_a_formula_in_a_metrics_input_cell_is_refused_at_its_sheet_and_cell() -> None:
    doc = af.read_data(a_file(metrics=table_of(BY_TYPE)))
    data = edited(wb.write_workbook(doc, "ja"), lambda book: book["指標表"].__setitem__("P9", "=AVERAGE(1,2)"))
    refused = workbook_refused(data)
    assert refused["metrics.rows.0.results.0"].startswith("Sheet '指標表', cell P9: an input cell holds a formula")


def test_computed_cells_on_the_metrics_sheet_changed_by_hand_are_ignored() -> None:
    doc = af.read_data(a_file(metrics=table_of(BY_TYPE)))

    def tamper(book: Any) -> None:
        book["Metrics"]["M9"] = "At target"
        book["Metrics"]["N9"] = "=1+1"
    again = wb.read_workbook(edited(wb.write_workbook(doc, "en"), tamper)).doc
    assert again.metrics == doc.metrics and af.self_assessment_input(again) == af.self_assessment_input(doc)


def test_a_typed_count_on_an_item_sheet_gives_way_to_the_metrics_and_is_said_at_its_cell() -> None:
    doc = af.read_data(a_file(metrics=table_of(BY_TYPE)))
    opened = wb.read_workbook(edited(wb.write_workbook(doc, "en"), lambda book: book["4.3 4.4"].__setitem__("D2", 9)))
    assert opened.doc.items["4.3"] == doc.items["4.3"]
    [notice] = opened.notices()
    assert notice.field == "items.4.3" and notice.en.startswith("Sheet '4.3 4.4', cell A2: 4.3: the counts from")


def test_a_result_under_no_month_is_not_dropped_by_the_workbook_but_named_at_its_heading() -> None:
    row = {"name": "AHT", "item": "4.1", "level": "entity", "target": "300", "direction": "lower",
           "results": ["310", "305"]}
    doc = af.read_data(a_file(metrics={"months": ["2026-01"], "rows": [row], "period_months": "1"}))
    assert doc.metrics is not None and doc.metrics["period_months"] == 1
    assert [p.field for p in af.problems(doc)] == ["metrics.rows.0.results"]  # two results, one month
    opened = wb.read_workbook(wb.write_workbook(doc, "en"))
    assert opened.doc.metrics is not None and opened.doc.metrics["rows"][0]["results"] == ["310", "305"]
    [problem] = opened.problems()
    assert problem.field == "metrics.months.1" and problem.en.startswith("Sheet 'Metrics', cell Q8: ")
