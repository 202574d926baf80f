"""The calculators in headless Chromium, in both languages, against the built site.

Every new page boots Pyodide again (2-5 s on two cores), so most checks share one page per
language (the calculators page, which holds all seven calculators); a few need fresh contexts
(reload, links opened elsewhere, a blocked engine). Waits are locator assertions, never sleeps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import suppress
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Error, Locator, Page, Route, expect
from scripts.browser import SHIPPED_SNAPSHOT, link_state

pytestmark = pytest.mark.e2e

BOOT = 60_000  # ms: a cold Pyodide boot on a busy two-core machine
RESULT = 20_000  # ms: one computation once the engine is ready

PAGES = {"ja": "/calculators/", "en": "/en/calculators/"}
# what the page shows, per language (the numbers come from the core; the words from i18n.mjs)
TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "points_20_40": "20 / 40 点", "points_480": "480 / 500 点", "points_300": "300 / 500 点",
        "points_335": "335 / 400 点", "points_329": "329 / 350 点", "points_3840": "3,840 / 4,000 点",
        "deployment": "運用", "approach": "アプローチ", "pending": "認証の条件を満たさない（保留）",
        "certified": "認証の条件をすべて満たす", "whole_number": "0 以上の整数", "enter": "を入力してください",
        "exceed": "以下である必要があります", "fix": "入力に誤りがあります", "ready": "計算の準備ができました",
        "not_ready": "満たしていない要求がある", "fails": "満たさない", "holds": "満たす",
        "failed": "計算エンジンを読み込めませんでした", "steps": "計算の過程",
    },
    "en": {
        "points_20_40": "20 of 40 points", "points_480": "480 of 500 points", "points_300": "300 of 500 points",
        "points_335": "335 of 400 points", "points_329": "329 of 350 points", "points_3840": "3,840 of 4,000 points",
        "deployment": "deployment", "approach": "approach", "pending": "Not every condition is met (pending)",
        "certified": "Every condition for certification is met", "whole_number": "must be a whole number",
        "enter": "Enter the", "exceed": "cannot exceed", "fix": "Some inputs need fixing",
        "ready": "Ready to calculate",
        "not_ready": "Some requirements are not met", "fails": "fails", "holds": "holds",
        "failed": "The calculation engine could not be loaded", "steps": "How it was worked out",
    },
}


def other(lang: str) -> str:
    return "en" if lang == "ja" else "ja"


def calc(page: Page, name: str) -> Locator:
    return page.locator(f'.copc-calc[data-calc="{name}"]').first


def field(root: Locator, path: str) -> Locator:
    return root.locator(f'[data-path="{path}"]')


def wrap(root: Locator, path: str) -> Locator:
    """The labelled wrapper of a form field (label, input, hint, error messages)."""
    return root.locator(".copc-field").filter(has=root.page.locator(f'[data-path="{path}"]'))


def wait_ready(root: Locator) -> None:
    expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)


def wait_result(root: Locator) -> None:
    expect(root).to_have_attribute("data-state", "result", timeout=RESULT)


def load_example(root: Locator, which: str | None = None) -> None:
    button = root.locator(f'.copc-calc__example[data-example="{which}"]') if which else \
        root.locator(".copc-calc__example").first
    button.click()
    wait_result(root)


def new_page(browser: Browser, base_url: str, **options: Any) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=base_url, color_scheme="light", **options)
    page = context.new_page()
    return context, page


def example_answered(page: Page, path: str = "/en/scoring/items-1-3/") -> Locator:
    """The item-score calculator of `path`, once the engine has answered its first example."""
    page.goto(path)
    root = calc(page, "item-score")
    wait_ready(root)
    load_example(root)
    return root


# Pyodide's WebAssembly module: held back, the engine cannot finish its boot
WASM = re.compile(r".*/pyodide\.asm\.wasm$")


def hold_requests(context: BrowserContext, pattern: re.Pattern[str]) -> list[Route]:
    """Requests matching `pattern` wait, in the returned list, until the test lets them through
    (``route.continue_()``) or drops them."""
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    context.route(pattern, hold)
    return held


@pytest.fixture(scope="module", params=["ja", "en"])
def shared(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[tuple[Page, str]]:
    """The calculators page in one language, booted once for every test of this module."""
    lang: str = request.param
    context, page = new_page(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(PAGES[lang])
    wait_ready(calc(page, "item-score"))
    yield page, lang
    context.close()
    assert errors == []


# --- the guide's examples, in both languages ------------------------------------------------

def test_every_calculator_is_mounted_in_the_page_language(shared: tuple[Page, str]) -> None:
    page, lang = shared
    names = ["item-score", "performance", "channel-performance", "rule-50-75", "applicable-points",
             "self-assessment", "process-certification"]
    for name in names:
        root = calc(page, name)
        expect(root).to_have_attribute("data-copc-mounted", "yes")
        expect(root.locator(".copc-calc__status")).to_contain_text(TEXT[lang]["ready"])
        # every input and select has a label
        for control in root.locator("input, select").all():
            control_id = control.get_attribute("id")
            assert control_id and root.locator(f'label[for="{control_id}"]').count() == 1, name


def test_item_score_example(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "item-score")
    load_example(root)
    expect(field(root, "item")).to_have_value("2.15")
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").first).to_contain_text("50%")
    expect(result).to_contain_text(TEXT[lang]["points_20_40"])
    expect(result.locator(".copc-stat--limit")).to_contain_text(TEXT[lang]["deployment"])
    expect(result).to_contain_text("66.67%")  # the share of units, before the band
    expect(result.locator(".copc-calc__steps li")).to_have_count(4)
    expect(root.locator('[data-note="interpretation:deployment-bands"]')).to_have_count(1)
    expect(root.locator('[data-note="interpretation:percent-from-counts"]')).to_have_count(1)


def test_item_score_by_typing_and_the_osp_erratum(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "item-score")
    field(root, "edition").select_option("OSP")
    field(root, "item").select_option("2.1")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(1)
    for path, value in (("met", "9"), ("applicable", "10"), ("deployed", "4"), ("total", "4")):
        field(root, path).fill(value)
    result = root.locator(".copc-calc__result")
    # OSP 2.1 is worth 100 points (erratum): 90% approach limits it
    expect(result).to_contain_text("90%", timeout=RESULT)
    expect(result.locator(".copc-stat--limit")).to_contain_text(TEXT[lang]["approach"])
    expect(result).to_contain_text("90 / 100" if lang == "ja" else "90 of 100 points")
    field(root, "edition").select_option("CSP")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(0)


def test_item_score_bad_input_is_shown_at_the_field(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "item-score")
    load_example(root)
    met = field(root, "met")
    met.fill("abc")
    expect(met).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    message_id = (met.get_attribute("aria-describedby") or "").split()[-1]
    message = page.locator(f"#{message_id}")
    expect(message).to_contain_text(TEXT[lang]["whole_number"])
    # the message sits at the field, inside the field's own wrapper
    expect(wrap(root, "met").locator(".copc-error")).to_have_count(1)
    # no stale result: the result area says what to do and holds no figures
    expect(root).to_have_attribute("data-state", "invalid")
    expect(root.locator(".copc-calc__result-note")).to_contain_text(TEXT[lang]["fix"])
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
    expect(met).to_have_value("abc")  # what the user typed stays

    met.fill("-1")
    expect(page.locator(f"#{(met.get_attribute('aria-describedby') or '').split()[-1]}")).to_contain_text(
        "0 以上" if lang == "ja" else "0 or more")
    met.fill("")
    expect(wrap(root, "met").locator(".copc-error")).to_contain_text(TEXT[lang]["enter"])
    met.fill("2")
    field(root, "deployed").fill("5")  # more deployed units than units
    deployed = field(root, "deployed")
    expect(deployed).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(wrap(root, "deployed").locator(".copc-error")).to_contain_text(TEXT[lang]["exceed"])
    expect(met).not_to_have_attribute("aria-invalid", "true")
    deployed.fill("2")
    wait_result(root)
    expect(deployed).not_to_have_attribute("aria-invalid", "true")
    expect(root.locator(".copc-calc__result")).to_contain_text(TEXT[lang]["points_20_40"])


def test_performance_examples(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "performance")
    result = root.locator(".copc-calc__result")
    load_example(root, "1")
    expect(result.locator(".copc-stat--big").first).to_contain_text("96%")
    expect(result).to_contain_text(TEXT[lang]["points_480"])
    expect(result).to_contain_text("2 × 48 + 0.5 × 0 = 96%")
    load_example(root, "1-improving")
    expect(result.locator(".copc-stat--big").first).to_contain_text("60%")
    expect(result).to_contain_text(TEXT[lang]["points_300"])
    expect(result).to_contain_text("2 × 25 + 0.5 × 20 = 60%")
    # the guide's example 2: half the metrics at target earn the whole item, whatever improves
    load_example(root, "2")
    expect(result.locator(".copc-stat--big").first).to_contain_text("100%")
    # example 3: nothing at target, each improving point adds half a point
    load_example(root, "3")
    expect(result.locator(".copc-stat--big").first).to_contain_text("20%")
    expect(result).to_contain_text("2 × 0 + 0.5 × 40 = 20%")
    # counts that do not add up: improving counts only metrics not at target
    field(root, "achieved").fill("25")
    field(root, "improving").fill("90")
    improving = field(root, "improving")
    expect(improving).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root).to_have_attribute("data-state", "invalid")


def test_channel_performance_example(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "channel-performance")
    load_example(root)
    result = root.locator(".copc-calc__result")
    for metric_type, percent in (("service", "80%"), ("quality", "100%"), ("sales", "100%"), ("efficiency", "55%")):
        expect(result.locator(f'tr[data-type="{metric_type}"] td').nth(2)).to_have_text(percent)
    expect(result).to_contain_text(TEXT[lang]["points_335"])
    expect(root.locator('[data-note="interpretation:missing-metric-types"]')).to_have_count(1)
    # a required type left out is an error at that type's row, not a silent re-weighting
    for key in ("achieved", "improving", "total"):
        field(root, f"quality.{key}").fill("")
    row = root.locator('tr[data-group-path="quality"]')
    expect(row).to_have_class(re.compile("is-invalid"), timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)


def test_rule_50_75_example_and_typing(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "rule-50-75")
    load_example(root)
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").nth(0)).to_contain_text("96%")
    expect(result.locator(".copc-stat--big").nth(1)).to_contain_text("92%")
    expect(result).to_contain_text(TEXT[lang]["points_329"])
    expect(result.locator(".copc-verdict--no")).to_have_count(1)
    field(root, "at_target").fill("50")
    field(root, "at_target_or_improving").fill("75")
    expect(result.locator(".copc-verdict--ok")).to_have_count(1, timeout=RESULT)
    expect(result).to_contain_text("350 / 350" if lang == "ja" else "350 of 350 points")


def test_applicable_points_example(shared: tuple[Page, str]) -> None:
    page, _ = shared
    root = calc(page, "applicable-points")
    load_example(root)
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").nth(0)).to_have_text(re.compile(r"3,570$"))
    expect(result.locator(".copc-stat--required")).to_have_text(re.compile(r"3,391\.5$"))
    expect(result.locator(".copc-excluded li")).to_have_count(2)
    expect(root.locator('[data-note="erratum:applicable-example-2.6-points"]')).to_have_count(1)
    expect(root.locator('[data-note="erratum:applicable-example-rounding"]')).to_have_count(1)
    # keep 2.6 as applicable: 3,650 and 3,467.5
    root.locator('input[data-exclude="2.6"]').uncheck()
    expect(result.locator(".copc-stat--big").nth(0)).to_have_text(re.compile(r"3,650$"), timeout=RESULT)
    expect(result.locator(".copc-stat--required")).to_have_text(re.compile(r"3,467\.5$"))
    # no channel at all is an error at the channels
    root.locator('input[data-channel="human"]').uncheck()
    expect(root.locator('fieldset[data-group-path="channels"] .copc-error')).to_have_count(1, timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
    root.locator('input[data-channel="human"]').check()
    wait_result(root)


def test_self_assessment_sample_and_the_decision_flips(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "self-assessment")
    load_example(root, "sample")
    result = root.locator(".copc-calc__result")
    decision = result.locator(".copc-decision")
    expect(decision).to_have_attribute("data-certified", "false")
    expect(decision).to_contain_text(TEXT[lang]["pending"])
    expect(result).to_contain_text(TEXT[lang]["points_3840"])
    expect(result).to_contain_text("96%")
    expect(result.locator('[data-condition="approach-100"]')).to_have_attribute("data-met", "false")
    expect(result.locator('[data-condition="points-95"]')).to_have_attribute("data-met", "true")
    expect(result.locator('[data-condition="rule-50-75"]')).to_have_attribute("data-met", "true")
    expect(result.locator('[data-condition="all-items-scored"]')).to_have_attribute("data-met", "true")
    # the 160 points lost, as the Audit outcomes page tells them: 4.1 100, 2.9 30, 2.10 20, 2.8 8, 4.5 2
    losses = result.locator(".copc-losses li")
    expect(losses).to_have_count(5)
    assert [losses.nth(i).get_attribute("data-item") for i in range(5)] == ["4.1", "2.9", "2.10", "2.8", "4.5"]
    expect(result.locator("svg.copc-chart .copc-chart__row")).to_have_count(4)
    expect(root.locator('[data-result="2.8"]')).to_contain_text("90%")
    # the decision follows the text's three conditions, not the guide's figure or overview
    for erratum in ("certification-conditions-figure", "full-marks-for-results"):
        expect(root.locator(f'[data-note="erratum:{erratum}"]')).to_have_count(1)

    # fix 2.8's missing sub-requirement: every condition holds
    field(root, "items.2.8.met").fill("10")
    expect(decision).to_have_attribute("data-certified", "true", timeout=RESULT)
    expect(decision).to_contain_text(TEXT[lang]["certified"])
    # one approach below 100% elsewhere: pending again, however many points
    field(root, "items.1.1.met").fill("5")
    field(root, "items.1.1.applicable").fill("6")
    expect(decision).to_have_attribute("data-certified", "false", timeout=RESULT)
    expect(result.locator('[data-condition="approach-100"]')).to_contain_text("1.1")

    # a bad count in a row is shown in that row, and the row results go
    field(root, "items.1.1.met").fill("7")
    expect(field(root, "items.1.1.met")).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root.locator('tbody[data-item="1.1"] .copc-error')).to_contain_text(TEXT[lang]["exceed"])
    expect(root.locator('[data-result="2.8"]')).to_have_text("")
    field(root, "items.1.1.met").fill("6")
    wait_result(root)

    # without digital-assisted channels, 2.6 and 4.4 leave the form and the scope
    root.locator('input[data-channel="digital"]').uncheck()
    expect(root.locator('tbody[data-item="4.4"]')).to_have_count(0)
    expect(result).to_contain_text("3,570", timeout=RESULT)
    root.locator('input[data-channel="digital"]').check()
    expect(root.locator('tbody[data-item="4.4"]')).to_have_count(1)
    expect(field(root, "items.4.4.service.achieved")).to_have_value("6")  # the typed values came back


def test_process_certification_sample(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "process-certification")
    load_example(root, "sample")
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-decision")).to_have_attribute("data-ready", "false")
    expect(result.locator(".copc-decision")).to_contain_text(TEXT[lang]["not_ready"])
    units = result.locator(".copc-unit")
    expect(units).to_have_count(3)
    expect(units.nth(0)).to_have_attribute("data-holds", "true")
    expect(units.nth(1)).to_have_attribute("data-holds", "true")
    expect(units.nth(2)).to_have_attribute("data-holds", "false")
    expect(units.nth(2).locator('[data-meets="false"]')).to_have_count(3)
    expect(result.locator(".copc-unmet li")).to_have_count(1)
    expect(root.locator('[data-note="erratum:name-of-2.5"]')).to_have_count(1)
    expect(root.locator('[data-note="interpretation:level-rule-measurement-period"]')).to_have_count(1)

    # one more month at target for speed of answer at site B: 2 of 4 = 50%, and it is ready
    site_b = root.locator("input[data-site-name]").nth(1).input_value()
    field(root, f"sites.{site_b}.workforce.speed-of-answer.months_at_target").fill("9")
    expect(result.locator(".copc-decision")).to_have_attribute("data-ready", "true", timeout=RESULT)

    # rename a site: its months follow it; an empty or repeated name is an error at the name
    name = root.locator("input[data-site-name]").nth(1)
    name.fill(root.locator("input[data-site-name]").nth(0).input_value())
    expect(name).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    name.fill("Naha")
    wait_result(root)
    expect(result.locator(".copc-unit").nth(2)).to_have_attribute("data-unit", "Naha")

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


def test_process_certification_hints_say_which_column_they_are_about(shared: tuple[Page, str]) -> None:
    page, lang = shared
    root = calc(page, "process-certification")
    root.locator(".copc-calc__clear").click()
    hints = root.locator(".copc-calc__hints li")
    expect(hints.first).to_be_visible(timeout=RESULT)
    texts = hints.all_inner_texts()
    entity, site = {"ja": ("主体組織: ", "サイト1: "), "en": ("Entity: ", "Site 1: ")}[lang]
    assert any(text.startswith(entity) for text in texts), texts
    assert any(text.startswith(site) for text in texts), texts


def test_process_certification_several_client_metrics(shared: tuple[Page, str]) -> None:
    """A client may require several metrics of one kind: each gets a named row of its own."""
    page, lang = shared
    root = calc(page, "process-certification")
    load_example(root, "sample")  # workforce block: the entity meets 3 of its 4 metrics
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


# --- state: reload, links ---------------------------------------------------------------------

def test_reload_keeps_the_scenario(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto(PAGES["en"])
        root = calc(page, "rule-50-75")
        wait_ready(root)
        load_example(root)
        field(root, "at_target").fill("40")
        expect(root.locator(".copc-calc__result")).to_contain_text("80%", timeout=RESULT)
        process = calc(page, "process-certification")
        load_example(process, "sample")
        page.reload()
        root = calc(page, "rule-50-75")
        expect(field(root, "at_target")).to_have_value("40")
        expect(field(root, "at_target_or_improving")).to_have_value("69")
        expect(root.locator(".copc-calc__result")).to_contain_text("80%", timeout=BOOT)
        process = calc(page, "process-certification")
        expect(field(process, "block")).to_have_value("workforce")
        expect(process.locator("input[data-site-name]")).to_have_count(2)
        # the other language shares the inputs too (one origin, language-neutral state)
        page.goto(PAGES["ja"])
        expect(field(calc(page, "rule-50-75"), "at_target")).to_have_value("40")
    finally:
        context.close()


STORED = {
    "ja": {"about": "このブラウザーに保存されているもの", "erase": "保存データを消去",
           "confirm": "元には戻せません", "cancel": "やめる", "yes": "消去する", "erased": "消去しました"},
    "en": {"about": "Kept in this browser: each calculator's inputs", "erase": "Erase kept data",
           "confirm": "It cannot be undone", "cancel": "Cancel", "yes": "Erase", "erased": "Erased."},
}


def kept_keys(page: Page) -> list[str]:
    keys: list[str] = page.evaluate(
        "() => Object.keys(localStorage).filter((key) => key.startsWith('copc-calc:')).sort()")
    return keys


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_what_the_calculators_keep_can_be_erased_from_this_browser(browser: Browser, base_url: str, lang: str) -> None:
    context, page = new_page(browser, base_url)
    words = STORED[lang]
    try:
        page.goto(PAGES[lang])
        rule = calc(page, "rule-50-75")
        wait_ready(rule)
        load_example(rule)
        field(rule, "at_target").fill("40")  # the reader's own inputs; the example's are kept for a restore
        expect(rule.locator(".copc-calc__result")).to_contain_text("80%", timeout=RESULT)
        expect(rule.locator(".copc-calc__replaced")).to_be_hidden()
        load_example(rule)
        expect(rule.locator(".copc-calc__restore")).to_be_visible()
        # the last result is kept when the page is idle
        page.wait_for_function("() => localStorage.getItem('copc-calc:v1:rule-50-75:result') !== null", timeout=RESULT)
        assert "copc-calc:v1:rule-50-75:replaced" in kept_keys(page)

        panel = page.locator(".copc-stored-data")
        expect(panel).to_contain_text(words["about"])
        # the first click only asks; "cancel" leaves everything as it was
        panel.get_by_role("button", name=words["erase"]).click()
        expect(panel).to_contain_text(words["confirm"])
        panel.get_by_role("button", name=words["cancel"]).click()
        expect(panel).to_contain_text(words["about"])
        assert "copc-calc:v1:rule-50-75:replaced" in kept_keys(page)

        panel.get_by_role("button", name=words["erase"]).click()
        with page.expect_navigation():
            panel.get_by_role("button", name=words["yes"], exact=True).click()
        expect(page.locator(".copc-stored-data")).to_contain_text(words["erased"])
        # the reloaded calculators start from their empty forms: nothing to restore, no kept inputs
        rule = calc(page, "rule-50-75")
        expect(rule).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        expect(field(rule, "at_target")).to_have_value("")
        expect(rule.locator(".copc-calc__replaced")).to_be_hidden()
        assert not any(key.endswith(":replaced") for key in kept_keys(page))
        # the message is said once: the next visit describes the panel again
        page.reload()
        expect(page.locator(".copc-stored-data")).to_contain_text(words["about"])
    finally:
        context.close()


def test_copy_link_reproduces_the_scenario_in_another_browser_and_language(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    links: dict[str, str] = {}
    try:
        page.goto(PAGES["en"])
        channel = calc(page, "channel-performance")
        wait_ready(channel)
        load_example(channel)
        field(channel, "efficiency.improving").fill("20")
        expect(channel.locator(".copc-calc__result")).to_contain_text("60%", timeout=RESULT)
        channel.locator(".copc-calc__copy").click()
        link = channel.locator(".copc-calc__link-input")
        expect(link).to_have_value(re.compile(r"channel-performance="))
        links["channel-performance"] = link.input_value()

        assessment = calc(page, "self-assessment")
        load_example(assessment, "sample")
        field(assessment, "items.2.8.met").fill("10")
        expect(assessment.locator(".copc-decision")).to_have_attribute("data-certified", "true", timeout=RESULT)
        assessment.locator(".copc-calc__copy").click()
        links["self-assessment"] = assessment.locator(".copc-calc__link-input").input_value()

        process = calc(page, "process-certification")
        load_example(process, "sample")
        process.locator("input[data-site-name]").nth(1).fill("Okinawa")
        wait_result(process)
        process.locator(".copc-calc__copy").click()
        links["process-certification"] = process.locator(".copc-calc__link-input").input_value()
    finally:
        context.close()

    for lang in ("ja", "en"):
        # a fresh context (another browser: no localStorage), on the page in either language; the
        # three links' query parameters together (one per calculator) open all three scenarios
        context, page = new_page(browser, base_url)
        try:
            query = "&".join(url.split("?", 1)[1] for url in links.values())
            page.goto(f"{PAGES[lang]}?{query}")
            root = calc(page, "channel-performance")
            expect(field(root, "efficiency.improving")).to_have_value("20")
            expect(root.locator('.copc-calc__result tr[data-type="efficiency"] td').nth(2)).to_have_text(
                "60%", timeout=BOOT)
            root = calc(page, "self-assessment")
            expect(field(root, "items.2.8.met")).to_have_value("10")
            expect(root.locator(".copc-decision")).to_have_attribute("data-certified", "true", timeout=RESULT)
            expect(root.locator(".copc-decision")).to_contain_text(TEXT[lang]["certified"])
            root = calc(page, "process-certification")
            expect(root.locator("input[data-site-name]").nth(1)).to_have_value("Okinawa")
            expect(root.locator(".copc-unit").nth(2)).to_have_attribute("data-unit", "Okinawa", timeout=RESULT)
            expect(root.locator(".copc-decision")).to_have_attribute("data-ready", "false")
            # the links' state is now this browser's, and it has left the address bar
            assert "?" not in page.url
            page.reload()
            expect(field(calc(page, "self-assessment"), "items.2.8.met")).to_have_value("10")
        finally:
            context.close()


# --- the engine: booting, failing ------------------------------------------------------------

def test_the_form_is_usable_while_the_engine_boots(browser: Browser, base_url: str) -> None:
    """What is typed while Pyodide loads is kept, and computed the moment the engine is ready."""
    context, page = new_page(browser, base_url)
    # the engine cannot finish its boot until the test lets its WebAssembly through
    held = hold_requests(context, WASM)
    try:
        page.goto("/scoring/items-1-3/")
        root = calc(page, "item-score")
        expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        status = root.locator(".copc-calc__status")
        field(root, "item").select_option("2.15")
        for path, value in (("met", "2"), ("applicable", "2"), ("deployed", "2"), ("total", "3")):
            field(root, path).fill(value)
        # still booting: progress in Japanese, the request waits, nothing typed is lost
        assert root.get_attribute("data-engine") != "ready"
        assert re.search(r"[ぁ-んァ-ン一-龥]", status.text_content() or "")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=RESULT)
        expect(field(root, "met")).to_have_value("2")

        while not held:  # the worker asks for the module once its runtime script is in
            page.wait_for_timeout(50)
        while held:
            held.pop().continue_()
        context.unroute(WASM)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["ja"]["points_20_40"], timeout=BOOT)
        expect(root).to_have_attribute("data-engine", "ready")
        for path, value in (("met", "2"), ("applicable", "2"), ("deployed", "2"), ("total", "3")):
            expect(field(root, path)).to_have_value(value)
    finally:
        context.close()


def test_a_kept_result_shows_at_once_while_the_engine_starts(browser: Browser, base_url: str) -> None:
    """The engine's last answer is kept with the form's state: the next visit shows it before the
    engine is up, for the same request and the same core only, and the engine still answers."""
    context, page = new_page(browser, base_url, service_workers="block")
    held: list[Route] = []
    try:
        root = example_answered(page)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["en"]["points_20_40"])
        expect(root).to_have_attribute("data-result-source", "engine")
        page.wait_for_function("() => localStorage.getItem('copc-calc:v1:item-score:result') !== null")

        # from now on the engine cannot start (its WebAssembly never arrives)
        held = hold_requests(context, WASM)
        page.reload()
        root = calc(page, "item-score")
        expect(root).to_have_attribute("data-result-source", "kept", timeout=BOOT)
        expect(root).to_have_attribute("data-state", "result")
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["en"]["points_20_40"])
        expect(root.locator(".copc-calc__steps li")).to_have_count(4)
        assert root.get_attribute("data-engine") != "ready"

        # another request has no kept answer: it waits for the engine, with what was typed kept
        field(root, "met").fill("1")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=RESULT)
        expect(root).to_have_attribute("data-state", "pending")
        # back to the kept request: its answer again, at once
        field(root, "met").fill("2")
        expect(root).to_have_attribute("data-result-source", "kept", timeout=RESULT)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["en"]["points_20_40"])

        # a result kept from another build of the core is never shown
        page.evaluate("""() => {
            const key = 'copc-calc:v1:item-score:result';
            const kept = JSON.parse(localStorage.getItem(key));
            localStorage.setItem(key, JSON.stringify({ ...kept, core: 'another-core' }));
        }""")
        page.reload()
        root = calc(page, "item-score")
        expect(root.locator(".copc-calc__result-note")).to_have_attribute("data-kind", "waiting", timeout=BOOT)
        assert root.get_attribute("data-result-source") is None

        # the engine arrives: it computes the request itself
        while held:
            held.pop().continue_()
        context.unroute(WASM)
        wait_ready(root)
        expect(root).to_have_attribute("data-result-source", "engine", timeout=RESULT)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["en"]["points_20_40"])
    finally:
        context.close()


def material_is_set_up(page: Page) -> bool:
    """Whether Material's script has run on the page (it publishes its observables on window)."""
    return bool(page.evaluate("() => typeof window.document$ === 'object' && window.document$ !== null"))


