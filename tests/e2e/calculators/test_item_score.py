"""The item-score calculator (approach and deployment of one item), in both languages: the worked
examples with their notes, typing with the OSP erratum, and bad input shown at its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from copc_cx import catalog
from tests.e2e.helpers import (
    RESULT,
    TEXT,
    answer,
    calc,
    computed,
    example,
    example_result,
    examples_of,
    field,
    load_example,
    percent,
    points_of,
    wait_result,
    wrap,
)

pytestmark = pytest.mark.e2e


def test_item_score_examples(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    buttons = root.locator(".copc-calc__example")
    assert [b.get_attribute("data-example") for b in buttons.all()] == [e.id for e in examples_of("item-score")]
    for worked in examples_of("item-score"):
        load_example(root, worked.id)
        expect(field(root, "item")).to_have_value(worked.input["item"])
        expect(field(root, "met")).to_have_value(worked.input["met"])
        result = root.locator(".copc-calc__result")
        core = example_result(worked.id)
        expect(result.locator(".copc-stat--big").first).to_contain_text(f"{core['display']['percent']}%")
        expect(result).to_contain_text(points_of(lang, core["display"]["points"], core["available"]))
        limit = {"approach": TEXT[lang]["approach"], "deployment": TEXT[lang]["deployment"]}.get(core["limited_by"])
        if limit:
            expect(result.locator(".copc-stat--limit")).to_contain_text(limit)
        expect(result).to_contain_text(f"{core['display']['deployed_share']}%")  # the share of units, before the band
        # the notes beside it are the item's own, from the catalog
        notes = catalog.notes_for(catalog.item_tags(worked.input["item"], catalog.edition(worked.input["edition"])))
        for note in notes:
            expect(root.locator(f'[data-note="{note}"]')).to_have_count(1)
        expect(root.locator("[data-note]")).to_have_count(len(notes))
        expect(result.locator(".copc-calc__steps li")).to_have_count(len(answer("item-score", worked.input)["steps"]))


def test_item_score_by_typing_and_the_osp_erratum(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    field(root, "edition").select_option("OSP")
    field(root, "item").select_option("2.1")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(1)
    typed = {"met": "9", "applicable": "10", "deployed": "4", "total": "4"}
    for path, value in typed.items():
        field(root, path).fill(value)
    core = computed("item-score", {"edition": "OSP", "item": "2.1", **typed})
    result = root.locator(".copc-calc__result")
    # OSP 2.1 is worth 100 points (erratum): the approach limits it
    expect(result).to_contain_text(percent(core["percent"]), timeout=RESULT)
    expect(result.locator(".copc-stat--limit")).to_contain_text(TEXT[lang]["approach"])
    expect(result).to_contain_text(points_of(lang, core["display"]["points"], core["available"]))
    field(root, "edition").select_option("CSP")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(0)


def test_item_score_bad_input_is_shown_at_the_field(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    guide = example("item-2.15")
    load_example(root, guide.id)
    met = field(root, "met")
    met.fill("abc")
    expect(met).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    message_id = (met.get_attribute("aria-describedby") or "").split()[-1]
    message = page.locator(f"#{message_id}")
    expect(message).to_contain_text(TEXT[lang]["whole_number"])
    # the message sits at the field, inside the field's own wrapper
    expect(wrap(root, "met").locator(".copc-error")).to_have_count(1)
    # no stale result: the result area says what to do and holds no figures
    expect(root).to_have_attribute("data-state", "invalid")
    expect(root.locator(".copc-calc__result-note")).to_contain_text(TEXT[lang]["fix"])
    expect(root.locator(".copc-calc__result .copc-stat")).to_have_count(0)
    expect(met).to_have_value("abc")  # what the user typed stays

    met.fill("-1")
    expect(page.locator(f"#{(met.get_attribute('aria-describedby') or '').split()[-1]}")).to_contain_text(
        "0 以上" if lang == "ja" else "0 or more")
    met.fill("")
    expect(wrap(root, "met").locator(".copc-error")).to_contain_text(TEXT[lang]["enter"])
    met.fill(guide.input["met"])
    field(root, "deployed").fill(str(int(guide.input["total"]) + 2))  # more deployed units than units
    deployed = field(root, "deployed")
    expect(deployed).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(wrap(root, "deployed").locator(".copc-error")).to_contain_text(TEXT[lang]["exceed"])
    expect(met).not_to_have_attribute("aria-invalid", "true")
    deployed.fill(guide.input["deployed"])
    wait_result(root)
    expect(deployed).not_to_have_attribute("aria-invalid", "true")
    core = example_result(guide.id)
    points = points_of(lang, core["display"]["points"], core["available"])
    expect(root.locator(".copc-calc__result")).to_contain_text(points)
