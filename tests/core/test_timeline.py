"""The certification timeline (copc_cx.timeline) against the guide's deadlines.

Each test states, in our words, the rule it checks and where the guide states it (Release 7.0
v1.2, Japanese). Dates near month ends and 29 February follow the rule documented in the module:
N months after a day is the same day N months later, or that month's last day.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from copc_cx.renewal import renewal_interval
from copc_cx.standard import TIMELINE, Basis
from copc_cx.timeline import (
    Kind,
    Plan,
    PlanPath,
    Shape,
    add_months,
    earliest_start,
    latest_start,
    months_after,
    parse_date,
    plan,
    plan_back,
)
from copc_cx.web import call

KICKOFF = date(2027, 3, 1)


def dates(p: Plan, entry_id: str) -> tuple[date, date]:
    e = p.entry(entry_id)
    return e.start, e.end


def all_conditions(at_target: int = 14, either: int = 16, total: int = 20, **flags: bool) -> Any:
    args = {"no_major_nonconformity": True, "no_internal_audit_nonconformity": True, "category_4_level_met": True,
            **flags}
    return renewal_interval(pst_at_target=at_target, pst_at_target_or_improving=either, pst_total=total, **args)


# --- calendar months ------------------------------------------------------------------------------

def test_18_months_after_31_august_is_the_last_day_of_february() -> None:
    """Months on the calendar: a day the target month lacks becomes its last day, leap years included."""
    assert add_months(date(2025, 8, 31), 18) == date(2027, 2, 28)
    assert add_months(date(2026, 8, 31), 18) == date(2028, 2, 29)
    assert add_months(date(2026, 8, 30), 18) == date(2028, 2, 29)


def test_12_months_after_29_february_is_28_february_and_back_on_29_in_a_leap_year() -> None:
    """Each anniversary counts from the certification day itself, never from the last anniversary."""
    certified = date(2028, 2, 29)
    p = plan(date(2027, 3, 1), audit=certified, years=4, contingencies=False)
    starts = [p.entry(f"renewal-{n}").start for n in (1, 2, 3, 4)]
    assert starts == [date(2029, 2, 28), date(2030, 2, 28), date(2031, 2, 28), date(2032, 2, 29)]


def test_month_arithmetic_backwards_and_at_month_ends() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 5, 31), -3) == date(2027, 2, 28)
    assert add_months(date(2028, 5, 31), -3) == date(2028, 2, 29)
    assert add_months(date(2027, 12, 15), 1) == date(2028, 1, 15)
    assert add_months(date(2028, 1, 15), -1) == date(2027, 12, 15)


def test_the_latest_start_is_the_last_day_that_still_reaches_the_target() -> None:
    # 28, 29, 30 and 31 August 2025 + 18 months all land on 28 February 2027; 1 September does not
    assert latest_start(date(2027, 2, 28), months_after(18)) == date(2025, 8, 31)
    assert latest_start(date(2027, 3, 15), months_after(12)) == date(2026, 3, 15)
    # the first day whose 18 months reach 31 March 2028: 30 September + 18 months is only 30 March
    assert earliest_start(date(2028, 3, 31), months_after(18)) == date(2026, 10, 1)


@given(day=st.dates(date(2001, 1, 1), date(2098, 12, 31)), months=st.integers(-36, 36))
def test_months_keep_the_day_or_take_the_month_s_last(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + timedelta(days=1)).day == 1)
    assert add_months(day + timedelta(days=1), months) >= moved  # never earlier for a later day


@pytest.mark.parametrize(("text", "expected"), [
    ("2027-03-01", date(2027, 3, 1)), (" 2027/3/1 ", date(2027, 3, 1)), ("２０２７－０３－０１", date(2027, 3, 1)),
    ("2026-02-30", "impossible"), ("2026-13-01", "impossible"), ("2027-3", "format"), ("next March", "format"),
    ("", "blank"), ("\u3000", "blank"), (None, "blank"), (20270301, "format"),
])
def test_dates_are_read_as_people_type_them(text: Any, expected: Any) -> None:
    assert parse_date(text) == expected


# --- the pace: steps 1-9 (「COPC CX規格認証手順」, 「COPCプロセス認証の活動期間（初年度）」) --------------

def test_the_typical_path_reaches_the_audit_12_months_after_the_kickoff() -> None:
    """The guide's typical duration of full certification with steady work: 12 months."""
    p = plan(KICKOFF)
    assert p.audit == date(2028, 3, 1)
    assert p.entry("step-9").kind is Kind.TYPICAL and p.entry("step-9").approximate