def test_material_waits_for_the_engines_first_answer_or_the_reader(browser: Browser, base_url: str) -> None:
    """On a page with a calculator, Material's script runs after the engine's first answer, so it
    does not compete with the engine's start; at once if the reader turns to the page around the
    calculators first. Its search works either way."""
    context, page = new_page(browser, base_url, service_workers="block")
    held: list[Route] = []
    try:
        example_answered(page)
        page.wait_for_function("() => typeof window.document$ === 'object'", timeout=RESULT)
        # Material's parts work: its search finds the guide's pages
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("deployment")
        expect(page.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)

        # the engine cannot start (its WebAssembly never arrives): Material waits, the form is usable
        held = hold_requests(context, WASM)
        other = context.new_page()
        other.goto("/en/scoring/items-1-3/")
        root = calc(other, "item-score")
        expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
        field(root, "met").fill("1")  # typing in a calculator is not turning to the page
        other.wait_for_timeout(1500)
        assert not material_is_set_up(other)
        # the reader opens the search: Material sets the page up, and the search works
        box = other.locator("input.md-search__input")
        box.click()
        other.wait_for_function("() => typeof window.document$ === 'object'", timeout=RESULT)
        box.fill("deployment")
        expect(other.locator(".md-search-result__item > a.md-search-result__link").first).to_be_visible(timeout=30_000)
        expect(field(root, "met")).to_have_value("1")
    finally:
        for route in held:
            with suppress(Error):
                route.abort()
        context.close()


