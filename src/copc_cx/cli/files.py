"""Reading and writing assessment files for the commands: JSON or Excel, by the file's extension."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..assessment import Assessment
from ..errors import InputError, Problem
from ..files import assessment_file, process_file, process_workbook, workbook, xlsx  # openpyxl only when used
from ..files.assessment_file import AssessmentFile
from ..files.process_file import ProcessFile
from .common import Lang

EXTENSIONS = (".json", ".xlsx")


class BadFile(Exception):
    """A file that cannot be taken, with every problem at its place."""

    def __init__(self, path: Path, problems: tuple[Problem, ...]) -> None:
        super().__init__(str(path))
        self.path = path
        self.problems = problems


def kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise BadFile(path, (Problem("file", f"拡張子は .json か .xlsx です（{path.name}）。",
                                     f"The file name must end in .json or .xlsx ({path.name})."),))
    return suffix


@dataclass(frozen=True)
class Loaded:
    """An assessment read from a file, and (for a workbook) where each of its fields is."""

    path: Path
    doc: AssessmentFile
    cells: Mapping[str, str]

    def bad(self, problems: tuple[Problem, ...]) -> BadFile:
        """The file as a bad one, each problem at its place (for a workbook: its sheet and cell)."""
        return BadFile(self.path, xlsx.located(problems, self.cells))

    def notices(self) -> tuple[Problem, ...]:
        """Typed counts the file's metrics table replaced (for a workbook: at their sheet and cell)."""
        return xlsx.located(self.doc.notices, self.cells)

    def scored(self) -> Assessment:
        """The assessment scored; a BadFile where the rules refuse its counts."""
        try:
            return assessment_file.score(self.doc)
        except InputError as error:
            raise self.bad(error.problems) from None


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BadFile(path, (Problem("file", f"ファイルを読めません（{reason}）。",
                                     f"The file cannot be read ({reason})."),)) from None


def load(path: Path) -> Loaded:
    """The assessment in `path` (JSON or Excel); a BadFile if it cannot be taken."""
    suffix = kind(path)
    data = _read(path)
    try:
        if suffix == ".json":
            return Loaded(path, assessment_file.read_bytes(data), {})
        opened = workbook.read_workbook(data)
        return Loaded(path, opened.doc, opened.cells)
    except InputError as error:
        raise BadFile(path, error.problems) from None


def save(doc: AssessmentFile | ProcessFile, path: Path, lang: Lang) -> None:
    """The assessment or process-certification check in `path`, JSON or Excel by its extension."""
    if isinstance(doc, ProcessFile):
        if kind(path) == ".json":
            path.write_text(process_file.dumps(doc), encoding="utf-8")
        else:
            path.write_bytes(process_workbook.write_workbook(doc, lang))
    elif kind(path) == ".json":
        path.write_text(assessment_file.dumps(doc), encoding="utf-8")
    else:
        path.write_bytes(workbook.write_workbook(doc, lang))


def holds_process_check(suffix: str, data: bytes) -> bool:
    """Whether a file holds a process-certification check rather than a self-assessment: its format
    says so, or (a JSON request without one) it names a block. Unreadable files are left to the
    assessment's reader, which says why."""
    if suffix == ".json":
        try:
            parsed = json.loads(data.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return False
        return isinstance(parsed, dict) and (parsed.get("format") == process_file.FORMAT
                                             or ("format" not in parsed and "block" in parsed))
    try:
        found = xlsx.format_of(xlsx.open_book(data, process_workbook.WHAT))
    except InputError:
        return False
    return found == process_file.FORMAT


def load_either(path: Path) -> Loaded | ProcessFile:
    """A self-assessment (as `load` gives it) or a process-certification check (JSON or Excel),
    whichever `path` holds."""
    suffix = kind(path)
    data = _read(path)
    if not holds_process_check(suffix, data):
        return load(path)
    try:
        if suffix == ".json":
            return process_file.read_bytes(data)
        return process_workbook.read_workbook(data).doc
    except InputError as error:
        raise BadFile(path, error.problems) from None


def assessment_paths(arguments: list[str]) -> list[Path]:
    """Files named, and the .json and .xlsx files under folders named (sorted, recursively)."""
    paths: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            paths.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS
                                and not p.name.startswith(("~$", "."))))
        else:
            paths.append(path)
    return paths
