"""The applicable-points calculator (points in scope by channel), in both languages: the worked
examples with the notes of their topic, an item kept in scope, and no channel at all."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from copc_cx import catalog
from tests.e2e.helpers import RESULT, calc, computed, examples_of, load_example, number, wait_result

pytestmark = pytest.mark.e2e


def test_applicable_points_examples(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "applicable-points")
    result = root.locator(".copc-calc__result")
    for worked in examples_of("applicable-points"):
        load_example(root, worked.id)
        core = computed("applicable-points", worked.input)
        expect(result.locator(".copc-stat--big").nth(0)).to_have_text(re.compile(f"{re.escape(number(core['applicable']))}$"))
        expect(result.locator(".copc-stat--required")).to_have_text(re.compile(f"{re.escape(core['display']['required'])}$"))
        expect(result.locator(".copc-excluded li")).to_have_count(len(core["excluded"]))
    for note in catalog.notes_for({"topic:applicable-points"}):
        expect(root.locator(f'[data-note="{note}"]')).to_have_count(1)


def test_an_item_kept_in_scope_and_no_channel_at_all(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "applicable-points")
    worked = next(e for e in examples_of("applicable-points") if not e.input["digital_assisted"])
    load_example(root, worked.id)
    result = root.locator(".copc-calc__result")
    # keep 2.6 as applicable: its points come back, and 95% of them
    root.locator('input[data-exclude="2.6"]').uncheck()
    kept = computed("applicable-points", {**worked.input, "excluded": ["4.4"]})
    expect(result.locator(".copc-stat--big").nth(0)).to_have_text(
        re.compile(f"{re.escape(number(kept['applicable']))}$"), timeout=RESULT)
    expect(result.locator(".copc-stat--required")).to_have_text(re.compile(f"{re.escape(kept['display']['required'])}$"))
    # no channel at all is an error at the channels
    root.locator('input[data-channel="human"]').uncheck()
    expect(root.locator('fieldset[data-group-path="channels"] .copc-error')).to_have_count(1, timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
    root.locator('input[data-channel="human"]').check()
    wait_result(root)
