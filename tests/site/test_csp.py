"""The built site makes no outside request and works under its Content-Security-Policy.

Static checks on the built HTML (the policy's meta element, nothing the policy would block,
no resource from another origin) and a sweep of every page of both languages in Chromium with
the server's CSP header (no CSP violation, no console error, no request leaving the local
server). The sweep watches the whole browser context: pages, their workers (search, calculators)
and the service worker, whose requests Playwright reports too (the test checks that it saw some).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, Response
from scripts.site_headers import CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY

# the policy's one definition (scripts/site_headers.py), less frame-ancestors
META_POLICY = META_CONTENT_SECURITY_POLICY
# hosts that must never appear in the site's HTML or CSS, even in a dormant reference
FORBIDDEN_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|jsdelivr|unpkg\.com|cdnjs|polyfill\.io|googletagmanager"
    r"|google-analytics|cloudflare|bootstrapcdn|cdn\.",
    re.IGNORECASE,
)
# (tag, attribute) pairs whose URL the browser loads by itself
LOADING = {
    ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
    ("audio", "src"), ("embed", "src"), ("track", "src"), ("object", "data"), ("image", "href"),
    ("use", "href"), ("img", "srcset"), ("source", "srcset"),
}
LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "preconnect", "prefetch", "manifest",
                     "dns-prefetch", "apple-touch-icon"}


DATA_BLOCKS = ("application/json", "text/plain")


class PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.csp_metas: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy":
            self.csp_metas.append(attributes.get("content", ""))
        if "style" in attributes:
            self.problems.append(f"style attribute on <{tag}> (blocked by style-src)")
        if tag == "style":
            self.problems.append("<style> element (blocked by style-src)")
        # a data block (Material's configuration as JSON, its script held back as text/plain on
        # calculator pages) is neither run nor blocked
        if tag == "script" and "src" not in attributes and attributes.get("type") not in DATA_BLOCKS:
            self.problems.append("inline <script> (blocked by script-src)")
        if any(name.startswith("on") for name in attributes):
            self.problems.append(f"inline event handler on <{tag}> (blocked by script-src)")
        for name, value in attributes.items():
            loads = (tag, name) in LOADING or (
                tag == "link" and name == "href"
                and set(attributes.get("rel", "").lower().split()) & LOADING_LINK_RELS
            )
            if loads and re.match(r"\s*(https?:)?//", value):
                self.problems.append(f"<{tag} {name}={value!r}> loads from another origin")


def html_pages(site: Path) -> list[Path]:
    skip = ("assets/pyodide/", "assets/calculators/")
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(skip))


def test_the_policy_lets_forms_send_nothing_elsewhere() -> None:
    """The calculators' forms are never sent, but an injected form could post what the reader typed
    anywhere: only this origin may receive a form (default-src does not cover form-action)."""
    directives = CONTENT_SECURITY_POLICY.split("; ")
    assert "form-action 'self'" in directives
    assert "form-action 'self'" in META_POLICY.split("; ")


def test_meta_policy_matches_the_server_policy(repo_root: Path) -> None:
    template = (repo_root / "overrides" / "main.html").read_text(encoding="utf-8")
    assert f'content="{META_POLICY}"' in template, "overrides/main.html and scripts/serve.py disagree on the CSP"


def test_only_the_servers_header_can_forbid_framing_the_site() -> None:
    """A meta element cannot carry frame-ancestors: hosts that send no header (GitHub Pages) lose it."""
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY.split("; ")
    assert "frame-ancestors" not in META_POLICY


def test_built_pages_carry_the_policy_and_nothing_it_blocks(site_dir: Path) -> None:
    pages = html_pages(site_dir)
    assert pages
    problems = []
    for path in pages:
        scan = PageScan()
        text = path.read_text(encoding="utf-8")
        scan.feed(text)
        name = path.relative_to(site_dir).as_posix()
        if scan.csp_metas != [META_POLICY]:
            problems.append(f"{name}: CSP meta element missing or different: {scan.csp_metas}")
        problems += [f"{name}: {p}" for p in scan.problems]
        problems += [f"{name}: mentions {m.group(0)!r}" for m in FORBIDDEN_HOSTS.finditer(text)]
    assert problems == []


def test_stylesheets_load_nothing_from_elsewhere(site_dir: Path) -> None:
    problems = []
    for path in sorted(site_dir.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in re.finditer(r"(url\(\s*['\"]?|@import\s+['\"])\s*(https?:)?//[^)'\"\s]+", text):
            problems.append(f"{path.relative_to(site_dir)}: {match.group(0)}")
    assert problems == []


@pytest.fixture(scope="module")
def watched_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A page whose outside requests, failed responses, console errors and CSP reports are noted
    (with the URLs the service worker requested: proof that its requests are watched too)."""
    context = browser.new_context(base_url=base_url, service_workers="allow")
    seen: list[str] = []
    from_service_worker: list[str] = []
    origin = urlsplit(base_url).netloc

    def on_request(request: Request) -> None:
        if request.service_worker is not None:
            from_service_worker.append(request.url)
        url = urlsplit(request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.netloc != origin:
            seen.append(f"request to another origin: {request.url}")

    def on_response(response: Response) -> None:
        # Material fetches <alternate language link>/sitemap.xml to map pages across languages;
        # mkdocs-static-i18n writes one sitemap.xml only: those 404s are expected and harmless.
        if response.status >= 400 and not response.url.endswith("/sitemap.xml"):
            seen.append(f"HTTP {response.status}: {response.url}")

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or (
            message.type == "error" and not text.startswith("Failed to load resource")
        ):
            seen.append(f"console {message.type}: {text}")

    context.on("request", on_request)
    context.on("response", on_response)
    context.on("console", on_console)  # the pages' and the service worker's
    page = context.new_page()
    page.on("pageerror", lambda error: seen.append(f"page error: {error}"))
    try:
        yield page, seen, from_service_worker
    finally:
        context.close()


@pytest.mark.e2e
def test_every_page_works_under_the_policy(
        site_dir: Path, watched_page: tuple[Page, list[str], list[str]]) -> None:
    page, seen, from_service_worker = watched_page
    paths = []
    for index in sorted(site_dir.rglob("index.html")):
        relative = index.parent.relative_to(site_dir).as_posix()
        if relative.split("/")[0] in ("assets", "search"):
            continue
        paths.append("/" if relative == "." else f"/{relative}/")
    problems = []
    for path in paths:
        seen.clear()
        # the search worker loads its index after the load event: wait for it on the two home
        # pages (the worker and the index are the same for every page)
        page.goto(path, wait_until="networkidle" if path in ("/", "/en/") else "load")
        problems += [f"{path}: {s}" for s in seen]
    # a missing page: the bilingual 404 page, status 404, styled by the same assets
    seen.clear()
    response = page.goto("/no/such/page/")
    assert response is not None and response.status == 404
    content = page.locator(".md-content")
    assert content.locator("a[href='/en/']").count() == 1 and content.locator("a[href='/']").count() == 1
    page.wait_for_load_state("networkidle")
    problems += [f"404 page: {s}" for s in seen if "HTTP 404: " + page.url not in s]
    assert problems == []
    # the service worker precached the site: its requests went through on_request above
    assert from_service_worker, "no request of the service worker was seen: its requests are not watched"
