"""The calculators' registry (copc_cx.registry) and the places that read it agree: the API's
operations, the worked examples, and the placeholders of the guide's pages."""

from __future__ import annotations

import re
from pathlib import Path

from copc_cx.examples import EXAMPLES
from copc_cx.registry import CALCULATORS, CALCULATORS_BY_NAME
from copc_cx.web import OPERATIONS

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r'data-calc="([^"]*)"')


def test_every_calculator_has_its_operation() -> None:
    assert all(c.op in OPERATIONS for c in CALCULATORS)
    assert len(CALCULATORS_BY_NAME) == len(CALCULATORS)


def test_every_calculator_explains_its_rule_on_a_page_of_both_languages() -> None:
    for calc in CALCULATORS:
        for lang in ("ja", "en"):
            assert (ROOT / "docs" / lang / calc.page).is_file(), (calc.name, lang)


def test_every_worked_example_belongs_to_a_calculator() -> None:
    assert {e.calculator for e in EXAMPLES} <= set(CALCULATORS_BY_NAME)


def test_every_placeholder_of_the_guide_names_a_calculator() -> None:
    named = {name for page in (ROOT / "docs").rglob("*.md")
             for name in PLACEHOLDER.findall(page.read_text(encoding="utf-8"))}
    assert named <= set(CALCULATORS_BY_NAME)
