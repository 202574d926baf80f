"""The site published under a sub-path: the build for /copc/ (``make build-subpath``) served by
nginx with the repository's configuration at http://127.0.0.1:<port>/copc/, as an administrator
publishes it. One reader's visit: a calculator page (its engine from the site's snapshot under
/copc/), a share link opened in another browser, the search, the 404 page, and the service
worker, whose scope is /copc/, keeping the calculators working with the network off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, expect

from tests.conftest import SUBPATH
from tests.e2e.helpers import BOOT, Server, calc, example_points, go_offline, load_example, started_from, wait_ready

pytestmark = pytest.mark.e2e

CACHED = 180_000  # ms: the service worker installed and Pyodide cached, on a busy two-core machine


@pytest.fixture
def published(subpath_site_dir: Path) -> Iterator[Server]:
    """nginx serving the sub-path build under /copc/, stoppable (the test goes offline)."""
    server = Server(subpath_site_dir, "nginx", SUBPATH)
    yield server
    server.stop()


def new_context(browser: Browser, base: str) -> BrowserContext:
    return browser.new_context(base_url=base, service_workers="allow", color_scheme="light")


def test_the_site_works_under_a_sub_path(browser: Browser, published: Server) -> None:
    base = published.url
    assert urlsplit(base).path == SUBPATH
    context = new_context(browser, base)
    try:
        page = context.new_page()
        # relative to the base URL: /copc/scoring/items-1-3/
        page.goto("scoring/items-1-3/")
        started_from(page, "shipped")
        # the share link leads to this page under /copc/ and reproduces the example elsewhere
        root = calc(page, "item-score")
        wait_ready(root)
        load_example(root, "item-2.15")
        root.locator(".copc-calc__copy").click()
        link = root.locator(".copc-calc__link-input")
        expect(link).to_have_value(re.compile("item-score="))
        shared = link.input_value()
        assert shared.startswith(base + "scoring/items-1-3/"), shared
        other = new_context(browser, base)
        try:
            opened = other.new_page()
            opened.goto(shared)
            expect(calc(opened, "item-score").locator(".copc-calc__result")).to_contain_text(
                example_points("item-2.15", "ja"), timeout=BOOT)
        finally:
            other.close()

        # the service worker's scope is the sub-path; it keeps the calculators once the engine has booted
        expect(page.locator("html")).to_have_attribute("data-copc-offline", "calculators", timeout=CACHED)
        scope = page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).scope")
        assert scope == base

        # search, in English: its results lead into /copc/en/
        page.goto("en/")
        box = page.locator("input.md-search__input")
        box.click()
        box.fill("deployment")
        first = page.locator(".md-search-result__item > a.md-search-result__link").first
        expect(first).to_be_visible(timeout=30_000)
        assert urlsplit(first.evaluate("(a) => a.href")).path.startswith(f"{SUBPATH}en/")

        # a missing page: the 404 page of the sub-path, its links into /copc/
        response = page.goto("no/such/page/")
        assert response is not None and response.status == 404
        expect(page.locator(f".md-content a[href='{SUBPATH}en/']")).to_have_count(1)

        # with the network off, another calculator page in the other language, from the service worker
        go_offline(context, published)
        response = page.goto("en/calculators/")
        assert response is not None and response.ok and response.from_service_worker
        root = calc(page, "item-score")
        wait_ready(root)
        load_example(root, "item-2.15")
        expect(root.locator(".copc-calc__result")).to_contain_text(example_points("item-2.15", "en"))
    finally:
        context.close()
