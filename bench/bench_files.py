"""Assessments as files in the browser: how long the self-assessment calculator takes to write and
read the full sample as an Excel workbook and as a JSON file.

The built site (`--site`, default site/) is served by scripts/serve.py and opened in headless
Debian Chromium. On the calculators page, once the engine is ready, the self-assessment's worked
example is loaded, then:
- the first "Download Excel": from the click to the download, including openpyxl's loading;
- `--repeat` further exports and imports of the same workbook (the table gives their median,
  smallest and largest), and the same for the JSON file.
An import is timed from choosing the file to the form showing the file's result.

    .venv/bin/python bench/bench_files.py [--repeat 5] [--site site]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import Download, FilePayload, Locator, Page, expect, sync_playwright  # noqa: E402
from scripts.browser import chromium_args, find_chromium  # noqa: E402
from scripts.serve import serving  # noqa: E402

from copc_cx.examples import EXAMPLES  # noqa: E402

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment")
LONG = 120_000  # ms: a cold boot or openpyxl's first load on a busy machine
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "json": "application/json"}
BUTTONS = {"xlsx": (".copc-files__save-excel", ".copc-files__pick-workbook"),
           "json": (".copc-files__save", ".copc-files__pick-json")}


class Refused(Exception):
    """The calculator could not write the file (its message says why)."""


def export(page: Page, root: Locator, kind: str, into: Path) -> tuple[float, Path]:
    """Seconds from the click to the file, and the file."""
    downloads: list[Download] = []
    page.once("download", lambda download: downloads.append(download))
    root.evaluate("el => { delete el.dataset.file; }")
    start = time.perf_counter()
    root.locator(BUTTONS[kind][0]).click()
    expect(root).to_have_attribute("data-file", re.compile("^(saved|error)$"), timeout=LONG)
    seconds = time.perf_counter() - start
    if root.get_attribute("data-file") == "error":
        raise Refused(root.locator(".copc-files__message").inner_text())
    for _ in range(100):  # the download's event reaches this process a moment after the page said "saved"
        if downloads:
            break
        page.wait_for_timeout(50)
    path = into / f"sample.{kind}"
    downloads[0].save_as(path)
    return seconds, path


def import_(root: Locator, kind: str, path: Path) -> float:
    """Seconds from choosing the file to the form showing its result."""
    root.evaluate("el => { delete el.dataset.file; }")
    start = time.perf_counter()
    payload: FilePayload = {"name": path.name, "mimeType": MEDIA[kind], "buffer": path.read_bytes()}
    root.locator(BUTTONS[kind][1]).set_input_files(files=[payload])
    expect(root).to_have_attribute("data-file", "opened", timeout=LONG)
    expect(root).to_have_attribute("data-state", "result", timeout=LONG)
    return time.perf_counter() - start


def figures(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:,.0f} ms ({min(values) * 1000:,.0f}–{max(values) * 1000:,.0f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    args = parser.parse_args()
    chromium = find_chromium()
    if chromium is None:
        print("bench: Debian's chromium is not installed: run `make setup`", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print(f"bench: {args.site} is not built: run `make build` first", file=sys.stderr)
        return 2
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp, serving(args.site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=chromium_args(one_engine_per_page=True))
        context = browser.new_context(base_url=base, accept_downloads=True)
        page = context.new_page()
        page.goto("/en/calculators/")
        root = page.locator('.copc-calc[data-calc="self-assessment"]').first
        expect(root).to_have_attribute("data-engine", "ready", timeout=LONG)
        root.locator(f'.copc-calc__example[data-example="{SAMPLE.id}"]').click()
        expect(root).to_have_attribute("data-state", "result", timeout=LONG)
        into = Path(tmp)
        kinds = ["json"]
        try:
            first, path = export(page, root, "xlsx", into)
            rows.append(("first xlsx export (loads openpyxl)", f"{first * 1000:,.0f} ms"))
            kinds.insert(0, "xlsx")
        except Refused as refused:
            rows.append(("first xlsx export (loads openpyxl)", "refused: " + " ".join(str(refused).split())))
        for kind in kinds:
            exports, imports = [], []
            for _ in range(args.repeat):
                seconds, path = export(page, root, kind, into)
                exports.append(seconds)
                imports.append(import_(root, kind, path))
            rows.append((f"later {kind} exports, full sample", figures(exports)))
            rows.append((f"{kind} imports, full sample (to the result shown)", figures(imports)))
        browser.close()
    print(f"Files benchmark: {SAMPLE.id}, {args.repeat} runs each, median (smallest–largest)")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
