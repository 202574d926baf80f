"""The stylesheets' text colours: secondary text uses the site's --copc-muted grey (7:1 in both
schemes, copc-site.css), never Material's --md-default-fg-color--light* greys, which fall below
4.5:1 on a tinted background (the timeline's and the notes' hints did: axe-core found them in
tests/e2e/test_accessibility.py, minutes into the run; this finds them at once)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = sorted([*(ROOT / "calculators").glob("*.css"), *(ROOT / "overrides").rglob("*.css")])
# `color:` alone (not border-color, background-color, ...), whose value is one of Material's light greys
TEXT_IN_MATERIAL_GREY = re.compile(r"(?<![-\w])color:\s*var\(--md-default-fg-color--light(?:er|est)?\)")


def test_there_are_stylesheets_to_check() -> None:
    assert {p.name for p in STYLESHEETS} >= {"calculators.css", "copc-site.css"}


def test_no_text_is_drawn_in_materials_light_greys() -> None:
    found = [f"{path.relative_to(ROOT)}:{text[:match.start()].count(chr(10)) + 1}"
             for path in STYLESHEETS
             for text in [path.read_text(encoding="utf-8")]
             for match in TEXT_IN_MATERIAL_GREY.finditer(text)]
    assert found == []