def test_the_fastest_path_reaches_the_audit_8_months_after_the_kickoff() -> None:
    """The quickest route the guide reports so far: 8 months (a record, not a rule)."""
    p = plan(KICKOFF, path="fastest")
    assert p.audit == date(2027, 11, 1)


def test_process_certification_plans_the_upper_end_of_its_4_to_8_months() -> None:
    """Process certification usually takes 4 to 8 months of work; the plan takes 8 and shows the range."""
    p = plan(KICKOFF, path="process", block="workforce")
    assert p.audit == date(2027, 11, 1)
    assert dates(p, "process-work") == (date(2027, 7, 1), date(2027, 11, 1))
    assert p.entry("process-work").kind is Kind.TYPICAL and p.block is not None and p.block.id == "workforce"


def test_the_baseline_is_assumed_a_month_after_the_kickoff_unless_given() -> None:
    """The guide gives no interval between the kickoff and the baseline: the plan says it assumes one."""
    assumed = plan(KICKOFF)
    assert assumed.baseline == date(2027, 4, 1) and assumed.entry("step-4").kind is Kind.ASSUMPTION
    assert any("assumed" in n.en for n in assumed.notices)
    booked = plan(KICKOFF, baseline=date(2027, 5, 10))
    assert booked.baseline == date(2027, 5, 10) and booked.entry("step-4").kind is Kind.GIVEN
    assert not any("assumed" in n.en for n in booked.notices)


def test_a_late_baseline_pushes_the_planned_audit() -> None:
    """Booked late, the baseline leaves the rest of the pace after it (here 11 months)."""
    p = plan(KICKOFF, baseline=date(2027, 9, 1))
    assert p.audit == date(2028, 8, 1)


def test_a_plan_from_the_baseline_counts_the_pace_less_the_assumed_month() -> None:
    p = plan(date(2027, 4, 1), start_is="baseline", path="fastest")
    assert p.kickoff is None and p.audit == date(2027, 11, 1)
    assert p.entry("step-2").shape is Shape.DEADLINE and p.entry("step-2").end == date(2027, 4, 1)


@pytest.mark.parametrize("path", ["full", "fastest", "process"])
def test_every_step_of_the_nine_appears_once_with_its_guide_reference(path: str) -> None:
    p = plan(KICKOFF, path=path, block="quality")
    steps = [e for e in p.entries if e.id.startswith("step-")]
    assert sorted(e.step for e in steps if e.step is not None) == list(range(1, 10))
    assert all("Step" in e.reference and e.title.en.startswith(f"Step {e.step}:") for e in steps)
    assert all(e.start <= e.end for e in p.entries)
    assert list(p.entries) == sorted(p.entries, key=lambda e: e.start) or all(
        a.start <= b.start for a, b in zip(p.entries, p.entries[1:], strict=False))


def test_optional_steps_are_marked_as_the_guide_has_them() -> None:
    """Full certification: steps 2, 6 and 7 are optional (7 strongly urged). Process certification:
    2 and 7 are urged but not required; 6 there is COPC's approval of the approach, required."""
    full = plan(KICKOFF)
    assert {e.step for e in full.entries if e.id.startswith("step-") and e.optional} == {2, 6, 7}
    process = plan(KICKOFF, path="process", block="people")
    assert {e.step for e in process.entries if e.id.startswith("step-") and e.optional} == {2, 7}
    assert "approach" in process.entry("step-6").title.en


# --- deadlines and review points before the audit ---------------------------------------------

