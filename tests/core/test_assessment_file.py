"""The assessment file: a self-assessment kept as a JSON document, opened again as it was saved.

Every kind of bad file gets a message in both languages at its place, never a traceback; a file
the core can take but whose counts the rules refuse opens with those problems listed, as a form
shows them at their fields.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file as af
from copc_cx.web import MAX_REQUEST_CHARS, call, handle

SAMPLE = next(e for e in EXAMPLES if e.calculator == "self-assessment").input
KEPT = {"organisation": "サンプル株式会社", "site": "那覇センター", "assessor": "佐藤 花子", "date": "2026-12-05",
        "notes": {"2.15": "根拠: 手順書 v3\n担当: 佐藤", "4.6": "Dashboard, March"}}


def problems_of(error: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    """{field: English message} of a refused file; every message in both languages."""
    for p in error.value.problems:
        assert p.ja and p.en and p.field
    return {p.field: p.en for p in error.value.problems}


def refused(text: str) -> dict[str, str]:
    with pytest.raises(InputError) as error:
        af.read_text(text)
    return problems_of(error)


# --- what a file is ------------------------------------------------------------------------------

def test_the_self_assessment_operations_input_alone_is_a_valid_file_and_scores_as_the_operation() -> None:
    doc = af.read_text(json.dumps(SAMPLE))
    assert af.problems(doc) == ()
    from_file = af.score(doc)
    operation = call({"op": "self-assessment", "input": SAMPLE})["result"]
    assert float(from_file.earned) == operation["earned"] and from_file.certified == operation["certified"]


def test_a_saved_file_is_itself_a_valid_request_of_the_self_assessment_operation() -> None:
    text = af.dumps(af.read_data({**SAMPLE, **KEPT}))
    assert call({"op": "self-assessment", "input": json.loads(text)}) == call({"op": "self-assessment",
                                                                                "input": SAMPLE})


def test_saving_and_opening_keeps_every_input_metadata_and_note() -> None:
    doc = af.read_data({**SAMPLE, **KEPT})
    again = af.read_text(af.dumps(doc))
    assert again == doc
    assert af.to_data(again)["notes"] == KEPT["notes"]
    assert (again.organisation, again.site, again.assessor, again.date) == (
        "サンプル株式会社", "那覇センター", "佐藤 花子", "2026-12-05")
    assert af.self_assessment_input(again)["items"]["2.8"] == {"met": 9, "applicable": 10, "deployed": 3, "total": 3}


def test_counts_typed_as_text_are_kept_as_numbers_and_text_that_is_no_number_stays_text() -> None:
    doc = af.read_data({"edition": "CSP", "items": {"2.15": {"met": "１２", "applicable": " 12 ", "deployed": "three",
                                                             "total": 4.0}}})
    assert doc.items["2.15"] == {"met": 12, "applicable": 12, "deployed": "three", "total": 4}
    assert [p.field for p in af.problems(doc)] == ["items.2.15.deployed"]


def test_a_new_file_lists_every_applicable_item_with_empty_fields_and_scores_nothing_yet() -> None:
    doc = af.blank_file("OSP", human_assisted=False)
    assert "2.4" not in doc.items and "2.16" in doc.items  # 2.4 may not apply without human-assisted channels
    assert doc.items["4.3"] == {"types": {t: {"achieved": None, "improving": None, "total": None}
                                          for t in ("service", "quality", "sales", "efficiency")}}
    assert af.problems(doc) == ()
    result = af.score(doc)
    assert result.earned == 0 and not result.certified and len(result.unscored) == len(doc.items)


def test_the_file_name_names_the_organisation_site_and_date() -> None:
    doc = af.read_data({**SAMPLE, **KEPT, "site": "Naha / 2F"})
    assert af.file_name(doc) == "copc-cx-サンプル株式会社-Naha-2F-2026-12-05.json"
    assert af.file_name(af.read_data({"edition": "CSP"}), "xlsx") == "copc-cx.xlsx"


# --- every kind of bad file -----------------------------------------------------------------

def test_a_truncated_file_is_not_json_and_says_where_it_stops() -> None:
    text = af.dumps(af.read_data({**SAMPLE, **KEPT}))
    message = refused(text[: len(text) // 2])["file"]
    assert "not valid JSON" in message and "line" in message


@pytest.mark.parametrize(("change", "field"), [
    ({"items": []}, "items"),
    ({"human_assisted": "sometimes"}, "human_assisted"),
    ({"excluded": "2.4"}, "excluded"),
    ({"edition": 3}, "edition"),
    ({"organisation": ["A", "B"]}, "organisation"),
    ({"date": "5 December 2026"}, "date"),
    ({"date": "2026-02-30"}, "date"),
    ({"notes": ["a note"]}, "notes"),
    ({"notes": {"2.15": 42}}, "notes.2.15"),
    ({"items": {"2.15": {"met": [1], "applicable": 2, "deployed": 1, "total": 1}}}, "items.2.15.met"),
    ({"items": {"2.15": {"met": True, "applicable": 2, "deployed": 1, "total": 1}}}, "items.2.15.met"),
    ({"items": {"2.15": {"mett": 1}}}, "items.2.15.mett"),
    ({"items": {"2.15": 5}}, "items.2.15"),
    ({"items": {"4.3": {"types": {"service": {"achieved": {"x": 1}}}}}}, "items.4.3.service.achieved"),
    ({"items": {"4.3": {"types": {"support": {}}}}}, "items.4.3.support"),
    ({"items": {"4.3": {"types": 7}}}, "items.4.3.types"),
    ({"organization": "typo"}, "organization"),
])
def test_a_value_of_the_wrong_kind_is_refused_at_its_place(change: dict[str, Any], field: str) -> None:
    assert field in refused(json.dumps({**SAMPLE, **change}))


def test_an_unknown_item_and_an_item_of_the_other_edition_are_refused() -> None:
    found = refused(json.dumps({"edition": "CSP", "items": {"9.9": {}, "2.16": {}}, "notes": {"2.22": "x"}}))
    assert set(found) == {"items.9.9", "items.2.16", "notes.2.22"}
    assert "OSP" in af.read_data({"edition": "OSP", "items": {"2.16": {}}}).edition


def test_a_wrong_edition_is_refused() -> None:
    assert "CSP or OSP" in refused(json.dumps({"edition": "XYZ"}))["edition"]


def test_a_file_from_a_newer_version_says_so() -> None:
    message = refused(json.dumps({"format": af.FORMAT, "version": 3, "edition": "CSP", "ratings": {}}))
    assert set(message) == {"version"} and "newer" in message["version"] and "reads up to 2" in message["version"]


@pytest.mark.parametrize("data", [
    {"format": "something-else", "version": 1, "edition": "CSP"},
    {"version": 1, "edition": "CSP"},
    {"format": af.FORMAT, "version": "1"},
    {"format": af.FORMAT, "version": 0},
])
def test_a_file_of_another_format_or_without_a_version_is_refused(data: dict[str, Any]) -> None:
    assert set(refused(json.dumps(data))) & {"format", "version"}


@pytest.mark.parametrize("text", ["[1, 2]", '"CSP"', "null", "", "\ufeff{", "{" * 100_000])
def test_json_that_is_not_an_object_or_not_json_at_all_is_refused_at_the_file(text: str) -> None:
    assert set(refused(text)) == {"file"}


def test_a_20_mb_file_is_refused_with_a_message_before_it_is_read() -> None:
    big = json.dumps({**SAMPLE, "notes": {"2.15": "x" * 20_000_000}})
    assert "too large" in refused(big)["file"]
    with pytest.raises(InputError) as error:
        af.read_bytes(big.encode())
    assert "20,0" in problems_of(error)["file"]
    # the browser sends only the size of a file over the limit, and gets the core's message
    answer = call({"op": "assessment-file-read", "input": {"size": 20_000_000}})
    assert not answer["ok"] and answer["errors"][0]["field"] == "file" and "20,000,000" in answer["errors"][0]["en"]
    assert af.MAX_FILE_BYTES * 2 < MAX_REQUEST_CHARS  # a file under the limit fits in a request, quotes escaped


def test_a_file_that_is_not_utf8_is_refused() -> None:
    with pytest.raises(InputError) as error:
        af.read_bytes("{\"organisation\": \"サンプル\"}".encode("shift_jis"))
    assert "UTF-8" in problems_of(error)["file"]
    assert af.read_bytes(b"\xef\xbb\xbf" + json.dumps(SAMPLE).encode()).edition == "CSP"  # a byte order mark is fine


def test_counts_the_rules_refuse_open_with_their_problems_at_the_fields() -> None:
    doc = af.read_data({"edition": "CSP", "items": {"2.15": {"met": 5, "applicable": 4, "deployed": 1},
                                                    "4.6": {"at_target": 1, "at_target_or_improving": 1,
                                                            "total": 1}}})
    found = {p.field: p.en for p in af.problems(doc)}
    assert set(found) == {"items.2.15.met", "items.2.15.total"}
    assert "cannot exceed" in found["items.2.15.met"]


# --- the operations the browser calls --------------------------------------------------------

def test_the_read_operation_answers_the_file_the_forms_input_and_the_problems() -> None:
    text = json.dumps({**SAMPLE, **KEPT, "items": {**SAMPLE["items"], "2.15": {"met": "x"}}}, ensure_ascii=False)
    answer = json.loads(handle(json.dumps({"op": "assessment-file-read", "input": {"text": text}})))
    assert answer["ok"], answer
    result = answer["result"]
    assert result["assessment"]["format"] == af.FORMAT and result["assessment"]["notes"] == KEPT["notes"]
    assert result["input"]["items"]["2.15"] == {"met": "x", "applicable": None, "deployed": None, "total": None}
    assert {p["field"] for p in result["problems"]} == {"items.2.15.met", "items.2.15.applicable",
                                                        "items.2.15.deployed", "items.2.15.total"}
    assert result["file_name"].endswith("-2026-12-05.json")


def test_the_write_operation_answers_the_files_text_which_reads_back_the_same() -> None:
    answer = call({"op": "assessment-file-write", "input": {**SAMPLE, **KEPT}})
    assert answer["ok"], answer
    assert answer["result"]["media_type"] == "application/json"
    assert af.read_text(answer["result"]["text"]) == af.read_data({**SAMPLE, **KEPT})
    bad = call({"op": "assessment-file-write", "input": {**SAMPLE, "items": {"2.15": {"met": [1]}}}})
    assert not bad["ok"] and [e["field"] for e in bad["errors"]] == ["items.2.15.met"]


@pytest.mark.parametrize("data", [
    {}, {"text": 5}, {"text": "{}"}, {"text": "[]"}, {"size": "big"}, {"text": json.dumps({"edition": "CSP",
                                                                                         "items": {"": {}}})},
])
def test_the_read_operation_answers_every_request_with_a_message_at_a_field(data: dict[str, Any]) -> None:
    answer = call({"op": "assessment-file-read", "input": data})
    assert not answer["ok"]
    assert all(e["field"] != "request" for e in answer["errors"]), answer  # no internal error
