"""The report of a self-assessment and of a process-certification check (copc_cx.report): valid
HTML5 that fetches nothing and runs nothing, the decision before the item table, in both languages,
the notes the result depends on, and what the reader typed shown as text."""

from __future__ import annotations

import copy
import re
from html import escape
from pathlib import Path
from typing import Any

import html5lib  # type: ignore[import-untyped]  # no type stubs; used only to parse the reports
import pytest

from copc_cx import catalog, report
from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.standard import ERRATA, INTERPRETATIONS
from copc_cx.web import read_process_certification, read_self_assessment

ROOT = Path(__file__).resolve().parents[2]
PENDING_AT_96 = EXAMPLES_BY_ID["pending-at-96"]
TWO_SITES = EXAMPLES_BY_ID["level-rule-two-sites"]
LANGS: tuple[report.Lang, ...] = ("ja", "en")
METADATA = report.Metadata("みどり保険カスタマーセンター", "札幌", "佐藤", "2025-04-01",
                           {"2.8": "是正措置の手順書を改訂中 <script>alert(1)</script>"})


def self_assessment(lang: report.Lang, data: dict[str, Any] | None = None) -> report.Document:
    edition, inputs, scope = read_self_assessment(data or dict(PENDING_AT_96.input))
    return report.self_assessment_report(edition, inputs, **scope, metadata=METADATA, lang=lang, build_id="5af19056")


def process_check(lang: report.Lang) -> report.Document:
    return report.process_report(**read_process_certification(dict(TWO_SITES.input)), metadata=METADATA,
                                 lang=lang, build_id="5af19056")


def valid_html5(text: str, fragment: bool = False) -> None:
    parser = html5lib.HTMLParser(strict=True)
    if fragment:
        parser.parseFragment(text)
    else:
        parser.parse(text)


def no_script_and_no_external_reference(text: str) -> None:
    assert "<script" not in text.lower()
    for marker in ("http:", "https:", "//"):
        assert marker not in text, marker


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("build", [self_assessment, process_check])
def test_the_report_is_valid_html5_that_runs_and_fetches_nothing(lang: report.Lang, build: Any) -> None:
    document = build(lang)
    standalone = report.to_html(document)
    valid_html5(standalone)
    valid_html5(report.to_html(document, standalone=False), fragment=True)
    no_script_and_no_external_reference(standalone)
    assert f'<html lang="{lang}">' in standalone
    assert "@page { size: A4 portrait" in standalone


@pytest.mark.parametrize("lang", LANGS)
def test_the_decision_comes_before_the_item_table(lang: report.Lang) -> None:
    text = report.to_html(self_assessment(lang))
    verdict = text.index('class="verdict')
    assert verdict < text.index('<table class="conditions">') < text.index('<table class="items">')
    pending = "申請中" if lang == "ja" else "Pending"
    assert pending in text[verdict:verdict + 200]
    # every condition, met or not, is named in the decision
    for condition in ("95%", "4.6"):
        assert condition in text[verdict:text.index('<table class="items">')]


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_block_names_who_assessed_what(lang: report.Lang) -> None:
    text = report.to_html(self_assessment(lang))
    head = text[:text.index('class="verdict')]
    for value in (METADATA.organisation, METADATA.site, METADATA.assessor, METADATA.date, "CSP", "5af19056",
                  "Release 7.0 v1.2"):
        assert value in head


def test_what_the_reader_typed_is_text_never_markup() -> None:
    text = report.to_html(self_assessment("en"))
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\<script\\>" in report.to_markdown(self_assessment("en"))


def test_the_plan_is_in_the_report_of_a_pending_assessment() -> None:
    text = report.to_html(self_assessment("en"))
    plan = text[text.index('<section class="plan-section">'):text.index('<section class="items-section">')]
    assert "2.8: meet the 1 remaining applicable sub-requirement" in plan
    assert "every condition for certification is met" in plan


def test_a_certified_assessment_s_report_says_no_change_is_needed() -> None:
    data = copy.deepcopy(dict(PENDING_AT_96.input))
    data["items"]["2.8"]["met"] = data["items"]["2.8"]["applicable"]
    text = report.to_html(self_assessment("en", data))
    assert "Certified: every condition is met" in text and "no change is needed" in text


def test_the_category_chart_has_its_figures_as_text() -> None:
    document = self_assessment("en")
    text = report.to_html(document)
    svg = text[text.index("<svg"):text.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg
    for category in ("1.0 Leadership and planning", "4.0 Performance"):
        assert category in svg
    markdown = report.to_markdown(document)
    assert "- 4.0 Performance:" in markdown


@pytest.mark.parametrize("edition", ["CSP", "OSP"])
def test_the_notes_are_those_the_result_depends_on(edition: str) -> None:
    data = {**copy.deepcopy(dict(PENDING_AT_96.input)), "edition": edition, "items": {}}
    text = report.to_html(self_assessment("en", data))
    notes = text[text.index('<section class="notes-section">'):]
    ed = catalog.edition(edition)
    tags = {"topic:decision", "topic:applicable-points"} | {
        tag for item in catalog.items_in(ed) for tag in catalog.item_tags(item.number, ed)}
    expected = set(catalog.notes_for(frozenset(tags)))
    for erratum in ERRATA:
        assert (escape(f"Erratum: {erratum.title.en}") in notes) == (f"erratum:{erratum.id}" in expected)
    for interpretation in INTERPRETATIONS:
        assert (escape(f"Interpretation: {interpretation.title.en}") in notes) == (
            f"interpretation:{interpretation.id}" in expected)
    assert ("Erratum: OSP points for 2.1-2.3" in notes) == (edition == "OSP")


def test_the_process_report_names_the_unit_that_fails_and_its_plan() -> None:
    text = report.to_html(process_check("en"))
    assert "Not ready" in text and "Site B" in text
    assert "1 more month at target" in text
    assert "Interpretation: The measurement period of the level rule" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_disclaimer_is_on_the_first_page_in_our_own_words(lang: report.Lang) -> None:
    text = report.to_html(self_assessment(lang))
    disclaimer = report.DISCLAIMER.ja if lang == "ja" else report.DISCLAIMER.en
    assert disclaimer.split("。")[0].split(".")[0] in text[:text.index('class="verdict')]
    footer = (ROOT / "overrides" / "partials" / "copyright.html").read_text(encoding="utf-8")
    wording = [line.strip() for line in footer.splitlines() if "COPC Inc." in line]
    assert len(wording) == 2  # the footer's Japanese and English
    for sentence in (part for line in wording for part in re.split(r"(?<=。)|(?<=[.;])\s", line) if len(part) > 12):
        assert sentence not in text, sentence


def test_markdown_holds_the_same_report() -> None:
    markdown = report.to_markdown(self_assessment("ja"))
    assert markdown.startswith("# COPC CX規格 自己評価レポート")
    assert markdown.index("**申請中") < markdown.index("## 項目別の結果")
    assert "| 項目 | 入力 |" in markdown


def test_metadata_is_checked_at_its_field() -> None:
    with pytest.raises(InputError) as error:
        report.read_metadata({"organisation": 5, "date": "x" * 41, "notes": {"2.8": "ok", "9.9": "?", "2.9": 3}})
    assert {p.field for p in error.value.problems} == {"organisation", "date", "notes.9.9", "notes.2.9"}
    assert report.read_metadata({"notes": {"2.8": "line one\nline two"}}).notes == {"2.8": "line one\nline two"}
