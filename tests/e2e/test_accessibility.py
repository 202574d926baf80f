"""WCAG 2.1 AA, as axe-core checks it, on every built page of both languages in both colour schemes,
and on every calculator in each state it can be in (empty, a worked example loaded, an input
refused, a result, the engine failing): in both schemes in Japanese, in the light one in English
(the two languages share every style; their texts differ). Then what axe cannot see: the result
announced politely, errors tied to their field, focus visible, motion and contrast as the reader
asks, and a reader who uses the keyboard only.

Any violation fails with its rule, the element and where it was found. One browser context per
test, pages in a loop, each checked in the second scheme by switching the palette in place.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from tests.conftest import page_files, page_url
from tests.e2e.accessibility import (
    SCHEMES,
    Scheme,
    axe,
    axe_in_both_schemes,
    calculators_with_widgets,
    described,
    first_numeric_field,
    scheme_shown,
    settled,
    use_scheme,
    with_axe,
)
from tests.e2e.helpers import (
    PAGES,
    RESULT,
    TEXT,
    answer,
    calc,
    example_points,
    examples_of,
    load_example,
    new_page,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.e2e


def test_every_page_of_both_languages_passes_axe_in_both_colour_schemes(
        browser: Browser, base_url: str, site_dir: Path) -> None:
    urls = [page_url(site_dir, p) for p in page_files(site_dir)]
    assert "/" in urls and "/en/" in urls and PAGES["en"] in urls
    # without motion: the palette's switch is drawn at once, not through a transition
    context, page = new_page(browser, base_url, service_workers="block", reduced_motion="reduce")
    with_axe(page)
    use_scheme(page, SCHEMES[0])
    found: list[str] = []
    try:
        for url in urls:
            page.goto(url)
            settled(page)
            found += axe_in_both_schemes(page, url)
    finally:
        context.close()
    assert found == [], f"{len(found)} violations:\n" + "\n".join(found)


# A stand-in for the engine that is ready at once and answers every request with a failure
FAILING_ENGINE = """
import { CORE_PACKAGE } from "./generated/config.mjs";
function ready(port) { port.postMessage({ type: "ready", ms: 1, start: "stored", core: CORE_PACKAGE.sha256 }); }
function answer(port, message) {
  if (!message || (message.type && message.type !== "request")) return;
  port.postMessage({ type: "response", id: message.id, response: { ok: false, errors: [], failure: "timeout" } });
}
if (typeof self.onconnect !== "undefined" && !("postMessage" in self)) {
  self.onconnect = (event) => {
    const port = event.ports[0];
    port.onmessage = (e) => answer(port, e.data);
    ready(port);
  };
} else {
  self.onmessage = (e) => answer(self, e.data);
  ready(self);
}
"""


def checked(page: Page, lang: str, where: str, within: str | None = None) -> list[str]:
    """axe in both schemes on the Japanese page, in the light one on the English page."""
    if lang == "ja":
        return axe_in_both_schemes(page, where, within)
    return described(f"{where} (default)", axe(page, within))


def calculator_states(page: Page, lang: str) -> list[str]:
    """axe on each calculator of the calculators page in each state: empty, each worked example
    (opened by its `#example=` link), an input refused, a result."""
    found: list[str] = []
    names = calculators_with_widgets()
    assert names == page.locator(".copc-calc[data-calc]").evaluate_all("(cs) => cs.map((c) => c.dataset.calc)")
    for name in names:
        root = calc(page, name)
        within = f'.copc-calc[data-calc="{name}"]'
        where = f"{PAGES[lang]} {name}"
        root.locator(".copc-calc__clear").click()
        expect(root).not_to_have_attribute("data-state", "pending", timeout=RESULT)
        found += checked(page, lang, f"{where} empty", within)
        for example in examples_of(name):
            page.goto(f"{PAGES[lang]}#example={example.id}")
            expect(page).not_to_have_url(re.compile("example="))  # taken: the calculator is loading it
            wait_result(root)
            found += checked(page, lang, f"{where} example {example.id}", within)
        # a value the core refuses, in a calculator that takes figures
        bad = first_numeric_field(root)
        if bad is None:
            continue
        bad.fill("x1")
        bad.press("Tab")
        expect(root).to_have_attribute("data-state", "invalid", timeout=RESULT)
        found += checked(page, lang, f"{where} refused input", within)
    return found


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_calculator_passes_axe_in_each_of_its_states(browser: Browser, base_url: str, lang: str) -> None:
    # without motion: axe reads the colours a button or a result shows once it has settled, not
    # half-way through the transition that follows a click (the settled colours are the same)
    context, page = new_page(browser, base_url, service_workers="block", reduced_motion="reduce")
    with_axe(page)
    found: list[str] = []
    try:
        use_scheme(page, SCHEMES[0])
        page.goto(PAGES[lang])
        settled(page)
        found += calculator_states(page, lang)

        # the engine failing: every calculator says so, with its Retry button
        def failing(route: Route) -> None:
            route.fulfill(status=200, content_type="text/javascript", body=FAILING_ENGINE)

        failing_page = context.new_page()
        with_axe(failing_page)
        failing_page.route(re.compile(r".*/calculators/worker\.mjs(\?.*)?$"), failing)
        failing_page.goto(PAGES[lang])
        for name in calculators_with_widgets():
            root = calc(failing_page, name)
            wait_ready(root)
            expect(root).to_have_attribute("data-state", "failed", timeout=RESULT)
        found += checked(failing_page, lang, f"{PAGES[lang]} engine failing")
    finally:
        context.close()
    assert found == [], f"{len(found)} violations:\n" + "\n".join(found)


# --- beyond what axe sees ----------------------------------------------------------------------

def active_path(page: Page) -> str | None:
    path: str | None = page.evaluate("() => document.activeElement && document.activeElement.dataset"
                                     " ? document.activeElement.dataset.path ?? null : null")
    return path


def tab_to(page: Page, path: str, limit: int = 400) -> None:
    """Press Tab until the field `path` of the page's calculator has the focus."""
    for _ in range(limit):
        if active_path(page) == path:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached the field {path}")


