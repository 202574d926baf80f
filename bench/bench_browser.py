"""How fast and how heavy the calculators are in the browser (prints one table; not a test).

    make build && .venv/bin/python bench/bench_browser.py [--repeat 5] [--changes 100]
    make bench

Against the built site/, served by scripts/serve.py (a subprocess on a free loopback port) from
a temporary folder that links to site/'s files and adds two bench-only pages (never shipped),
in headless Debian Chromium driven by Playwright. Every figure comes from the same run; times
are medians of ``--repeat`` runs, each in a fresh browser profile (its start page left open, as a
reader's window is, and a moment to settle after the browser starts), taken in rounds that measure
(a) and (b) once each, so that a machine whose speed drifts during the run (a shared 2-core VM
does) moves the floor and the first results alike. The cold ratio is also shown round by round.

  (a) bare Pyodide boot: a bench page whose module worker calls loadPyodide() alone from the
      site's self-hosted Pyodide folder (the floor): navigation start -> the worker's answer;
      and the floor of a warm visit with no engine running: the calculator page cut down to its
      calculator (the same worker, snapshot and scripts, no article, navigation or Material),
      visited after a browser restart in the same profile as (b)'s, before or after the page's
      own such visit by turns: navigation start -> the engine's own first result;
  (b) navigation start -> first calculator result (the first `.copc-calc[data-state="result"]`,
      the marker calculators/kit/calculator.mjs sets when it renders a computed result), on
      /scoring/items-1-3/ with the item-score calculator's state in the link: cold (fresh
      profile, no service worker, empty HTTP cache; on loopback the worker always takes the
      site's memory snapshot, so cold is also measured with that file refused, the full boot
      of a slow network's first visit), and warm (same profile; the first visit stays until the
      calculators have kept their memory snapshot, as a reader would), from the HTTP cache and
      through the service worker (after the first visit cached Pyodide), each twice: the next
      page (where the browser keeps a shared engine running after its last page, Chromium 148
      and later, it answers at once: data-engine-start="running") and a visit after the
      browser was closed and opened again on the same profile (no engine running: it starts
      from this browser's memory snapshot). A warm visit may first show the result the engine
      gave last time for the same request (kept in localStorage, data-result-source="kept")
      while the engine starts: each warm figure is followed by the time of the engine's own
      first result in that visit;
  (c) recompute latency, in the page with performance.now(): from the input event to the new
      result in the DOM, over ``--changes`` changes of the item select (computed at once) and
      of a count field (computed after kit/calculator.mjs's 150 ms typing debounce), each on a page whose
      engine has settled after its first result (its memory snapshot kept, as when a reader
      reads the result); and once more for the item select from the very moment of the first
      result, changes at machine speed while V8 still optimises a restored engine;
  (d) bytes transferred (response bodies as sent, plus headers) for a guide page without a
      calculator and for a calculator page, with and without the service worker's precache, and
      how many of them are Pyodide's: from scripts/serve.py, which does not compress, and through
      nginx with the repository's configuration (deploy/nginx/), which sends the build's brotli
      copies (the same folder, served by both at once), the calculator page also with the site's
      snapshot refused (the full boot);
  (e) the site's snapshot through nginx: its bytes beyond a full boot's, the boot time it saves
      here ((b) refused - (b) cold), hence the bandwidth above which it pays; and first visits on
      networks Chromium emulates (THROTTLED_MBIT), with the snapshot allowed (the worker decides
      whether to take it) and refused, one run each.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import BrowserContext, Error, Page, Playwright, Request, expect, sync_playwright  # noqa: E402
from scripts import nginx  # noqa: E402
from scripts.browser import SHIPPED_SNAPSHOT, chromium_args, find_chromium, link_state  # noqa: E402
from scripts.build_site import is_optional_wheel  # noqa: E402
from scripts.serve import serving  # noqa: E402

BENCH_DIR = "__bench__"  # the bench-only files, in the temporary folder only
GUIDE_PAGE = "/glossary/"  # no calculator
CALC_PAGE = "/scoring/items-1-3/"  # one calculator: item-score
CALC = '.copc-calc[data-calc="item-score"]'
# the warm engine's floor: the calculator page cut down to its calculator (bench only)
ALONE_PAGE = f"/{BENCH_DIR}/calculator-alone/"
RESULT = '.copc-calc[data-state="result"]'
# the guide's example (certification guide, item 2.15): 20 of 40 points
STATE = {"edition": "CSP", "item": "2.15", "met": "2", "applicable": "2", "deployed": "2", "total": "3"}
TIMEOUT = 180_000  # ms
MARKER_TIMEOUT = 60_000  # ms: how long the first look waits for a calculator result
SNAPSHOT_TIMEOUT = 60_000  # ms: how long a first visit waits for the calculators' memory snapshot
LAUNCH_SETTLE_S = 2.0  # s: a browser's own start-up work, left out of every figure
# (e): the emulated networks of the first visits through nginx, in Mbit/s
THROTTLED_MBIT = (20.0, 50.0, 100.0, 200.0)

# notes the moment the first calculator result appears, and the moment the first one the engine
# computed in this visit appears (calculators/kit/calculator.mjs's data-result-source: "kept" for a result
# kept from an earlier visit, shown while the engine starts; "engine" for its own answer). Runs
# before the page's own scripts.
FIRST_RESULT_PROBE = """
(() => {
  const probe = { result: null, computed: null, source: null };
  window.__copcBench = probe;
  const observer = new MutationObserver(() => {
    const shown = document.querySelector('.copc-calc[data-state="result"]');
    if (probe.result === null && shown) {
      probe.result = performance.now();
      probe.source = shown.dataset.resultSource || "engine";
    }
    if (probe.computed === null && document.querySelector(
        '.copc-calc[data-state="result"]:not([data-result-source="kept"])')) {
      probe.computed = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true,
                               attributeFilter: ["data-state", "data-result-source"] });
})();
"""

# n changes of one control; each timed from the dispatch of its event to the new result in the DOM
RECOMPUTE = """
async ({ selector, n, kind }) => {
  const root = document.querySelector(selector);
  const body = root.querySelector(".copc-calc__result-body");
  const control = root.querySelector(kind === "select" ? 'select[data-path="item"]' : 'input[data-path="met"]');
  const values = kind === "select" ? [...control.options].map((o) => o.value).slice(0, 6) : ["1", "2"];
  const times = [];
  let failures = 0;
  for (let i = 0; i < n; i++) {
    const value = values[(values.indexOf(control.value) + 1) % values.length];
    const rendered = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        observer.disconnect();
        resolve(performance.now());
      });
      observer.observe(body, { childList: true });
    });
    const start = performance.now();
    control.value = value;
    control.dispatchEvent(new Event(kind === "select" ? "change" : "input", { bubbles: true }));
    const end = await rendered;
    if (root.dataset.state === "result") times.push(end - start);
    else failures += 1;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { times, failures };
}
"""

BOOT_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>bare Pyodide boot (bench only)</title>
<script type="module" src="boot.mjs"></script></head><body><p>bare Pyodide boot</p></body></html>
"""
BOOT_PAGE = """const worker = new Worker(new URL("boot-worker.mjs", import.meta.url), { type: "module" });
worker.addEventListener("message", (event) => {
  document.documentElement.dataset.workerMs = String(event.data.ms);
  document.documentElement.dataset.booted = String(performance.now());
});
worker.addEventListener("error", () => { document.documentElement.dataset.booted = "failed"; });
"""
BOOT_WORKER = """const started = performance.now();
const base = new URL("../assets/pyodide/%s/", import.meta.url);
const { loadPyodide } = await import(new URL("pyodide.mjs", base).href);
await loadPyodide({ indexURL: base.href });
self.postMessage({ ms: performance.now() - started });
"""


