"""Pasting a metrics table from a spreadsheet (or importing a CSV): the preview says how each column
was understood and where each problem is, keeps everything typed, and changes nothing; the export
writes the table back in the same formats. Bad input is refused at its cell, in both languages, by
the preview and by the table itself."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copc_cx import metrics_io
from copc_cx.standard import Edition
from copc_cx.web import call

# A made-up CSP with three programs, as a Japanese spreadsheet holds it (tab-separated, as copied)
SHEET_JA = "\n".join("\t".join(cells) for cells in [
    ["指標名", "項目", "指標タイプ", "レベル", "プログラム", "目標", "良い方向", "改善中", "メモ",
     "2024/10", "2024/11", "2024/12"],
    ["顧客の総合満足度", "4.1", "", "プログラム", "保険", "80%", "高いほど良い", "", "", "78%", "79%", "81%"],
    ["顧客の総合満足度", "4.1", "", "プログラム", "カード", "80%", "高いほど良い", "はい", "", "70%", "72%", "75%"],
    ["顧客の総合不満足度", "4.1", "", "プログラム", "保険", "5", "低いほど良い", "", "調査は四半期", "", "", "4.5"],
    ["サービスレベル", "４．３", "サービス", "プログラム", "保険", "80", "高い", "", "", "82", "79", "83"],
    ["放棄呼率", "4.3", "サービス", "プログラム", "カード", "5", "低い", "", "", "6", "5.5", "五"],
    ["応対品質", "4.3", "品質", "プログラム", "保険", "90", "高い", "", "", "91", "92", "93"],
    ["平均処理時間の達成率", "4.3", "効率", "プログラム", "ローン", "", "高い", "", "", "95", "97", "99"],
    ["単位当たりのコスト", "4.2", "", "主体組織", "", "1,200", "低い", "", "", "1,250", "1,230", "1,190"],
])


def preview(text: str, edition: str = "CSP", **more: Any) -> dict[str, Any]:
    response = call({"op": "metrics-paste", "input": {"edition": edition, "text": text, **more}})
    assert response["ok"], response.get("errors")
    result = response["result"]
    assert isinstance(result, dict)
    return result


def table_errors(data: dict[str, Any]) -> list[dict[str, str]]:
    response = call({"op": "metrics-table", "input": data})
    assert not response["ok"]
    errors = response["errors"]
    assert isinstance(errors, list)
    return errors


def test_the_preview_shows_how_each_column_was_understood() -> None:
    result = preview(SHEET_JA)
    assert result["format"] == "tsv"
    understood = {c["heading"]: (c["as"], c["month"]) for c in result["columns"]}
    assert understood["指標名"] == ("name", None) and understood["プログラム"] == ("unit", None)
    assert understood["2024/12"] == ("results", "2024-12")
    assert understood["メモ"] == (None, None)  # kept in each row's cells, not read
    assert result["table"]["months"] == ["2024-10", "2024-11", "2024-12"]
    first = result["table"]["rows"][0]
    assert first == {"name": "顧客の総合満足度", "item": "4.1", "type": "", "level": "program", "unit": "保険",
                     "target": "80%", "direction": "higher", "improving": "", "results": ["78%", "79%", "81%"]}
    assert result["table"]["rows"][3]["item"] == "4.3" and result["table"]["rows"][5]["type"] == "quality"


def test_the_two_flagged_rows_are_named_at_their_cells_then_fixed() -> None:
    result = preview(SHEET_JA)
    assert not result["ready"]
    cells = {p["cell"]: p for p in result["problems"]}
    assert set(cells) == {"L6", "F8"}  # 放棄呼率's December result "五", 平均処理時間の達成率's missing target
    assert cells["L6"]["field"] == "rows.4.results.2" and cells["F8"]["field"] == "rows.6.target"
    assert cells["L6"]["ja"].startswith("6行目・L列（2024-12の結果）") and "not a number" in cells["L6"]["en"]
    assert cells["F8"]["en"].startswith("Row 8, column F (target)") and "目標がありません" in cells["F8"]["ja"]
    # nothing typed is lost: every row's text and cells come back, the bad cells as typed
    assert [r["line"] for r in result["rows"]] == list(range(2, 10))
    assert result["rows"][4]["text"] == SHEET_JA.split("\n")[5] and result["rows"][4]["cells"][11] == "五"
    assert result["table"]["rows"][4]["results"][2] == "五"
    table = result["table"]
    table["rows"][4]["results"][2] = "5.2"
    table["rows"][6]["target"] = "100"
    response = call({"op": "metrics-table", "input": table})
    assert response["ok"], response.get("errors")
    items = {i["item"]: i for i in response["result"]["items"]}
    assert items["4.1"]["counts"] == {"at_target": 2, "improving": 1, "total": 3}
    assert items["4.2a"]["counts"]["at_target"] == 1  # 1,190 against 1,200, lower is better
    assert items["4.3"]["problems"] == []  # no sales metric: three types, a third each
    assert items["4.3"]["by_type"]["service"]["rows"]["other"] == [4]  # 放棄呼率 at 5.2 against 5, lower is better
    assert response["result"]["self_assessment_items"]["4.3"]["types"].keys() == {"service", "quality", "efficiency"}


def test_english_headings_and_csv_with_quotes_across_lines() -> None:
    text = ('\ufeffMetric,Item,Type,Level,Client or program,Target,Better when,Improving,Jan 2025,Feb-25\r\n'
            '"Service level, phone",4.3,service,program,Retail,80,higher,no,81,"82"\r\n'
            '"Notes\nacross two lines",4.3,quality,program,Retail,90,higher,,88,91\r\n')
    result = preview(text)
    assert result["format"] == "csv" and result["table"]["months"] == ["2025-01", "2025-02"]
    assert [r["row"]["name"] for r in result["rows"]] == ["Service level, phone", "Notes\nacross two lines"]
    assert result["rows"][1]["line"] == 3 and result["rows"][1]["text"].count("\n") == 1
    assert result["ready"] and result["problems"] == []


def test_a_spreadsheet_set_up_for_decimal_commas_writes_semicolons() -> None:
    result = preview("Metric;Item;Level;Target;Better when;2025-01\nA;4.1;entity;80;higher;85\n")
    assert result["format"] == "csv" and result["ready"]


@pytest.mark.parametrize("heading", ["2024-04", "2024/4", "2024年4月", "202404", "2024/4/1", "Apr 2024", "Apr-24",
                                     "2024-04-01 00:00:00", "２０２４年４月"])
def test_month_headings_in_the_ways_sheets_write_them(heading: str) -> None:
    result = preview(f"Metric\tItem\tLevel\tTarget\tBetter when\t{heading}\nA\t4.1\tentity\t80\thigher\t85")
    assert result["table"]["months"] == ["2024-04"]


def test_missing_columns_are_named_once_at_the_headings() -> None:
    result = preview("指標名\t項目\t2024-04\nA\t4.1\t85\nB\t4.1\t70")
    missing = [p for p in result["problems"] if p["field"].startswith("columns.")]
    assert {p["field"] for p in missing} == {"columns.level", "columns.target", "columns.direction"}
    assert all(p["line"] == 1 for p in missing)
    assert not [p for p in result["problems"] if p["field"].startswith("rows.")]


def test_text_that_is_not_a_table() -> None:
    result = preview("just some words\nand more")
    assert not result["ready"] and result["problems"][0]["field"] == "columns"
    assert [r["text"] for r in result["rows"]] == ["and more"]
    empty = preview("   \n\n")
    assert empty["problems"][0]["field"] == "text" and empty["rows"] == []


# --- every kind of bad input, at its cell, in the preview and in the table -------------------------

HEAD = ["Metric", "Item", "Type", "Level", "Client or program", "Target", "Better when"]


def sheet(*rows: list[str], months: tuple[str, ...] = ("2024-11", "2024-12")) -> str:
    return "\n".join("\t".join(r) for r in [HEAD + list(months), *rows])


GOOD = ["Satisfaction", "4.1", "", "program", "P1", "80", "higher", "79", "81"]


@pytest.mark.parametrize(("bad", "cell", "field", "en", "ja"), [
    (["Satisfaction", "4.1", "", "program", "P1", "80", "higher", "79", "n/k"], "I2", "rows.0.results.1",
     "not a number", "数値ではありません"),
    (["Satisfaction", "4.1", "", "program", "P1", "", "higher", "79", "81"], "F2", "rows.0.target",
     "no target", "目標がありません"),
    (["Satisfaction", "4.7", "", "program", "P1", "80", "higher", "79", "81"], "B2", "rows.0.item",
     "not one of the items", "項目ではありません"),
    (["Service level", "4.3", "speed", "program", "P1", "80", "higher", "79", "81"], "C2", "rows.0.type",
     "not a metric type", "指標タイプではありません"),
    (["Service level", "4.3", "", "program", "P1", "80", "higher", "79", "81"], "C2", "rows.0.type",
     "needs its type", "タイプ"),
    (["Satisfaction", "4.2b", "", "program", "P1", "80", "higher", "79", "81"], "B2", "rows.0.item",
     "not in the CSP edition", "CSP版にありません"),
    (["Satisfaction", "4.1", "", "program", "", "80", "higher", "79", "81"], "E2", "rows.0.unit",
     "program name", "プログラム名"),
    (["Satisfaction", "4.1", "", "program", "P1", "80", "sideways", "79", "81"], "G2", "rows.0.direction",
     "higher or lower", "高いほど良い"),
])
def test_bad_input_is_refused_at_its_cell(bad: list[str], cell: str, field: str, en: str, ja: str) -> None:
    result = preview(sheet(bad))
    [problem] = result["problems"]
    assert (problem["cell"], problem["field"]) == (cell, field)
    assert en in problem["en"] and ja in problem["ja"]
    assert problem["en"].startswith(f"Row 2, column {cell[0]}") and problem["ja"].startswith(f"2行目・{cell[0]}列")
    # the table refuses the same cell, naming the row and the column
    [error] = table_errors(result["table"])
    assert error["field"] == field and en in error["en"] and ja in error["ja"]
    assert error["en"].startswith("Row 1, ") and error["ja"].startswith("1行目の「")


def test_the_same_metric_twice_is_refused_at_the_second_one() -> None:
    result = preview(sheet(GOOD, ["Other", "4.1", "", "program", "P1", "80", "higher", "79", "81"],
                           ["satisfaction ", "4.1", "", "PROGRAM", "p1", "85", "higher", "79", "81"]))
    [problem] = result["problems"]
    assert problem["cell"] == "A4" and "row 2 too" in problem["en"] and "2行目にも" in problem["ja"]
    [error] = table_errors(result["table"])
    assert error["field"] == "rows.2.name" and "row 1 too" in error["en"]
    # the same name for another program is another metric
    assert preview(sheet(GOOD, ["Satisfaction", "4.1", "", "program", "P2", "80", "higher", "79", "81"]))["ready"]


def test_a_month_twice_is_refused_at_its_heading() -> None:
    result = preview(sheet([*GOOD, "83"], months=("2024-11", "2024-12", "2024/12")))
    [problem] = result["problems"]
    assert problem["cell"] == "J1" and "second 2024-12 column" in problem["en"]
    assert result["table"]["months"] == ["2024-11", "2024-12"]  # the second one is not read
    assert result["rows"][0]["cells"][9] == "83"  # but kept
    errors = table_errors({"edition": "CSP", "months": ["2024-11", "2024-12", "2024-12"],
                           "rows": [{**dict(zip(["name", "item", "type", "level", "unit", "target", "direction"],
                                                GOOD, strict=False)), "results": ["79", "81", "83"]}]})
    assert [e["field"] for e in errors] == ["months.2"] and "2024-12 appears twice" in errors[0]["en"]


def test_every_problem_of_a_table_comes_back_at_once() -> None:
    errors = table_errors({"edition": "CSP", "months": ["2024-11", "soon"], "rows": [
        {"name": "", "item": "4.9", "level": "program", "unit": "P", "target": "x", "direction": "up",
         "results": ["1", "abc"]}], "improvement": "hope", "period_months": "0"})
    assert {e["field"] for e in errors} == {"improvement", "period_months", "months.1", "rows.0.results.1",
                                            "rows.0.target", "rows.0.name", "rows.0.item"}


@pytest.mark.parametrize(("data", "field"), [
    ({"edition": "CSP", "months": "2024-01", "rows": []}, "months"),
    ({"edition": "CSP", "months": [], "rows": {"a": 1}}, "rows"),
    ({"edition": "CSP", "months": ["2024-01"], "rows": [5]}, "rows.0"),
    ({"edition": "CSP", "months": ["2024-01"], "rows": [{"name": ["A"], "item": "4.1", "target": "1",
                                                          "results": ["1"]}]}, "rows.0.name"),
    ({"edition": "CSP", "months": ["2024-01"], "rows": [{"name": "A", "item": "4.1", "level": "entity",
                                                          "target": "1", "direction": "higher",
                                                          "results": ["1", "2"]}]}, "rows.0.results"),
    ({"edition": "CSP", "months": ["2024-01"], "rows": [{}] * 5_001}, "rows"),
    ({"edition": "XSP", "months": [], "rows": []}, "edition"),
    ({"edition": "CSP", "months": [], "rows": [], "block": "client-management"}, "block"),
])
def test_the_wrong_shape_is_refused_at_its_place(data: dict[str, Any], field: str) -> None:
    assert field in [e["field"] for e in table_errors(data)]


# --- export, and back -------------------------------------------------------------------------------

def test_export_writes_the_table_in_the_reader_s_language_and_reads_back() -> None:
    table = preview(SHEET_JA)["table"]
    text = call({"op": "metrics-export", "input": {**table, "format": "tsv", "lang": "en"}})["result"]["text"]
    header, first = text.split("\n")[:2]
    assert header.startswith("Metric\tItem\tType\tLevel\tClient or program\tMeets CUI\tTarget\tBetter when")
    assert header.endswith("2024-10\t2024-11\t2024-12")
    assert first.split("\t")[:8] == ["顧客の総合満足度", "4.1", "", "Program", "保険", "", "80%", "Higher is better"]
    again = preview(text)["table"]
    assert [r["results"] for r in again["rows"]] == [r["results"] for r in table["rows"]]
    assert [r["direction"] for r in again["rows"]] == [r["direction"] for r in table["rows"]]


@st.composite
def typed_tables(draw: st.DrawFn) -> dict[str, Any]:
    text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
    months = draw(st.lists(st.sampled_from([f"2024-{m:02d}" for m in range(1, 13)]), unique=True, max_size=4))
    rows = [{
        "name": draw(text).strip() or "M", "item": draw(st.sampled_from(["4.1", "4.3", "4.5", "4.7", ""])),
        "type": draw(st.sampled_from(["", "service", "quality", "odd"])),
        "level": draw(st.sampled_from(["entity", "client", "program", "?"])), "unit": draw(text).strip(),
        "cui": draw(st.sampled_from(["", "yes", "no"])), "target": draw(st.sampled_from(["", "80", "5.5", "x"])),
        "direction": draw(st.sampled_from(["higher", "lower", ""])),
        "improving": draw(st.sampled_from(["", "yes", "no"])), "in_4_6": draw(st.sampled_from(["", "yes", "no"])),
        "block_metric": "", "site": draw(text).strip(),
        "results": [draw(st.sampled_from(["", "1", "2.5", "n/k", "1,000"])) for _ in months],
    } for _ in range(draw(st.integers(1, 4)))]
    return {"edition": "CSP", "months": months, "rows": rows}


def canonical(table: dict[str, Any]) -> dict[str, Any]:
    """What the preview makes of a table's cells: choices written the one way it reads them best."""
    edition = Edition(table["edition"])
    rows = [{key: metrics_io._canonical(key, value, edition) if key != "results" else value
             for key, value in row.items()} for row in table["rows"]]
    return {**table, "rows": rows}


@settings(max_examples=80, deadline=None)
@given(typed_tables(), st.sampled_from(["tsv", "csv"]), st.sampled_from(["ja", "en"]))
def test_an_exported_table_reads_back_as_it_was(table: dict[str, Any], fmt: str, lang: str) -> None:
    text = metrics_io.export(table, fmt, lang)
    back = metrics_io.parse(text, Edition.CSP, fmt).table
    assert back["months"] == table["months"]
    assert back["rows"] == canonical(table)["rows"]
