"""The language switcher keeps the reader on the same page: /x/ <-> /en/x/, for every page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect


def built_pages(site: Path) -> list[str]:
    """URL paths of the built Japanese pages (``/``, ``/scoring/system/`` ...)."""
    paths = []
    for index in site.rglob("index.html"):
        relative = index.parent.relative_to(site).as_posix()
        top = relative.split("/")[0]
        if top in ("en", "assets", "search"):
            continue
        paths.append("/" if relative == "." else f"/{relative}/")
    return sorted(paths)


@pytest.fixture(scope="module")
def shared_page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url)
    try:
        yield context.new_page()
    finally:
        context.close()


def switcher_target(page: Page, hreflang: str) -> str:
    link = page.locator(f"a.md-select__link[hreflang='{hreflang}']")
    expect(link).to_have_count(1)
    href = link.get_attribute("href")
    assert href is not None
    return urlsplit(urljoin(page.url, href)).path


@pytest.mark.e2e
def test_switcher_links_to_the_same_page_in_the_other_language(site_dir: Path, shared_page: Page) -> None:
    ja_pages = built_pages(site_dir)
    assert len(ja_pages) > 1, "the built site has hardly any pages"
    wrong = []
    for ja_path in ja_pages:
        en_path = "/en" + ja_path
        for here, there, hreflang in ((ja_path, en_path, "en"), (en_path, ja_path, "ja")):
            response = shared_page.goto(here, wait_until="domcontentloaded")
            assert response is not None and response.ok, f"{here} did not load"
            target = switcher_target(shared_page, hreflang)
            if target != there:
                wrong.append(f"{here}: switcher to {hreflang} points at {target}, not {there}")
    assert wrong == []


@pytest.mark.e2e
@pytest.mark.parametrize(("start", "hreflang", "arrive"), [
    ("/scoring/system/", "en", "/en/scoring/system/"),
    ("/en/scoring/system/", "ja", "/scoring/system/"),
])
def test_clicking_the_switcher_lands_on_the_twin(shared_page: Page, start: str, hreflang: str, arrive: str) -> None:
    shared_page.goto(start)
    shared_page.locator(".md-header__option .md-select").hover()
    shared_page.locator(f"a.md-select__link[hreflang='{hreflang}']").click()
    expect(shared_page).to_have_url(urljoin(shared_page.url, arrive), timeout=30_000)
    expect(shared_page.locator("html")).to_have_attribute("lang", hreflang)
