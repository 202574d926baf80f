"""The process-certification check as a JSON file, in the style of the assessment file.

Version 1, every key but the first two optional:

    {
      "format": "copc-cx-process-assessment", "version": 1,
      "organisation": "Example Contact Ltd", "site": "Naha centre", "assessor": "Aiko Tanaka",
      "date": "2026-12-05",
      "edition": "CSP", "block": "quality", "include_optional": false,
      "requirements_met": ["quality.req-1", ...],
      "entity": {"quality.accuracy": {"months_at_target": 3, "months_measured": 4}, ...},
      "sites": {"Naha": {"quality.accuracy": {"months_at_target": 2, "months_measured": 3}}},
      "notes": {"2.10": "Evidence: calibration records; owner: K. Sato"}
    }

Its top level is the `process-certification` operation's input (edition, block, include_optional,
requirements_met, entity, sites) plus the assessment file's metadata and a note per item of the
block: so the file is a valid request of that operation, and that input alone is a valid file.
Months are numbers, an empty field null, text that is not a whole number stays text.

As for the assessment file, reading has two levels: a file the core cannot take raises InputError
at its places (`entity.quality.accuracy.months_measured`, `sites`, `notes.2.10`, `version`,
`file`); months or requirements the rules refuse are `problems()`, with the operation's own places
and messages. Operations: `process-file-read` and `process-file-write` of copc_cx.web.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import catalog, process, web
from ..errors import Checker, InputError, Problem
from ..forms import MAX_NAME, readable
from ..standard import Edition
from . import assessment_file

FORMAT = "copc-cx-process-assessment"
VERSION = 1
# the assessment file's limit and metadata (named again here: copc_cx.web imports this module while
# assessment_file is still being imported)
MAX_FILE_BYTES = 900_000
METADATA = ("organisation", "site", "assessor", "date")
UNIT = ("entity", "sites")
MONTHS = ("months_at_target", "months_measured")
SCOPE = ("edition", "block", "include_optional", "requirements_met")
TOP_LEVEL = ("format", "version", *METADATA, *SCOPE, *UNIT, "notes")

Count = int | str | None  # as in the assessment file: a whole number, text the rules refuse, or empty
Months = Mapping[str, Mapping[str, Count]]  # metric -> {"months_at_target": 3, "months_measured": 4}


@dataclass(frozen=True)
class ProcessFile:
    """One process-certification check: what it is about, the block, the months of each unit, notes.

    `entity` and `sites` map a metric's name (the block's metric id, or "<id>:<label>" for a
    further client metric) to its months, normalised (numbers as int, empty as None)."""

    edition: str
    block: str
    organisation: str = ""
    site: str = ""
    assessor: str = ""
    date: str = ""
    include_optional: bool = False
    requirements_met: tuple[str, ...] = ()
    entity: Months = field(default_factory=dict)
    sites: Mapping[str, Months] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


def read_bytes(data: bytes) -> ProcessFile:
    """A process file from its bytes (UTF-8, with or without a byte order mark)."""
    if len(data) > MAX_FILE_BYTES:
        raise assessment_file.too_large(len(data))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem("file", "ファイルが UTF-8 のテキストではありません。",
                                  "The file is not UTF-8 text.")]) from None
    return read_text(text)


def read_text(text: str) -> ProcessFile:
    """A process file from its text; InputError naming each place where it cannot be taken."""
    return read_data(assessment_file.load_json(text))


def _months(checker: Checker, place: str, raw: Any) -> dict[str, dict[str, Count]]:
    """A unit's months per metric, as the file keeps them."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        checker.add(place, "指標ごとの月数（{\"指標\": {…}}）が必要です。",
                    "The months per metric ({\"metric\": {…}}) belong here.")
        return {}
    out: dict[str, dict[str, Count]] = {}
    for metric, value in raw.items():
        if not (readable(metric) and 0 < len(metric) <= MAX_NAME):
            checker.add(place, f"指標名 {assessment_file.shown(metric)} が読めません。",
                        f"The metric name {assessment_file.shown(metric)} cannot be read.")
            continue
        if value is None:
            continue
        counts = assessment_file.counts(checker, f"{place}.{metric}", value, MONTHS)
        if any(v is not None for v in counts.values()):
            out[metric] = counts
    return out