def outline_of_focused(page: Page) -> dict[str, str]:
    style: dict[str, str] = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return { style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor };
    }""")
    return style


def test_a_keyboard_and_screen_reader_user_fills_the_item_score_calculator(browser: Browser, base_url: str) -> None:
    """A new reader with the keyboard only: Tab to each field, type the guide's example, Enter; the
    live region holds the points, a bad value is tied to its field, the focus shows, and the link
    to the errata in the text is underlined (found without seeing colour)."""
    worked = examples_of("item-score")[0]
    context, page = new_page(browser, base_url)
    try:
        page.goto("/en/scoring/items-1-3/")
        root = calc(page, "item-score")
        wait_ready(root)
        for path, value in worked.input.items():
            tab_to(page, path)
            control = root.locator(f'[data-path="{path}"]')
            if control.evaluate("(el) => el.tagName") == "SELECT":
                for _ in range(80):  # arrows choose in a select
                    if control.input_value() == value:
                        break
                    page.keyboard.press("ArrowDown")
                expect(control).to_have_value(value)
            else:
                page.keyboard.press("Control+A")
                page.keyboard.type(value)
                outline = outline_of_focused(page)
                assert outline["style"] == "solid" and float(outline["width"].removesuffix("px")) >= 2, outline
        page.keyboard.press("Enter")
        wait_result(root)
        live = root.locator(".copc-calc__announce")
        expect(live).to_have_attribute("aria-live", "polite")
        expect(live).to_contain_text(example_points(worked.id, "en"))
        # what is heard is the outcome, not the reasoning steps
        steps = answer("item-score", worked.input)["steps"]
        assert all(step["en"] not in (live.text_content() or "") for step in steps)
        assert root.locator(".copc-calc__result[aria-live]").count() == 0

        # a value the core refuses: marked at its field, which names the message
        met = root.locator('[data-path="met"]')
        tab_to(page, "met")
        page.keyboard.press("Control+A")
        page.keyboard.type("x")
        page.keyboard.press("Tab")
        expect(root).to_have_attribute("data-state", "invalid", timeout=RESULT)
        expect(met).to_have_attribute("aria-invalid", "true")
        described_by = (met.get_attribute("aria-describedby") or "").split()
        messages = [page.locator(f"#{name}.copc-error") for name in described_by]
        assert any(m.count() == 1 and "whole number" in (m.text_content() or "") for m in messages), described_by
        expect(live).to_contain_text(TEXT["en"]["fix"])

        # the errata link in the running text: underlined, not told apart by colour alone
        link = page.locator('.md-content p a[href*="errata/"]').first
        expect(link).to_be_visible()
        assert "underline" in link.evaluate("(a) => getComputedStyle(a).textDecorationLine")
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES, ids=[s.scheme for s in SCHEMES])
def test_the_focus_shows_in_both_colour_schemes(browser: Browser, base_url: str, scheme: Scheme) -> None:
    context, page = new_page(browser, base_url)
    try:
        use_scheme(page, scheme)
        page.goto("/en/scoring/items-1-3/")
        root = calc(page, "item-score")
        wait_ready(root)
        scheme_shown(page, scheme)
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        for target in [root.locator(".copc-calc__copy"), root.locator('[data-path="met"]'),
                       page.locator('.md-content p a[href*="errata/"]').first]:
            target.focus()
            page.keyboard.press("Shift+Tab")  # focus by keyboard: :focus-visible
            page.keyboard.press("Tab")
            outline = outline_of_focused(page)
            assert outline["style"] == "solid" and float(outline["width"].removesuffix("px")) >= 2, outline
            assert outline["color"] != background
    finally:
        context.close()


def test_no_motion_when_the_reader_asks_for_none(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto("/en/scoring/items-1-3/")
        root = calc(page, "item-score")
        wait_ready(root)
        result = root.locator(".copc-calc__result")

        def motion() -> dict[str, str]:
            found: dict[str, str] = result.evaluate("""(el) => ({
                transition: getComputedStyle(el).transitionDuration,
                scroll: getComputedStyle(document.documentElement).scrollBehavior })""")
            return found

        assert motion()["transition"] != "0s"
        page.emulate_media(reduced_motion="reduce")
        still = motion()
        assert still["scroll"] == "auto"
        assert float(still["transition"].removesuffix("s")) < 0.001
        # a worked example brought into view: marked, without the pulse
        page.goto("/en/scoring/items-1-3/#example=" + examples_of("item-score")[0].id)
        expect(result).to_have_class(re.compile("is-highlighted"), timeout=RESULT)
        assert float(result.evaluate("(el) => parseFloat(getComputedStyle(el).animationDuration)")) < 0.001
    finally:
        context.close()


def test_more_contrast_makes_the_greys_stronger(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url)
    try:
        page.goto("/en/scoring/items-1-3/")
        hint = calc(page, "item-score").locator(".copc-field__hint").first
        expect(hint).to_be_visible(timeout=RESULT)

        def alpha() -> float:
            colour = hint.evaluate("(el) => getComputedStyle(el).color")
            parts = re.findall(r"[\d.]+", colour)
            return float(parts[3]) if len(parts) == 4 else 1.0

        normal = alpha()
        page.emulate_media(contrast="more")
        assert alpha() > normal
    finally:
        context.close()


def test_every_result_is_announced_in_brief_and_the_chart_has_a_text_equivalent(
        calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    for name in calculators_with_widgets():
        root = calc(page, name)
        load_example(root)
        live = root.locator(".copc-calc__announce")
        expect(live).not_to_be_empty()
        heard = live.text_content() or ""
        decision = root.locator(".copc-calc__result .copc-decision .copc-verdict")
        if decision.count():
            assert (decision.first.text_content() or "").strip("✓✗ ") in heard
        # the decision and the main figures, not every step of the reasoning
        steps = root.locator(".copc-calc__steps li").all_text_contents()
        assert len(steps) < 2 or not all(step in heard for step in steps), (name, heard)
    chart = calc(page, "self-assessment").locator("svg.copc-chart")
    expect(chart).to_have_attribute("role", "img")
    expect(chart).to_have_accessible_name(re.compile(".+"))
    description = chart.evaluate("(svg) => document.getElementById(svg.getAttribute('aria-describedby')).textContent")
    for row in chart.locator(".copc-chart__row").all():
        assert (row.get_attribute("data-category") or "?") in description
