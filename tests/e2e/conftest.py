"""Fixtures of the end-to-end tests.

Every new page boots Pyodide again, which takes seconds on two cores, so the calculators' own
checks share one page per language for the whole session: the calculators page, which holds all
seven calculators. Each test works on its own calculator of that page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.helpers import PAGES, calc, new_page, wait_ready


@pytest.fixture(scope="session", params=["ja", "en"])
def calculators_page(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[tuple[Page, str]]:
    """The calculators page in one language, booted once for every test that uses it, and its
    language; no uncaught error on it."""
    lang: str = request.param
    context, page = new_page(browser, base_url)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(PAGES[lang])
    wait_ready(calc(page, "item-score"))
    yield page, lang
    context.close()
    assert errors == []
