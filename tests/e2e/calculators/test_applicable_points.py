"""The applicable-points calculator (points in scope by channel), in both languages: the guide's
example with its errata, an item kept in scope, and no channel at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, calc, load_example, wait_result

pytestmark = pytest.mark.e2e


def test_applicable_points_example(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "applicable-points")
    load_example(root)
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").nth(0)).to_have_text(re.compile(r"3,570$"))
    expect(result.locator(".copc-stat--required")).to_have_text(re.compile(r"3,391\.5$"))
    expect(result.locator(".copc-excluded li")).to_have_count(2)
    expect(root.locator('[data-note="erratum:applicable-example-2.6-points"]')).to_have_count(1)
    expect(root.locator('[data-note="erratum:applicable-example-rounding"]')).to_have_count(1)
    # keep 2.6 as applicable: 3,650 and 3,467.5
    root.locator('input[data-exclude="2.6"]').uncheck()
    expect(result.locator(".copc-stat--big").nth(0)).to_have_text(re.compile(r"3,650$"), timeout=RESULT)
    expect(result.locator(".copc-stat--required")).to_have_text(re.compile(r"3,467\.5$"))
    # no channel at all is an error at the channels
    root.locator('input[data-channel="human"]').uncheck()
    expect(root.locator('fieldset[data-group-path="channels"] .copc-error')).to_have_count(1, timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
    root.locator('input[data-channel="human"]').check()
    wait_result(root)