def test_every_widget_fails_clearly_when_the_engine_cannot_load(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)

    def block(route: Route) -> None:
        route.abort()

    try:
        # WebAssembly that cannot be fetched, as behind a filter or on a broken install
        context.route(WASM, block)
        page.goto(PAGES["en"])
        roots = page.locator(".copc-calc")
        expect(roots).to_have_count(7)
        for index in range(7):
            root = roots.nth(index)
            expect(root).to_have_attribute("data-engine", "failed", timeout=BOOT)
            expect(root.locator(".copc-calc__status")).to_contain_text(TEXT["en"]["failed"])
            expect(root.locator(".copc-calc__status")).to_have_attribute("role", "alert")
        item = calc(page, "item-score")
        field(item, "met").fill("2")
        expect(item).to_have_attribute("data-state", "failed", timeout=RESULT)
        expect(field(item, "met")).to_have_value("2")
    finally:
        context.close()


def test_the_engine_survives_exceptions_and_restarts_after_a_crash(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto(PAGES["en"])
        root = calc(page, "rule-50-75")
        wait_ready(root)
        # a Python exception inside the core (absurdly nested input) is an answer, and the engine goes on
        bad, good = page.evaluate("""async () => {
            const client = await import("/assets/calculators/client.mjs");
            let deep = "1";
            for (let i = 0; i < 1500; i++) deep = [deep];
            const bad = await client.compute("rule-50-75", {at_target: deep});
            const good = await client.compute("rule-50-75", {at_target: "48", at_target_or_improving: "69",
                                                              total: "100"});
            return [bad, good];
        }""")
        assert bad["ok"] is False and bad["failure"] == "exception" and "RecursionError" in bad["detail"]
        assert good["ok"] is True and good["result"]["points"] == 329
        expect(root).to_have_attribute("data-engine", "ready")

        # the worker dies (an uncaught error in it): the next input starts a new one
        workers = [w for w in page.workers if w.url.endswith("/calculators/worker.mjs")]
        assert len(workers) == 1
        workers[0].evaluate("setTimeout(() => { throw new Error('simulated crash'); }, 0)")
        expect(root).to_have_attribute("data-engine", "crashed", timeout=RESULT)
        expect(root.locator(".copc-calc__status")).to_contain_text("stopped")
        load_example(root)
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["en"]["points_329"])
        # Enter in a field calculates at once
        field(root, "total").fill("96")
        field(root, "total").press("Enter")
        expect(root.locator(".copc-calc__result")).to_contain_text("50%", timeout=RESULT)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_guide_pages_mount_their_calculators(browser: Browser, base_url: str, lang: str) -> None:
    prefix = "" if lang == "ja" else "/en"
    expected = {
        "/scoring/items-1-3/": ["item-score"],
        "/scoring/performance/": ["performance", "channel-performance", "rule-50-75"],
        "/scoring/applicable-points/": ["applicable-points"],
        "/certification/outcomes/": ["self-assessment"],
        "/process/blocks/": ["process-certification"],
    }
    context, page = new_page(browser, base_url)
    try:
        for path, names in expected.items():
            page.goto(prefix + path)
            for name in names:
                root = calc(page, name)
                expect(root).to_have_attribute("data-copc-mounted", "yes", timeout=BOOT)
                expect(root.locator(".copc-calc__example").first).to_be_visible()
            expect(page.locator("html")).to_have_attribute("lang", lang)
        # the last page computes in its language once the engine is up
        root = calc(page, "process-certification")
        wait_ready(root)
        load_example(root, "sample")
        expect(root.locator(".copc-calc__result")).to_contain_text(TEXT[lang]["not_ready"], timeout=BOOT)
        expect(root.locator(".copc-calc__steps summary")).to_have_text(TEXT[lang]["steps"])
    finally:
        context.close()


