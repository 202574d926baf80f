"""Every sitemap Material asks for exists: next to each language link of a page, and at each
language's root (Material fetches them to keep the reader on the same page across languages)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Browser, Response

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="[^"]+">')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("index.html")
                  if p.parent.relative_to(site_dir).parts[:1] not in (("assets",), ("search",)))


def url_path(site_dir: Path, page: Path) -> str:
    relative = page.parent.relative_to(site_dir).as_posix()
    return "/" if relative == "." else f"/{relative}/"


def test_material_finds_a_sitemap_next_to_every_language_link_and_language_root(site_dir: Path) -> None:
    missing = []
    for page in pages(site_dir):
        html = page.read_text(encoding="utf-8")
        here = url_path(site_dir, page)
        config = CONFIG.search(html)
        assert config, page
        base = urljoin(here, json.loads(config.group(1))["base"] + "/")
        for target in [*ALTERNATE.findall(html), base]:
            sitemap = urlsplit(urljoin(urljoin(here, target), "sitemap.xml")).path
            if not (site_dir / sitemap.lstrip("/")).is_file():
                missing.append(f"{here} -> {sitemap}")
    assert missing == []


def test_a_folder_sitemap_lists_only_the_pages_under_its_folder(site_dir: Path) -> None:
    for sitemap in sorted(site_dir.rglob("sitemap.xml")):
        folder = "/" + sitemap.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/"
        folder = folder.replace("//", "/")
        locs = [urlsplit(loc.text or "").path for loc in ElementTree.parse(sitemap).getroot().iter(f"{NS}loc")]
        assert locs, sitemap
        assert all(loc.startswith(folder) for loc in locs), sitemap
    everything = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    # the root one is MkDocs' own, with every page
    assert len(list(everything.iter(f"{NS}loc"))) == len(pages(site_dir))


@pytest.mark.e2e
@pytest.mark.parametrize("path", ["/calculators/", "/en/calculators/", "/en/", "/scoring/system/"])
def test_a_page_asks_for_nothing_that_is_missing(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(base_url=base_url, service_workers="block")
    failed: list[str] = []

    def check(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    try:
        page = context.new_page()
        page.on("response", check)
        page.goto(path, wait_until="networkidle")
        assert failed == []
    finally:
        context.close()
