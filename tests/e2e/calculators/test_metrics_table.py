"""The metrics table: the worked examples, a 50-row sheet pasted from a spreadsheet (preview first),
the counts of category 4.0 it gives, the level rule per site, the hand-overs to the
process-certification calculator (the level rule per site again, there) and to the self-assessment,
and bad cells shown where they are without losing what was typed. Every figure is the core's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from copc_cx.web import call
from tests.e2e.helpers import RESULT, calc, computed, examples_of, field, load_example, new_page, wait_ready

pytestmark = pytest.mark.e2e

MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04"]
HEADINGS = ["Metric", "Item", "Type", "Level", "Client or program", "Target", "Better when",
            "Process-certification metric", "Site", *MONTHS]


def sheet() -> str:
    """A made-up CSP's metrics sheet: 50 rows over three programs, the entity and two sites,
    tab-separated as a spreadsheet copies it."""
    lines = ["\t".join(HEADINGS)]
    n = 0

    def add(name: str, item: str, kind: str, program: str, target: str, direction: str, results: list[str],
            block_metric: str = "", site: str = "") -> None:
        nonlocal n
        n += 1
        lines.append("\t".join([name, item, kind, "program" if program else "entity", program, target, direction,
                                block_metric, site, *results]))

    for p, program in enumerate(("P1", "P2", "P3")):
        add("Overall satisfaction", "4.1", "", program, "80", "higher", ["78", "79", "81", "82" if p else "77"])
        add("Dissatisfaction", "4.1", "", program, "8", "lower", ["9", "8", "7", "7.5"])
        for k, kind in enumerate(("service", "quality", "sales", "efficiency")):
            # P1 tracks three sales metrics, the others two
            for m in range(2 if kind == "sales" and p else 3):
                hit = (k + m + p) % 3 != 0
                add(f"{kind} metric {m + 1}", "4.3", kind, program, "90", "higher",
                    ["85", "88", "89", "91" if hit else "87"])
    add("Customer experience of the journey", "4.1", "", "", "75", "higher", ["70", "72", "74", "76"])
    add("Containment rate", "4.4", "service", "P1", "40", "higher", ["35", "38", "41", "42"])
    add("Chatbot accuracy", "4.4", "quality", "P1", "95", "higher", ["93", "94", "94", "96"])
    add("Cost per unit", "4.2a", "", "", "12", "lower", ["13", "12.5", "12", "11.8"])
    # the workforce block's speed of answer and abandonment for the entity (at target in 3 of 4 months)
    # and at two sites: at target in 3 of 4 months at A; 2 and 1 at B
    add("Speed of answer", "4.5", "", "", "80", "higher", ["82", "83", "79", "84"], "workforce.speed-of-answer")
    add("Abandonment", "4.5", "", "", "5", "lower", ["4", "5", "6", "4"], "workforce.abandonment")
    add("Speed of answer A", "4.5", "", "", "80", "higher", ["81", "79", "82", "85"], "workforce.speed-of-answer", "A")
    add("Speed of answer B", "4.5", "", "", "80", "higher", ["75", "79", "82", "85"], "workforce.speed-of-answer", "B")
    add("Abandonment A", "4.5", "", "", "5", "lower", ["4", "4", "6", "4"], "workforce.abandonment", "A")
    add("Abandonment B", "4.5", "", "", "5", "lower", ["6", "6", "4", "6"], "workforce.abandonment", "B")
    assert n == 50
    return "\n".join(lines) + "\n"


def pasted_table(text: str) -> dict[str, Any]:
    response = call({"op": "metrics-paste", "input": {"edition": "CSP", "text": text}})
    assert response["ok"] and response["result"]["ready"], response
    table: dict[str, Any] = response["result"]["table"]
    return table


def test_metrics_table_examples(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "metrics-table")
    for worked in examples_of("metrics-table"):
        load_example(root, worked.id)
        core = computed("metrics-table", worked.input)
        for item in core["items"]:
            shown = root.locator(f'.copc-calc__result [data-item="{item["item"]}"]')
            expect(shown).to_have_attribute("data-total", str(item["counts"]["total"]))
            if item["counts"]["total"]:
                expect(shown).to_have_attribute("data-at-target", str(item["counts"]["at_target"]))
                expect(shown).to_have_attribute("data-improving", str(item["counts"]["improving"]))
        # each row's status in the row, in words (not by colour alone)
        for metric in core["metrics"][:5]:
            status = root.locator(f'tr[data-row="{metric["row"]}"] .copc-mt-status')
            expect(status).to_have_attribute("data-status", metric["status"])
            expect(status.locator(".copc-mt-status__word")).not_to_be_empty()
        if core["level"]:
            for unit in core["level"]["units"]:
                row = root.locator(f'.copc-mt-units tr[data-unit="{unit["unit"]}"]')
                expect(row).to_have_attribute("data-each-metric", str(unit["each_metric"]["holds"]).lower())
                expect(row).to_have_attribute("data-each-month", str(unit["each_month"]["holds"]).lower())
                expect(row).to_have_attribute("data-differs", str(unit["differs"]).lower())


def test_a_bad_cell_is_flagged_there_and_nothing_typed_is_lost(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "metrics-table")
    worked = examples_of("metrics-table")[0]
    load_example(root, worked.id)
    cell = field(root, "rows.2.results.1")
    target = field(root, "rows.2.target")
    typed_target = target.input_value()
    cell.fill("8x")
    expect(cell).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(cell).to_have_value("8x")
    expect(target).to_have_value(typed_target)
    # fixed: the result comes back, and only the rows whose status changed are redrawn
    cell.fill(worked.input["rows"][2]["results"][1])
    expect(root).to_have_attribute("data-state", "result", timeout=RESULT)
    expect(cell).not_to_have_attribute("aria-invalid", "true")


def test_paste_50_rows_counts_level_rule_and_hand_over(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto("/en/scoring/metrics/")
        root = calc(page, "metrics-table")
        wait_ready(root)
        text = sheet()
        # a bad cell first: the preview names it ("M3"), and the table has not changed
        bad = text.replace("\t78\t79\t81\t77\n", "\t78\t79\tabc\t77\n", 1)
        root.locator(".copc-mt-paste summary").click()
        root.locator(".copc-mt-paste__text").fill(bad)
        root.locator(".copc-mt-preview-button").click()
        problem = call({"op": "metrics-paste", "input": {"edition": "CSP", "text": bad}})["result"]["problems"][0]
        expect(root.locator(f'.copc-mt-problems [data-cell="{problem["cell"]}"]')).to_contain_text(problem["en"])
        expect(root.locator(f'.copc-mt-preview-rows td[data-cell="{problem["cell"]}"]')).to_have_class("copc-mt-bad")
        expect(root.locator("tr.copc-mt-row")).to_have_count(1)
        # the sheet fixed, previewed again, and put in place of the table
        root.locator(".copc-mt-paste__text").fill(text)
        root.locator(".copc-mt-preview-button").click()
        expect(root.locator(".copc-mt-paste .copc-ok")).to_be_visible(timeout=RESULT)
        root.locator('.copc-mt-accept[data-mode="replace"]').click()
        expect(root.locator("tr.copc-mt-row")).to_have_count(50)
        root.locator('[data-path="block"]').select_option("workforce")
        table = pasted_table(text)
        core = computed("metrics-table", {**table, "block": "workforce"})
        expect(root.locator('.copc-calc__result [data-item="4.5"]')).to_have_attribute(
            "data-total", str(next(i for i in core["items"] if i["item"] == "4.5")["counts"]["total"]), timeout=RESULT)
        for item in core["items"]:
            shown = root.locator(f'.copc-calc__result [data-item="{item["item"]}"]')
            expect(shown).to_have_attribute("data-total", str(item["counts"]["total"]))
            if item["counts"]["total"]:
                expect(shown).to_have_attribute("data-at-target", str(item["counts"]["at_target"]))
        # the level rule per site, as the core reads it
        units = core["level"]["units"]
        assert [u["unit"] for u in units] == ["entity", "A", "B"] and not core["level"]["problems"]
        for unit in units:
            expect(root.locator(f'.copc-mt-units tr[data-unit="{unit["unit"]}"]')).to_have_attribute(
                "data-holds", str(unit["holds"]).lower())

        # the hand-over to the process-certification calculator: its page opens with the block and each
        # unit's months, carried in the address's fragment (nothing in a query string), and its check
        # gives the level rule per site as the table did
        root.locator('.copc-mt-handover[data-to="process-certification"]').click()
        page.wait_for_url(re.compile(r".*/en/process/blocks/#process-certification=[^?]*$"))
        assert "?" not in page.url
        check = calc(page, "process-certification")
        wait_ready(check)
        expect(field(check, "block")).to_have_value("workforce")
        handed = core["level"]["process"]
        for metric, months in handed["entity"].items():
            for key, value in months.items():
                expect(field(check, f"entity.{metric}.{key}")).to_have_value(value)
        for site, metrics in handed["sites"].items():
            for metric, months in metrics.items():
                for key, value in months.items():
                    expect(field(check, f"sites.{site}.{metric}.{key}")).to_have_value(value)
        shown_units = check.locator(".copc-calc__result .copc-unit")
        expect(shown_units).to_have_count(len(units), timeout=RESULT)
        for index, unit in enumerate(units):
            expect(shown_units.nth(index)).to_have_attribute("data-unit", unit["unit"])
            expect(shown_units.nth(index)).to_have_attribute("data-holds", str(unit["holds"]).lower())
        page.go_back()

        # the hand-over: the self-assessment opens with category 4.0 counted from the table
        root = calc(page, "metrics-table")
        wait_ready(root)
        expect(root.locator("tr.copc-mt-row")).to_have_count(50)
        root.locator('.copc-mt-handover[data-to="self-assessment"]').click()
        page.wait_for_url("**/certification/outcomes/**")
        assessment = calc(page, "self-assessment")
        wait_ready(assessment)
        items = core["self_assessment_items"]
        for field_name, value in items["4.1"].items():
            expect(field(assessment, f"items.4.1.{field_name}")).to_have_value(value)
        for kind, counts in items["4.3"]["types"].items():
            for field_name, value in counts.items():
                expect(field(assessment, f"items.4.3.{kind}.{field_name}")).to_have_value(value)
        for field_name, value in items["4.6"].items():
            expect(field(assessment, f"items.4.6.{field_name}")).to_have_value(value)
    finally:
        context.close()
    assert errors == []
