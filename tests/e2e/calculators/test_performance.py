"""The performance calculator (a metric item's points from metrics at target and improving), in
both languages: the guide's examples, and counts that do not add up."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, TEXT, calc, field, load_example

pytestmark = pytest.mark.e2e


def test_performance_examples(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "performance")
    result = root.locator(".copc-calc__result")
    load_example(root, "1")
    expect(result.locator(".copc-stat--big").first).to_contain_text("96%")
    expect(result).to_contain_text(TEXT[lang]["points_480"])
    expect(result).to_contain_text("2 × 48 + 0.5 × 0 = 96%")
    load_example(root, "1-improving")
    expect(result.locator(".copc-stat--big").first).to_contain_text("60%")
    expect(result).to_contain_text(TEXT[lang]["points_300"])
    expect(result).to_contain_text("2 × 25 + 0.5 × 20 = 60%")
    # the guide's example 2: half the metrics at target earn the whole item, whatever improves
    load_example(root, "2")
    expect(result.locator(".copc-stat--big").first).to_contain_text("100%")
    # example 3: nothing at target, each improving point adds half a point
    load_example(root, "3")
    expect(result.locator(".copc-stat--big").first).to_contain_text("20%")
    expect(result).to_contain_text("2 × 0 + 0.5 × 40 = 20%")
    # counts that do not add up: improving counts only metrics not at target
    field(root, "achieved").fill("25")
    field(root, "improving").fill("90")
    improving = field(root, "improving")
    expect(improving).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root).to_have_attribute("data-state", "invalid")
