"""What the end-to-end tests share: the calculators' locators and waits, the words the page shows
in each language, new browser contexts, held requests, the engine's memory snapshots, and a
server a test can stop.

Waits are locator assertions with the timeouts below, never sleeps.
"""

from __future__ import annotations

import re
import subprocess
from contextlib import ExitStack
from fractions import Fraction
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Route, expect
from scripts import nginx
from scripts.serve import serving

from copc_cx.examples import EXAMPLES, EXAMPLES_BY_ID, WorkedExample
from copc_cx.registry import CALCULATORS_BY_NAME
from copc_cx.text import fmt_number
from copc_cx.web import call

BOOT = 60_000  # ms: a cold Pyodide boot on a busy two-core machine
RESULT = 20_000  # ms: one computation once the engine is ready

# the calculators page, which holds every calculator
PAGES = {"ja": "/calculators/", "en": "/en/calculators/"}
# the words the page shows, per language (the figures come from the core: example_result(), computed())
TEXT: dict[str, dict[str, str]] = {
    "ja": {
        "deployment": "運用", "approach": "アプローチ", "pending": "申請中",
        "certified": "認証の条件をすべて満たす", "whole_number": "0 以上の整数", "enter": "を入力してください",
        "exceed": "以下である必要があります", "fix": "入力に誤りがあります", "ready": "計算の準備ができました",
        "not_ready": "満たしていない要求がある", "fails": "満たさない", "holds": "満たす",
        "failed": "計算エンジンを読み込めませんでした", "steps": "計算の過程", "retry": "再試行",
        "every_year": "毎年", "every_two_years": "2年ごと",
    },
    "en": {
        "deployment": "deployment", "approach": "approach", "pending": "Pending",
        "certified": "Every condition for certification is met", "whole_number": "must be a whole number",
        "enter": "Enter the", "exceed": "cannot exceed", "fix": "Some inputs need fixing",
        "ready": "Ready to calculate",
        "not_ready": "Some requirements are not met", "fails": "fails", "holds": "holds",
        "failed": "The calculation engine could not be loaded", "steps": "How it was worked out", "retry": "Retry",
        "every_year": "Every year", "every_two_years": "Every two years",
    },
}
# the calculators page's panel for what the calculators keep in this browser
STORED = {
    "ja": {"about": "このブラウザーに保存されているもの", "erase": "保存データを消去",
           "confirm": "元には戻せません", "cancel": "やめる", "yes": "消去する", "erased": "消去しました"},
    "en": {"about": "Kept in this browser: each calculator's inputs", "erase": "Erase kept data",
           "confirm": "It cannot be undone", "cancel": "Cancel", "yes": "Erase", "erased": "Erased."},
}


def calc(page: Page, name: str) -> Locator:
    return page.locator(f'.copc-calc[data-calc="{name}"]').first


def field(root: Locator, path: str) -> Locator:
    return root.locator(f'[data-path="{path}"]')


def wrap(root: Locator, path: str) -> Locator:
    """The labelled wrapper of a form field (label, input, hint, error messages)."""
    return root.locator(".copc-field").filter(has=root.page.locator(f'[data-path="{path}"]'))


def open_details(root: Locator) -> Locator:
    """The calculator's "about this assessment" fields, opened (a click on the summary would close
    them again if an earlier test on the shared page left them open)."""
    details = root.locator(".copc-files__details")
    details.evaluate("details => { details.open = true; }")
    return details


def wait_ready(root: Locator) -> None:
    expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)


def wait_result(root: Locator) -> None:
    expect(root).to_have_attribute("data-state", "result", timeout=RESULT)


def load_example(root: Locator, which: str | None = None) -> None:
    """Click the button of worked example `which` (an id of copc_cx.examples; the first by default)."""
    button = root.locator(f'.copc-calc__example[data-example="{which}"]') if which else \
        root.locator(".copc-calc__example").first
    button.click()
    wait_result(root)


# --- the figures a page must show: the core's, never typed into a test ----------------------------

def example(example_id: str) -> WorkedExample:
    return EXAMPLES_BY_ID[example_id]


def examples_of(calculator: str) -> list[WorkedExample]:
    """The worked examples that calculator loads, in the order of its buttons."""
    return [e for e in EXAMPLES if e.calculator == calculator]


def answer(calculator: str, data: Any) -> dict[str, Any]:
    """The core's answer (result and steps) for calculator `calculator` and input `data`, as the page's
    engine gives it."""
    response: dict[str, Any] = call({"op": CALCULATORS_BY_NAME[calculator].op, "input": data})
    assert response["ok"], response
    return response


def computed(calculator: str, data: Any) -> dict[str, Any]:
    """The core's result for calculator `calculator` and input `data`."""
    result: dict[str, Any] = answer(calculator, data)["result"]
    return result


def example_result(example_id: str) -> dict[str, Any]:
    found = example(example_id)
    return computed(found.calculator, found.input)


def number(value: float | int) -> str:
    """A number as the calculators show it (grouped, at most two decimals; the same in both languages)."""
    return fmt_number(Fraction(value).limit_denominator(10**6) if isinstance(value, float) else value)


def percent(value: float | int) -> str:
    return f"{number(value)}%"


def day(iso: str, lang: str) -> str:
    """A date as the calculators write it: "2027年3月1日", "1 Mar 2027"."""
    year, month, dom = (int(part) for part in iso.split("-"))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{year}年{month}月{dom}日" if lang == "ja" else f"{dom} {months[month - 1]} {year}"


