"""The process-certification file: a block's check kept as a JSON document, in the style of the
assessment file, opened again as it was saved; bad files refused at their place in both languages,
months the rules refuse listed as the operation lists them."""

from __future__ import annotations

import json

import pytest

from copc_cx.errors import InputError
from copc_cx.examples import EXAMPLES_BY_ID
from copc_cx.files import process_file as pf
from copc_cx.web import call

SAMPLE = EXAMPLES_BY_ID["level-rule-two-sites"].input
KEPT = {"organisation": "サンプル株式会社", "site": "那覇センター", "assessor": "佐藤 花子", "date": "2026-12-05"}


def refused(data: object) -> dict[str, str]:
    with pytest.raises(InputError) as error:
        pf.read_text(json.dumps(data))
    for p in error.value.problems:
        assert p.ja and p.en and p.field
    return {p.field: p.en for p in error.value.problems}


def test_the_operations_input_alone_is_a_valid_file_and_a_saved_file_is_a_valid_request() -> None:
    doc = pf.read_text(json.dumps(SAMPLE))
    assert pf.problems(doc) == ()
    text = pf.dumps(pf.read_data({**SAMPLE, **KEPT}))
    assert call({"op": "process-certification", "input": json.loads(text)}) == call(
        {"op": "process-certification", "input": SAMPLE})


def test_saving_and_opening_keeps_every_input_and_the_metadata() -> None:
    block = SAMPLE["block"]
    blocks = call({"op": "catalog", "input": {}})["result"]["blocks"]
    number = next(b for b in blocks if b["id"] == block)["items"][0]
    doc = pf.read_data({**SAMPLE, **KEPT, "notes": {number: "根拠: 記録\n担当: 佐藤"}})
    again = pf.read_text(pf.dumps(doc))
    assert again == doc
    assert pf.process_input(again) == pf.process_input(pf.read_data(SAMPLE))
    assert pf.file_name(again) == f"copc-cx-process-{block}-サンプル株式会社-那覇センター-2026-12-05.json"


def test_a_file_of_the_other_format_or_a_newer_version_says_what_it_is() -> None:
    assert "self-assessment calculator" in refused({"format": "copc-cx-assessment", "version": 1})["format"]
    assert "newer" in refused({"format": pf.FORMAT, "version": 2})["version"]


def test_bad_fields_are_refused_at_their_place() -> None:
    problems = refused({**SAMPLE, "edition": "XSP", "entity": [], "notes": {"9.9": "x"}, "colour": 1})
    assert set(problems) >= {"edition", "entity", "colour"}
    problems = refused({**SAMPLE, "block": "nope", "sites": {"A": {"m": {"months_at_target": [1]}}}})
    assert set(problems) >= {"block", "sites.A.m.months_at_target"}


def test_months_the_rules_refuse_open_as_problems_at_the_operations_places() -> None:
    unit = next(iter(SAMPLE["entity"]))
    doc = pf.read_data({**SAMPLE, "entity": {**SAMPLE["entity"], unit: {"months_at_target": "三つ",
                                                                        "months_measured": 12}}})
    operation = call({"op": "process-certification", "input": pf.process_input(doc)})
    assert not operation["ok"]
    assert [p.as_dict() for p in pf.problems(doc)] == operation["errors"]
    assert f"entity.{unit}.months_at_target" in {p.field for p in pf.problems(doc)}


def test_the_limit_and_the_metadata_are_the_assessment_files() -> None:
    from copc_cx.files import assessment_file

    assert (pf.MAX_FILE_BYTES, pf.METADATA) == (assessment_file.MAX_FILE_BYTES, assessment_file.METADATA)


def test_a_file_over_the_limit_is_refused_from_its_size() -> None:
    answer = call({"op": "process-file-read", "input": {"size": 20_000_000}})
    assert not answer["ok"] and answer["errors"][0]["field"] == "file"
