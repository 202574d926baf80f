"""`copc-cx report` and `copc-cx plan`, run as a reader runs them: a separate process on a file."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import html5lib  # type: ignore[import-untyped]  # no type stubs; used only to parse the reports
import pytest

from copc_cx.examples import EXAMPLES_BY_ID

PENDING_AT_96 = EXAMPLES_BY_ID["pending-at-96"]
TWO_SITES = EXAMPLES_BY_ID["level-rule-two-sites"]
METADATA = {"organisation": "みどり保険カスタマーセンター", "site": "札幌", "assessor": "Sato", "date": "2025-04-01",
            "notes": {"2.8": "手順書を改訂中"}}


def copc_cx(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copc_cx.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=60)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_report_writes_a_standalone_html_file(tmp_path: Path, lang: str) -> None:
    source = write(tmp_path / "assessment.json", {**PENDING_AT_96.input, **METADATA})
    output = tmp_path / "report.html"
    done = copc_cx("report", source, "-o", output, "--lang", lang, "--build-id", "5af19056")
    assert done.returncode == 0, done.stderr
    text = output.read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True).parse(text)
    assert "<script" not in text.lower()
    assert not any(marker in text for marker in ("http:", "https:", "//"))
    verdict = text.index('class="verdict')
    assert verdict < text.index('<table class="items">')
    assert ("申請中" if lang == "ja" else "Pending") in text[verdict:verdict + 200]
    assert all(value in text[:verdict] for value in ("みどり保険カスタマーセンター", "札幌", "5af19056"))
    assert "手順書を改訂中" in text


def test_report_writes_markdown_for_a_md_file(tmp_path: Path) -> None:
    source = write(tmp_path / "assessment.json", {**PENDING_AT_96.input, **METADATA})
    output = tmp_path / "report.md"
    assert copc_cx("report", source, "-o", output, "--lang", "en").returncode == 0
    text = output.read_text(encoding="utf-8")
    assert text.startswith("# COPC CX Standard self-assessment report") and "**Pending" in text


def test_report_of_a_process_certification_file(tmp_path: Path) -> None:
    source = write(tmp_path / "workforce.json", dict(TWO_SITES.input))
    done = copc_cx("report", source, "--lang", "en")
    assert done.returncode == 0, done.stderr
    html5lib.HTMLParser(strict=True).parse(done.stdout)
    assert "process-certification check" in done.stdout and "Site B" in done.stdout


def test_report_names_the_faulty_field_and_exits_2(tmp_path: Path) -> None:
    data = copy.deepcopy(dict(PENDING_AT_96.input))
    data["items"]["2.8"]["met"] = "eleven"
    data["notes"] = {"9.9": "?"}
    done = copc_cx("report", write(tmp_path / "bad.json", data), "-o", tmp_path / "out.html", "--lang", "en")
    assert done.returncode == 2
    assert "notes.9.9" in done.stderr
    assert not (tmp_path / "out.html").exists()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    done = copc_cx("report", broken, "--lang", "ja")
    assert done.returncode == 2 and "JSON" in done.stderr
    assert copc_cx("report", tmp_path / "missing.json", "--lang", "en").returncode == 2


def test_plan_prints_the_steps_and_exits_1_until_certified(tmp_path: Path) -> None:
    source = write(tmp_path / "assessment.json", dict(PENDING_AT_96.input))
    done = copc_cx("plan", source, "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "1. 2.8: meet the 1 remaining applicable sub-requirement" in done.stdout
    as_json = copc_cx("plan", source, "--format", "json")
    after = json.loads(as_json.stdout)["input_after"]
    certified = copc_cx("plan", write(tmp_path / "after.json", after), "--lang", "ja")
    assert certified.returncode == 0 and "変更は必要ありません" in certified.stdout


def test_plan_of_a_process_certification_file(tmp_path: Path) -> None:
    done = copc_cx("plan", write(tmp_path / "workforce.json", dict(TWO_SITES.input)), "--lang", "ja")
    assert done.returncode == 1 and "拠点 B" in done.stdout