def corrupt_stored_snapshot(page: Page) -> list[str]:
    """Overwrite this browser's memory snapshots (in the origin private file system) with zeros."""
    names: list[str] = page.evaluate("""async () => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle("copc-snapshots");
        const names = [];
        for await (const name of folder.keys()) {
            const writable = await (await folder.getFileHandle(name)).createWritable();
            await writable.write(new Uint8Array(64));
            await writable.close();
            names.push(name);
        }
        return names;
    }""")
    return names


# what the reader sends the engine: a marker that must never reach the snapshot kept for the next visit
TYPED = "ZZ-typed-by-the-reader-ZZ"


def send_typed_text(page: Page) -> None:
    """A request to the page's engine (through the calculators' one API) that carries TYPED."""
    page.evaluate("""async (typed) => {
        const mount = document.querySelector('script[src*="calculators/mount.mjs"]').src;
        const { compute } = await import(new URL("client.mjs", mount).href);
        await compute("applicable-points", { edition: "CSP", channels: [typed] });
    }""", TYPED)


def stored_snapshot_texts(page: Page, texts: list[str]) -> dict[str, bool]:
    """Which of `texts` this browser's stored memory snapshot holds (as Latin-1 bytes)."""
    found: dict[str, bool] = page.evaluate("""async (texts) => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle("copc-snapshots");
        const images = [];
        for await (const handle of folder.values()) {
            images.push(new TextDecoder("latin1").decode(await (await handle.getFile()).arrayBuffer()));
        }
        if (images.length !== 1) throw new Error(`${images.length} stored snapshots`);
        return Object.fromEntries(texts.map((text) => [text, images[0].includes(text)]));
    }""", texts)
    return found


