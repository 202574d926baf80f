"""The renewal calculator (every year, or every two years when five conditions hold), in both
languages: the worked examples at the boundary of the PST shares, a statement unticked, and bad
counts at their field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from copc_cx.standard import RENEWAL_CONDITIONS
from tests.e2e.helpers import RESULT, TEXT, calc, computed, examples_of, field, load_example

pytestmark = pytest.mark.e2e


def test_renewal_examples(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "renewal")
    result = root.locator(".copc-calc__result")
    decision = result.locator(".copc-decision")
    for worked in examples_of("renewal"):
        load_example(root, worked.id)
        core = computed("renewal", worked.input)
        expect(decision).to_have_attribute("data-interval", str(core["interval_years"]))
        expect(decision).to_contain_text(TEXT[lang]["every_two_years" if core["interval_years"] == 2 else "every_year"])
        # each of the five conditions, met or not
        expect(result.locator("[data-condition]")).to_have_count(len(RENEWAL_CONDITIONS))
        for condition in core["conditions"]:
            expect(result.locator(f'[data-condition="{condition["id"]}"]')).to_have_attribute(
                "data-met", str(condition["met"]).lower())
        # the shares beside the verdict are the core's display text (65 is not more than 65)
        expect(result.locator(".copc-stat--big").nth(0)).to_contain_text(f"{core['display']['at_target_share']}%")
        expect(result.locator(".copc-stat--big").nth(1)).to_contain_text(f"{core['display']['either_share']}%")
    for note in ("interpretation:renewal-category-4-level", "interpretation:continuous-improvement"):
        expect(root.locator(f'[data-note="{note}"]')).to_have_count(1)


def test_renewal_a_statement_unticked_and_bad_counts(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "renewal")
    two_years = next(e for e in examples_of("renewal") if computed("renewal", e.input)["interval_years"] == 2)
    load_example(root, two_years.id)
    decision = root.locator(".copc-calc__result .copc-decision")
    expect(decision).to_have_attribute("data-interval", "2")
    # a major nonconformity at the last renewal audit: every year again
    root.locator('input[data-path="no_major_nonconformity"]').uncheck()
    expect(decision).to_have_attribute("data-interval", "1", timeout=RESULT)
    expect(root.locator('.copc-calc__result [data-condition="no-major-nonconformity"]')).to_have_attribute(
        "data-met", "false")
    # more at target than at target or improving: an error at the field, in the page's language
    field(root, "pst_at_target").fill(str(int(two_years.input["pst_at_target_or_improving"]) + 1))
    expect(field(root, "pst_at_target")).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(root.locator(".copc-calc__result-note")).to_contain_text(TEXT[lang]["fix"])