def test_the_audit_deadline_is_18_months_after_the_baseline() -> None:
    """Advisory support ends and the audit takes place within 18 months of the baseline (Step 5)."""
    p = plan(KICKOFF)
    entry = p.entry("audit-deadline")
    assert (entry.start, entry.shape, entry.kind) == (date(2028, 10, 1), Shape.DEADLINE, Kind.FIXED)
    assert "Step 5" in entry.reference


def test_an_audit_after_the_18_month_limit_is_planned_with_a_notice() -> None:
    """Past the limit, COPC reviews the situation (Step 5): a notice, not an error."""
    late = plan(KICKOFF, audit=date(2028, 10, 2))
    assert any("limit" in n.en for n in late.notices)
    on_time = plan(KICKOFF, audit=date(2028, 10, 1))
    assert not any("limit" in n.en for n in on_time.notices)


def test_step_8_is_about_3_months_before_the_audit() -> None:
    """The COPC audit team checks the internal audit and the data about 3 months before (Step 8)."""
    p = plan(KICKOFF, path="fastest")
    entry = p.entry("step-8")
    assert (entry.end, entry.kind, entry.approximate) == (date(2027, 8, 1), Kind.TYPICAL, True)
    assert "about 3 months" in entry.rule.en and "約3か月" in entry.rule.ja


def test_process_step_8_is_about_2_months_before_the_audit() -> None:
    """Process certification: performance data evaluated about 2 months before the audit (Step 8)."""
    p = plan(KICKOFF, path="process", block="quality")
    assert p.entry("step-8").end == date(2027, 9, 1) and "about 2 months" in p.entry("step-8").rule.en


def test_step_8_of_an_audit_on_31_may_falls_at_the_end_of_february() -> None:
    p = plan(date(2027, 1, 5), audit=date(2028, 5, 31))
    assert p.entry("step-8").end == date(2028, 2, 29)


def test_a_stress_test_point_appears_when_12_months_since_the_baseline_pass_before_step_8() -> None:
    """More than 12 months since the baseline is one of the guide's cases for a stress test (Step 7)."""
    assert "stress-test-point" not in {e.id for e in plan(KICKOFF).entries}  # 11 months to the audit
    p = plan(KICKOFF, audit=date(2028, 8, 1))
    assert p.entry("stress-test-point").start == date(2028, 4, 1)
    assert p.entry("stress-test-point").start < p.entry("step-8").end


def test_steps_6_and_7_fall_between_the_baseline_and_step_8() -> None:
    p = plan(KICKOFF, path="fastest")
    assert dates(p, "step-6") == dates(p, "step-7") == (date(2027, 4, 1), date(2027, 8, 1))
    assert p.entry("step-7").kind is Kind.WINDOW


# --- after the audit: pending (「COPC CX規格の認証判定結果」, 「プロセス認証 認証判定結果」) -----------

def test_a_pending_entity_corrects_within_90_days_with_review_sessions_at_30_60_and_90() -> None:
    p = plan(KICKOFF, path="fastest")
    assert dates(p, "correction") == (date(2027, 11, 1), date(2028, 1, 30))
    assert [p.entry(f"review-session-{d}").start for d in (30, 60, 90)] == [
        date(2027, 12, 1), date(2027, 12, 31), date(2028, 1, 30)]
    assert all(p.entry(i).condition is not None for i in ("correction", "review-session-30", "pending-limit"))


def test_pending_status_is_kept_only_by_an_audit_within_18_months_or_12_for_process() -> None:
    """Still pending after 90 days: a baseline or a new audit within 18 months of step 9 (12 for
    process certification) keeps the status."""
    assert plan(KICKOFF, path="fastest").entry("pending-limit").start == date(2029, 5, 1)
    assert plan(KICKOFF, path="process", block="people").entry("pending-limit").start == date(2028, 11, 1)


def test_without_contingencies_only_what_always_happens_is_planned() -> None:
    p = plan(KICKOFF, contingencies=False)
    assert not [e for e in p.entries if e.condition is not None and e.phase.value != "renewal"]
    assert not [e for e in p.entries if "correction" in e.id]


