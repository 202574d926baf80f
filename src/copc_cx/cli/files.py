"""Reading and writing assessment files for the commands: JSON or Excel, by the file's extension."""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem
from ..files import assessment_file
from ..files.assessment_file import AssessmentFile
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


def load(path: Path, *, scorable: bool = False) -> AssessmentFile:
    """The assessment in `path`; with `scorable`, counts the rules refuse make it a bad file too."""
    suffix = kind(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BadFile(path, (Problem("file", f"ファイルを読めません（{reason}）。",
                                     f"The file cannot be read ({reason})."),)) from None
    try:
        if suffix == ".json":
            doc = assessment_file.read_bytes(data)
            problems = assessment_file.problems(doc) if scorable else ()
        else:
            from ..files import workbook

            opened = workbook.read_workbook(data)
            doc, problems = opened.doc, opened.problems() if scorable else ()
    except InputError as error:
        raise BadFile(path, error.problems) from None
    if problems:
        raise BadFile(path, problems)
    return doc


def save(doc: AssessmentFile, path: Path, lang: Lang) -> None:
    if kind(path) == ".json":
        path.write_text(assessment_file.dumps(doc), encoding="utf-8")
    else:
        from ..files import workbook

        path.write_bytes(workbook.write_workbook(doc, lang))


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