def read_data(data: Any) -> ProcessFile:
    """A process file from parsed JSON: normalised, or InputError at each place."""
    if not isinstance(data, dict):
        raise InputError([Problem("file", "ファイルの中身はオブジェクト（{…}）である必要があります。",
                                  "The file holds an object ({…}) at its top level.")])
    assessment_file.check_version(data, FORMAT, VERSION)
    checker = Checker()
    for key in data:
        if key not in TOP_LEVEL:
            assessment_file.unknown(checker, "", key, TOP_LEVEL)
    metadata = assessment_file.read_metadata(checker, data)
    edition = data.get("edition")
    block_id = data.get("block")
    block = None
    if edition not in tuple(Edition):
        checker.add("edition", f"版は CSP か OSP です（入力値: {assessment_file.shown(edition)}）。",
                    f"The edition is CSP or OSP (got {assessment_file.shown(edition)}).")
    else:
        try:
            block = catalog.block(str(block_id), edition)
        except (InputError, KeyError, ValueError):
            checker.add("block", f"{edition} 版にブロック {assessment_file.shown(block_id)} はありません。",
                        f"There is no block {assessment_file.shown(block_id)} in the {edition} edition.")
    optional = data.get("include_optional", False)
    if not isinstance(optional, bool):
        checker.add("include_optional", "include_optional は true か false です。",
                    "include_optional is true or false.")
    met = data.get("requirements_met") or []
    if not (isinstance(met, list) and all(isinstance(r, str) and len(r) <= MAX_NAME for r in met)):
        checker.add("requirements_met", "requirements_met は要求の ID の一覧です。",
                    "requirements_met is a list of requirement ids.")
        met = []
    entity = _months(checker, "entity", data.get("entity"))
    sites: dict[str, dict[str, dict[str, Count]]] = {}
    raw_sites = data.get("sites")
    if raw_sites is not None and not isinstance(raw_sites, dict):
        checker.add("sites", "拠点ごとの月数（{\"拠点名\": {…}}）が必要です。",
                    "The months per site ({\"site name\": {…}}) belong here.")
    elif raw_sites:
        for name, months in raw_sites.items():
            if not (readable(name) and len(name) <= MAX_NAME):
                checker.add("sites", f"拠点名 {assessment_file.shown(name)} が読めません。",
                            f"The site name {assessment_file.shown(name)} cannot be read.")
                continue
            sites[name] = _months(checker, f"sites.{name}", months)
    notes = _notes(checker, data.get("notes"), block)
    checker.raise_if_any()
    assert block is not None and isinstance(edition, str)
    return ProcessFile(edition=edition, block=block.id, **metadata, include_optional=bool(optional),
                       requirements_met=tuple(met), entity=entity, sites=sites, notes=notes)


def _notes(checker: Checker, raw: Any, block: Any) -> dict[str, str]:
    """A note per item of the block."""
    if raw is None or block is None:
        return {}
    if not isinstance(raw, dict):
        checker.add("notes", "notes は項目番号ごとのメモ（{\"2.10\": \"…\"}）です。",
                    "notes holds a text per item number ({\"2.10\": \"…\"}).")
        return {}
    items = (*block.items, *block.optional_items)
    notes: dict[str, str] = {}
    for number, note in raw.items():
        if number not in items:
            checker.add(f"notes.{number}" if readable(number) and len(number) <= 40 else "notes",
                        f"メモの項目 {assessment_file.shown(number)} はこのブロックにありません。",
                        f"The note's item {assessment_file.shown(number)} is not in this block.")
            continue
        text = assessment_file.note_text(checker, f"notes.{number}", note)
        if text.strip():
            notes[number] = text
    return {n: notes[n] for n in items if n in notes}


# --- what the file says about the block ------------------------------------------------------

def _unit_input(months: Months) -> dict[str, Any]:
    return {metric: dict(values) for metric, values in months.items()}


def process_input(doc: ProcessFile) -> dict[str, Any]:
    """The `process-certification` operation's input for this file."""
    return {"edition": doc.edition, "block": doc.block, "include_optional": doc.include_optional,
            "requirements_met": list(doc.requirements_met), "entity": _unit_input(doc.entity),
            "sites": {name: _unit_input(months) for name, months in doc.sites.items()}}


def check(doc: ProcessFile) -> process.ProcessCertificationCheck:
    """The block checked as the process-certification operation checks it; InputError at the
    operation's places for what the rules refuse."""
    return process.check_process_certification(**web.read_process_certification(process_input(doc)))


def problems(doc: ProcessFile) -> tuple[Problem, ...]:
    """What the rules refuse in the file's months and requirements, at their places; () when it
    can be checked."""
    try:
        check(doc)
    except InputError as error:
        return error.problems
    return ()


# --- writing ----------------------------------------------------------------------------------

def to_data(doc: ProcessFile) -> dict[str, Any]:
    """The file's JSON object, keys in the order people read them."""
    return {"format": FORMAT, "version": VERSION, **{key: getattr(doc, key) for key in METADATA},
            **process_input(doc), "notes": dict(doc.notes)}


def dumps(doc: ProcessFile) -> str:
    return json.dumps(to_data(doc), ensure_ascii=False, indent=2) + "\n"


def file_name(doc: ProcessFile, extension: str = "json") -> str:
    """copc-cx-process-<block>-<organisation>-<site>-<date>.json (or .xlsx)"""
    name = assessment_file.file_name(assessment_file.AssessmentFile(
        edition=doc.edition, organisation=doc.organisation, site=doc.site, date=doc.date), extension)
    return name.replace("copc-cx", f"copc-cx-process-{doc.block}", 1)


def as_json(doc: ProcessFile) -> dict[str, Any]:
    """What the read and write operations answer for a file."""
    return {"assessment": to_data(doc), "input": process_input(doc),
            "problems": [p.as_dict() for p in problems(doc)], "file_name": file_name(doc)}
