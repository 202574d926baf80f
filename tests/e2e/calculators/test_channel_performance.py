"""The channel-performance calculator (item 4.x's metric types weighted), in both languages: the
guide's example, and a required metric type left out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, TEXT, calc, field, load_example

pytestmark = pytest.mark.e2e


def test_channel_performance_example(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "channel-performance")
    load_example(root)
    result = root.locator(".copc-calc__result")
    for metric_type, percent in (("service", "80%"), ("quality", "100%"), ("sales", "100%"), ("efficiency", "55%")):
        expect(result.locator(f'tr[data-type="{metric_type}"] td').nth(2)).to_have_text(percent)
    expect(result).to_contain_text(TEXT[lang]["points_335"])
    expect(root.locator('[data-note="interpretation:missing-metric-types"]')).to_have_count(1)
    # a required type left out is an error at that type's row, not a silent re-weighting
    for key in ("achieved", "improving", "total"):
        field(root, f"quality.{key}").fill("")
    row = root.locator('tr[data-group-path="quality"]')
    expect(row).to_have_class(re.compile("is-invalid"), timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