# --- the server ---------------------------------------------------------------------------------

def bench_folder(site: Path, into: Path, pyodide_version: str) -> None:
    """The site's top-level entries as symbolic links, plus the bench-only pages."""
    for entry in site.iterdir():
        (into / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    bench = into / BENCH_DIR
    bench.mkdir()
    (bench / "index.html").write_text(BOOT_HTML, encoding="utf-8")
    (bench / "boot.mjs").write_text(BOOT_PAGE, encoding="utf-8")
    (bench / "boot-worker.mjs").write_text(BOOT_WORKER % pyodide_version, encoding="utf-8")
    alone = into / ALONE_PAGE.strip("/")
    alone.mkdir(parents=True)
    page = (site / CALC_PAGE.strip("/") / "index.html").read_text(encoding="utf-8")
    (alone / "index.html").write_text(calculator_alone(page), encoding="utf-8")


def calculator_alone(page: str) -> str:
    """The calculator page cut down to its calculator: the same policy, scripts and stylesheet
    of the calculators, no article, navigation, Material CSS or script. It sits as deep as the
    page, so the page's relative links hold."""
    def found(pattern: str) -> list[str]:
        matches = re.findall(pattern, page)
        if not matches:
            raise SystemExit(f"bench: {CALC_PAGE} has no {pattern!r}: calculator_alone() needs updating")
        return matches

    head = [
        *found(r'<meta http-equiv="Content-Security-Policy"[^>]*>'),
        *found(r'<script src="[^"]*/assets/calculators/[^"]*"[^>]*></script>'),
        *found(r'<link rel="modulepreload"[^>]*>'),
        *found(r'<link rel="stylesheet" href="[^"]*/assets/calculators/[^"]*">'),
    ]
    language = found(r'<html lang="([^"]+)"')[0]
    calculator = found(r'<div class="copc-calc" data-calc="[^"]+"></div>')[0]
    return (f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
            f'<title>the calculator alone (bench only)</title>\n' + "\n".join(head)
            + f"\n</head><body>\n{calculator}\n</body></html>\n")


# --- measuring ------------------------------------------------------------------------------

CALC_URL = f"{CALC_PAGE}?item-score={link_state(STATE)}"
ALONE_URL = f"{ALONE_PAGE}?item-score={link_state(STATE)}"


@dataclass
class Browsers:
    """Fresh browser profiles (a persistent context on an empty user-data folder each): a real
    disk HTTP cache, as a reader's browser has (an in-memory context keeps no 9.6 MB wasm)."""

    playwright: Playwright
    chromium: str
    base: str
    folder: Path
    count: int = 0
    # the profile of each open context, and the context open on each profile
    profiles: dict[int, tuple[Path, bool, bool]] = field(default_factory=dict)
    current: dict[Path, BrowserContext] = field(default_factory=dict)

    def launch(self, profile: Path, service_worker: bool, one_engine_per_page: bool = False) -> BrowserContext:
        context = self.playwright.chromium.launch_persistent_context(
            profile, executable_path=self.chromium, args=chromium_args(one_engine_per_page), base_url=self.base,
            service_workers="allow" if service_worker else "block",
        )
        context.add_init_script(FIRST_RESULT_PROBE)
        # the start page stays open, as a reader's browser window does: with no page left, every
        # new page opened a new window, and Chromium started a renderer for the window's own
        # WebUI (its omnibox popup) during the visit, on the same two cores.
        # A browser that has just started gets a moment to settle (that renderer among others),
        # as a reader's has before they follow a link.
        time.sleep(LAUNCH_SETTLE_S)
        self.profiles[id(context)] = (profile, service_worker, one_engine_per_page)
        self.current[profile] = context
        return context

    @contextmanager
    def fresh(self, service_worker: bool, one_engine_per_page: bool = False) -> Iterator[BrowserContext]:
        self.count += 1
        profile = self.folder / f"profile-{self.count}"
        self.launch(profile, service_worker, one_engine_per_page)
        try:
            yield self.current[profile]
        finally:
            self.current.pop(profile).close()
            shutil.rmtree(profile, ignore_errors=True)

    def restart(self, context: BrowserContext) -> BrowserContext:
        """The browser closed and opened again on the same profile: its caches and stored data are
        kept, no worker of the site is running any more (a shared engine would still be)."""
        profile, service_worker, one_engine_per_page = self.profiles.pop(id(context))
        context.close()
        # a browser still exiting would take the new launch over (Chromium's one process per profile)
        lock = profile / "SingletonLock"
        for _ in range(100):
            if not lock.is_symlink() and not lock.exists():
                break
            time.sleep(0.05)
        return self.launch(profile, service_worker, one_engine_per_page)


def bare_boot(context: BrowserContext) -> float:
    page = context.new_page()
    page.goto(f"/{BENCH_DIR}/")
    expect(page.locator("html[data-booted]")).to_have_count(1, timeout=TIMEOUT)
    booted = page.locator("html").get_attribute("data-booted")
    page.close()
    if booted in (None, "failed"):
        raise SystemExit("bench: the bare Pyodide boot failed")
    return float(booted)


@dataclass
class Visit:
    ms: float  # navigation start -> first calculator result
    computed: float  # navigation start -> first result the engine computed in this visit
    source: str  # what the first result was: "kept" (from an earlier visit) or "engine"
    page: Page
    start: str  # how the engine started: "stored", "shipped", "full" or "" (kit/calculator.mjs's data-engine-start)


def first_result(context: BrowserContext, keep: bool = False, settle: bool = False,
                 shipped: bool = True, url: str = CALC_URL) -> Visit:
    """One visit to the calculator page, until the engine's own result. ``settle``: stay until the
    calculators have kept their memory snapshot for the next visit (as a reader who reads the
    result does). ``shipped=False``: the site's memory snapshot fails to load (the full boot that
    a slow network gets)."""
    if not shipped:
        context.route(SHIPPED_SNAPSHOT, lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    expect(page.locator(RESULT)).to_have_count(1, timeout=TIMEOUT)
    page.wait_for_function("() => window.__copcBench.computed !== null", timeout=TIMEOUT)
    probe = page.evaluate("() => window.__copcBench")
    start = page.locator(CALC).get_attribute("data-engine-start") or ""
    if settle and start in ("full", "shipped"):
        with suppress(AssertionError):  # calculators without snapshots: nothing to wait for
            expect(page.locator(f'{CALC}[data-snapshot="saved"]')).to_have_count(1, timeout=SNAPSHOT_TIMEOUT)
    if not keep:
        page.close()
    return Visit(float(probe["result"]), float(probe["computed"]), str(probe["source"]), page, start)


def starts(visits: list[Visit]) -> str:
    """"stored 5/5, kept 5/5": how the visits started the engine (from this browser's memory
    snapshot, the site's, or in full), and how many showed a result kept from an earlier visit."""
    known = [v.start for v in visits if v.start]
    how = [f"{start} {known.count(start)}/{len(known)}" for start in sorted(set(known))]
    return ", ".join([*how, f"kept {sum(v.source == 'kept' for v in visits)}/{len(visits)}"])


def has_result_marker(browsers: Browsers) -> bool:
    """Whether the calculators exist and set the result marker (else (b) and (c) are n/a)."""
    with browsers.fresh(service_worker=False) as context:
        try:
            page = context.new_page()
            page.goto(CALC_URL)
            if page.locator(".copc-calc").count() == 0:
                return False
            expect(page.locator(RESULT)).to_have_count(1, timeout=MARKER_TIMEOUT)
            return True
        except (AssertionError, Error):
            return False


def wait_offline_ready(page: Page, level: str) -> None:
    expect(page.locator("html")).to_have_attribute("data-copc-offline", level, timeout=TIMEOUT)


@dataclass
class Transfer:
    total: int = 0
    pyodide: int = 0
    workbook: int = 0  # the optional packages' wheels (openpyxl, icalendar...): only an operation needing one
    requests: int = 0
    note: str = ""
    seen: list[Request] = field(default_factory=list)

    def add_sizes(self) -> None:
        for request in self.seen:
            response = request.response()
            if response is None or response.from_service_worker:
                continue  # what the service worker fetched for it is counted as its own request
            sizes = request.sizes()
            size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            self.total += size
            self.requests += 1
            if "/assets/pyodide/" in request.url:
                self.pyodide += size
                if is_optional_wheel(request.url.rsplit("/", 1)[-1]):
                    self.workbook += size


def transfer(browsers: Browsers, path: str, service_worker: bool, calculator: bool,
             shipped: bool = True) -> Transfer:
    """Bytes of one first visit (fresh profile) until the page, its calculators and (with the
    service worker) its precache are done. With one engine per page: Playwright sees none of a
    shared worker's requests (the files an engine loads are the same either way). ``shipped=False``:
    the site's snapshot is refused (the full boot of a slow network's first visit)."""
    measured = Transfer()
    with browsers.fresh(service_worker, one_engine_per_page=True) as context:
        if not shipped:
            context.route(SHIPPED_SNAPSHOT, lambda route: route.abort())
        context.on("requestfinished", lambda request: measured.seen.append(request))
        page = context.new_page()
        page.goto(path, wait_until="load")
        if calculator:
            expect(page.locator(RESULT)).to_have_count(1, timeout=TIMEOUT)
        if service_worker:
            try:
                wait_offline_ready(page, "calculators" if calculator else "pages")
            except AssertionError:
                measured.note = " (the service worker did not finish caching)"
        page.wait_for_load_state("networkidle")
        measured.add_sizes()
    return measured


def throttled_first_result(browsers: Browsers, mbit: float, shipped: bool) -> Visit:
    """A first visit (fresh profile, one engine per page) to the calculator page on a network of
    ``mbit`` Mbit/s emulated by Chromium (no added latency): the time to the first result and how
    the worker started the engine (it takes the site's snapshot only if its download looks quick)."""
    with browsers.fresh(service_worker=False, one_engine_per_page=True) as context:
        if not shipped:
            context.route(SHIPPED_SNAPSHOT, lambda route: route.abort())
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "uploadThroughput": -1,
                                                       "downloadThroughput": mbit * 1e6 / 8})
        page.goto(CALC_URL)
        expect(page.locator(RESULT)).to_have_count(1, timeout=TIMEOUT)
        page.wait_for_function("() => window.__copcBench.computed !== null", timeout=TIMEOUT)
        probe = page.evaluate("() => window.__copcBench")
        start = page.locator(CALC).get_attribute("data-engine-start") or ""
        return Visit(float(probe["result"]), float(probe["computed"]), str(probe["source"]), page, start)


