"""The rule-50-75 calculator, in both languages: the guide's example, and typing until the rule holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, TEXT, calc, field, load_example

pytestmark = pytest.mark.e2e


def test_rule_50_75_example_and_typing(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "rule-50-75")
    load_example(root)
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").nth(0)).to_contain_text("96%")
    expect(result.locator(".copc-stat--big").nth(1)).to_contain_text("92%")
    expect(result).to_contain_text(TEXT[lang]["points_329"])
    expect(result.locator(".copc-verdict--no")).to_have_count(1)
    field(root, "at_target").fill("50")
    field(root, "at_target_or_improving").fill("75")
    expect(result.locator(".copc-verdict--ok")).to_have_count(1, timeout=RESULT)
    expect(result).to_contain_text("350 / 350" if lang == "ja" else "350 of 350 points")
