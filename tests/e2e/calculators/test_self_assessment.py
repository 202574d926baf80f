"""The self-assessment calculator (every item, the certification decision), in both languages: the
worked example and what flips the decision; a row being filled in waits without turning red until
the reader leaves it, and the decision stays for the complete rows; its tables on a projector and
its chart on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from copc_cx.registry import CALCULATORS_BY_NAME
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
    number,
    sample_tables_overflow,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.e2e

WORKED = examples_of("self-assessment")[0]


def test_self_assessment_example_and_the_decision_flips(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    core = computed("self-assessment", WORKED.input)
    result = root.locator(".copc-calc__result")
    decision = result.locator(".copc-decision")
    expect(decision).to_have_attribute("data-certified", str(core["certified"]).lower())
    expect(decision).to_contain_text(TEXT[lang]["pending"])
    earned = f"{core['display']['earned']} / {number(core['scope']['applicable'])}"
    expect(result).to_contain_text(earned if lang == "ja" else earned.replace(" / ", " of "))
    expect(result).to_contain_text(f"{core['display']['percent_of_applicable']}%")
    for condition in core["conditions"]:
        expect(result.locator(f'[data-condition="{condition["id"]}"]')).to_have_attribute(
            "data-met", str(condition["met"]).lower())
    # the points lost, largest first, as the core lists them
    losses = result.locator(".copc-losses li")
    expect(losses).to_have_count(len(core["biggest_losses"]))
    assert [losses.nth(i).get_attribute("data-item") for i in range(losses.count())] == [
        loss["item"] for loss in core["biggest_losses"]]
    expect(result.locator("svg.copc-chart .copc-chart__row")).to_have_count(
        len([c for c in core["categories"] if c["available"]]))
    weakest = next(i for i in core["items"] if i["approach"] is not None and i["approach"] < 100)
    expect(root.locator(f'[data-result="{weakest["item"]}"]')).to_contain_text(f"{weakest['display']['percent']}%")
    # the decision follows the text's three conditions, not the guide's figure or overview
    for erratum in ("certification-conditions-figure", "full-marks-for-results"):
        expect(root.locator(f'[data-note="erratum:{erratum}"]')).to_have_count(1)

    # the missing sub-requirement met: every condition holds
    number_of = weakest["item"]
    field(root, f"items.{number_of}.met").fill(WORKED.input["items"][number_of]["applicable"])
    expect(decision).to_have_attribute("data-certified", "true", timeout=RESULT)
    expect(decision).to_contain_text(TEXT[lang]["certified"])
    # one approach below 100% elsewhere: pending again, however many points
    field(root, "items.1.1.applicable").fill("60")
    field(root, "items.1.1.met").fill("59")
    expect(decision).to_have_attribute("data-certified", "false", timeout=RESULT)
    expect(result.locator('[data-condition="approach-100"]')).to_contain_text("1.1")

    # a bad count in a row is shown in that row, and the row results go
    field(root, "items.1.1.met").fill("61")
    expect(field(root, "items.1.1.met")).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root.locator('tbody[data-item="1.1"] .copc-error')).to_contain_text(TEXT[lang]["exceed"])
    expect(root.locator(f'[data-result="{number_of}"]')).to_have_text("")
    field(root, "items.1.1.met").fill("60")
    wait_result(root)

    # without digital-assisted channels, 2.6 and 4.4 leave the form and the scope
    typed_4_4 = field(root, "items.4.4.service.achieved").input_value()
    root.locator('input[data-channel="digital"]').uncheck()
    expect(root.locator('tbody[data-item="4.4"]')).to_have_count(0)
    narrower = computed("applicable-points", {"edition": "CSP", "human_assisted": True, "digital_assisted": False})
    expect(result).to_contain_text(number(narrower["applicable"]), timeout=RESULT)
    root.locator('input[data-channel="digital"]').check()
    expect(root.locator('tbody[data-item="4.4"]')).to_have_count(1)
    expect(field(root, "items.4.4.service.achieved")).to_have_value(typed_4_4)  # the typed values came back


def test_a_row_being_filled_in_waits_until_the_reader_leaves_it(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "self-assessment")
    load_example(root, WORKED.id)
    result = root.locator(".copc-calc__result")
    row = root.locator('tbody[data-item="2.8"]')

    # a cell emptied: the row waits, unscored, and nothing turns red while the reader is in it
    field(root, "items.2.8.applicable").fill("")
    waiting = result.locator(".copc-sa-waiting")
    expect(waiting).to_have_attribute("data-items", "2.8", timeout=RESULT)
    expect(root).to_have_attribute("data-state", "result")
    expect(result.locator(".copc-decision")).to_have_count(1)
    expect(result.locator('[data-condition="all-items-scored"]')).to_have_attribute("data-met", "false")
    expect(root.locator('[data-result="2.8"]')).to_contain_text(
        "未採点" if page.locator("html").get_attribute("lang") == "ja" else "unscored")
    expect(row.locator(".copc-error")).to_have_count(0)
    expect(row.locator("[aria-invalid]")).to_have_count(0)

    # the reader moves on to another row: now the unfinished one says so, and the decision stays
    field(root, "items.2.9.met").focus()
    expect(row.locator(".copc-error")).to_have_count(1, timeout=RESULT)
    expect(field(root, "items.2.8.applicable")).to_have_attribute("aria-invalid", "true")
    expect(result.locator(".copc-decision")).to_have_count(1)
    expect(root).to_have_attribute("data-state", "result")

    # completed, it is scored again and the flag goes
    field(root, "items.2.8.applicable").fill(WORKED.input["items"]["2.8"]["applicable"])
    expect(waiting).to_have_count(0, timeout=RESULT)
    expect(row.locator(".copc-error")).to_have_count(0)
    expect(root.locator('[data-result="2.8"]')).to_contain_text("%")

    # a fresh row: its first cell typed marks nothing until the reader leaves the row
    root.locator(".copc-calc__clear").click()
    field(root, "items.1.1.met").fill("5")
    expect(result.locator(".copc-sa-waiting")).to_have_attribute("data-items", "1.1", timeout=RESULT)
    field(root, "items.1.1.applicable").focus()  # still in the row
    expect(root.locator('tbody[data-item="1.1"] .copc-error')).to_have_count(0)
    field(root, "items.1.2.met").focus()
    expect(root.locator('tbody[data-item="1.1"] .copc-error')).to_have_count(1, timeout=RESULT)
    expect(root.locator('tbody[data-item="1.1"] tr').first).to_have_class(re.compile("is-invalid"))
    root.locator(".copc-calc__restore").click()
    wait_result(root)


def test_the_example_tables_fit_a_projector_at_150_percent(browser: Browser, base_url: str) -> None:
    # a 1024 x 768 projector at 150% zoom leaves 683 CSS pixels: the tables (an item's four counts)
    # fit without scrolling sideways
    overflow = sample_tables_overflow(browser, base_url, "self-assessment", WORKED.id)
    assert overflow and max(overflow) <= 0, overflow


def test_the_chart_stays_readable_on_a_phone(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url, viewport={"width": 390, "height": 844})
    try:
        page.goto(PAGES["en"] + f"#{CALCULATORS_BY_NAME['self-assessment'].name}")
        root = calc(page, "self-assessment")
        wait_ready(root)
        load_example(root, WORKED.id)
        labels = root.locator(".copc-chart__label")
        expect(labels.first).to_be_visible()
        heights: list[float] = labels.evaluate_all("(ls) => ls.map((l) => l.getBoundingClientRect().height)")
        # drawn at 15 units in a chart that a phone narrows: at least 12 CSS pixels high
        assert heights and min(heights) >= 12, heights
    finally:
        context.close()
