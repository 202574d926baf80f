"""The item-score calculator (approach and deployment of one item), in both languages: the guide's
example, typing with the OSP erratum, and bad input shown at its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import RESULT, TEXT, calc, field, load_example, wait_result, wrap

pytestmark = pytest.mark.e2e


def test_item_score_example(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    load_example(root)
    expect(field(root, "item")).to_have_value("2.15")
    result = root.locator(".copc-calc__result")
    expect(result.locator(".copc-stat--big").first).to_contain_text("50%")
    expect(result).to_contain_text(TEXT[lang]["points_20_40"])
    expect(result.locator(".copc-stat--limit")).to_contain_text(TEXT[lang]["deployment"])
    expect(result).to_contain_text("66.67%")  # the share of units, before the band
    expect(result.locator(".copc-calc__steps li")).to_have_count(4)
    expect(root.locator('[data-note="interpretation:deployment-bands"]')).to_have_count(1)
    expect(root.locator('[data-note="interpretation:percent-from-counts"]')).to_have_count(1)


def test_item_score_by_typing_and_the_osp_erratum(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    field(root, "edition").select_option("OSP")
    field(root, "item").select_option("2.1")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(1)
    for path, value in (("met", "9"), ("applicable", "10"), ("deployed", "4"), ("total", "4")):
        field(root, path).fill(value)
    result = root.locator(".copc-calc__result")
    # OSP 2.1 is worth 100 points (erratum): 90% approach limits it
    expect(result).to_contain_text("90%", timeout=RESULT)
    expect(result.locator(".copc-stat--limit")).to_contain_text(TEXT[lang]["approach"])
    expect(result).to_contain_text("90 / 100" if lang == "ja" else "90 of 100 points")
    field(root, "edition").select_option("CSP")
    expect(root.locator('[data-note="erratum:osp-2.1-2.3-points"]')).to_have_count(0)


def test_item_score_bad_input_is_shown_at_the_field(calculators_page: tuple[Page, str]) -> None:
    page, lang = calculators_page
    root = calc(page, "item-score")
    load_example(root)
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
    met.fill("2")
    field(root, "deployed").fill("5")  # more deployed units than units
    deployed = field(root, "deployed")
    expect(deployed).to_have_attribute("aria-invalid", "true", timeout=RESULT)
    expect(wrap(root, "deployed").locator(".copc-error")).to_contain_text(TEXT[lang]["exceed"])
    expect(met).not_to_have_attribute("aria-invalid", "true")
    deployed.fill("2")
    wait_result(root)
    expect(deployed).not_to_have_attribute("aria-invalid", "true")
    expect(root.locator(".copc-calc__result")).to_contain_text(TEXT[lang]["points_20_40"])
