"""The presenter view (calculators/kit/presenter.mjs, calculators/presenter.css) for a trainer's
projector: one calculator alone, large type, dark hints, nothing else of the page on screen, and a
loaded example's result in view, at 1366 x 768 and at 150% zoom (911 x 512 CSS pixels)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.helpers import (
    PAGES,
    RESULT,
    calc,
    examples_of,
    new_page,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.e2e

LABELS = {"ja": {"open": "発表モード", "next": "次の計算ツール", "exit": "発表モードを終了"},
          "en": {"open": "Presenter view", "next": "Next calculator", "exit": "Leave presenter view"}}
PROJECTOR = {"width": 1366, "height": 768}
ZOOMED = {"viewport": {"width": 911, "height": 512}, "device_scale_factor": 1.5}  # 1366 x 768 at 150%


def luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def colour(text: str, under: tuple[float, ...] = (255, 255, 255)) -> tuple[float, ...]:
    """A computed CSS colour ("rgb(…)" / "rgba(…)") laid over `under`."""
    parts = [float(p) for p in re.findall(r"[\d.]+", text)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    return tuple(alpha * c + (1 - alpha) * u for c, u in zip(parts[:3], under, strict=True))


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# counts the results highlighted on the page (the highlight lasts two seconds: a check could miss it)
COUNT_HIGHLIGHTS = """
window.__highlighted = 0;
new MutationObserver((changes) => {
  for (const change of changes) {
    if (change.target.classList && change.target.classList.contains("is-highlighted")) window.__highlighted += 1;
  }
}).observe(document, { attributes: true, attributeFilter: ["class"], subtree: true });
"""


def highlighted(page: Page) -> None:
    page.wait_for_function("() => window.__highlighted > 0", timeout=RESULT)
    page.evaluate("() => { window.__highlighted = 0; }")


def only_the_calculator_shows(page: Page, name: str) -> None:
    expect(page.locator("html")).to_have_class(re.compile(r"\bcopc-presenting\b"))
    for chrome in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(calc(page, name)).to_be_visible()
    others = page.locator(f'.copc-calc[data-calc]:not([data-calc="{name}"])')
    for index in range(others.count()):
        expect(others.nth(index)).to_be_hidden()
    expect(page.locator(".md-content h1").first).to_be_hidden()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_presenter_view_shows_one_calculator_large_with_dark_hints(browser: Browser, base_url: str,
                                                                      lang: str) -> None:
    context, page = new_page(browser, base_url, viewport=PROJECTOR)
    try:
        page.goto(PAGES[lang])
        root = calc(page, "rule-50-75")
        wait_ready(root)
        normal = root.locator("input").first.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
        root.get_by_role("button", name=LABELS[lang]["open"], exact=True).click()
        only_the_calculator_shows(page, "rule-50-75")
        assert re.search(r"#present=rule-50-75$", page.url), page.url
        # projector scale: larger inputs than on the page, at least 20 CSS pixels
        large = root.locator("input").first.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
        assert large >= 20 and large > normal * 1.15, (normal, large)
        # the hints, grey on the page, read at 7:1 or more on the page's background
        background = colour(page.locator("body").evaluate("(el) => getComputedStyle(el).backgroundColor"))
        hints = root.locator(".copc-field__hint")
        assert hints.count() > 0
        for index in range(hints.count()):
            fg = colour(hints.nth(index).evaluate("(el) => getComputedStyle(el).color"), background)
            assert contrast(fg, background) >= 7, (index, contrast(fg, background))

        # the next calculator, then back to the page as it was
        page.get_by_role("button", name=LABELS[lang]["next"], exact=True).click()
        following = page.locator('.copc-calc[data-copc-present="shown"]')
        expect(following).to_have_count(1)
        assert following.get_attribute("data-calc") != "rule-50-75"
        page.get_by_role("button", name=LABELS[lang]["exit"], exact=True).click()
        expect(page.locator("html")).not_to_have_class(re.compile(r"\bcopc-presenting\b"))
        expect(page.locator(".md-header")).to_be_visible()
        expect(calc(page, "item-score")).to_be_visible()
        assert "present" not in page.url
    finally:
        context.close()


@pytest.mark.parametrize(("options", "name"), [({"viewport": PROJECTOR}, "process-certification"),
                                               (ZOOMED, "self-assessment"), (ZOOMED, "process-certification")])
def test_a_loaded_example_s_result_is_brought_into_view(browser: Browser, base_url: str, options: dict[str, object],
                                                        name: str) -> None:
    context, page = new_page(browser, base_url, **options)
    try:
        worked = examples_of(name)[0]
        page.add_init_script(COUNT_HIGHLIGHTS)
        # the URL flag opens the presenter view; an example link in the same fragment loads the example
        page.goto(f"{PAGES['en']}#present={name}&example={worked.id}")
        root = calc(page, name)
        wait_ready(root)
        only_the_calculator_shows(page, name)
        wait_result(root)
        result = root.locator(".copc-calc__result")
        expect(result).to_be_in_viewport(timeout=RESULT)
        highlighted(page)

        # the toolbar's example button brings the result into view too, from the top of the page
        page.evaluate("() => window.scrollTo(0, 0)")
        button = root.locator(".copc-calc__example").last
        button.click()
        wait_result(root)
        expect(result).to_be_in_viewport(timeout=RESULT)
        highlighted(page)
        width = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert width <= 0, width
    finally:
        context.close()


def test_the_bare_flag_presents_the_page_s_first_calculator(browser: Browser, base_url: str) -> None:
    context, page = new_page(browser, base_url, viewport=PROJECTOR)
    try:
        page.goto("/en/scoring/performance/#present")
        first = page.locator(".copc-calc[data-calc]").first
        name = first.get_attribute("data-calc")
        assert name
        wait_ready(first)
        only_the_calculator_shows(page, name)
        page.keyboard.press("Escape")
        expect(page.locator(".md-header")).to_be_visible()
    finally:
        context.close()