def kept_snapshot_holds_nothing_typed(page: Page) -> None:
    """Send the engine TYPED, wait until this browser's snapshot is kept, and look into it: the
    core's modules are there, what the reader sent is not."""
    send_typed_text(page)
    expect(calc(page, "item-score")).to_have_attribute("data-snapshot", "saved", timeout=BOOT)
    assert stored_snapshot_texts(page, ["copc_cx.web", TYPED]) == {"copc_cx.web": True, TYPED: False}


def started_from(page: Page, start: str) -> None:
    """The item-score calculator's engine started as `start` and computes the first example."""
    root = calc(page, "item-score")
    wait_ready(root)
    expect(root).to_have_attribute("data-engine-start", start)
    load_example(root)
    expect(root.locator(".copc-calc__result")).to_contain_text(TEXT["ja"]["points_20_40"])


def test_a_first_visit_starts_from_the_sites_snapshot_and_the_next_from_this_browsers(
    browser: Browser, base_url: str,
) -> None:
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        page.goto(PAGES["ja"])
        started_from(page, "shipped")
        # kept in the origin private file system once the page has been quiet for a moment
        kept_snapshot_holds_nothing_typed(page)

        page.reload()
        started_from(page, "stored")

        # a stored snapshot that cannot be restored is forgotten: the site's serves again
        broken = corrupt_stored_snapshot(page)
        assert len(broken) == 1 and broken[0].endswith(".bin")
        page.reload()
        started_from(page, "shipped")
        expect(calc(page, "item-score")).to_have_attribute("data-snapshot", "saved", timeout=BOOT)
    finally:
        context.close()


