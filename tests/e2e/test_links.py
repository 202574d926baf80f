"""Links to the calculators, in headless Chromium: a shared scenario travels in the URL's fragment,
which never reaches a server (checked on a server that logs every request), an old link with the
scenario in its query is read once and its address rewritten, and `#example=<id>` opens a worked
example in its calculator, brings its result into view and keeps the reader's own inputs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, expect
from scripts.browser import link_state
from scripts.serve import serving

from tests.e2e.helpers import (
    PAGES,
    RESULT,
    calc,
    computed,
    example,
    examples_of,
    field,
    new_page,
    wait_ready,
    wait_result,
)

pytestmark = pytest.mark.e2e

# a scenario with a site name no server should ever see
SECRET = "ZZ-secret-site-ZZ"


@pytest.fixture()
def logged_server(site_dir: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """scripts/serve.py serving the site with every request (line and Referer) logged."""
    log = tmp_path / "requests.jsonl"
    with serving(site_dir, request_log=log) as url:
        yield url, log


def logged(log: Path) -> list[str]:
    """Everything the server's log holds, one text per request (its line and its Referer)."""
    if not log.is_file():
        return []
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    return [f"{e['request']} {e['referer']}" for e in entries]


def test_opening_a_shared_link_sends_no_scenario_to_the_server(browser: Browser,
                                                               logged_server: tuple[str, Path]) -> None:
    url, log = logged_server
    worked = examples_of("process-certification")[0]
    def pairs(unit: dict[str, dict[str, str]]) -> dict[str, list[str]]:
        return {metric: [m["months_at_target"], m["months_measured"]] for metric, m in unit.items()}

    state = {"edition": "CSP", "block": worked.input["block"], "reqs": worked.input["requirements_met"],
             "entity": pairs(worked.input["entity"]),
             "sites": [{"name": SECRET, "m": pairs(next(iter(worked.input["sites"].values())))}]}
    encoded = link_state(state)
    context, page = new_page(browser, url)
    try:
        page.goto(f"{PAGES['en']}#process-certification={encoded}")
        root = calc(page, "process-certification")
        wait_ready(root)
        expect(root.locator("input[data-site-name]").first).to_have_value(SECRET)
        wait_result(root)
        page.reload()  # the state now lives in this browser: a reload sends nothing either
        wait_ready(calc(page, "process-certification"))
        requests = logged(log)
        assert requests, "the server logged nothing"
        for text in (encoded, SECRET, quote(SECRET), "process-certification="):
            assert not [r for r in requests if text in r], text
    finally:
        context.close()

    # the log would have caught it: an old link's first request carries its query
    context, page = new_page(browser, url)
    try:
        page.goto(f"{PAGES['en']}?process-certification={encoded}")
        expect(calc(page, "process-certification").locator("input[data-site-name]").first).to_have_value(SECRET)
        assert [r for r in logged(log) if encoded in r]
    finally:
        context.close()


def test_an_old_link_is_read_once_and_rewritten_to_the_fragment_form(browser: Browser, base_url: str) -> None:
    theirs = {"at_target": "10", "at_target_or_improving": "20", "total": "50"}
    context, page = new_page(browser, base_url)
    try:
        page.goto(f"{PAGES['en']}?rule-50-75={link_state(theirs)}")
        root = calc(page, "rule-50-75")
        for path, value in theirs.items():
            expect(field(root, path)).to_have_value(value)
        # read, kept in this browser, and gone from the address (a reload keeps the reader's edits)
        assert "?" not in page.url and "rule-50-75=" not in page.url, page.url
        page.reload()
        root = calc(page, "rule-50-75")
        expect(field(root, "at_target")).to_have_value(theirs["at_target"])

        # a link to the page already open (pasted into its address bar) changes only the fragment
        mine = {"at_target": "7", "at_target_or_improving": "9", "total": "12"}
        page.evaluate("(hash) => { location.hash = hash; }", f"#rule-50-75={link_state(mine)}")
        for path, value in mine.items():
            expect(field(root, path)).to_have_value(value)
        expect(root.locator(".copc-calc__replaced")).to_have_attribute("data-reason", "link")
        assert "rule-50-75=" not in page.url, page.url

        # on a page without that calculator the scenario stays, moved into the fragment at once
        page.goto(f"/en/scoring/items-1-3/?rule-50-75={link_state(theirs)}")
        expect(calc(page, "item-score")).to_have_attribute("data-copc-mounted", "yes")
        assert page.url.endswith(f"/en/scoring/items-1-3/#rule-50-75={link_state(theirs)}"), page.url
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_example_link_opens_the_example_in_its_calculator(browser: Browser, base_url: str, lang: str) -> None:
    worked = examples_of("performance")[-1]
    core = computed("performance", worked.input)
    context, page = new_page(browser, base_url, viewport={"width": 1366, "height": 768})
    try:
        # the reader's own inputs, from an earlier visit
        page.goto(PAGES[lang])
        root = calc(page, "performance")
        wait_ready(root)
        field(root, "achieved").fill("3")
        field(root, "improving").fill("1")
        field(root, "total").fill("9")
        wait_result(root)

        # from the examples index (another page) to the calculators page
        page.goto(("/" if lang == "ja" else "/en/") + "examples/")
        page.locator(f'a[href$="#example={worked.id}"]').first.click()
        root = calc(page, "performance")
        wait_ready(root)
        for key in ("achieved", "improving", "total"):
            expect(field(root, key)).to_have_value(worked.input[key])
        result = root.locator(".copc-calc__result")
        expect(result.locator(".copc-stat--big").first).to_contain_text(f"{core['display']['percent']}%",
                                                                        timeout=RESULT)
        expect(result).to_be_in_viewport()
        expect(result).to_have_class(re.compile("is-highlighted"))
        assert "example=" not in page.url
        # the reader's inputs are offered back
        bar = root.locator(".copc-calc__replaced")
        expect(bar).to_have_attribute("data-reason", "example")
        bar.locator(".copc-calc__restore").click()
        expect(field(root, "total")).to_have_value("9")
    finally:
        context.close()


def test_an_example_link_on_the_same_page_loads_without_leaving_it(browser: Browser, base_url: str) -> None:
    worked = example("renewal-70-80")
    context, page = new_page(browser, base_url, reduced_motion="reduce")
    try:
        page.goto(f"/en/{worked.page.removesuffix('.md')}/")
        root = calc(page, "renewal")
        wait_ready(root)
        link = page.locator(f'a.copc-example-link[data-example="{worked.id}"]')
        expect(link).to_have_attribute("href", f"#example={worked.id}")
        page.evaluate("() => { window.__samePage = true; }")
        link.click()
        expect(root.locator(".copc-calc__result .copc-decision")).to_have_attribute(
            "data-interval", str(computed("renewal", worked.input)["interval_years"]), timeout=RESULT)
        assert page.evaluate("() => window.__samePage === true")  # no new page was loaded
        result = root.locator(".copc-calc__result")
        expect(result).to_be_in_viewport()
        # the reader asked for no motion: highlighted without an animation
        expect(result).to_have_class(re.compile("is-highlighted"))
        assert result.evaluate("(el) => getComputedStyle(el).animationName") == "none"
    finally:
        context.close()
