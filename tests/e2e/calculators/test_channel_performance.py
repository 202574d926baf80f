"""The channel-performance calculator (4.3 and 4.4, weighted by metric type), in both languages:
the worked examples, and a required metric type left out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from copc_cx import catalog
from tests.e2e.helpers import RESULT, calc, computed, examples_of, field, load_example, percent, points_of

pytestmark = pytest.mark.e2e


def test_channel_performance_examples(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "channel-performance")
    result = root.locator(".copc-calc__result")
    for worked in examples_of("channel-performance"):
        load_example(root, worked.id)
        core = computed("channel-performance", worked.input)
        for metric_type, scored in core["by_type"].items():
            expect(result.locator(f'tr[data-type="{metric_type}"] td').nth(2)).to_have_text(percent(scored["percent"]))
        expect(result.locator("tr[data-type]")).to_have_count(len(core["by_type"]))
        expect(result).to_contain_text(points_of(lang, core["display"]["points"], core["available"]))
        edition = catalog.edition(worked.input["edition"])
        for note in catalog.notes_for(catalog.item_tags(worked.input["item"], edition)):
            expect(root.locator(f'[data-note="{note}"]')).to_have_count(1)


def test_a_required_metric_type_left_out_is_an_error_at_its_row(calculators_page: tuple[Page, str]) -> None:
    page, _ = calculators_page
    root = calc(page, "channel-performance")
    load_example(root, examples_of("channel-performance")[0].id)
    # not a silent re-weighting: the row says so once the reader has left it
    for key in ("achieved", "improving", "total"):
        field(root, f"quality.{key}").fill("")
    field(root, "service.achieved").focus()
    row = root.locator('tr[data-group-path="quality"]')
    expect(row).to_have_class(re.compile("is-invalid"), timeout=RESULT)
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
