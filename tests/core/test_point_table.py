"""The point table adds up to the totals the guide prints."""

from __future__ import annotations

import pytest

import copc_cx as cx
from copc_cx.standard import BLOCKS, ERRATA, INTERPRETATIONS, ITEMS, STATED_TOTALS, Edition


@pytest.mark.parametrize("edition", list(Edition))
@pytest.mark.parametrize("category", ["1.0", "2.0", "3.0", "4.0"])
def test_category_totals_match_the_guide(edition: Edition, category: str) -> None:
    assert cx.category_points(edition, category) == STATED_TOTALS[edition][category]


def test_grand_totals_are_4000_for_csp_and_4360_for_osp() -> None:
    assert cx.total_points("CSP") == STATED_TOTALS[Edition.CSP]["total"] == 4000
    assert cx.total_points("OSP") == STATED_TOTALS[Edition.OSP]["total"] == 4360


def test_edition_only_items() -> None:
    csp = {i.number for i in cx.items_in(Edition.CSP)}
    osp = {i.number for i in cx.items_in(Edition.OSP)}
    assert osp - csp == {"2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22", "4.2b"}
    assert csp - osp == {"4.2a"}


def test_item_numbers_are_unique_and_every_item_has_both_names() -> None:
    numbers = [i.number for i in ITEMS]
    assert len(numbers) == len(set(numbers))
    assert all(i.name.ja and i.name.en for i in ITEMS)


def test_blocks_name_existing_items_and_client_management_is_osp_only() -> None:
    numbers = {i.number for i in ITEMS}
    for block in BLOCKS:
        assert set(block.items + block.optional_items) <= numbers
    cm = cx.block("client-management")
    assert cm.items == ("2.16", "2.17", "2.18", "2.19", "2.20", "2.21", "2.22", "4.2b")  # erratum 4
    assert cm.editions == (Edition.OSP,)
    assert cx.block("quality").items == ("2.7",) and cx.block("quality").optional_items == ("3.5",)


def test_errata_and_interpretations_are_listed_as_the_reference_readme_says() -> None:
    # the reference README's six errata first, then two more contradictions found in the guide
    # (the figure of audit outcomes, lines 536-544; the scoring overview, lines 631-633)
    assert [e.id for e in ERRATA] == [
        "osp-2.1-2.3-points", "applicable-example-2.6-points", "applicable-example-rounding",
        "client-management-item-range", "name-of-2.5", "quality-block-metrics-note",
        "certification-conditions-figure", "full-marks-for-results"]
    # the README's five open questions and the CUIKA acronym, then readings the site's pages
    # used to present as fact: how 4.3/4.4 count a KCRP metric managed against one target, which
    # metrics 4.6 counts, renewal condition 5, and 4.3 in a digital-only scope
    assert {i.id for i in INTERPRETATIONS} == {
        "deployment-bands", "rule-50-75-points-split", "missing-metric-types",
        "level-rule-measurement-period", "percent-from-counts", "cuika-expansion",
        # what a table of monthly results needs decided (issue 19)
        "continuous-improvement", "level-rule-reading", "metrics-from-table",
        "kcrp-shared-target", "rule-50-75-metrics", "renewal-category-4-level", "digital-only-4.3"}
    for entry in (*ERRATA, *INTERPRETATIONS):
        for text in vars(entry).values():
            if hasattr(text, "ja"):
                assert text.ja and text.en


def test_osp_points_of_2_1_to_2_3_follow_the_erratum() -> None:
    # the table prints 80 each; the OSP totals the same table prints need 100 each
    assert [cx.item_points(n, "OSP") for n in ("2.1", "2.2", "2.3")] == [100, 100, 100]
