"""Material's search finds the pages of the site's language, and only those.

mkdocs-static-i18n writes one search index for both languages; overrides/assets/javascripts/
copc-search-language.js gives Material's search worker only the pages of the page's language
(English pages live under /en/). Terms both languages use (KCRP, a Japanese word quoted in the
English glossary, an English word quoted in a Japanese page) must stay on the reader's side.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

TIMEOUT = 30_000

QUERIES = [
    ("ja", "運用"),
    ("ja", "持ち点"),
    ("ja", "不適合"),
    ("ja", "KCRP"),  # also on English pages
    ("ja", "Deployment"),  # an English word a Japanese page quotes
    ("en", "deployment"),
    ("en", "applicable"),
    ("en", "nonconformity"),
    ("en", "KCRP"),
    ("en", "運用"),  # a Japanese word the English glossary quotes
]


def is_english(path: str) -> bool:
    return path == "/en/" or path.startswith("/en/")


def results(page: Page, query: str) -> set[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)  # no key: copc-search-language.js makes Material read the box all the same
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    expect(links.first).to_be_visible(timeout=TIMEOUT)
    hrefs = [h for h in (a.get_attribute("href") for a in links.all()) if h]
    return {urlsplit(urljoin(page.url, href)).path for href in hrefs}


@pytest.mark.e2e
@pytest.mark.parametrize(("language", "query"), QUERIES)
def test_search_finds_only_pages_of_the_site_language(page: Page, language: str, query: str) -> None:
    page.goto("/" if language == "ja" else "/en/")
    paths = results(page, query)
    english = {p for p in paths if is_english(p)}
    japanese = paths - english
    wanted, other = (japanese, english) if language == "ja" else (english, japanese)
    assert wanted, f"search for {query!r} found no {language} page; it found {sorted(paths)}"
    assert not other, f"search for {query!r} on the {language} site found other-language pages: {sorted(other)}"


@pytest.mark.e2e
def test_tenkai_finds_the_pages_about_deployment(page: Page) -> None:
    # 展開 is a common word for deployment; the site says 運用 and gives 展開 where it introduces it
    page.goto("/")
    paths = results(page, "展開")
    assert {"/scoring/conformity/", "/scoring/items-1-3/"} <= paths, sorted(paths)


@pytest.mark.e2e
def test_a_calculator_page_searches_its_own_language_too(page: Page) -> None:
    # calculator pages load Material's worker through copc-search.js, which holds the index build back
    page.goto("/en/scoring/items-1-3/")
    paths = results(page, "approach")
    assert paths and all(is_english(p) for p in paths), sorted(paths)


def test_the_index_holds_both_languages_and_every_page_loads_the_filter(site_dir: Path) -> None:
    # the filter works on the one joined index: if the build ever wrote one index per language,
    # this script and this test would go
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert any(loc.startswith("en/") for loc in locations) and any(not loc.startswith("en/") for loc in locations)
    for html in site_dir.glob("**/index.html"):
        text = html.read_text(encoding="utf-8")
        if 'id="__config"' not in text:
            continue
        filter_at = text.find("copc-search-language.js")
        bundle = re.search(r'assets/javascripts/bundle\.[0-9a-f]+\.min\.js', text)
        assert filter_at >= 0, f"{html}: no search language filter"
        assert bundle and filter_at < bundle.start(), f"{html}: the filter must load before Material's bundle"
