"""`copc-cx score` and `convert` on an assessment that keeps its metrics table: category 4.0 is
counted from the metrics, as the browser's hand-over counts it, and the output says so."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook

from copc_cx.examples import EXAMPLES, EXAMPLES_BY_ID
from copc_cx.files import assessment_file as af
from copc_cx.web import call

from .test_assessment_commands import copc_cx, write

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
BY_TYPE = EXAMPLES_BY_ID["metrics-4.3-by-type"].input
TABLE = {k: v for k, v in BY_TYPE.items() if k != "edition"}
DERIVED = call({"op": "metrics-table", "input": BY_TYPE})["result"]


def test_score_counts_category_4_from_the_metrics_and_says_which_counts_it_replaced(tmp_path: Path) -> None:
    path = write(tmp_path / "naha.json", {**SAMPLE, "organisation": "Example", "metrics": TABLE})
    expected = af.score(af.read_text(path.read_text(encoding="utf-8")))
    done = copc_cx("score", path, "--lang", "en")
    assert done.returncode == (0 if expected.certified else 1), done.stderr
    assert f"Metrics table: {len(DERIVED['metrics'])} metrics (2024-11 to 2024-12); items counted from it: 4.3, 4.6" \
        in done.stdout
    service = next(i for i in DERIVED["items"] if i["item"] == "4.3")["by_type"]["service"]["counts"]
    assert f"Service {service['at_target']} of {service['total']} at target" in done.stdout
    assert "⚠ 4.3: the counts from the metrics table" in done.stdout  # the sample's typed 4.3 differed
    ja = copc_cx("score", path, "--lang", "ja").stdout
    assert "指標表から数えた項目: 4.3, 4.6" in ja

    [result] = json.loads(copc_cx("score", path, "--format", "json").stdout)
    assert result["metrics"]["items_filled"] == ["4.3", "4.6"]
    assert {i["item"]: i["counts"] for i in result["metrics"]["items"]} == {
        i["item"]: i["counts"] for i in DERIVED["items"] if i["counts"]["total"]}
    scored = {i["item"]: i for i in result["result"]["items"]}
    for item in DERIVED["items"]:
        if item["percent"] is not None:
            assert scored[item["item"]]["percent"] == item["percent"]  # the item scored from the metrics


def test_a_file_without_metrics_is_scored_as_before(tmp_path: Path) -> None:
    path = write(tmp_path / "osaka.json", dict(SAMPLE))
    assert "Metrics table" not in copc_cx("score", path, "--lang", "en").stdout
    [result] = json.loads(copc_cx("score", path, "--format", "json").stdout)
    assert result["metrics"] is None


def test_convert_carries_the_metrics_into_the_workbook_where_a_bad_cell_is_named(tmp_path: Path) -> None:
    source = write(tmp_path / "naha.json", {**SAMPLE, "metrics": TABLE})
    done = copc_cx("convert", source, tmp_path / "naha.xlsx", "--lang", "en")
    assert done.returncode == 0 and "⚠ 4.3" in done.stdout
    assert copc_cx("convert", tmp_path / "naha.xlsx", tmp_path / "again.json").returncode == 0
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["version"] == 2 and again["metrics"] == json.loads(af.dumps(af.read_data(
        {**SAMPLE, "metrics": TABLE})))["metrics"]

    book = load_workbook(tmp_path / "naha.xlsx")
    book["Metrics"]["G10"] = "ninety"  # the second metric's target
    book.save(tmp_path / "typo.xlsx")
    bad = copc_cx("score", tmp_path / "typo.xlsx", "--lang", "en")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "metrics.rows.1.target: Sheet 'Metrics', cell G10: Metrics table: Row 2, target" in bad.stderr
