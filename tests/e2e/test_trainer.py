"""A trainer's day, in headless Chromium: the exercises reveal the core's answers, every page of
both languages fits a 390-pixel phone, and the course prepared from the examples index and the key
numbers runs three exercises (one of them in its calculator) with the network off."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect

from copc_cx.examples import EXAMPLES_BY_ID, figure
from copc_cx.exercises import EXERCISES, Exercise
from tests.conftest import page_files, page_url
from tests.e2e.helpers import Server, answer, calc, go_offline, new_page

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))

import copc_markers

pytestmark = pytest.mark.e2e

EXERCISE_PAGES = {"ja": "/exercises/", "en": "/en/exercises/"}
BOOT = 120_000  # ms: a cold Pyodide boot plus caching it, on a busy two-core machine
CACHED = 180_000  # ms: the service worker installed and Pyodide cached


@pytest.fixture(scope="module", params=["ja", "en"])
def exercises_page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[tuple[Page, str]]:
    """The exercises page in one language (no calculator on it: nothing boots)."""
    lang: str = request.param
    context, page = new_page(browser, base_url)
    page.goto(EXERCISE_PAGES[lang])
    yield page, lang
    context.close()


def answer_box(page: Page, exercise: Exercise) -> Locator:
    """The folded answer under an exercise's heading (the first <details> after it)."""
    return page.locator(f'[id="exercise-{exercise.id}"] ~ details.success').first


def reveal_and_check(page: Page, lang: str, exercise: Exercise) -> None:
    """Open the exercise's answer: it shows the core's figures for what it asks, and its steps."""
    box = answer_box(page, exercise)
    expect(box).not_to_have_attribute("open", "")
    expect(box.locator("table")).to_be_hidden()  # participants work it out first
    box.locator("summary").click()
    expect(box).to_have_attribute("open", "")
    example = EXAMPLES_BY_ID[exercise.example]
    core = answer(example.calculator, example.input)
    rows = box.locator("table tbody tr")
    expect(rows).to_have_count(len(exercise.asks))
    for index, path in enumerate(exercise.asks):
        label = copc_markers._figure_label(path, lang, core["result"])
        value = copc_markers._value(figure(core["result"], path), path.split(".")[-1], lang)
        expect(rows.nth(index).locator("td").first).to_have_text(label)
        expect(rows.nth(index).locator("td").last).to_have_text(value)
    steps = box.locator("ol > li")
    expect(steps).to_have_count(len(core["steps"]))
    for index, step in enumerate(core["steps"]):
        expect(steps.nth(index)).to_have_text(step[lang])


@pytest.mark.parametrize("exercise", EXERCISES, ids=[e.id for e in EXERCISES])
def test_an_exercise_reveals_the_core_s_answer(exercises_page: tuple[Page, str], exercise: Exercise) -> None:
    page, lang = exercises_page
    reveal_and_check(page, lang, exercise)
    link = answer_box(page, exercise).locator("a.copc-example-link")
    expect(link).to_have_attribute("href", f"../calculators/#example={exercise.example}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_no_page_scrolls_sideways_on_a_phone(browser: Browser, base_url: str, site_dir: Path, lang: str) -> None:
    # a layout check: the engine is kept from booting (its runtime never comes), the forms still draw
    context, page = new_page(browser, base_url, viewport={"width": 390, "height": 844})

    def no_engine(route: Route) -> None:
        route.abort()

    context.route("**/assets/pyodide/**", no_engine)
    try:
        paths = sorted(p for p in (page_url(site_dir, f) for f in page_files(site_dir))
                       if p.startswith("/en/") == (lang == "en"))
        assert len(paths) > 15
        wide = {}
        for path in paths:
            page.goto(path)
            expect(page.locator(".md-content h1").first).to_be_visible()
            placeholders = page.locator(".copc-calc[data-calc]")
            for index in range(placeholders.count()):
                expect(placeholders.nth(index)).to_have_attribute("data-copc-mounted", "yes")
            widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if widths[0] > widths[1]:
                wide[path] = widths
        assert wide == {}
    finally:
        context.close()


@pytest.fixture
def offline_context(browser: Browser, site_dir: Path) -> Iterator[tuple[BrowserContext, Server]]:
    server = Server(site_dir)
    context = browser.new_context(base_url=server.url, service_workers="allow",
                                  viewport={"width": 1366, "height": 768})
    yield context, server
    context.close()
    server.stop()


def test_a_trainer_prepares_a_course_and_runs_three_exercises_offline(
        offline_context: tuple[BrowserContext, Server]) -> None:
    context, server = offline_context
    page = context.new_page()
    # the day before: the examples index, the key numbers, and one calculator page (the engine cached)
    page.goto("/examples/")
    expect(page.locator('a[href$="#example=rule-50-75"]').first).to_be_visible()
    page.goto("/key-numbers/")
    expect(page.locator(".md-content table").first).to_be_visible()
    page.goto("/calculators/")
    expect(calc(page, "rule-50-75")).to_have_attribute("data-engine", "ready", timeout=BOOT)
    expect(page.locator("html")).to_have_attribute("data-copc-offline", "calculators", timeout=CACHED)

    # on the day, without a network
    go_offline(context, server)
    for path in ("/examples/", "/key-numbers/"):
        response = page.goto(path)
        assert response is not None and response.ok and response.from_service_worker, path
    response = page.goto(EXERCISE_PAGES["ja"])
    assert response is not None and response.ok and response.from_service_worker
    chosen = [next(e for e in EXERCISES if e.topic.value == topic)
              for topic in ("item-score", "rule-50-75", "level-rule")]
    for exercise in chosen:
        reveal_and_check(page, "ja", exercise)

    # the 50/75 case in its calculator, on the projector
    answer_box(page, chosen[1]).locator("a.copc-example-link").click()
    root = calc(page, "rule-50-75")
    expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
    expect(root).to_have_attribute("data-state", "result", timeout=BOOT)
    example = EXAMPLES_BY_ID[chosen[1].example]
    core = answer(example.calculator, example.input)["result"]
    expect(root.locator(".copc-calc__result")).to_contain_text(core["display"]["level"])
    expect(root.locator(".copc-calc__result")).to_be_in_viewport()