def test_without_the_sites_snapshot_or_on_a_slow_network_the_engine_boots_in_full(
    browser: Browser, base_url: str,
) -> None:
    # the site's snapshot is missing: a full boot, whose interpreter makes the snapshot kept
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        context.route(SHIPPED_SNAPSHOT, lambda route: route.fulfill(status=404, body="missing"))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        # taken of the interpreter as the boot left it, before the reader's requests
        kept_snapshot_holds_nothing_typed(page)
        page.reload()
        started_from(page, "stored")
    finally:
        context.close()

    # a network that would take more than the worker's budget (a second) for the snapshot's
    # 6.3 MB: given up after its first quarter second
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        # 40 Mbit/s, in bytes per second
        cdp.send("Network.emulateNetworkConditions",
                 {"offline": False, "latency": 0, "downloadThroughput": 5_000_000, "uploadThroughput": -1})
        messages: list[str] = []
        page.on("console", lambda message: messages.append(message.text))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        assert any(re.search(r"snapshot not used: \S+ would take about \d+ ms", text) for text in messages), messages
    finally:
        context.close()

    # the snapshot's answer does not even start within the budget: given up too
    held: list[Route] = []
    context, page = new_page(browser, base_url, service_workers="block")
    try:
        held = hold_requests(context, SHIPPED_SNAPSHOT)
        messages.clear()
        page.on("console", lambda message: messages.append(message.text))
        page.goto(PAGES["ja"])
        started_from(page, "full")
        assert held, "the worker never asked for the site's snapshot"
        assert any("snapshot not used" in text and "did not start coming within" in text for text in messages), messages
    finally:
        for route in held:
            with suppress(Error):
                route.abort()
        context.close()