# --- the table ----------------------------------------------------------------------------------

def times(visits: list[Visit]) -> list[float]:
    return [visit.ms for visit in visits]


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"


def spread(values: list[float]) -> str:
    return f"{ms(median(values))} ({min(values):,.0f}-{max(values):,.0f})" if values else "n/a"


def mbits(extra_bytes: int, seconds: float) -> str:
    """The bandwidth at which ``extra_bytes`` take ``seconds`` to download."""
    return f"{extra_bytes * 8 / seconds / 1e6:,.0f} Mbit/s" if seconds > 0 else "never"


def size(value: int) -> str:
    return f"{value / 1_000_000:,.2f} MB" if value >= 100_000 else f"{value / 1000:,.1f} kB"


def verdict(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "NOT MET")


def run(args: argparse.Namespace) -> int:
    site: Path = args.site.resolve()
    info_path = site / "assets" / "build-info.json"
    if not (site / "index.html").is_file() or not info_path.is_file():
        print(f"bench: {site} is not built: run `make build` first", file=sys.stderr)
        return 1
    info = json.loads(info_path.read_text(encoding="utf-8"))
    chromium = find_chromium()
    if chromium is None:
        print("bench: Debian's chromium is not installed: run `make setup`", file=sys.stderr)
        return 1
    try:
        nginx.find_nginx()
    except nginx.NginxMissing as missing:
        print(f"bench: {missing}", file=sys.stderr)
        return 1
    n = args.repeat
    rows: list[tuple[str, str, str, str]] = []
    notes: list[str] = []
    hard_failure = False

    with tempfile.TemporaryDirectory(prefix="copc-bench-") as tmp, \
            serving(_prepared(site, Path(tmp) / "site", info)) as base, \
            nginx.serving(Path(tmp) / "site") as published, sync_playwright() as playwright:
        browsers = Browsers(playwright, chromium, base, Path(tmp))
        # the same folder as it is published: nginx with deploy/nginx/, its precompressed copies
        (Path(tmp) / "nginx").mkdir()
        through_nginx = Browsers(playwright, chromium, published, Path(tmp) / "nginx")

        # a first boot, not counted: the browser's own start-up (processes, caches) is not measured
        with browsers.fresh(service_worker=False) as context:
            bare_boot(context)
            headless = "Headless" in str(context.new_page().evaluate("() => navigator.userAgent"))

        # (a) and (b) interleaved: each round measures every figure once, so a machine that gets
        # faster or slower during the run (a shared 2-core VM does) shifts them all alike
        marker = has_result_marker(browsers)
        if not marker:
            notes.append("(b), (c): n/a (no calculator result marker: "
                         f"no {RESULT} on {CALC_PAGE}; the calculators must set it when a result is rendered)")
        boot_cold: list[float] = []
        boot_warm: list[float] = []
        cold: list[Visit] = []
        cold_full: list[Visit] = []  # without the site's snapshot
        warm: list[Visit] = []  # the next page (a shared engine may still be running)
        warm_restart: list[Visit] = []  # after the browser restarted: no engine running
        warm_alone: list[Visit] = []  # the same, on the page cut down to its calculator
        cold_sw: list[Visit] = []  # the first visit with the service worker allowed: not slowed by it
        warm_sw: list[Visit] = []
        warm_sw_restart: list[Visit] = []
        recompute: dict[str, dict[str, Any]] = {}
        for round_number in range(1, n + 1):
            with browsers.fresh(service_worker=False) as context:
                boot_cold.append(bare_boot(context))
                boot_warm.append(bare_boot(context))
            if marker:
                with browsers.fresh(service_worker=False) as context:
                    cold.append(first_result(context, settle=True))
                    warm.append(first_result(context))  # the next page: a shared engine still runs
                    # after a restart no engine runs: the page and its floor (the calculator alone), by turns
                    for url in (CALC_URL, ALONE_URL) if round_number % 2 else (ALONE_URL, CALC_URL):
                        context = browsers.restart(context)
                        (warm_restart if url == CALC_URL else warm_alone).append(first_result(context, url=url))
                # one engine per page: Playwright's routes reach no shared worker's requests
                with browsers.fresh(service_worker=False, one_engine_per_page=True) as context:
                    cold_full.append(first_result(context, shipped=False))
                with browsers.fresh(service_worker=True) as context:
                    visit = first_result(context, keep=True, settle=True)
                    cold_sw.append(visit)
                    wait_offline_ready(visit.page, "calculators")
                    visit.page.close()
                    warm_sw.append(first_result(context))
                    context = browsers.restart(context)
                    warm_sw_restart.append(first_result(context))
            progress(f"round {round_number}/{n}: bare cold {ms(boot_cold[-1])}"
                     + (f", first result cold {ms(cold[-1].ms)}, warm {ms(warm[-1].ms)}, "
                        f"after a restart {ms(warm_restart[-1].computed)}, "
                        f"service worker {ms(warm_sw[-1].ms)}, {ms(warm_sw_restart[-1].computed)}" if marker else ""))
        if marker:
            # (c) recompute latency: on a page whose engine has settled (as when the reader reads the
            # first result), and at machine speed from the moment of the first result (a restored
            # engine is still being optimised by V8 then: calculators/engine.mjs's warm-up)
            with browsers.fresh(service_worker=False) as context:
                page = first_result(context, keep=True, settle=True).page
                for kind in ("select", "field"):
                    recompute[kind] = page.evaluate(RECOMPUTE, {"selector": CALC, "n": args.changes, "kind": kind})
            with browsers.fresh(service_worker=False) as context:
                page = first_result(context, keep=True).page
                recompute["at-once"] = page.evaluate(RECOMPUTE, {"selector": CALC, "n": args.changes, "kind": "select"})
            progress("(c) done")

        # (d) bytes transferred
        guide = transfer(browsers, GUIDE_PAGE, service_worker=False, calculator=False)
        calc_page = transfer(browsers, CALC_URL, service_worker=False, calculator=marker)
        guide_sw = transfer(browsers, GUIDE_PAGE, service_worker=True, calculator=False)
        calc_sw = transfer(browsers, CALC_URL, service_worker=True, calculator=True) if marker else None
        calc_full = transfer(browsers, CALC_URL, service_worker=False, calculator=marker, shipped=False)
        guide_nginx = transfer(through_nginx, GUIDE_PAGE, service_worker=False, calculator=False)
        calc_nginx = transfer(through_nginx, CALC_URL, service_worker=False, calculator=marker)
        calc_nginx_full = transfer(through_nginx, CALC_URL, service_worker=False, calculator=marker, shipped=False)
        progress("(d) done")
        # (e) first visits through nginx on emulated networks: does the worker take the site's snapshot, and does it pay
        throttled: dict[tuple[float, bool], Visit] = {}
        if marker:
            for mbit in THROTTLED_MBIT:
                for shipped in (True, False):
                    throttled[mbit, shipped] = throttled_first_result(through_nginx, mbit, shipped)
            progress("(e) done")

    bare = median(boot_cold)
    rows.append(("(a) bare Pyodide boot, cold", spread(boot_cold), "the floor", ""))
    rows.append(("(a) bare Pyodide boot, warm HTTP cache", spread(boot_warm), "", ""))
    if marker:
        limit = 1.15 * bare
        cold_ms = median(times(cold))
        rows.append((f"(b) first result, cold [{starts(cold)}]", spread(times(cold)),
                     f"<= 1.15 x bare cold = {ms(limit)}", verdict(cold_ms <= limit)))
        rows.append(("    ratio to the bare boot, cold", f"{cold_ms / bare:.2f} x", "<= 1.15",
                     verdict(cold_ms / bare <= 1.15)))
        paired = [visit.ms / boot for visit, boot in zip(cold, boot_cold, strict=True)]
        rows.append(("    ratio within each round, median (min-max)",
                     f"{median(paired):.2f} x ({min(paired):.2f}-{max(paired):.2f})", "", ""))
        full_ms = median(times(cold_full))
        rows.append((f"(b) first result, cold, the site's snapshot refused, one engine per page [{starts(cold_full)}]",
                     spread(times(cold_full)), "(a slow network's first visit)", ""))
        rows.append(("    ratio to the bare boot, cold", f"{full_ms / bare:.2f} x", "", ""))
        rows.append((f"(b) first result, cold, service worker allowed [{starts(cold_sw)}]", spread(times(cold_sw)),
                     "~ cold (registers after)", ""))
        alone = [visit.computed for visit in warm_alone]
        rows.append((f"(a) the calculator alone, warm, after a restart [{starts(warm_alone)}]",
                     spread(alone), "the floor of a restart", ""))
        for label, visits in (("(b) first result, warm HTTP cache, next page", warm),
                              ("(b) first result, warm HTTP cache, after a restart", warm_restart),
                              ("(b) first result, warm service worker, next page", warm_sw),
                              ("(b) first result, warm service worker, after a restart", warm_sw_restart)):
            rows.append((f"{label} [{starts(visits)}]", spread(times(visits)), "< 1,200 ms",
                         verdict(median(times(visits)) < 1200)))
            computed = [visit.computed for visit in visits]
            rows.append(("    computed by the engine in this visit", spread(computed), "< 1,200 ms",
                         verdict(median(computed) < 1200)))
        for kind, label in (("select", "item select (computed at once)"),
                            ("field", "count field (incl. the 150 ms debounce)"),
                            ("at-once", "item select, from the first result on")):
            latencies: list[float] = recompute[kind]["times"]
            failures = recompute[kind]["failures"]
            if failures:
                notes.append(f"(c) {label}: {failures} of {args.changes} changes gave no result")
            goal = "< 30 ms" if kind == "select" else "(no pause after the boot)" if kind == "at-once" else ""
            rows.append((f"(c) recompute, {label}, median", ms(median(latencies)) if latencies else "n/a", "", ""))
            rows.append((f"(c) recompute, {label}, p95", ms(p95(latencies)) if latencies else "n/a", goal,
                         verdict(p95(latencies) < 30) if kind == "select" and latencies else ""))
    else:
        for label in ("(b) first result, cold", "(b) first result, warm HTTP cache",
                      "(b) first result, warm service worker", "(c) recompute p95"):
            rows.append((label, "n/a (no calculator result marker)", "", ""))
    for label, measured, pyodide_goal in (
        (f"(d) bytes, guide page {GUIDE_PAGE} (no service worker)", guide, True),
        (f"(d) bytes, calculator page {CALC_PAGE} (no service worker)", calc_page, False),
        (f"(d) bytes, calculator page {CALC_PAGE}, the site's snapshot refused", calc_full, False),
        (f"(d) bytes through nginx, guide page {GUIDE_PAGE}", guide_nginx, True),
        (f"(d) bytes through nginx, calculator page {CALC_PAGE}", calc_nginx, False),
        (f"(d) bytes through nginx, calculator page {CALC_PAGE}, the site's snapshot refused", calc_nginx_full, False),
        (f"(d) bytes, guide page {GUIDE_PAGE} + service worker precache", guide_sw, True),
        (f"(d) bytes, calculator page {CALC_PAGE} + service worker caches", calc_sw, False),
    ):
        if measured is None:
            rows.append((label, "n/a (no calculator result marker)", "", ""))
            continue
        figure = f"{size(measured.total)} in {measured.requests} responses, Pyodide {size(measured.pyodide)}"
        figure += measured.note
        if pyodide_goal:
            hard_failure |= measured.pyodide != 0
            rows.append((label, figure, "0 Pyodide bytes", verdict(measured.pyodide == 0)))
        elif measured is calc_nginx_full:
            rows.append((label, figure, "< 7 MB", verdict(measured.total < 7_000_000)))
        else:
            hard_failure |= measured.workbook != 0
            rows.append((label, figure + f", optional wheels {size(measured.workbook)}", "0 optional-wheel bytes",
                         verdict(measured.workbook == 0)))
    if marker and calc_nginx is not None and calc_nginx_full is not None:
        # the snapshot pays where its extra bytes take less time than the boot it saves
        extra = calc_nginx.total - calc_nginx_full.total
        saved = (median(times(cold_full)) - median(times(cold))) / 1000
        rows.append(("(e) the site's snapshot through nginx: bytes more than a full boot", size(extra), "", ""))
        rows.append(("    boot time it saves on loopback here ((b) refused - (b) cold)", f"{saved:,.2f} s", "", ""))
        rows.append(("    so it pays above, here / where it saves 1 s (a fast laptop)",
                     f"{mbits(extra, saved)} / {mbits(extra, 1.0)}", "", ""))
        for (mbit, shipped), visit in throttled.items():
            label = f"(e) first result through nginx at {mbit:g} Mbit/s" + ("" if shipped else ", the snapshot refused")
            rows.append((f"{label} [{starts([visit])}]", ms(visit.ms), "", ""))

    print()
    browser_name = ("headless " if headless else "") + _browser_name(chromium)
    print(f"Browser benchmark: {browser_name}, {_cores()} cores, loopback, build {info['build_id']}, "
          f"Pyodide {info['pyodide_version']}; times: median (min-max) of {n} runs, from navigation start")
    widths = [max(len(r[i]) for r in [*rows, HEADER]) for i in range(4)]
    for row in [HEADER, tuple("-" * w for w in widths), *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for note in notes:
        print(f"note: {note}")
    return 1 if hard_failure else 0


HEADER = ("measure", "figure", "goal", "")


def _prepared(site: Path, folder: Path, info: dict[str, str]) -> Path:
    folder.mkdir()
    bench_folder(site, folder, info["pyodide_version"])
    return folder


def _browser_name(chromium: str) -> str:
    """"Chromium 156.0.8078.108" from ``chromium --version`` (the user agent hides the build)."""
    output = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"Chromium [\d.]+", output)
    return match.group(0) if match else "Chromium"


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 0)


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="Browser benchmark of the calculators (prints one table).")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing (median)")
    parser.add_argument("--changes", type=int, default=100, help="input changes for the recompute latency")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    return run(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
