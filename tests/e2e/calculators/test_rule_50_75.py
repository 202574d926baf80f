"""The rule-50-75 calculator, in both languages: the worked examples, and typing until the rule holds."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from copc_cx import rules
from tests.e2e.helpers import RESULT, calc, computed, examples_of, field, load_example, points_of

pytestmark = pytest.mark.e2e


def test_rule_50_75_examples_and_typing(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "rule-50-75")
    result = root.locator(".copc-calc__result")
    for worked in examples_of("rule-50-75"):
        load_example(root, worked.id)
        core = computed("rule-50-75", worked.input)
        expect(result.locator(".copc-stat--big").nth(0)).to_contain_text(f"{core['display']['level']}%")
        expect(result.locator(".copc-stat--big").nth(1)).to_contain_text(f"{core['display']['trend']}%")
        expect(result).to_contain_text(points_of(lang, core["display"]["points"], core["available"]))
        expect(result.locator(".copc-verdict--ok" if core["met"] else ".copc-verdict--no")).to_have_count(1)
    # exactly at both thresholds of 100 metrics, the rule holds with full points
    typed = {"at_target": str(rules.LEVEL_THRESHOLD), "at_target_or_improving": str(rules.TREND_THRESHOLD),
             "total": "100"}
    for path, value in typed.items():
        field(root, path).fill(value)
    core = computed("rule-50-75", typed)
    assert core["met"]
    expect(result.locator(".copc-verdict--ok")).to_have_count(1, timeout=RESULT)
    expect(result).to_contain_text(points_of(lang, core["display"]["points"], core["available"]))
