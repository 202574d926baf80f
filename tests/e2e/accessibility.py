"""What the accessibility tests share: axe-core (npm, pinned in package-lock.json) run inside a page,
the site's two colour schemes, and the calculators' states.

axe-core is given to the page through the DevTools protocol (an init script, or ``page.evaluate``
of the file's text), which the page's Content-Security-Policy does not govern: a ``<script>`` tag
with the same text would be refused by it, and the CSP stays as the site serves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, expect

from copc_cx.registry import CALCULATORS
from tests.e2e.helpers import BOOT, RESULT

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass(frozen=True)
class Scheme:
    """One of the palettes of mkdocs.yml (Material's toggle): its scheme and the media it answers."""

    index: int
    scheme: str  # Material's data-md-color-scheme
    color_scheme: str  # the prefers-color-scheme it is configured for

    def stored(self) -> dict[str, Any]:
        """The palette as Material's toggle stores it (``__palette`` in localStorage)."""
        return {"index": self.index, "color": {
            "media": f"(prefers-color-scheme: {self.color_scheme})", "scheme": self.scheme,
            "primary": "indigo", "accent": "indigo"}}


SCHEMES = [Scheme(0, "default", "light"), Scheme(1, "slate", "dark")]


def with_axe(page: Page) -> None:
    """Every document `page` opens from now on holds axe-core (set up once, not sent per page)."""
    page.add_init_script(path=AXE)


def use_scheme(page: Page, scheme: Scheme) -> None:
    """Pages opened from now on show `scheme`, as after the reader chose it with the palette toggle
    (stored under the site's scope, the root folder), and the browser prefers it too."""
    page.emulate_media(color_scheme=scheme.color_scheme)  # type: ignore[arg-type]
    page.add_init_script(f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(scheme.stored()))});")


def calculators_with_widgets() -> list[str]:
    """Every calculator of the registry that has its widget: each is on the calculators page."""
    return [c.name for c in CALCULATORS if (ROOT / "calculators" / "widgets" / f"{c.name}.mjs").is_file()]


def settled(page: Page) -> None:
    """Every calculator of the page is mounted, its engine started and its first answer shown, and
    Material has set the page up (it waits for that answer on these pages)."""
    for root in page.locator(".copc-calc").all():
        expect(root).to_have_attribute("data-engine", "ready", timeout=BOOT)
        expect(root).not_to_have_attribute("data-state", "pending", timeout=RESULT)
    page.wait_for_function("() => typeof window.document$ === 'object' && window.document$ !== null",
                           timeout=RESULT)


def axe(page: Page, within: str | None = None) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page (or inside the elements `within`
    selects), each with its rule, impact, help and the elements at fault."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        """async ([within, tags]) => {
            const found = await axe.run(within ? { include: [[within]] } : document, {
                runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
            return found.violations.map((v) => ({
                rule: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 160),
                                             summary: n.failureSummary })) }));
        }""", [within, WCAG_TAGS])
    return violations


def described(where: str, violations: list[dict[str, Any]]) -> list[str]:
    """One line per element at fault: where (the page, scheme, state), the rule, the element."""
    return [f"{where}: {v['rule']} ({v['impact']}: {v['help']}) at {n['target']}: {n['html']}"
            + (f"\n    {n['summary']}" if n["summary"] else "")
            for v in violations for n in v["nodes"]]


def scheme_shown(page: Page, scheme: Scheme) -> None:
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme.scheme)


def switch_scheme(page: Page) -> Scheme:
    """Choose the other palette, as the header's toggle does (without moving the focus): the page
    is checked in both schemes without loading it, and its calculators again, a second time."""
    shown = page.locator("body").get_attribute("data-md-color-scheme")
    other = next(s for s in SCHEMES if s.scheme != shown)
    page.emulate_media(color_scheme=other.color_scheme)  # type: ignore[arg-type]
    page.evaluate("(scheme) => document.querySelector(`input[name='__palette'][data-md-color-scheme='${scheme}']`)"
                  ".click()", other.scheme)
    scheme_shown(page, other)
    return other


def axe_in_both_schemes(page: Page, where: str, within: str | None = None) -> list[str]:
    """axe in the scheme shown, then in the other one; the page is left in the scheme it had."""
    found: list[str] = []
    for _ in SCHEMES:
        shown = page.locator("body").get_attribute("data-md-color-scheme")
        found += described(f"{where} ({shown})", axe(page, within))
        switch_scheme(page)
    return found


def first_numeric_field(root: Locator) -> Locator | None:
    """The first visible text field of a calculator that takes a number (a count, a share, months),
    if it has one (a calculator of choices only has none: it cannot be given a bad value)."""
    fields = root.locator('input.copc-input[type="text"][inputmode="numeric"]:visible')
    return fields.first if fields.count() else None
