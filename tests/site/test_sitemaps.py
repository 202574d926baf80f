"""Every sitemap Material asks for exists: next to each language link of a page, and at each
language's root (Material fetches them for its language links)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Browser, Response
from scripts.build_site import write_folder_sitemaps

from tests.conftest import page_files, page_url

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="[^"]+">')
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)


def test_material_finds_a_sitemap_next_to_every_language_link_and_language_root(site_dir: Path) -> None:
    missing = []
    for page in page_files(site_dir):
        html = page.read_text(encoding="utf-8")
        here = page_url(site_dir, page)
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
    assert len(list(everything.iter(f"{NS}loc"))) == len(page_files(site_dir))


def test_folder_sitemaps_follow_a_site_url_with_a_path(tmp_path: Path) -> None:
    urls = "".join(f"<url><loc>https://example.org/copc/{page}</loc></url>" for page in ("", "a/", "a/b/", "en/"))
    (tmp_path / "sitemap.xml").write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="{NS[1:-1]}">{urls}</urlset>', encoding="utf-8")
    for folder in ("", "a", "a/b", "en"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text("<html></html>", encoding="utf-8")
    assert write_folder_sitemaps(tmp_path) == 3
    assert write_folder_sitemaps(tmp_path) == 3  # idempotent

    def locs(folder: str) -> list[str]:
        tree = ElementTree.parse(tmp_path / folder / "sitemap.xml")
        return [urlsplit(loc.text or "").path for loc in tree.getroot().iter(f"{NS}loc")]

    assert locs("a") == ["/copc/a/", "/copc/a/b/"]
    assert locs("a/b") == ["/copc/a/b/"]
    assert locs("en") == ["/copc/en/"]


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