# --- renewal (「認証更新審査」, 「COPCプロセス認証更新審査」) ---------------------------------------------

def test_the_yearly_renewal_window_is_the_anniversary_and_the_30_days_after() -> None:
    p = plan(KICKOFF, path="fastest", years=3)
    assert [dates(p, f"renewal-{n}") for n in (1, 2, 3)] == [
        (date(2028, 11, 1), date(2028, 12, 1)), (date(2029, 11, 1), date(2029, 12, 1)),
        (date(2030, 11, 1), date(2030, 12, 1))]
    assert all(p.entry(f"renewal-{n}").kind is Kind.WINDOW for n in (1, 2, 3))


def test_renewals_count_from_the_certification_date_when_it_is_not_the_audit_s() -> None:
    p = plan(KICKOFF, path="fastest", certified=date(2027, 12, 20))
    assert p.entry("renewal-1").start == date(2028, 12, 20)


def test_a_nonconformity_at_renewal_gives_90_days_then_30_for_a_renewal_audit() -> None:
    """Not corrected after 90 days: certification is kept only by a renewal audit within 30 more."""
    p = plan(KICKOFF, path="fastest")
    assert dates(p, "renewal-1-correction") == (date(2028, 11, 1), date(2029, 1, 30))
    assert dates(p, "renewal-1-last-chance") == (date(2029, 1, 31), date(2029, 3, 1))


def test_the_two_year_interval_applies_after_the_first_renewal_when_all_five_conditions_hold() -> None:
    p = plan(KICKOFF, path="fastest", renewal=all_conditions(), years=4)
    assert p.renewal_interval_years == 2
    titles = [p.entry(f"renewal-{n}").title.en for n in (1, 2, 3, 4)]
    assert [t.startswith("Document review") for t in titles] == [False, True, False, True]
    assert p.entry("renewal-2").start == date(2029, 11, 1)  # the anniversary of the year-1 renewal audit


@pytest.mark.parametrize("failing", [
    {"no_major_nonconformity": False}, {"no_internal_audit_nonconformity": False},
    {"category_4_level_met": False}, {"at_target": 13}, {"either": 15},
])
def test_the_renewal_stays_yearly_when_any_one_of_the_five_conditions_fails(failing: dict[str, Any]) -> None:
    """The two-year interval needs all five: no major nonconformity, none about the internal audit,
    more than 65% of PST metrics at target, more than 75% at target or improving, the category 4.0
    level requirement (exactly 65% and 75% are not more)."""
    p = plan(KICKOFF, path="fastest", renewal=all_conditions(**failing), years=3)
    assert p.renewal_interval_years == 1
    assert not any(p.entry(f"renewal-{n}").title.en.startswith("Document") for n in (1, 2, 3))


def test_the_document_review_counts_from_the_last_renewal_audit() -> None:
    """The review in the year between comes within 30 days of the last renewal audit's anniversary:
    after a 29 February certification the year-4 review follows the 28 February 2031 audit."""
    p = plan(date(2027, 3, 1), audit=date(2028, 2, 29), renewal=all_conditions(), years=4, contingencies=False)
    assert p.entry("renewal-3").start == date(2031, 2, 28)
    assert p.entry("renewal-4").start == date(2032, 2, 28)  # not 29 February: it counts from the audit


def test_process_certification_renews_every_12_months_with_30_days_to_correct() -> None:
    p = plan(KICKOFF, path="process", block="workforce", renewal=all_conditions(), years=2)
    assert p.renewal_interval_years == 1  # the two-year interval is full certification's
    assert [p.entry(f"renewal-{n}").start for n in (1, 2)] == [date(2028, 11, 1), date(2029, 11, 1)]
    assert dates(p, "renewal-1-correction") == (date(2028, 11, 1), date(2028, 12, 1))


# --- backward: from a target audit --------------------------------------------------------------

