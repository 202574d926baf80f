"""The key-numbers sheet prints on one A4 page in both languages, and its print rules touch no
other page (overrides/assets/stylesheets/copc-key-numbers.css, scoped to the sheet with :has())."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

PAGES = {"ja": "/key-numbers/", "en": "/en/key-numbers/"}


def pdf_pages(pdf: bytes) -> int:
    # each page of Chromium's PDF is one "/Type /Page" object (the tree is "/Type /Pages")
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_key_numbers_print_on_one_a4_page(page: Page, lang: str) -> None:
    page.goto(PAGES[lang])
    pdf = page.pdf(format="A4", prefer_css_page_size=True, print_background=True)
    assert pdf_pages(pdf) == 1
    # and the sheet still holds what a course needs: the totals, the rules, the deadlines
    text = page.locator(".md-content").inner_text()
    correction = "審査から90日以内" if lang == "ja" else "within 90 days of the audit"
    assert "4,360" in text and "4/3" in text and correction in text


@pytest.mark.e2e
def test_other_pages_print_as_before(page: Page) -> None:
    page.goto("/en/glossary/")
    page.emulate_media(media="print")
    columns = page.locator(".md-content__inner").evaluate("e => getComputedStyle(e).columnCount")
    assert columns == "auto"
    page.goto(PAGES["en"])
    columns = page.locator(".md-content__inner").evaluate("e => getComputedStyle(e).columnCount")
    assert columns == "2"
