"""The calculators' registry (copc_cx.registry) and every place that reads it agree.

A calculator is the core's registry entry, its operation, a widget module that default-exports its
class, its strings in both languages, a placeholder on the page that explains its rule (in both
languages) and an end-to-end test file: CONTRIBUTING.md's "add a calculator" recipe. These tests
read files only (no build, no browser), so a forgotten piece fails in a second.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from copc_cx.examples import EXAMPLES
from copc_cx.registry import CALCULATORS, CALCULATORS_BY_NAME
from copc_cx.web import OPERATIONS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from calculator_preload import WIDGET_MAP, modules_for, widget_map_source, widget_names  # noqa: E402

WIDGETS = ROOT / "calculators" / "widgets"
PLACEHOLDER = re.compile(r'data-calc="([^"]*)"')
DEFAULT_CLASS = re.compile(r"^export default class \w+ extends \w+", re.M)
STRINGS_MODULE = re.compile(r"^export default \{\s*ja: \{.*^  \},\s*en: \{.*^  \},\s*\};", re.M | re.S)

# Registered calculators whose widgets other people are writing. The day a widget lands with its
# strings, placeholder and tests, its calculator's test below passes: strict xfail then fails it,
# so that it leaves this set.
WIDGETS_TO_COME: set[str] = set()


def test_every_calculator_has_its_operation() -> None:
    assert all(c.op in OPERATIONS for c in CALCULATORS)
    assert len(CALCULATORS_BY_NAME) == len(CALCULATORS)


def test_the_widgets_to_come_are_registered_calculators() -> None:
    assert set(CALCULATORS_BY_NAME) >= WIDGETS_TO_COME


def test_every_calculator_explains_its_rule_on_a_page_of_both_languages() -> None:
    for calc in CALCULATORS:
        for lang in ("ja", "en"):
            assert (ROOT / "docs" / lang / calc.page).is_file(), (calc.name, lang)


def _pieces_missing(name: str) -> list[str]:
    """What calculator `name` still lacks of the recipe."""
    calc = CALCULATORS_BY_NAME[name]
    missing = []
    widget = WIDGETS / f"{name}.mjs"
    if not widget.is_file() or not DEFAULT_CLASS.search(widget.read_text(encoding="utf-8")):
        missing.append(f"calculators/widgets/{name}.mjs with `export default class ... extends ...`")
    strings = WIDGETS / f"{name}.strings.mjs"
    if not strings.is_file() or not STRINGS_MODULE.search(strings.read_text(encoding="utf-8")):
        missing.append(f"calculators/widgets/{name}.strings.mjs exporting {{ja: {{...}}, en: {{...}}}}")
    for lang in ("ja", "en"):
        page = ROOT / "docs" / lang / calc.page
        if not page.is_file() or f'data-calc="{name}"' not in page.read_text(encoding="utf-8"):
            missing.append(f'<div class="copc-calc" data-calc="{name}" markdown></div> in docs/{lang}/{calc.page}')
    e2e = ROOT / "tests" / "e2e" / "calculators" / f"test_{name.replace('-', '_')}.py"
    if not e2e.is_file():
        missing.append(f"tests/e2e/calculators/{e2e.name}")
    return missing


@pytest.mark.parametrize("name", [
    pytest.param(c.name, marks=pytest.mark.xfail(strict=True, reason="its widget is still to come"))
    if c.name in WIDGETS_TO_COME else c.name
    for c in CALCULATORS])
def test_every_calculator_has_a_widget_strings_a_placeholder_and_end_to_end_tests(name: str) -> None:
    missing = _pieces_missing(name)
    assert not missing, f"calculator {name!r} of copc_cx.registry lacks:\n  " + "\n  ".join(missing)


def test_every_widget_is_a_registered_calculator() -> None:
    # a widget module (a default-exported class) nobody registered would never be mounted
    widgets = {p.stem for p in WIDGETS.glob("*.mjs") if not p.name.endswith(".strings.mjs")
               and DEFAULT_CLASS.search(p.read_text(encoding="utf-8"))}
    assert widgets <= set(CALCULATORS_BY_NAME)


def test_the_widget_map_imports_the_widget_of_every_calculator_that_has_one() -> None:
    with_widget = [c.name for c in CALCULATORS if c.name not in WIDGETS_TO_COME]
    assert widget_names() == with_widget, "a registered calculator has no widget yet (or is in WIDGETS_TO_COME)"
    source = widget_map_source()
    for name in with_widget:
        assert f'from "../widgets/{name}.mjs"' in source
    # mount.mjs takes the widgets from the map, whose modules the pages preload
    assert WIDGET_MAP in modules_for()
    assert {f"widgets/{name}.mjs" for name in with_widget} <= set(modules_for())


def test_every_worked_example_belongs_to_a_calculator() -> None:
    assert {e.calculator for e in EXAMPLES} <= set(CALCULATORS_BY_NAME)


def test_every_placeholder_of_the_guide_names_a_calculator() -> None:
    named = {name for page in (ROOT / "docs").rglob("*.md")
             for name in PLACEHOLDER.findall(page.read_text(encoding="utf-8"))}
    assert named <= set(CALCULATORS_BY_NAME)