def test_planning_back_gives_the_latest_kickoff_and_baseline_and_the_earliest_baseline() -> None:
    p = plan_back(date(2027, 11, 1), path="fastest")
    assert (p.kickoff, p.baseline) == (date(2027, 3, 1), date(2027, 4, 1))
    assert p.entry("step-2").shape is Shape.DEADLINE and p.entry("step-4").kind is Kind.TYPICAL
    assert p.entry("earliest-baseline").start == date(2026, 5, 1)


def test_planning_back_from_the_end_of_february_takes_the_last_day_that_still_fits() -> None:
    p = plan_back(date(2027, 2, 28), path="fastest")
    assert p.kickoff == date(2026, 6, 30)  # 30 June + 8 months = 28 February; 1 July would be 1 March


PATHS = st.sampled_from(list(PlanPath))
DAYS = st.dates(date(2001, 6, 1), date(2097, 12, 31))


@settings(max_examples=150, deadline=None)
@given(kickoff=DAYS, path=PATHS)
def test_the_backward_plan_is_consistent_with_the_forward_one(kickoff: date, path: PlanPath) -> None:
    """Back from the audit a kickoff gives, the latest kickoff is that one or later, it still reaches
    the audit, and a day later does not; the same for the baseline; both plans agree on what follows."""
    block = "quality" if path is PlanPath.PROCESS else None
    forward = plan(kickoff, path=path, block=block)
    back = plan_back(forward.audit, path=path, block=block)
    assert back.kickoff is not None and back.kickoff >= kickoff
    assert plan(back.kickoff, path=path, block=block).audit <= forward.audit
    assert plan(back.kickoff + timedelta(days=1), path=path, block=block).audit > forward.audit
    assert plan(back.baseline, start_is="baseline", path=path, block=block).audit <= forward.audit
    assert plan(back.baseline + timedelta(days=1), start_is="baseline", path=path, block=block).audit > forward.audit
    same = ("step-8", "step-9", "correction", "pending-limit", "renewal-1", "renewal-3-correction")
    assert [dates(back, i) for i in same] == [dates(forward, i) for i in same]


@settings(max_examples=100, deadline=None)
@given(audit=DAYS)
def test_the_earliest_baseline_is_the_first_that_keeps_the_audit_within_18_months(audit: date) -> None:
    earliest = plan_back(audit).entry("earliest-baseline").start
    assert add_months(earliest, 18) >= audit > add_months(earliest - timedelta(days=1), 18)


# --- the data behind it ---------------------------------------------------------------------------

def test_every_figure_of_the_timeline_cites_the_guide_or_says_it_is_the_site_s() -> None:
    for span in TIMELINE.values():
        if span.basis is Basis.ASSUMPTION:
            assert "ガイドに記載なし" in span.reference and span.vague is not None
        else:
            assert span.reference.startswith("「"), span.id
        if span.about:
            assert span.basis is Basis.TYPICAL and span.vague is not None, span.id


def test_the_figures_are_the_guide_s() -> None:
    """The numbers as the guide states them, in one place."""
    figures = {k: (s.value, s.upper, s.unit.value, s.basis.value) for k, s in TIMELINE.items()}
    assert figures["full-typical"] == (12, None, "months", "typical")
    assert figures["full-fastest"] == (8, None, "months", "typical")
    assert figures["process-work"] == (4, 8, "months", "typical")
    assert figures["audit-after-baseline"] == figures["process-audit-after-baseline"] == (18, None, "months", "fixed")
    assert figures["review-before-audit"][:3] == (3, None, "months") and TIMELINE["review-before-audit"].about
    assert figures["process-data-before-audit"][:3] == (2, None, "months")
    assert figures["correction"] == figures["process-correction"] == (90, None, "days", "fixed")
    assert figures["review-sessions"][:3] == (30, 90, "days")
    assert figures["pending-limit"][0] == 18 and figures["process-pending-limit"][0] == 12
    assert figures["renewal-window"] == figures["document-review-window"] == (30, None, "days", "fixed")
    assert figures["renewal-correction"][0] == 90 and figures["renewal-last-chance"][0] == 30
    assert figures["process-renewal-interval"][0] == 12 and figures["process-renewal-correction"][0] == 30
    assert figures["stress-test-after-baseline"] == (12, None, "months", "fixed")


