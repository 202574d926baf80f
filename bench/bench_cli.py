"""How long the `copc-cx` command takes on many assessment files (prints numbers; not a test).

    .venv/bin/python bench/bench_cli.py [--files 1000] [--workbooks 100] [--runs 3]

Writes that many assessment files (the guide's sample self-assessment, each with other counts)
into a temporary folder, then times whole runs of the command as a consultant starts it: `score`
of every file, and `rollup` of the folder into a CSV and into a workbook. The workbook lines do
the same with Excel files. Each figure is the best of --runs runs, with Python's start-up.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from copc_cx.examples import EXAMPLES
from copc_cx.files import assessment_file, workbook

SAMPLE: dict[str, Any] = dict(next(e for e in EXAMPLES if e.calculator == "self-assessment").input)


def varied(rng: random.Random, n: int) -> dict[str, Any]:
    """The sample with its counts moved a little, as another site's assessment would be."""
    items: dict[str, Any] = {}
    for number, values in SAMPLE["items"].items():
        if "types" in values:
            items[number] = values
            continue
        counts = {k: int(v) for k, v in values.items() if v != ""}
        if "met" in counts:
            counts["applicable"] += rng.randint(0, 3)
            counts["met"] = rng.randint(max(0, counts["applicable"] - 2), counts["applicable"])
        items[number] = counts
    return {**SAMPLE, "items": items, "organisation": "Example", "site": f"site {n}", "date": "2026-12-05"}


def best(command: list[str], runs: int) -> tuple[float, int]:
    times, status = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        status = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False).returncode
        times.append(time.perf_counter() - start)
    return min(times), status


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--workbooks", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(17)
    cli = [sys.executable, "-m", "copc_cx.cli"]
    with tempfile.TemporaryDirectory() as tmp:
        folder, books = Path(tmp) / "json", Path(tmp) / "xlsx"
        folder.mkdir()
        books.mkdir()
        for n in range(args.files):
            (folder / f"site-{n:04}.json").write_text(json.dumps(varied(rng, n)), encoding="utf-8")
        for n in range(args.workbooks):
            doc = assessment_file.read_data(varied(rng, n))
            (books / f"site-{n:04}.xlsx").write_bytes(workbook.write_workbook(doc, "ja"))
        files = sorted(str(p) for p in folder.iterdir())
        rows = [
            (f"copc-cx score, {args.files:,} JSON files (text)", [*cli, "score", *files], args.files),
            (f"copc-cx score, {args.files:,} JSON files (--format json)", [*cli, "score", *files, "--format", "json"],
             args.files),
            (f"copc-cx rollup, {args.files:,} JSON files -> CSV", [*cli, "rollup", str(folder), "-o",
                                                                   str(Path(tmp) / "summary.csv")], args.files),
            (f"copc-cx rollup, {args.files:,} JSON files -> xlsx", [*cli, "rollup", str(folder), "-o",
                                                                    str(Path(tmp) / "summary.xlsx")], args.files),
            (f"copc-cx rollup, {args.workbooks:,} xlsx files -> CSV", [*cli, "rollup", str(books), "-o",
                                                                       str(Path(tmp) / "books.csv")], args.workbooks),
            ("copc-cx examples (start-up and one small command)", [*cli, "examples"], 1),
        ]
        print(f"copc-cx on {args.files:,} assessment files (best of {args.runs} runs, Python's start-up included)")
        for label, command, count in rows:
            seconds, status = best(command, args.runs)
            print(f"{label:<56} {seconds:>7.2f} s  {seconds / count * 1000:>8.2f} ms/file  (exit {status})")


if __name__ == "__main__":
    main()
