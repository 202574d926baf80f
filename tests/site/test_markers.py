"""The markers in the docs turn into content generated from the core, in the page's language."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

import copc_markers  # noqa: E402

DOCS = ROOT / "docs"


def _pages() -> list[tuple[str, str]]:
    return [(p.relative_to(DOCS).parts[0], p.relative_to(DOCS / p.relative_to(DOCS).parts[0]).as_posix())
            for p in sorted(DOCS.glob("*/**/*.md"))]


@pytest.mark.parametrize(("lang", "path"), _pages())
def test_every_marker_of_every_page_expands(lang: str, path: str) -> None:
    source = (DOCS / lang / path).read_text(encoding="utf-8")
    expanded = copc_markers.expand(source, lang, path)
    assert "copc:" not in expanded


@pytest.mark.parametrize(("lang", "path"), _pages())
def test_what_follows_a_marker_stays_a_block_of_its_own(lang: str, path: str) -> None:
    # a marker must not take the blank line after it: the next heading or paragraph would be
    # glued onto the generated table or list (a "### …" shown as a table row)
    source = (DOCS / lang / path).read_text(encoding="utf-8")
    expanded = copc_markers.expand(source, lang, path)
    for marker in copc_markers.MARKER.finditer(source):
        line_end = source.find("\n", marker.start())
        rest = source[line_end:] if line_end >= 0 else ""
        if rest.startswith("\n\n") and rest.strip():
            following = rest.lstrip("\n").splitlines()[0]
            if copc_markers.MARKER.match(following):
                continue  # expanded in its turn
            assert f"\n\n{following}" in expanded, f"{marker.group(0)} swallows the blank line before {following!r}"


def test_a_heading_after_a_table_stays_a_heading() -> None:
    expanded = copc_markers.expand("<!-- copc:table points -->\n\n### Next\n", "en", "scoring/system.md")
    assert expanded.endswith("| **4,360** |\n\n### Next\n")


def test_points_table_shows_both_editions_totals_and_the_erratum_mark() -> None:
    table = copc_markers.expand("<!-- copc:table points -->", "en", "scoring/system.md")
    assert "| **4,000** | **4,360** |" in table
    assert re.search(r"\| 2\.1 \| .* \| 100 \| 100 \[※\]\(\.\./errata\.md#osp-2\.1-2\.3-points", table)
    assert "| 2.16 | OSP sales process | — | 40 |" in table


def test_the_same_marker_speaks_the_page_language() -> None:
    ja = copc_markers.expand("<!-- copc:table block workforce -->", "ja", "process/blocks.md")
    en = copc_markers.expand("<!-- copc:table block workforce -->", "en", "process/blocks.md")
    assert "放棄呼率" in ja and "Abandonment rate" in en
    assert ja.count("\n| ") == en.count("\n| ")


def test_notes_link_to_the_errata_page_from_any_depth() -> None:
    note = copc_markers.expand("<!-- copc:erratum name-of-2.5 -->", "ja", "process/blocks.md")
    assert note.startswith('!!! warning "正誤: 2.5の名称"')
    assert "(../errata.md#name-of-2.5)" in note
    top = copc_markers.expand("<!-- copc:interpretation deployment-bands -->", "en", "calculators.md")
    assert "(errata.md#deployment-bands)" in top


def test_an_unknown_marker_fails_the_build() -> None:
    with pytest.raises(copc_markers.MarkerError):
        copc_markers.expand("<!-- copc:table nothing -->", "ja", "index.md")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_worked_example_shows_the_core_s_figures_and_a_link_that_loads_it(lang: str) -> None:
    on_its_page = copc_markers.expand(
        '<!-- copc:example rule-50-75 -->\n\n<div class="copc-calc" data-calc="rule-50-75" markdown></div>\n',
        lang, "scoring/performance.md")
    assert "| 96% |" in on_its_page and "| 92% |" in on_its_page and "| 329 |" in on_its_page
    assert "(#example=rule-50-75)" in on_its_page  # this page has the calculator: load it here
    elsewhere = copc_markers.expand("<!-- copc:example rule-50-75 -->\n", lang, "scoring/system.md")
    assert "(../calculators.md#example=rule-50-75)" in elsewhere


def test_an_unknown_worked_example_fails_the_build() -> None:
    with pytest.raises(copc_markers.MarkerError, match="no worked example"):
        copc_markers.expand("<!-- copc:example nope -->\n", "ja", "index.md")


@pytest.mark.parametrize("name", ["nope", ""])
def test_a_placeholder_without_a_calculator_fails_the_build(name: str) -> None:
    with pytest.raises(copc_markers.MarkerError, match="not a calculator"):
        copc_markers.expand(f'<div class="copc-calc" data-calc="{name}" markdown></div>\n', "en", "calculators.md")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_worked_example_has_an_anchor_and_says_where_it_comes_from(lang: str) -> None:
    box = copc_markers.expand("<!-- copc:example item-2.15 -->\n", lang, "scoring/items-1-3.md")
    assert box.startswith('<div id="example-item-2.15" class="copc-example-anchor"></div>\n\n!!! example ')
    assert ("ガイドが示している例" if lang == "ja" else "Worked in the guide") in box
    made_up = copc_markers.expand("<!-- copc:example item-2.20-osp -->\n", lang, "scoring/items-1-3.md")
    assert ("このサイトで作った例" if lang == "ja" else "Made up for this site") in made_up


def test_a_renewal_example_shows_the_conditions_the_reader_states() -> None:
    box = copc_markers.expand("<!-- copc:example renewal-70-80 -->\n", "en", "certification/outcomes.md")
    assert "| No major nonconformity at the last renewal audit | yes |" in box
    assert "| The level requirement of category 4.0 metrics is met | yes |" in box
    assert "| Years between renewal audits | 2 |" in box


def test_a_self_assessment_example_shows_its_items_and_where_the_points_went() -> None:
    box = copc_markers.expand("<!-- copc:example pending-at-96 -->\n", "ja", "certification/outcomes.md")
    assert '    ??? note "項目ごとの入力"' in box  # folded: the items are many
    assert "| 2.8 | 是正措置と継続的改善の管理 | 細目 9/10、ユニット 3/3 |" in box
    assert "| 2.8 | 是正措置と継続的改善の管理 | 8 |" in box  # the 8 points the missing sub-requirement cost


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_examples_index_lists_every_example_once_with_a_link_that_opens_it(lang: str) -> None:
    from copc_cx.examples import EXAMPLES

    index = copc_markers.expand("<!-- copc:examples index -->\n", lang, "examples.md")
    for example in EXAMPLES:
        assert index.count(f"(calculators.md#example={example.id})") == 1, example.id
        assert f"({example.page}#example-{example.id})" in index, example.id
    assert index.count("\n### ") + index.startswith("### ") == len({e.calculator for e in EXAMPLES})


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_key_numbers_come_from_the_core(lang: str) -> None:
    from copc_cx.standard import STATED_TOTALS, Edition

    points = copc_markers.expand("<!-- copc:table category-points -->\n", lang, "key-numbers.md")
    for category in ("1.0", "2.0", "3.0", "4.0"):
        csp, osp = STATED_TOTALS[Edition.CSP][category], STATED_TOTALS[Edition.OSP][category]
        assert re.search(rf"\| {category} [^|]+ \| {csp:,} \| {osp:,} \|", points), category
    assert "| **4,000** | **4,360** |" in points
    required = copc_markers.expand("<!-- copc:table required-points -->\n", lang, "key-numbers.md")
    assert "| CSP | 4,000 | 3,800 |" in required and "| OSP | 4,360 | 4,142 |" in required
    rules = copc_markers.expand("<!-- copc:table key-rules -->\n", lang, "key-numbers.md")
    assert "4/3" in rules and "A ≥ 50%" in rules and "65%" in rules and "(errata.md#deployment-bands" in rules


@pytest.mark.parametrize(("lang", "words"), [("ja", "3か月後"), ("en", "three months later")])
def test_a_block_table_gives_each_metric_the_guide_s_definition(lang: str, words: str) -> None:
    table = copc_markers.expand("<!-- copc:table block people -->\n", lang, "process/blocks.md")
    hiring_quality = next(line for line in table.splitlines() if line.startswith("| 2 |"))
    assert words in hiring_quality


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_worked_example_is_shown_on_its_page(lang: str) -> None:
    from copc_cx.examples import EXAMPLES

    for example in EXAMPLES:
        source = (DOCS / lang / example.page).read_text(encoding="utf-8")
        assert f"<!-- copc:example {example.id} -->" in source, f"{example.id} is not on {lang}/{example.page}"


def test_no_page_types_the_guide_s_50_75_example_by_hand() -> None:
    # the guide's 4.6 example lives in copc_cx.examples only; pages show it with its marker
    from copc_cx.examples import EXAMPLES_BY_ID

    example = EXAMPLES_BY_ID["rule-50-75"]
    shares = [example.input["at_target"], example.input["at_target_or_improving"]]
    typed = re.compile("|".join([*(rf"\b{share} ?%" for share in shares), rf"\b{example.expected['points']}\b"]))
    for page in DOCS.glob("*/**/*.md"):
        text = page.read_text(encoding="utf-8")
        assert not typed.search(text), page


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_exercises_page_folds_each_answer_away_with_the_core_s_figures_and_steps(lang: str) -> None:
    from copc_cx.examples import EXAMPLES_BY_ID
    from copc_cx.exercises import EXERCISES, Topic

    page = copc_markers.expand("<!-- copc:exercises -->\n", lang, "exercises.md")
    assert page.count("\n## ") + page.startswith("## ") == len(Topic)
    answer = "答えを見る" if lang == "ja" else "Show the answer"
    assert page.count(f'??? success "{answer}"') == len(EXERCISES)
    for exercise in EXERCISES:
        example = EXAMPLES_BY_ID[exercise.example]
        start = page.index(f"{{#exercise-{exercise.id}}}")
        question, _, rest = page[start:].partition(f'??? success "{answer}"')
        assert (exercise.question.ja if lang == "ja" else exercise.question.en) in question
        folded = re.split(r"\n#{2,3} ", rest, maxsplit=1)[0]
        assert f"(calculators.md#example={example.id})" in folded
        # the answer and the steps sit inside the folded box (indented), never before it
        assert all(line.startswith("    ") for line in folded.strip("\n").splitlines() if line), exercise.id


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_key_numbers_list_every_deadline_of_the_core_s_timeline(lang: str) -> None:
    from copc_cx.standard import TIMELINE_SPANS, Basis
    from copc_cx.timeline import span_text

    table = copc_markers.expand("<!-- copc:table deadlines -->\n", lang, "key-numbers.md")
    for span in TIMELINE_SPANS:
        figure = span_text(span).ja if lang == "ja" else span_text(span).en
        if span.basis is Basis.ASSUMPTION:
            continue  # the site's own figure, not the guide's: not on the sheet
        assert figure in table, span.id
    assert ("応当日" if lang == "ja" else "anniversary") in table