# --- the operation: bad input at its field, never an exception -------------------------------------

def errors(data: dict[str, Any]) -> dict[str, dict[str, str]]:
    response = call({"op": "timeline", "input": data})
    assert not response["ok"], response
    return {e["field"]: e for e in response["errors"]}


TODAY = "2026-12-05"


@pytest.mark.parametrize(("data", "field", "en"), [
    ({}, "start", "Enter the kickoff date"),
    ({"start": "   "}, "start", "Enter the kickoff date"),
    ({"start_is": "baseline"}, "start", "Enter the baseline assessment date"),
    ({"start": "2026-02-30"}, "start", "no such day"),
    ({"start": "2027-13-01"}, "start", "no such day"),
    ({"start": "March 2027"}, "start", "YYYY-MM-DD"),
    ({"start": "2027-03-01", "audit": "2027-03-15"}, "audit", "assumes 1 month after the kickoff"),
    ({"start": "2027-03-01", "baseline": "2027-04-10", "audit": "2027-04-01"}, "audit", "must be after the baseline"),
    ({"start": "2027-04-01", "start_is": "baseline", "audit": "2027-04-01"}, "audit", "must be after the baseline"),
    ({"start": "2027-03-01", "baseline": "2027-02-01"}, "baseline", "on or after the kickoff"),
    ({"start": "2012-03-01", "today": TODAY}, "start", "more than 10 years before today"),
    ({"start": "2032-03-01", "today": TODAY}, "start", "more than 5 years after today"),
    ({"start": "1999-12-31"}, "start", "between 2000 and 2100"),
    ({"start": "2027-03-01", "audit": "2034-03-01"}, "audit", "more than 5 years after the start"),
    ({"direction": "backward"}, "audit", "Enter the audit date"),
    ({"direction": "backward", "audit": "2040-01-01", "today": TODAY}, "audit", "after today"),
    ({"direction": "sideways", "start": "2027-03-01"}, "direction", "must be one of"),
    ({"start": "2027-03-01", "path": "quick"}, "path", "must be one of"),
    ({"start": "2027-03-01", "path": "process"}, "block", "Choose the block"),
    ({"start": "2027-03-01", "path": "process", "block": "nope"}, "block", "nope"),
    ({"start": "2027-03-01", "years": "0"}, "years", "from 1 to 10"),
    ({"start": "2027-03-01", "years": "11"}, "years", "from 1 to 10"),
    ({"start": "2027-03-01", "years": "three"}, "years", "from 1 to 10"),
    ({"start": "2027-03-01", "certified": "2027-12-31"}, "certified", "on or after the audit"),
    ({"start": "2027-03-01", "path": "fastest", "certified": "2028-02-01"}, "certified", "within 90 days"),
    ({"start": "2027-03-01", "renewal": {"pst_at_target": "5", "pst_total": "0"}}, "renewal.pst_total", "at least 1"),
    ({"start": "2027-03-01", "renewal": 3}, "renewal", "not in the expected form"),
    ({"start": "2027-03-01", "label": "a\u0000b"}, "label", "readable"),
])
def test_bad_input_is_answered_at_its_field_in_both_languages(data: dict[str, Any], field: str, en: str) -> None:
    found = errors(data)
    assert field in found, found
    assert en in found[field]["en"] and found[field]["ja"]


def test_every_problem_of_a_form_is_answered_at_once() -> None:
    found = errors({"start": "2026-02-30", "audit": "soon", "path": "quick", "years": "99"})
    assert set(found) == {"start", "audit", "path", "years"}


