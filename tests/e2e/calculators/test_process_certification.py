"""The process-certification calculator (a block's metrics per unit, the level rule), in both
languages: the worked examples, sites (renamed, added, removed), hints, several client metrics; its
tables on a projector, with the metrics' column kept in view when they scroll sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import (
    PAGES,
    RESULT,
    TEXT,
    calc,
    computed,
    examples_of,
    field,
    load_example,
    new_page,
    sample_tables_overflow,
    wait_ready,
    wait_result,
    wrap,
)

pytestmark = pytest.mark.e2e

TWO_SITES = examples_of("process-certification")[0]


def test_process_certification_examples(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "process-certification")
    result = root.locator(".copc-calc__result")
    for worked in examples_of("process-certification"):
        load_example(root, worked.id)
        core = computed("process-certification", worked.input)
        expect(result.locator(".copc-decision")).to_have_attribute("data-ready", str(core["ready"]).lower())
        units = result.locator(".copc-unit")
        expect(units).to_have_count(len(core["units"]))
        for index, unit in enumerate(core["units"]):
            expect(units.nth(index)).to_have_attribute("data-unit", unit["unit"])
            expect(units.nth(index)).to_have_attribute("data-holds", str(unit["holds"]).lower())
            expect(units.nth(index).locator('[data-meets="false"]')).to_have_count(
                len([m for m in unit["metrics"] if not m["meets"]]))
        expect(result.locator(".copc-unmet li")).to_have_count(len(core["unmet_requirements"]))
    # the workforce block's notes, from the catalog
    expect(root.locator('[data-note="erratum:name-of-2.5"]')).to_have_count(1)
    expect(root.locator('[data-note="interpretation:level-rule-measurement-period"]')).to_have_count(1)


def test_process_certification_sites_and_blocks(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "process-certification")
    load_example(root, TWO_SITES.id)
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-decision")).to_contain_text(TEXT[lang]["not_ready"])

    # rename a site: its months follow it; an empty or repeated name is an error at the name
    name = root.locator("input[data-site-name]").nth(1)
    name.fill(root.locator("input[data-site-name]").nth(0).input_value())
    expect(name).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    name.fill("Naha")
    wait_result(root)
    expect(result.locator(".copc-unit").nth(2)).to_have_attribute("data-unit", "Naha")
    # its remove button is named after it at once, not after a reload
    expect(root.locator("th[data-site='1'] .copc-remove")).to_have_accessible_name(
        "Naha を削除" if lang == "ja" else "Remove Naha")

    # add and remove a site
    root.locator(".copc-pc-add").click()
    expect(root.locator("input[data-site-name]")).to_have_count(3)
    root.locator("th[data-site='2'] .copc-remove").click()
    expect(root.locator("input[data-site-name]")).to_have_count(2)

    # the client-management block is offered only for OSP, with its erratum
    block = field(root, "block")
    assert block.locator('option[value="client-management"]').count() == 0
    field(root, "edition").select_option("OSP")
    block.select_option("client-management")
    expect(root.locator('[data-note="erratum:client-management-item-range"]')).to_have_count(1)
    field(root, "edition").select_option("CSP")
    expect(block).not_to_have_value("client-management")

    # the quality block: 3.5 as an optional item, and the note on its metrics
    block.select_option("quality")
    expect(root.locator('input[data-optional="3.5"]')).to_have_count(1)
    expect(root.locator('[data-note="erratum:quality-block-metrics-note"]')).to_have_count(1)


def test_process_certification_hints_say_which_column_they_are_about(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "process-certification")
    root.locator(".copc-calc__clear").click()
    hints = root.locator(".copc-calc__hints li")
    expect(hints.first).to_be_visible(timeout=RESULT)
    texts = hints.all_inner_texts()
    entity, site = {"ja": ("主体組織: ", "拠点1: "), "en": ("Entity: ", "Site 1: ")}[lang]
    assert any(text.startswith(entity) for text in texts), texts
    assert any(text.startswith(site) for text in texts), texts


def test_process_certification_several_client_metrics(calculators_page: tuple[Page, str]) -> None:
    """A client may require several metrics of one kind: each gets a named row of its own."""
    page, lang = calculators_page
    root = calc(page, "process-certification")
    load_example(root, TWO_SITES.id)  # workforce block: the entity meets 3 of its 4 metrics
    add = root.locator('button[data-add-client="workforce.client"]')
    add.click()
    add.click()
    labels = root.locator('input[data-client-label="workforce.client"]')
    expect(labels).to_have_count(2)
    expect(labels.nth(1)).to_be_focused()

    # an empty or repeated name is an error at the name, in the page's language
    labels.nth(1).fill(labels.nth(0).input_value())
    expect(labels.nth(1)).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(wrap(root, "clients.workforce.client.1")).to_contain_text(
        "同じ名前の指標" if lang == "ja" else "Another metric of this kind")
    labels.nth(0).fill("")
    expect(labels.nth(0)).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    labels.nth(0).fill("Bank A NPS")
    labels.nth(1).fill("Bank B FCR")

    # the months follow the names as typed; the result names each metric by its label
    field(root, "entity.workforce.client:Bank A NPS.months_at_target").fill("11")
    field(root, "entity.workforce.client:Bank A NPS.months_measured").fill("12")
    field(root, "entity.workforce.client:Bank B FCR.months_at_target").fill("4")
    field(root, "entity.workforce.client:Bank B FCR.months_measured").fill("12")
    entity = root.locator(".copc-calc__result .copc-unit").nth(0)
    expect(entity.locator('[data-metric="workforce.client:Bank B FCR"]')).to_have_attribute(
        "data-meets", "false", timeout=RESULT)
    expect(entity.locator('[data-metric="workforce.client:Bank A NPS"]')).to_have_attribute("data-meets", "true")
    expect(entity.locator('[data-metric="workforce.client:Bank B FCR"]')).to_contain_text(
        "（Bank B FCR）" if lang == "ja" else "(Bank B FCR)")
    expect(entity).to_have_attribute("data-holds", "true")  # 4 of 6 metrics at target

    # a removed metric leaves the form, the result and the saved state
    root.locator("tbody[data-metric='workforce.client:Bank A NPS'] .copc-remove").click()
    expect(labels).to_have_count(1)
    expect(labels.nth(0)).to_have_value("Bank B FCR")
    expect(entity.locator('[data-metric="workforce.client:Bank A NPS"]')).to_have_count(0, timeout=RESULT)
    expect(entity.locator('[data-metric="workforce.client:Bank B FCR"]')).to_have_count(1)
    saved = page.evaluate("() => JSON.parse(localStorage.getItem('copc-calc:v1:process-certification'))")
    assert saved["clients"] == {"workforce.client": ["Bank B FCR"]}
    assert saved["entity"]["workforce.client:Bank B FCR"] == ["4", "12"]
    assert "workforce.client:Bank A NPS" not in saved["entity"]

    # another block has its own client metrics; switching blocks loses nothing typed for either
    field(root, "block").select_option("quality")
    expect(root.locator('input[data-client-label="workforce.client"]')).to_have_count(0)
    expect(root.locator('button[data-add-client="quality.client"]')).to_have_count(1)
    field(root, "entity.quality.defect-rate.months_at_target").fill("7")
    field(root, "entity.quality.defect-rate.months_measured").fill("12")
    expect(root).not_to_have_attribute("data-state", "pending", timeout=RESULT)
    field(root, "block").select_option("workforce")
    expect(labels).to_have_count(1)
    expect(labels.nth(0)).to_have_value("Bank B FCR")
    expect(field(root, "entity.workforce.client:Bank B FCR.months_at_target")).to_have_value("4")
    expect(field(root, "entity.workforce.speed-of-answer.months_at_target")).to_have_value("10")
    field(root, "entity.workforce.speed-of-answer.months_at_target").fill("11")
    wait_result(root)
    field(root, "block").select_option("quality")
    expect(field(root, "entity.quality.defect-rate.months_at_target")).to_have_value("7")
    expect(field(root, "entity.quality.defect-rate.months_measured")).to_have_value("12")


def test_the_example_tables_fit_a_projector_at_150_percent(browser: Browser, base_url: str) -> None:
    # a 1024 x 768 projector at 150% zoom leaves 683 CSS pixels: the example's tables (the entity
    # and two sites) fit without scrolling sideways
    overflow = sample_tables_overflow(browser, base_url, "process-certification", TWO_SITES.id)
    assert overflow and max(overflow) <= 0, overflow


def test_the_metric_column_stays_in_view_when_the_table_scrolls_sideways(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url, viewport={"width": 390, "height": 844})
    try:
        page.goto(PAGES["en"])
        root = calc(page, "process-certification")
        wait_ready(root)
        load_example(root, TWO_SITES.id)
        for _ in range(3):
            root.locator(".copc-pc-add").click()
        wrapper = root.locator(".copc-table--months").locator("xpath=..")
        assert wrapper.evaluate("(w) => w.scrollWidth > w.clientWidth"), "the table should scroll sideways here"
        head = root.locator(".copc-table--months tbody .copc-metric-head").first
        before = head.bounding_box()
        wrapper.evaluate("(w) => { w.scrollLeft = w.scrollWidth; }")
        page.wait_for_timeout(100)
        after = head.bounding_box()
        box = wrapper.bounding_box()
        assert before and after and box
        # the metric's name stays at the left edge of the scrolled box, over the cells beneath it
        assert abs(after["x"] - before["x"]) < 1 and abs(after["x"] - box["x"]) < 1, (before, after, box)
        assert head.evaluate("(el) => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    finally:
        context.close()
