"""`copc-cx timeline`, run as a reader runs it: a separate process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import icalendar


def copc_cx(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "copc_cx.cli", "timeline", *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd)


def test_the_plan_goes_to_standard_output_in_the_language_asked() -> None:
    done = copc_cx("--start", "2027-03-01", "--path", "fastest", "--today", "2026-12-05", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "2027-08-01" in done.stdout and "Step 8: Internal audit and COPC review" in done.stdout
    assert "2027-11-01" in done.stdout and "Renewal audit (year 1)" in done.stdout
    ja = copc_cx("--start", "2027-03-01", "--path", "fastest", "--today", "2026-12-05", "--lang", "ja")
    assert "内部監査" in ja.stdout


def test_a_calendar_file_is_written_and_parses_back(tmp_path: Path) -> None:
    target = tmp_path / "plan.ics"
    done = copc_cx("--start", "2027-03-01", "--audit", "2027-12-06", "-o", str(target), "--lang", "en",
                   "--name", "Sakura", "--pst", "14", "16", "20", "--no-major-nonconformity",
                   "--no-internal-audit-nonconformity", "--category-4-level-met", "--years", "4")
    assert done.returncode == 0, done.stderr
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert "[Sakura] Step 9: Certification audit" in summaries
    assert any(s.startswith("[Sakura] Document review for renewal (year 2)") for s in summaries)
    assert b"\r\n" in target.read_bytes()


def test_a_markdown_plan_is_a_table(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    done = copc_cx("--back", "--audit", "2027-11-01", "--path", "process", "--block", "workforce", "-o", str(target),
                   "--lang", "en", "--no-contingencies")
    assert done.returncode == 0, done.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# COPC CX certification timeline: Process certification (Workforce management)")
    assert "| 2027-03-01 | Step 2: Kickoff meeting and workshop |" in text
    assert "Correction" not in text


def test_bad_input_exits_2_with_the_message_at_the_field() -> None:
    done = copc_cx("--start", "2026-02-30", "--audit", "someday", "--lang", "en")
    assert done.returncode == 2 and done.stdout == ""
    assert "start: There is no such day as '2026-02-30'" in done.stderr
    assert "audit: Enter the audit date as YYYY-MM-DD" in done.stderr
    far = copc_cx("--start", "2040-01-01", "--today", "2026-12-05", "--lang", "ja")
    assert far.returncode == 2 and "start:" in far.stderr and "5年以上先" in far.stderr
    other = copc_cx("--start", "2027-03-01", "-o", "plan.pdf")
    assert other.returncode == 2 and "output" in other.stderr