# --- nothing typed is lost ----------------------------------------------------------------------

REPLACED = {
    "ja": {"example": "例を読み込んだため", "clear": "入力をクリアしました", "link": "共有リンクのシナリオ",
           "brokenLink": "保存されている入力を表示しています",
           "brokenLinkEmpty": "リンクのシナリオを読み取れませんでした",
           "restored": "元の入力に戻しました", "restore": "元の入力に戻す"},
    "en": {"example": "The example replaced your inputs", "clear": "Inputs cleared",
           "link": "the shared link's scenario", "brokenLink": "Showing your saved inputs",
           "brokenLinkEmpty": "could not be read", "restored": "Your earlier inputs are back",
           "restore": "Restore my inputs"},
}


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_inputs_replaced_by_an_example_a_clear_or_a_shared_link_can_be_restored(
        browser: Browser, base_url: str, lang: str) -> None:
    context, page = new_page(browser, base_url)
    mine = {"at_target": "60", "at_target_or_improving": "80", "total": "100"}
    later = {"at_target": "30", "at_target_or_improving": "40", "total": "90"}

    def rule() -> Locator:
        return calc(page, "rule-50-75")

    def bar() -> Locator:
        return rule().locator(".copc-calc__replaced")

    def type_in(values: dict[str, str]) -> None:
        for path, value in values.items():
            field(rule(), path).fill(value)
        wait_result(rule())

    def shows(values: dict[str, str]) -> None:
        for path, value in values.items():
            expect(field(rule(), path)).to_have_value(value)

    def restore() -> None:
        bar().locator(".copc-calc__restore").click()

    try:
        page.goto(PAGES[lang])
        wait_ready(rule())
        type_in(mine)
        expect(bar()).to_be_hidden()

        # the guide's example replaces them: they are offered back, in the page's language
        load_example(rule())
        expect(field(rule(), "at_target")).to_have_value("48")
        expect(bar()).to_have_attribute("data-reason", "example")
        expect(bar()).to_contain_text(REPLACED[lang]["example"])
        # after a reload, clearing the example still keeps the reader's own inputs, and the bar
        # says what replaced them last
        page.reload()
        wait_ready(rule())
        expect(bar()).to_be_visible()
        rule().locator(".copc-calc__clear").click()
        expect(field(rule(), "at_target")).to_have_value("")
        expect(bar()).to_have_attribute("data-reason", "clear")
        bar().get_by_role("button", name=REPLACED[lang]["restore"]).click()
        shows(mine)
        expect(bar()).to_be_hidden()

        # "clear" on the reader's own inputs, then new inputs typed, then a restore: both are kept
        rule().locator(".copc-calc__clear").click()
        expect(bar()).to_contain_text(REPLACED[lang]["clear"])
        type_in(later)
        restore()
        shows(mine)
        expect(bar()).to_have_attribute("data-reason", "restored")
        expect(bar()).to_contain_text(REPLACED[lang]["restored"])
        restore()  # back to what was shown before the restore
        shows(later)
        expect(bar()).to_be_hidden()
        type_in(mine)

        # an example, then a colleague's link on another visit: the reader's own inputs are kept
        load_example(rule())
        theirs = {"at_target": "10", "at_target_or_improving": "20", "total": "50"}
        page.goto(f"{PAGES[lang]}?rule-50-75={link_state(theirs)}")
        wait_ready(rule())
        shows(theirs)
        expect(bar()).to_have_attribute("data-reason", "link")
        expect(bar()).to_contain_text(REPLACED[lang]["link"])
        restore()
        shows(mine)
        wait_result(rule())

        # a link cut short says so, and the saved inputs stay
        page.goto(f"{PAGES[lang]}?rule-50-75=%25%25garbage")
        wait_ready(rule())
        expect(bar()).to_have_attribute("data-reason", "brokenLink")
        expect(bar()).to_contain_text(REPLACED[lang]["brokenLink"])
        shows(mine)
        bar().locator(".copc-calc__replaced-dismiss").click()
        expect(bar()).to_be_hidden()
    finally:
        context.close()

    # a first visit through a link cut short: nothing saved to speak of
    context, page = new_page(browser, base_url)
    try:
        page.goto(f"{PAGES[lang]}?rule-50-75=%25%25garbage")
        wait_ready(rule())
        expect(bar()).to_have_attribute("data-reason", "brokenLinkEmpty")
        expect(bar()).to_contain_text(REPLACED[lang]["brokenLinkEmpty"])
        expect(bar()).not_to_contain_text(REPLACED[lang]["brokenLink"])
    finally:
        context.close()


@pytest.mark.parametrize("name", ["process-certification", "self-assessment"])
def test_the_sample_tables_fit_a_projector_at_150_percent(browser: Browser, base_url: str, name: str) -> None:
    # a 1024 x 768 projector at 150% zoom leaves 683 CSS pixels: the sample's tables (the entity and
    # two sites; an item's four counts) fit without scrolling sideways
    context, page = new_page(browser, base_url, viewport={"width": 683, "height": 512})
    try:
        page.goto(PAGES["en"])
        root = calc(page, name)
        wait_ready(root)
        load_example(root, "sample")
        overflow = root.locator(".copc-table-wrap").evaluate_all("(ws) => ws.map((w) => w.scrollWidth - w.clientWidth)")
        assert overflow and max(overflow) <= 0, overflow
    finally:
        context.close()