def points_of(lang: str, points: str, available: float | int) -> str:
    """"20 / 40 点" or "20 of 40 points": points shown (the core's display text) of those available."""
    return f"{points} / {number(available)} 点" if lang == "ja" else f"{points} of {number(available)} points"


def example_points(example_id: str, lang: str) -> str:
    """An item example's points as its calculator shows them."""
    result = example_result(example_id)
    return points_of(lang, result["display"]["points"], result["available"])


def new_page(browser: Browser, base_url: str, **options: Any) -> tuple[BrowserContext, Page]:
    context = browser.new_context(base_url=base_url, color_scheme="light", **options)
    page = context.new_page()
    return context, page


def example_answered(page: Page, path: str = "/en/scoring/items-1-3/") -> Locator:
    """The item-score calculator of `path`, once the engine has answered its first example."""
    page.goto(path)
    root = calc(page, "item-score")
    wait_ready(root)
    load_example(root)
    return root


def sample_tables_overflow(browser: Browser, base_url: str, name: str, example_id: str) -> list[int]:
    """How far each table of calculator `name` reaches past its box (in CSS pixels) with a worked
    example loaded, on a 1024 x 768 projector at 150% zoom, which leaves 683 CSS pixels."""
    context, page = new_page(browser, base_url, viewport={"width": 683, "height": 512})
    try:
        page.goto(PAGES["en"])
        root = calc(page, name)
        wait_ready(root)
        load_example(root, example_id)
        overflow: list[int] = root.locator(".copc-table-wrap").evaluate_all(
            "(ws) => ws.map((w) => w.scrollWidth - w.clientWidth)")
        return overflow
    finally:
        context.close()


# --- reports printed to PDF -----------------------------------------------------------------------

def pdf_pages(pdf: bytes, folder: Path) -> list[str]:
    """The text of each page of `pdf` (poppler's pdftotext; scripts/setup.sh installs it)."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def squeezed(text: str) -> str:
    """Text without its white space: pdftotext breaks lines where the page does."""
    return re.sub(r"\s+", "", text)


# Pyodide's WebAssembly module: held back, the engine cannot finish its boot
WASM = re.compile(r".*/pyodide\.asm\.wasm$")


def hold_requests(context: BrowserContext, pattern: re.Pattern[str]) -> list[Route]:
    """Requests matching `pattern` wait, in the returned list, until the test lets them through
    (``route.continue_()``) or drops them."""
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    context.route(pattern, hold)
    return held


# --- the engine's memory snapshots --------------------------------------------------------------

# what the reader sends the engine: a marker that must never reach the snapshot kept for the next visit
TYPED = "ZZ-typed-by-the-reader-ZZ"


def send_typed_text(page: Page) -> None:
    """A request to the page's engine (through the calculators' one API) that carries TYPED."""
    page.evaluate("""async (typed) => {
        const mount = document.querySelector('script[src*="calculators/mount.mjs"]').src;
        const { compute } = await import(new URL("client.mjs", mount).href);
        await compute("applicable-points", { edition: "CSP", channels: [typed] });
    }""", TYPED)


def stored_snapshot_texts(page: Page, texts: list[str]) -> dict[str, bool]:
    """Which of `texts` this browser's stored memory snapshot holds (as Latin-1 bytes)."""
    found: dict[str, bool] = page.evaluate("""async (texts) => {
        const root = await navigator.storage.getDirectory();
        const folder = await root.getDirectoryHandle("copc-snapshots");
        const images = [];
        for await (const handle of folder.values()) {
            images.push(new TextDecoder("latin1").decode(await (await handle.getFile()).arrayBuffer()));
        }
        if (images.length !== 1) throw new Error(`${images.length} stored snapshots`);
        return Object.fromEntries(texts.map((text) => [text, images[0].includes(text)]));
    }""", texts)
    return found


def kept_snapshot_holds_nothing_typed(page: Page) -> None:
    """Send the engine TYPED, wait until this browser's snapshot is kept, and look into it: the
    core's modules are there, what the reader sent is not."""
    send_typed_text(page)
    expect(calc(page, "item-score")).to_have_attribute("data-snapshot", "saved", timeout=BOOT)
    assert stored_snapshot_texts(page, ["copc_cx.web", TYPED]) == {"copc_cx.web": True, TYPED: False}


def started_from(page: Page, start: str) -> None:
    """The item-score calculator's engine started as `start` and computes the first example."""
    root = calc(page, "item-score")
    wait_ready(root)
    expect(root).to_have_attribute("data-engine-start", start)
    load_example(root)
    expect(root.locator(".copc-calc__result")).to_contain_text(example_points(examples_of("item-score")[0].id, "ja"))


# --- a server a test can stop -------------------------------------------------------------------

class Server:
    """scripts/serve.py (or nginx with the repository's configuration: ``kind`` "nginx", which can
    serve the site under a sub-path ``base``) serving one folder in a process of its own, that a
    test can stop."""

    def __init__(self, directory: Path, kind: str = "serve.py", base: str = "/") -> None:
        self.process = ExitStack()
        self.url = self.process.enter_context(
            nginx.serving(directory, base) if kind == "nginx" else serving(directory))

    def stop(self) -> None:
        self.process.close()  # a second call does nothing


def go_offline(context: BrowserContext, server: Server) -> None:
    context.set_offline(True)
    server.stop()
