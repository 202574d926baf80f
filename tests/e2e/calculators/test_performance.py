"""The performance calculator (4.1, 4.2a, 4.2b, 4.5: A and I), in both languages: every worked
example of the catalog, and counts that do not add up."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, answer, calc, examples_of, field, load_example, percent, points_of

pytestmark = pytest.mark.e2e


def test_performance_examples(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "performance")
    result = root.locator(".copc-calc__result")
    for worked in examples_of("performance"):
        load_example(root, worked.id)
        core = answer("performance", worked.input)
        figures = core["result"]
        expect(result.locator(".copc-stat--big").first).to_contain_text(f"{figures['display']['percent']}%")
        expect(result).to_contain_text(points_of(lang, figures["display"]["points"], figures["available"]))
        expect(result).to_contain_text(percent(figures["improving_share"]))
        # the core's working, "2 × A + 0.5 × I = …", is shown as it wrote it
        expect(result.locator(".copc-calc__steps li")).to_have_count(len(core["steps"]))
        for step in core["steps"]:
            expect(result.locator(".copc-calc__steps")).to_contain_text(step[lang])


def test_performance_counts_that_do_not_add_up(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "performance")
    load_example(root, examples_of("performance")[0].id)
    # improving counts only metrics not at target: more than the total cannot be
    total = int(field(root, "total").input_value())
    field(root, "improving").fill(str(total + 1))
    improving = field(root, "improving")
    expect(improving).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root).to_have_attribute("data-state", "invalid")