def test_a_form_s_untouched_renewal_section_and_a_block_for_full_certification_are_ignored() -> None:
    response = call({"op": "timeline", "input": {
        "start": "2027-03-01", "path": "full", "block": "quality",
        "renewal": {"pst_at_target": "", "pst_at_target_or_improving": "", "pst_total": "",
                    "no_major_nonconformity": True}}})
    assert response["ok"] and response["result"]["block"] is None
    assert response["result"]["renewal"] == {"interval_years": 1, "checked": False, "conditions": []}


def test_the_operation_answers_the_plan_as_json_with_every_entry_s_fields() -> None:
    response = call({"op": "timeline", "input": {
        "start": "２０２７－０３－０１", "path": "fastest", "today": TODAY, "label": "Sakura",
        "renewal": {"pst_at_target": "14", "pst_at_target_or_improving": "16", "pst_total": "20",
                    "no_major_nonconformity": "true", "no_internal_audit_nonconformity": True,
                    "category_4_level_met": True}}})
    assert response["ok"], response
    result = response["result"]
    assert (result["kickoff"], result["baseline"], result["audit"]) == ("2027-03-01", "2027-04-01", "2027-11-01")
    assert result["renewal"]["interval_years"] == 2 and len(result["renewal"]["conditions"]) == 5
    entry = next(e for e in result["entries"] if e["id"] == "step-8")
    assert set(entry) == {"id", "step", "title", "start", "end", "shape", "kind", "phase", "rule", "note",
                          "reference", "approximate", "optional", "condition"}
    assert (entry["end"], entry["shape"], entry["kind"], entry["approximate"]) == (
        "2027-08-01", "deadline", "typical", True)
    assert {e["kind"] for e in result["entries"]} == {"fixed", "typical", "window", "given", "assumption"}
    assert response["steps"] and all(s["ja"] and s["en"] for s in response["steps"])


def test_the_catalog_carries_what_the_timeline_form_needs() -> None:
    timeline = call({"op": "catalog"})["result"]["timeline"]
    assert [p["id"] for p in timeline["paths"]] == ["full", "fastest", "process"]
    assert [p["months"] for p in timeline["paths"]] == [12, 8, 8]
    assert {k["id"] for k in timeline["kinds"]} == {"fixed", "typical", "window", "given", "assumption"}
    assert timeline["bounds"]["years_back"] == 10 and timeline["bounds"]["max_years"] == 10
    assert {s["id"] for s in timeline["spans"]} == set(TIMELINE)


FIELDS = {"start", "start_is", "direction", "path", "block", "baseline", "audit", "certified", "years",
          "contingencies", "today", "label", "renewal", "renewal.pst_at_target", "renewal.pst_at_target_or_improving",
          "renewal.pst_total"}
DATE_TEXT = st.one_of(st.dates(date(1990, 1, 1), date(2110, 12, 31)).map(date.isoformat),
                      st.sampled_from(["", "2026-02-30", "2027/3/1", "x", "9999-12-31"]), st.none())


@example(start="2000-01-01", baseline="2000-01-01", audit="9999-12-31", certified="9999-12-31", today=None,
         direction="forward", start_is="kickoff", path="full", block="", years="", contingencies=False)
@settings(max_examples=300, deadline=None)
@given(start=DATE_TEXT, baseline=DATE_TEXT, audit=DATE_TEXT, certified=DATE_TEXT, today=DATE_TEXT,
       direction=st.sampled_from(["forward", "backward", "x"]), start_is=st.sampled_from(["kickoff", "baseline"]),
       path=st.sampled_from(["full", "fastest", "process", ""]), block=st.sampled_from(["", "quality", "nope"]),
       years=st.sampled_from(["", "1", "10", "11", "-1"]), contingencies=st.booleans())
def test_any_dates_get_a_plan_or_messages_at_their_fields(**data: Any) -> None:
    response = call({"op": "timeline", "input": {k: v for k, v in data.items() if v is not None}})
    if response["ok"]:
        entries = response["result"]["entries"]
        assert all(e["start"] <= e["end"] for e in entries)
        assert [e["start"] for e in entries] == sorted(e["start"] for e in entries)
    else:
        assert {e["field"] for e in response["errors"]} <= FIELDS, response["errors"]
