"""Material's search (its web worker and the combined ja+en index) finds pages in both languages.

Japanese words must find Japanese pages (not under /en/), English words English pages (under
/en/). One index serves both languages and pages may quote the other language's term, so a
query passes when it finds pages of its language and they outnumber the other language's.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

TIMEOUT = 30_000

QUERIES = [
    ("ja", "運用"),
    ("ja", "持ち点"),
    ("ja", "不適合"),
    ("en", "deployment"),
    ("en", "applicable"),
    ("en", "nonconformity"),
]


def is_english(path: str) -> bool:
    return path == "/en/" or path.startswith("/en/")


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "query"), QUERIES)
def test_search_finds_pages_of_the_query_language(page: Page, language: str, query: str) -> None:
    page.goto("/" if language == "ja" else "/en/")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    results = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(results.first).to_be_visible(timeout=TIMEOUT)
    hrefs = [h for h in (a.get_attribute("href") for a in results.all()) if h]
    paths = {urlsplit(urljoin(page.url, href)).path for href in hrefs}
    english = {p for p in paths if is_english(p)}
    japanese = paths - english
    wanted, other = (japanese, english) if language == "ja" else (english, japanese)
    assert wanted, f"search for {query!r} found no {language} page; it found {sorted(paths)}"
    assert len(wanted) > len(other), f"search for {query!r} found mostly other-language pages: {sorted(paths)}"
