"""The certification timeline: the guide's steps, deadlines and windows as calendar dates.

Forward, from a start (the kickoff, or the baseline assessment) and a path (full certification at
the typical or the fastest pace, or process certification of one block): each of the nine steps
with its date or window, every deadline and review point, and after the audit the renewal
calendar. Backward, from a target audit date: the latest date of each earlier step that still
reaches it. The figures come from `standard.TIMELINE` (each citing the guide); this module only
puts them on the calendar.

In Python: `plan(start, path=..., ...)` forward, `plan_back(audit, path=..., ...)` backward, both
returning a `Plan` of `Entry`s and raising InputError with every problem at its field. For the
browser and other callers, the operation "timeline" of `copc_cx.web` (`read_form` and `plan_json`
here) takes the form's text; what the form needs before the engine runs (paths, kinds, bounds,
every figure with its reference) is the catalog's "timeline" (`catalog_json`):

    direction      "forward" (default) or "backward"
    start          YYYY-MM-DD: the kickoff, or the baseline when start_is is "baseline" (forward)
    start_is       "kickoff" (default) or "baseline"
    path           "full" (typical pace, default), "fastest" or "process"
    block          the block's id (catalog.blocks[].id): process certification only
    baseline       YYYY-MM-DD, optional: the baseline when it is booked (forward from a kickoff);
                   otherwise the plan assumes it a month after the kickoff and says so
    audit          YYYY-MM-DD: the target audit (optional forward, needed backward)
    certified      YYYY-MM-DD, optional: when certification was granted, if not on the audit's day
                   (at most the 90 days of correction later); the renewals count from it
    renewal        optional: the "renewal" operation's input; when all five conditions hold,
                   on-site renewal audits every two years after the first (renewal.renewal_interval)
    years          renewal years to plan, 1-10 (default 3)
    contingencies  true (default): also what follows a pending result or a nonconformity
    today          YYYY-MM-DD, optional: the reader's date; the start (backward: the audit) may lie
                   at most 10 years before it and 5 after it. Without it only the years 2000-2100
                   apply, so the answer stays a function of the request alone
    label          optional: the entity's name, for the calendar file

and answers {"direction", "path", "path_name", "block", "start_is", "kickoff", "baseline", "audit",
"certified", "pace", "renewal", "entries", "notices", "today", "label"} with the reasoning in the
response's "steps": dates as YYYY-MM-DD text (kickoff null when the plan starts at the baseline),
`notices` what the reader should know about the dates entered (past the 18-month limit, quicker
than the quickest so far, the assumed baseline), `entries` in date order, each {"id", "step",
"title", "start", "end", "shape", "kind", "phase", "rule", "note", "reference", "approximate",
"optional", "condition"}:

    shape  "date" (a day: an event planned or fixed), "deadline" (the latest day for it) or
           "period" (start..end, both days included: a phase, or a window to act within)
    kind   "fixed" (a rule of the guide fixes the date), "typical" (a typical or approximate
           duration gives it: indicative), "window" (the guide fixes only the period it falls in),
           "given" (the date entered) or "assumption" (the site's, where the guide gives none)
    phase  "preparation", "audit", "after-audit" or "renewal" (a chart's rows)

`approximate` marks dates that rest on "about" or on a range; `condition` (else null) says when an
entry applies at all ("if the audit ends pending"). Entry ids are stable, so a chart, a list and a
calendar file can refer to them: "step-1" to "step-9", "audit-deadline", "earliest-baseline"
(backward), "stress-test-point", "process-work", "correction", "review-session-30" (60, 90),
"pending-limit", "renewal-N", "renewal-N-correction", "renewal-N-last-chance". `copc_cx.ical`
writes the same plan as an .ics file (with icalendar, loaded only then).

Months on the calendar: N months after a day is the same day of the month N months later, or the
last day of that month when it is shorter (31 August + 18 months = 28 February, or 29 in a leap
year; 29 February + 12 months = 28 February), as a spreadsheet's EDATE counts; at a month end
this is the earlier of the readings people use, so a deadline is never placed late. Each date is
counted from its own anchor, never from another computed date, so the renewals of a 29 February
certification fall on 29 February again in leap years. Days are calendar days (the audit + 90
days). Backward, the "latest" date of a step is the last day from which the forward count still
reaches the target (30 June + 8 months and 31 July + 7 months both end on 28 February). Renewal
audits are planned on the first day of their window, and what depends on them (the correction
after a nonconformity, the next year's document review) counts from there.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from . import catalog
from .errors import Checker, InputError, Problem
from .forms import FULL_WIDTH, Form, blank, readable, whole_number
from .renewal import RenewalCheck, renewal_interval
from .standard import (
    CERTIFICATION_STEPS,
    PROCESS_STEPS,
    TIMELINE,
    Block,
    Edition,
    Span,
    SpanUnit,
    Step,
    StepNeed,
)
from .text import Text

# --- Calendar arithmetic --------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """`months` calendar months after `day` (before it when negative): the same day of the month,
    or the last day of the month when it has no such day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def latest_start(target: date, count: Callable[[date], date]) -> date:
    """The last day D for which count(D) is still on or before `target` (count: monotone, e.g.
    "D + 12 months"). Several days can count to the same month end; this is the last of them."""
    day = target
    while count(day) > target:  # months first, then day by day: a few steps at most
        day = add_months(day, -1) if count(add_months(day, -1)) > target else add_days(day, -1)
    while count(add_days(day, 1)) <= target:
        day = add_days(day, 1)
    return day


def earliest_start(target: date, count: Callable[[date], date]) -> date:
    """The first day D for which count(D) is on or after `target`."""
    day = target
    while count(day) >= target and count(add_days(day, -1)) >= target:
        day = add_months(day, -1) if count(add_months(day, -1)) >= target else add_days(day, -1)
    while count(day) < target:
        day = add_days(day, 1)
    return day


def months_after(months: int) -> Callable[[date], date]:
    return lambda day: add_months(day, months)


# --- Dates as people write them ----------------------------------------------------------------

_DATE = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*")
EARLIEST = date(2000, 1, 1)  # before Release 7.0's rules existed; also keeps the arithmetic in range
LATEST = date(2100, 12, 31)
YEARS_BACK = 10  # the start at most this long before today: an older plan would use other rules
YEARS_AHEAD = 5  # and at most this long after it: a later one is most likely a mistyped year
MAX_YEARS = 10  # renewal years to plan
DEFAULT_YEARS = 3


class DateProblem(StrEnum):
    BLANK = "blank"
    FORMAT = "format"
    IMPOSSIBLE = "impossible"


def parse_date(value: Any) -> date | DateProblem:
    """A day from YYYY-MM-DD text (ASCII or full-width digits; "/" or "." also separate); what is
    not a date says why: blank, not in that form, or no such day (2026-02-30)."""
    if isinstance(value, date):
        return value
    if value is None or (isinstance(value, str) and not value.strip().replace("\u3000", "")):
        return DateProblem.BLANK
    if not isinstance(value, str) or len(value) > 40:
        return DateProblem.FORMAT
    match = _DATE.fullmatch(value.translate(FULL_WIDTH).replace("\u3000", " "))
    if match is None:
        return DateProblem.FORMAT
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return DateProblem.IMPOSSIBLE


def fmt_date(day: date) -> Text:
    return Text(f"{day.year}年{day.month}月{day.day}日", f"{day.day} {day:%B} {day.year}")


# --- The plan -------------------------------------------------------------------------------------

class PlanPath(StrEnum):
    FULL = "full"  # full certification at the typical pace
    FASTEST = "fastest"  # full certification at the fastest pace the guide reports
    PROCESS = "process"  # process certification of one block


class StartIs(StrEnum):
    KICKOFF = "kickoff"
    BASELINE = "baseline"


class Direction(StrEnum):
    FORWARD = "forward"
    BACKWARD = "backward"


class Kind(StrEnum):
    FIXED = "fixed"
    TYPICAL = "typical"
    WINDOW = "window"
    GIVEN = "given"
    ASSUMPTION = "assumption"


class Shape(StrEnum):
    DATE = "date"
    DEADLINE = "deadline"
    PERIOD = "period"


class Phase(StrEnum):
    PREPARATION = "preparation"
    AUDIT = "audit"
    AFTER_AUDIT = "after-audit"
    RENEWAL = "renewal"


PATH_NAMES: dict[PlanPath, Text] = {
    PlanPath.FULL: Text("フル認証（標準的なペース）", "Full certification, typical pace"),
    PlanPath.FASTEST: Text("フル認証（最速のペース）", "Full certification, fastest pace"),
    PlanPath.PROCESS: Text("プロセス認証", "Process certification"),
}
START_NAMES: dict[StartIs, Text] = {
    StartIs.KICKOFF: Text("キックオフの日", "Kickoff date"),
    StartIs.BASELINE: Text("ベースラインアセスメントの日", "Baseline assessment date"),
}
DIRECTION_NAMES: dict[Direction, Text] = {
    Direction.FORWARD: Text("開始日から計画する", "Plan forward from the start"),
    Direction.BACKWARD: Text("審査日からさかのぼる", "Plan back from the audit date"),
}
KIND_NAMES: dict[Kind, Text] = {
    Kind.FIXED: Text("ガイドの規則", "Fixed rule"),
    Kind.TYPICAL: Text("一般的な期間（目安）", "Typical duration (indicative)"),
    Kind.WINDOW: Text("期間（この間のいつでも）", "Window (any day within)"),
    Kind.GIVEN: Text("入力した日付", "Date you entered"),
    Kind.ASSUMPTION: Text("このサイトの仮定", "The site's assumption"),
}
SHAPE_NAMES: dict[Shape, Text] = {
    Shape.DATE: Text("日付", "Date"),
    Shape.DEADLINE: Text("期限", "Deadline"),
    Shape.PERIOD: Text("期間", "Period"),
}
PHASE_NAMES: dict[Phase, Text] = {
    Phase.PREPARATION: Text("準備", "Preparation"),
    Phase.AUDIT: Text("審査", "Audit"),
    Phase.AFTER_AUDIT: Text("審査の後", "After the audit"),
    Phase.RENEWAL: Text("更新", "Renewal"),
}


@dataclass(frozen=True)
class Entry:
    """One step, deadline, review point or window of the plan."""

    id: str
    title: Text
    start: date
    end: date  # the last day, included (== start for a date or a deadline)
    shape: Shape
    kind: Kind
    phase: Phase
    rule: Text  # how its date follows, with the anchor it counts from
    note: Text  # what happens then, with the sizes the guide gives
    reference: str  # where the guide states it
    step: int | None = None
    approximate: bool = False
    optional: bool = False
    condition: Text | None = None  # applies only then


@dataclass(frozen=True)
class Plan:
    direction: Direction
    path: PlanPath
    block: Block | None
    start_is: StartIs
    kickoff: date | None  # None: the plan starts at the baseline and does not date the kickoff
    baseline: date
    audit: date
    certified: date
    pace: Span
    renewal: RenewalCheck | None
    renewal_interval_years: int
    entries: tuple[Entry, ...]
    notices: tuple[Text, ...]  # what the reader should know about the dates entered
    steps: tuple[Text, ...]  # how the main dates were worked out
    today: date | None
    label: str

    def entry(self, entry_id: str) -> Entry:
        return next(e for e in self.entries if e.id == entry_id)


# --- Wording of the figures -----------------------------------------------------------------------

_UNITS_JA = {SpanUnit.MONTHS: "か月", SpanUnit.WEEKS: "週間", SpanUnit.DAYS: "日", SpanUnit.HOURS: "時間"}


def span_text(span: Span) -> Text:
    """"12 months", "4–8 months", "about 3 months" as a figure of the guide reads."""
    ja_amount = f"{span.value}〜{span.upper}" if span.upper else str(span.value)
    en_amount = f"{span.value}–{span.upper}" if span.upper else str(span.value)
    plural = span.upper is not None or span.value != 1
    en_unit = span.unit.value if plural else span.unit.value.rstrip("s")
    about = span.about
    return Text(("約" if about else "") + ja_amount + _UNITS_JA[span.unit],
                ("about " if about else "") + f"{en_amount} {en_unit}")


def _t(span_id: str) -> Text:
    return span_text(TIMELINE[span_id])


def _days(span_id: str, day: date, sign: int = 1) -> date:
    span = TIMELINE[span_id]
    assert span.unit is SpanUnit.DAYS
    return add_days(day, sign * span.value)


def _months(span_id: str, day: date, sign: int = 1) -> date:
    span = TIMELINE[span_id]
    assert span.unit is SpanUnit.MONTHS
    return add_months(day, sign * span.value)


def _pace(path: PlanPath) -> Span:
    return TIMELINE[{PlanPath.FULL: "full-typical", PlanPath.FASTEST: "full-fastest",
                     PlanPath.PROCESS: "process-work"}[path]]


def pace_months(path: PlanPath) -> int:
    """Months from the kickoff to the audit the plan counts: 12 typical, 8 fastest, and the upper
    end of process certification's 4-8 months."""
    span = _pace(path)
    return span.upper if span.upper is not None else span.value


def _gap() -> int:
    return TIMELINE["kickoff-to-baseline"].value


def _steps_of(path: PlanPath) -> dict[int, Step]:
    return {s.number: s for s in (PROCESS_STEPS if path is PlanPath.PROCESS else CERTIFICATION_STEPS)}


def _on(day: date) -> Text:
    return fmt_date(day)


# --- Building the plan ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Anchors:
    kickoff: date | None
    kickoff_kind: Kind
    baseline: date
    baseline_kind: Kind
    audit: date
    audit_kind: Kind
    certified: date


def _entries(path: PlanPath, block: Block | None, a: _Anchors, *, backward: bool, interval: int, years: int,
             contingencies: bool) -> list[Entry]:
    steps = _steps_of(path)
    process = path is PlanPath.PROCESS
    out: list[Entry] = []

    def step_entry(number: int, start: date, end: date, shape: Shape, kind: Kind, rule: Text, note: Text,
                   phase: Phase = Phase.PREPARATION, approximate: bool = False) -> None:
        step = steps[number]
        out.append(Entry(f"step-{number}", Text(f"Step {number}：{step.name.ja}", f"Step {number}: {step.name.en}"),
                         start, end, shape, kind, phase, rule, note, step.reference, number, approximate,
                         step.need in (StepNeed.OPTIONAL, StepNeed.RECOMMENDED)))

    review_span = "process-data-before-audit" if process else "review-before-audit"
    review = _months(review_span, a.audit, -1)
    first = a.kickoff if a.kickoff is not None else a.baseline
    before_first = Text("キックオフまでに" if a.kickoff else "ベースラインアセスメントまでに",
                        "by the kickoff" if a.kickoff else "by the baseline assessment")

    # Step 1: the scope comes first
    step_entry(1, first, first, Shape.DEADLINE, Kind.WINDOW,
               Text(f"最初のステップ: {before_first.ja}（{_on(first).ja}）",
                    f"The first step: {before_first.en} ({_on(first).en})"),
               Text("認証の範囲（企業・拠点・サービス）を決め、必要なプロセス（KCRP・KSP）を担う部署や委託先をすべて含めます。",
                    "Decide the scope (enterprise, site or service) and include every unit and supplier that runs a "
                    "process the service needs (KCRPs and KSPs)."))
    # Step 2: the kickoff
    kickoff_note = (Text(f"経営層との顔合わせと日程の確定。{_t('process-kickoff-length').ja}、現地またはリモート。",
                         f"Meet senior management and fix the schedule: {_t('process-kickoff-length').en}, on site "
                         f"or remote.") if process else
                    Text(f"経営層との顔合わせと日程の確定、推進担当チームとの{_t('kickoff-session').ja}のセッション。",
                         f"Meet senior management and fix the schedule; a session of {_t('kickoff-session').en} "
                         "with the implementation team."))
    if a.kickoff is not None:
        shape = Shape.DEADLINE if backward else Shape.DATE
        rule = (Text(f"{pace_months(path)}か月で審査日（{_on(a.audit).ja}）に間に合う最も遅いキックオフ"
                     f"（ガイドの目安: {_t(_pace(path).id).ja}）",
                     f"The latest kickoff that reaches the audit ({_on(a.audit).en}) in {pace_months(path)} months "
                     f"(the guide's figure: {_t(_pace(path).id).en})")
                if backward else Text("入力した開始日", "The start you entered"))
        step_entry(2, a.kickoff, a.kickoff, shape, a.kickoff_kind, rule, kickoff_note,
                   approximate=a.kickoff_kind is Kind.TYPICAL)
    else:
        step_entry(2, a.baseline, a.baseline, Shape.DEADLINE, Kind.WINDOW,
                   Text("ベースラインアセスメントより前", "Before the baseline assessment"), kickoff_note)
    # Step 3: the CX Performance Leaders, ideally before the baseline
    leader_note = Text(f"拠点ごとに1名以上。{_t('leader-course').ja}の研修コースと修了試験（合格ラインは90%）。"
                       "ベースラインの前に修了していれば、監査員に同行して学べます。",
                       f"At least one per site: a course of {_t('leader-course').en} and its final exam (pass mark "
                       "90%). Qualified before the baseline, they can shadow the auditors.")
    if a.kickoff is not None and a.kickoff < a.baseline:
        step_entry(3, a.kickoff, add_days(a.baseline, -1), Shape.PERIOD, Kind.WINDOW,
                   Text("キックオフからベースラインアセスメントの前日まで（望ましい時期）",
                        "From the kickoff to the day before the baseline (the preferred time)"), leader_note)
    else:
        step_entry(3, a.baseline, a.baseline, Shape.DEADLINE, Kind.WINDOW,
                   Text("できればベースラインアセスメントまでに", "Preferably by the baseline assessment"), leader_note)
    # Step 4: the baseline
    length = "process-baseline-length" if process else "baseline-length"
    horizon = "process-improvement-horizon" if process else "improvement-horizon"
    baseline_note = Text(f"{_t(length).ja}の監査。最終日に、今後{_t(horizon).ja}の改善策が示されます。",
                         f"An audit of {_t(length).en}; the last day's readout sets priorities for the next "
                         f"{_t(horizon).en}.")
    if process:
        recent = _t("process-recent-audit")
        baseline_note = Text(baseline_note.ja + f"過去{recent.ja}にCOPCの監査"
                             "（ベースライン、認証審査、ストレステスト）を受けていれば不要です。",
                             baseline_note.en + f" Not needed after a COPC audit (baseline, certification audit or "
                             f"stress test) in the past {recent.en}.")
    baseline_rule = {
        Kind.GIVEN: Text("入力した日付", "The date you entered"),
        Kind.ASSUMPTION: Text(f"キックオフの{_t('kickoff-to-baseline').ja}後と仮定（ガイドに記載がないため）",
                              f"Assumed {_t('kickoff-to-baseline').en} after the kickoff (the guide gives no "
                              "interval)"),
        Kind.TYPICAL: Text(f"審査日（{_on(a.audit).ja}）に間に合う最も遅いベースライン",
                           f"The latest baseline that still reaches the audit ({_on(a.audit).en}) at this pace"),
    }[a.baseline_kind]
    step_entry(4, a.baseline, a.baseline, Shape.DEADLINE if backward else Shape.DATE, a.baseline_kind,
               baseline_rule, baseline_note, approximate=a.baseline_kind is not Kind.GIVEN)
    # Step 5: advisory support, from the baseline to the audit
    step_entry(5, a.baseline, a.audit, Shape.PERIOD, Kind.WINDOW,
               Text("ベースラインアセスメントから認証審査まで", "From the baseline assessment to the audit"),
               Text(f"COPCの助言サポート: {_t('advisory-cadence').ja}ごとに半日〜1日の会議。"
                    "審査日の前の数か月は、50/75の結果が毎月確認されます。",
                    f"COPC's advisory support: half a day to a day every {_t('advisory-cadence').en}. In the months "
                    "before the audit, the 50/75 results are checked every month to fix its date."))
    # the 18-month limit (backward: the earliest baseline it allows)
    limit = TIMELINE["process-audit-after-baseline" if process else "audit-after-baseline"]
    if backward:
        earliest = earliest_start(a.audit, months_after(limit.value))
        out.append(Entry("earliest-baseline",
                         Text("ベースラインアセスメントの最も早い日", "Earliest baseline assessment"),
                         earliest, earliest, Shape.DATE, Kind.FIXED, Phase.PREPARATION,
                         Text(f"審査日（{_on(a.audit).ja}）が、ベースラインから{span_text(limit).ja}以内に"
                              "収まる最初の日",
                              f"The first day from which the audit ({_on(a.audit).en}) is within "
                              f"{span_text(limit).en} of the baseline"),
                         Text("これより前のベースラインでは、審査日が期限を過ぎます。",
                              "A baseline before this day would put the audit past the limit."), limit.reference, 4))
    deadline = add_months(a.baseline, limit.value)
    out.append(Entry("audit-deadline", Text(f"{'プロセス認証審査' if process else '認証審査'}の期限"
                                            f"（ベースラインから{span_text(limit).ja}）",
                                            f"Audit deadline ({span_text(limit).en} after the baseline)"),
                     deadline, deadline, Shape.DEADLINE, Kind.FIXED, Phase.PREPARATION,
                     Text(f"ベースラインアセスメント（{_on(a.baseline).ja}）の{span_text(limit).ja}後",
                          f"{span_text(limit).en} after the baseline assessment ({_on(a.baseline).en})"),
                     Text("この日までに助言サポートを終え、審査を受けます。間に合わない場合は、COPCが状況を確認して、"
                          "追加の助言サポートや再アセスメントを含む次の手順を決めます。",
                          "Advisory support ends and the audit takes place by this day. Otherwise COPC reviews the "
                          "situation and decides the next steps, which may include more advisory support or a new "
                          "assessment."), limit.reference, 5))
    # Steps 6 and 7: between the baseline and step 8
    between = Text(f"ベースラインアセスメントからStep 8（{_on(review).ja}頃）まで",
                   f"Between the baseline and step 8 (around {_on(review).en})")
    window_end = max(review, a.baseline)
    if process:
        step_entry(6, a.baseline, window_end, Shape.PERIOD, Kind.WINDOW, between,
                   Text("COPCが対象プロセスの文書化されたアプローチを確認します。通常はプロセスを本格運用する前に行い、"
                        "最終的な判定はStep 9の審査で行われます。",
                        "COPC reviews the documented approach of the processes, usually before they go live; the final "
                        "decision is made at the step 9 audit."))
        step_entry(7, a.baseline, window_end, Shape.PERIOD, Kind.WINDOW, between,
                   Text("管理者向けのHPMT研修（任意、強く推奨）。",
                        "HPMT training for managers (optional, strongly urged)."))
    else:
        step_entry(6, a.baseline, window_end, Shape.PERIOD, Kind.WINDOW, between,
                   Text("管理者向けのHPMT研修（任意）。", "HPMT training for managers (optional)."))
        step_entry(7, a.baseline, window_end, Shape.PERIOD, Kind.WINDOW, between,
                   Text(f"{_t('stress-test-length').ja}の試験的な監査（任意、強く推奨）。結果は認証に影響せず、"
                        "現実的な審査日を決める材料になります。",
                        f"A trial audit of {_t('stress-test-length').en} (optional, strongly urged). It does not "
                        "affect certification and helps set a realistic audit date."))
        trigger = _months("stress-test-after-baseline", a.baseline)
        span = TIMELINE["stress-test-after-baseline"]
        if trigger < review:
            out.append(Entry("stress-test-point", Text(f"ベースラインから{span_text(span).ja}: ストレステストを検討",
                                                       f"{span_text(span).en} since the baseline: consider a stress "
                                                       "test"),
                             trigger, trigger, Shape.DATE, Kind.FIXED, Phase.PREPARATION,
                             Text(f"ベースラインアセスメント（{_on(a.baseline).ja}）の{span_text(span).ja}後",
                                  f"{span_text(span).en} after the baseline assessment ({_on(a.baseline).en})"),
                             Text("ベースラインから長い時間がたつことは、ストレステストが特に役立つ場合の例として挙げられています。",
                                  "A long time since the baseline is one of the cases the guide names where a stress "
                                  "test helps most."), span.reference, 7))
    # Step 8: about 3 (process: 2) months before the audit
    span = TIMELINE[review_span]
    review_note = (Text("パフォーマンスデータを提出し、COPCの評価と経営層との協議を経て審査日が確定します。",
                        "Send the performance data; after COPC's evaluation and a talk with senior management the "
                        "audit date is fixed.") if process else
                   Text(f"主体組織が内部監査を済ませ、COPC監査チームがその結果とパフォーマンスデータを確認します"
                        f"（CXパフォーマンスリーダーと{_t('review-length').ja}のレビュー）。",
                        f"The entity has run its internal audit; the COPC audit team checks it and the performance "
                        f"data (a review of {_t('review-length').en} with the CX Performance Leader)."))
    step_entry(8, review, review, Shape.DEADLINE, Kind.TYPICAL,
               Text(f"審査日（{_on(a.audit).ja}）の{span_text(span).ja}前まで",
                    f"By {span_text(span).en} before the audit ({_on(a.audit).en})"), review_note, approximate=True)
    # Step 9: the audit
    length = "process-audit-length" if process else "audit-length"
    pace = _pace(path)
    audit_rule = {
        Kind.GIVEN: Text("入力した審査日", "The audit date you entered"),
        Kind.TYPICAL: (Text(f"キックオフ（{_on(a.kickoff).ja}）から{span_text(pace).ja}"
                            + (f"（計画では{pace_months(path)}か月）" if pace.upper else ""),
                            f"{span_text(pace).en} after the kickoff ({_on(a.kickoff).en})"
                            + (f"; the plan takes {pace_months(path)}" if pace.upper else ""))
                       if a.kickoff is not None else
                       Text(f"ベースライン（{_on(a.baseline).ja}）から{pace_months(path) - _gap()}か月"
                            f"（キックオフから{pace_months(path)}か月とし、その{_t('kickoff-to-baseline').ja}後を"
                            "ベースラインと仮定）",
                            f"{pace_months(path) - _gap()} months after the baseline ({_on(a.baseline).en}): "
                            f"{pace_months(path)} months from a kickoff assumed {_t('kickoff-to-baseline').en} "
                            "before it")),
    }[a.audit_kind]
    audit_note = Text(f"{_t(length).ja}の審査。最終日に認証の判定と観察事項が伝えられ、詳しい報告書が続きます。",
                      f"An audit of {_t(length).en}. The last day's readout gives the decision and the observations; "
                      "a detailed report follows.")
    if block is not None:
        audit_note = Text(f"ブロック「{block.name.ja}」（{'・'.join(block.items)}）。" + audit_note.ja,
                          f"Block: {block.name.en} ({', '.join(block.items)}). " + audit_note.en)
    step_entry(9, a.audit, a.audit, Shape.DATE, a.audit_kind, audit_rule, audit_note, Phase.AUDIT,
               approximate=a.audit_kind is Kind.TYPICAL)
    if process:
        work = TIMELINE["process-work"]
        assert work.upper is not None
        anchor = a.kickoff if a.kickoff is not None else a.baseline
        shift = 0 if a.kickoff is not None else _gap()
        low, high = add_months(anchor, work.value - shift), add_months(anchor, work.upper - shift)
        out.append(Entry("process-work", Text("プロセス認証審査の一般的な時期", "Typical time for the process audit"),
                         low, high, Shape.PERIOD, Kind.TYPICAL, Phase.AUDIT,
                         Text(f"{'キックオフ' if a.kickoff else 'ベースライン'}から{span_text(work).ja}の取り組みの後"
                              + ("" if a.kickoff else f"（キックオフを{_t('kickoff-to-baseline').ja}前と仮定）"),
                              f"After {span_text(work).en} of work from the {'kickoff' if a.kickoff else 'baseline'}"
                              + ("" if a.kickoff else f" (kickoff assumed {_t('kickoff-to-baseline').en} before)")),
                         Text("対象項目の数と主体組織の複雑さによって変わる目安です。",
                              "A typical range; it depends on the number of items and on the entity's complexity."),
                         work.reference, 9, approximate=True))

    if contingencies:
        out.extend(_after_audit(path, a.audit))
    out.extend(_renewals(path, a.certified, interval, years, contingencies))
    return out


def _after_audit(path: PlanPath, audit: date) -> list[Entry]:
    """What follows a pending result: the 90 days, the review sessions, the limit to stay pending."""
    process = path is PlanPath.PROCESS
    correction = TIMELINE["process-correction" if process else "correction"]
    pending = Text("審査の結果が申請中の場合", "If the audit ends pending")
    end = add_days(audit, correction.value)
    out = [Entry("correction", Text("不適合の是正期間", "Correction of nonconformities"), audit, end, Shape.PERIOD,
                 Kind.WINDOW, Phase.AFTER_AUDIT,
                 Text(f"審査日（{_on(audit).ja}）から{span_text(correction).ja}",
                      f"{span_text(correction).en} from the audit ({_on(audit).en})"),
                 Text("期間内に是正され、（フル認証では）50/75の維持も確認されれば認証になります。確認のため約1日の追加監査か"
                      "レビューセッションが行われることがあります。",
                      "Corrected in time (and, for full certification, still meeting 50/75), the status becomes "
                      "certified. A follow-up audit of about a day, or review sessions, may confirm it."),
                 correction.reference, 9, condition=pending)]
    sessions = TIMELINE["review-sessions"]
    assert sessions.upper is not None
    for days in range(sessions.value, sessions.upper + 1, sessions.value):
        day = add_days(audit, days)
        out.append(Entry(f"review-session-{days}",
                         Text(f"{days}日目のレビューセッション", f"Review session at {days} days"),
                         day, day, Shape.DATE, Kind.FIXED, Phase.AFTER_AUDIT,
                         Text(f"審査日（{_on(audit).ja}）の{days}日後",
                              f"{days} days after the audit ({_on(audit).en})"),
                         Text("COPCが求めた場合だけ開かれます。", "Held only if COPC asks for review sessions."),
                         sessions.reference, 9,
                         condition=Text("申請中で、COPCがレビューセッションを求めた場合",
                                        "If pending and COPC asks for review sessions")))
    limit = TIMELINE["process-pending-limit" if process else "pending-limit"]
    day = add_months(audit, limit.value)
    out.append(Entry("pending-limit", Text("申請中を保つための審査の期限", "Limit for staying pending"), day, day,
                     Shape.DEADLINE, Kind.FIXED, Phase.AFTER_AUDIT,
                     Text(f"審査日（{_on(audit).ja}）の{span_text(limit).ja}後",
                          f"{span_text(limit).en} after the audit ({_on(audit).en})"),
                     Text("この日までにベースラインアセスメントか新たな審査を受けなければ、申請中の状態を保てません。",
                          "Without a baseline assessment or a new audit by this day, the pending status cannot be "
                          "kept."),
                     limit.reference, 9,
                     condition=Text(f"{span_text(correction).ja}で是正できず、経営層の意思が続いている場合",
                                    f"If {span_text(correction).en} were not enough and management's commitment "
                                    "stands")))
    return out


def _renewals(path: PlanPath, certified: date, interval: int, years: int, contingencies: bool) -> list[Entry]:
    out: list[Entry] = []
    once = Text("認証を取得した後", "Once certified")
    if path is PlanPath.PROCESS:
        every = TIMELINE["process-renewal-interval"]
        fix = TIMELINE["process-renewal-correction"]
        for year in range(1, years + 1):
            day = add_months(certified, every.value * year)
            out.append(Entry(f"renewal-{year}", Text(f"プロセス認証の更新審査（{year}年目）",
                                                     f"Process-certification renewal audit (year {year})"),
                             day, day, Shape.DATE, Kind.FIXED, Phase.RENEWAL,
                             Text(f"認証日（{_on(certified).ja}）から{span_text(every).ja}ごと",
                                  f"Every {span_text(every).en} from certification ({_on(certified).en})"),
                             Text(f"現地での審査（{_t('process-renewal-length').ja}）。合格すれば次の{span_text(every).ja}の"
                                  "認証が認められます。前後の許容期間はガイドに書かれていないため、日程はCOPCと調整してください。",
                                  f"An on-site audit ({_t('process-renewal-length').en}); passing renews certification "
                                  f"for {span_text(every).en}. The guide gives no window around the date: agree it "
                                  "with COPC."),
                             every.reference, condition=once))
            if contingencies:
                end = add_days(day, fix.value)
                out.append(Entry(f"renewal-{year}-correction",
                                 Text(f"更新審査の不適合の是正（{year}年目）",
                                      f"Correction after the renewal audit (year {year})"),
                                 day, end, Shape.PERIOD, Kind.WINDOW, Phase.RENEWAL,
                                 Text(f"更新審査から{span_text(fix).ja}",
                                      f"{span_text(fix).en} from the renewal audit"),
                                 Text("この間は認証が保たれます。是正されれば更新が認められ、更新日は更新審査の日になります。"
                                      "是正されなければプロセス認証を失います。",
                                      "Certification is kept meanwhile. Once corrected, the renewal is granted and "
                                      "dated on the renewal audit; otherwise process certification is lost."),
                                 fix.reference, condition=Text("更新審査で不適合が見つかった場合",
                                                               "If the renewal audit finds a nonconformity")))
        return out

    window, year_span = TIMELINE["renewal-window"], TIMELINE["renewal-interval"]
    last_on_site = certified
    for year in range(1, years + 1):
        document = interval == 2 and year % 2 == 0  # the first renewal audit is on site: the conditions ask about it
        if document:
            anniversary = add_months(last_on_site, year_span.value)
            span = TIMELINE["document-review-window"]
            entry_id, title = f"renewal-{year}", Text(f"書面による更新審査（{year}年目）",
                                                      f"Document review for renewal (year {year})")
            rule = Text(f"直近の更新審査（{_on(last_on_site).ja}に計画）の応当日から{span_text(span).ja}以内",
                        f"Within {span_text(span).en} from the anniversary of the last renewal audit (planned "
                        f"{_on(last_on_site).en})")
            note = Text("現地審査の間の年に、PSTと内部監査の資料でCOPCが確認します。"
                        "直近の更新審査が期間の初日より後なら、その分この期間も後になります。",
                        "In the year between two on-site audits, COPC reviews the PST and the internal-audit records. "
                        "If the last renewal audit took place later in its window, this window moves with it.")
        else:
            anniversary = add_months(certified, year_span.value * year)
            span = window
            entry_id, title = f"renewal-{year}", Text(f"更新審査（{year}年目）", f"Renewal audit (year {year})")
            rule = Text(f"認証日（{_on(certified).ja}）の応当日から{span_text(span).ja}以内",
                        f"Within {span_text(span).en} from the anniversary of certification ({_on(certified).en})")
            note = Text("認証を受けた主体組織全体の更新審査です。"
                        "計画では期間の初日に行うものとし、不適合への期限もそこから数えます。",
                        "A renewal audit of the whole certified entity. The plan holds it on the window's first day "
                        "and counts the dates that follow a nonconformity from there.")
            last_on_site = anniversary
        end = add_days(anniversary, span.value)
        out.append(Entry(entry_id, title, anniversary, end, Shape.PERIOD, Kind.WINDOW, Phase.RENEWAL, rule, note,
                         span.reference, condition=once))
        if contingencies:
            fix, last = TIMELINE["renewal-correction"], TIMELINE["renewal-last-chance"]
            fix_end = add_days(anniversary, fix.value)
            nonconformity = Text("更新審査で不適合が見つかった場合", "If the renewal finds a nonconformity")
            out.append(Entry(f"renewal-{year}-correction", Text(f"更新審査の不適合の是正（{year}年目）",
                                                                f"Correction after the renewal (year {year})"),
                             anniversary, fix_end, Shape.PERIOD, Kind.WINDOW, Phase.RENEWAL,
                             Text(f"更新審査（{_on(anniversary).ja}に計画）から{span_text(fix).ja}",
                                  f"{span_text(fix).en} from the renewal (planned {_on(anniversary).en})"),
                             Text("この期間内に不適合を是正します。",
                                  "Correct the nonconformities within this period."),
                             fix.reference, condition=nonconformity))
            out.append(Entry(f"renewal-{year}-last-chance", Text(f"認証を保つための更新審査（{year}年目）",
                                                                 f"Renewal audit to keep certification (year {year})"),
                             add_days(fix_end, 1), add_days(fix_end, last.value), Shape.PERIOD, Kind.WINDOW,
                             Phase.RENEWAL,
                             Text(f"是正期間の終わりから{span_text(last).ja}以内",
                                  f"Within {span_text(last).en} after the correction period"),
                             Text("是正期間内に是正できなかった場合、この期間のCOPCの更新審査で認証を保てなければ、認証を失います。",
                                  "If the correction was not done in time, certification is kept only through a COPC "
                                  "renewal audit in this window; otherwise it is lost."),
                             last.reference,
                             condition=Text(f"{span_text(fix).ja}で是正できなかった場合",
                                            f"If {span_text(fix).en} were not enough")))
    return out


_PHASE_ORDER = {p: i for i, p in enumerate(Phase)}


def _ordered(entries: list[Entry]) -> tuple[Entry, ...]:
    """By date; on one day, preparation before the audit before what follows, steps in order."""
    return tuple(sorted(entries, key=lambda e: (e.start, _PHASE_ORDER[e.phase], e.step or 10, e.end)))


# --- Checking what was entered --------------------------------------------------------------------

def _choice(enum: type[StrEnum], value: Any, field: str, names: Mapping[Any, Text], checker: Checker) -> Any:
    try:
        return enum(value)
    except ValueError:
        options_ja = "、".join(f"{m.value}（{names[m].ja}）" for m in enum)
        options_en = ", ".join(f"{m.value} ({names[m].en})" for m in enum)
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
        checker.add(field, f"{field} は次のいずれかです: {options_ja}（入力値: {shown}）。",
                    f"{field} must be one of: {options_en} (got {shown}).")
        return None


def _block(path: PlanPath | None, block: str | Block | None, checker: Checker) -> Block | None:
    if path is not PlanPath.PROCESS:
        return None
    if isinstance(block, Block):
        return block
    if not block:
        checker.add("block", "プロセス認証の対象ブロックを選んでください。", "Choose the block to be certified.")
        return None
    try:
        return catalog.block(block)
    except InputError as error:
        checker.problems.extend(error.problems)
        return None


def _in_bounds(field: str, label: Text, day: date, today: date | None, checker: Checker) -> bool:
    if not EARLIEST <= day <= LATEST:
        checker.add(field, f"{label.ja}（{_on(day).ja}）は{EARLIEST.year}年から{LATEST.year}年の間で入力してください。",
                    f"The {label.en.lower()} ({_on(day).en}) must fall between {EARLIEST.year} and {LATEST.year}.")
        return False
    if today is not None and day < add_months(today, -12 * YEARS_BACK):
        checker.add(field, f"{label.ja}（{_on(day).ja}）が今日より{YEARS_BACK}年以上前です。"
                    "ガイド（リリース7.0）の規則が使われる前の日付です。年を確認してください。",
                    f"The {label.en.lower()} ({_on(day).en}) is more than {YEARS_BACK} years before today, before the "
                    "guide's Release 7.0 rules applied. Check the year.")
        return False
    if today is not None and day > add_months(today, 12 * YEARS_AHEAD):
        checker.add(field, f"{label.ja}（{_on(day).ja}）が今日より{YEARS_AHEAD}年以上先です。年を確認してください。",
                    f"The {label.en.lower()} ({_on(day).en}) is more than {YEARS_AHEAD} years after today. "
                    "Check the year.")
        return False
    return True


_AUDIT = Text("認証審査日", "Audit date")
_BASELINE = Text("ベースラインアセスメントの日", "Baseline date")
_CERTIFIED = Text("認証を受けた日", "Certification date")


def _common(path: Any, block: Any, years: Any, label: Any, checker: Checker) -> tuple[PlanPath | None, Block | None]:
    path_ = _choice(PlanPath, path, "path", PATH_NAMES, checker)
    block_ = _block(path_, block, checker)
    if type(years) is not int or not 1 <= years <= MAX_YEARS:
        checker.add("years", f"更新の年数は 1〜{MAX_YEARS} の整数で入力してください（入力値: {years!r}）。",
                    f"The renewal years must be a whole number from 1 to {MAX_YEARS} (got {years!r}).")
    if not isinstance(label, str) or len(label) > 80 or not readable(label):
        checker.add("label", "名前は80文字以内の読める文字で入力してください。",
                    "The name must be at most 80 readable characters.")
    return path_, block_


def _check_later(checker: Checker, field: str, day: date, label: Text, after: date, after_label: Text,
                 strictly: bool = True) -> bool:
    if day < after or (strictly and day == after):
        word_ja = "より後" if strictly else "以降"
        word_en = "after" if strictly else "on or after"
        checker.add(field, f"{label.ja}（{_on(day).ja}）は{after_label.ja}（{_on(after).ja}）"
                    f"{word_ja}の日付にしてください。",
                    f"The {label.en.lower()} ({_on(day).en}) must be {word_en} the {after_label.en.lower()} "
                    f"({_on(after).en}).")
        return False
    return True


def _check_certified(certified: date | None, audit: date, checker: Checker) -> date:
    if certified is None:
        return audit
    correction = TIMELINE["correction"]
    if _check_later(checker, "certified", certified, _CERTIFIED, audit, _AUDIT, strictly=False) \
            and certified > add_days(audit, correction.value):
        checker.add("certified", f"認証を受けた日（{_on(certified).ja}）は、審査日から"
                    f"{span_text(correction).ja}以内です（是正期間の後は認証になりません）。",
                    f"The certification date ({_on(certified).en}) lies within {span_text(correction).en} of the "
                    "audit: after the correction period there is no certification from this audit.")
    return certified


def _notices(plan_path: PlanPath, block: Block | None, a: _Anchors, audit_given: bool) -> list[Text]:
    out: list[Text] = []
    if a.baseline_kind is Kind.ASSUMPTION:
        out.append(Text(f"ベースラインアセスメントの日はキックオフの{_t('kickoff-to-baseline').ja}後と仮定しています"
                        "（ガイドに記載がないため）。日程が決まったら入力してください。",
                        f"The baseline is assumed {_t('kickoff-to-baseline').en} after the kickoff (the guide gives no "
                        "interval); enter its date once it is booked."))
    deadline = _months("process-audit-after-baseline" if plan_path is PlanPath.PROCESS else "audit-after-baseline",
                       a.baseline)
    if a.audit > deadline:
        out.append(Text(f"審査日が、ベースラインからの期限（{_on(deadline).ja}）を過ぎています。COPCが状況を確認して次の手順を"
                        "決め、追加の助言サポートや再アセスメントが必要になることがあります。",
                        f"The audit falls after the limit counted from the baseline ({_on(deadline).en}). COPC "
                        "then reviews the "
                        "situation; more advisory support or a new assessment may be needed."))
    if audit_given:
        count_from, shift = (a.kickoff, 0) if a.kickoff is not None else (a.baseline, _gap())
        fastest = add_months(count_from, pace_months(PlanPath.FASTEST) - shift)
        if plan_path is PlanPath.PROCESS:
            work = TIMELINE["process-work"]
            if a.audit < add_months(count_from, work.value - shift):
                out.append(Text(f"審査日までの期間が、プロセス認証の一般的な期間（{span_text(work).ja}）より短くなっています。",
                                f"The time to the audit is shorter than process certification's typical "
                                f"{span_text(work).en}."))
        elif a.audit < fastest:
            out.append(Text(f"審査日までの期間が、これまでの最短（{_t('full-fastest').ja}）より短くなっています。",
                            f"The time to the audit is shorter than the quickest so far ({_t('full-fastest').en})."))
        elif plan_path is PlanPath.FULL and a.audit < add_months(count_from, pace_months(PlanPath.FULL) - shift):
            out.append(Text(f"審査日までの期間が、一般的な{_t('full-typical').ja}より短くなっています"
                            f"（これまでの最短は{_t('full-fastest').ja}）。",
                            f"The time to the audit is shorter than the typical {_t('full-typical').en} (the quickest "
                            f"so far is {_t('full-fastest').en})."))
    review = _months("process-data-before-audit" if plan_path is PlanPath.PROCESS else "review-before-audit",
                     a.audit, -1)
    if review < a.baseline:
        out.append(Text("Step 8の時期がベースラインアセスメントより前になります。審査日がベースラインに近すぎます。",
                        "Step 8 would fall before the baseline assessment: the audit is too close to the baseline."))
    if block is not None and block.editions == (Edition.OSP,):
        out.append(Text(f"ブロック「{block.name.ja}」はOSP版だけにあります。", f"The {block.name.en} block exists only "
                        "in the OSP edition."))
    return out


def _interval(path: PlanPath | None, renewal: RenewalCheck | None) -> tuple[int, Text]:
    if path is PlanPath.PROCESS:
        every = _t("process-renewal-interval")
        return 1, Text(f"プロセス認証は{every.ja}ごとに現地で更新審査を受けます（2年間隔はフル認証の規則です）。",
                       f"Process certification is renewed on site every {every.en} (the two-year interval is a rule of "
                       "full certification).")
    if renewal is None:
        return 1, Text("更新審査は毎年です。2年間隔になるかは、5つの条件を入力すると判定します。",
                       "Renewal audits are yearly; enter the five conditions to check for the two-year interval.")
    if renewal.interval_years == 2:
        return 2, Text("5つの条件をすべて満たすため、最初の更新審査の後は現地での更新審査が2年ごとになり、"
                       "間の年は書面の審査です（条件がその後も満たされると仮定）。",
                       "All five conditions hold: after the first renewal audit, on-site renewal audits come every two "
                       "years with a document review in the years between (assuming the conditions keep holding).")
    unmet = [c.text for c, met in renewal.conditions if not met]
    return 1, Text("満たしていない条件があるため、更新審査は毎年です: " + "、".join(t.ja for t in unmet) + "。",
                   "Renewal audits stay yearly; not met: " + "; ".join(t.en for t in unmet) + ".")


def plan(start: date, *, start_is: StartIs | str = StartIs.KICKOFF, path: PlanPath | str = PlanPath.FULL,
         block: str | Block | None = None, baseline: date | None = None, audit: date | None = None,
         certified: date | None = None, renewal: RenewalCheck | None = None, years: int = DEFAULT_YEARS,
         contingencies: bool = True, today: date | None = None, label: str = "") -> Plan:
    """The plan forward from `start` (the kickoff, or the baseline when start_is is "baseline").

    Without `audit`, the audit follows the path's pace: 12 months from the kickoff (typical), 8
    (fastest) or the upper end of process certification's 4-8. A baseline that is not given is
    assumed a month after the kickoff (the guide gives no interval)."""
    checker = Checker()
    path_, block_ = _common(path, block, years, label, checker)
    start_is_ = _choice(StartIs, start_is, "start_is", START_NAMES, checker)
    label_ = START_NAMES.get(start_is_, START_NAMES[StartIs.KICKOFF])
    _in_bounds("start", label_, start, today, checker)
    checker.raise_if_any()
    assert path_ is not None
    pace, gap = pace_months(path_), _gap()
    steps: list[Text] = [Text(f"経路: {PATH_NAMES[path_].ja}。キックオフから審査まで{pace}か月で計画します"
                              f"（ガイドの目安: {span_text(_pace(path_)).ja}）。",
                              f"Path: {PATH_NAMES[path_].en}; planned at {pace} months from the kickoff to the audit "
                              f"(the guide's figure: {span_text(_pace(path_)).en}).")]

    kickoff: date | None
    if start_is_ is StartIs.KICKOFF:
        kickoff, baseline_kind = start, Kind.GIVEN
        planned = add_months(start, pace)
        if baseline is None:
            baseline_, baseline_kind = add_months(start, gap), Kind.ASSUMPTION
        else:
            baseline_ = baseline
            if _in_bounds("baseline", _BASELINE, baseline, None, checker) and _check_later(
                    checker, "baseline", baseline, _BASELINE, start, START_NAMES[StartIs.KICKOFF], strictly=False):
                if baseline > add_months(start, 12 * YEARS_AHEAD):
                    checker.add("baseline", f"ベースラインがキックオフより{YEARS_AHEAD}年以上後です。"
                                "年を確認してください。",
                                f"The baseline is more than {YEARS_AHEAD} years after the kickoff. Check the year.")
                planned = max(planned, add_months(baseline, pace - gap))
        gap_text = _t("kickoff-to-baseline")
        how = Text("入力", "entered") if baseline_kind is Kind.GIVEN else Text(f"{gap_text.ja}後と仮定",
                                                                           f"assumed {gap_text.en} later")
        steps.append(Text(f"キックオフ: {_on(start).ja}（入力）。ベースライン: {_on(baseline_).ja}（{how.ja}）。",
                          f"Kickoff: {_on(start).en} (entered). Baseline: {_on(baseline_).en} ({how.en})."))
    else:
        kickoff, baseline_, baseline_kind = None, start, Kind.GIVEN
        planned = add_months(start, pace - gap)
        steps.append(Text(f"ベースライン: {_on(start).ja}（入力）。キックオフはその前で、日付は置きません。",
                          f"Baseline: {_on(start).en} (entered); the kickoff came before it and is not dated."))
    audit_ok = True  # an audit date outside the bounds is refused, and nothing is computed from it
    if audit is None:
        audit_, audit_kind = planned, Kind.TYPICAL
        steps.append(Text(f"認証審査: {_on(planned).ja}（ペースによる目安）。",
                          f"Audit: {_on(planned).en} (from the pace)."))
    else:
        audit_, audit_kind = audit, Kind.GIVEN
        audit_ok = _in_bounds("audit", _AUDIT, audit, None, checker)
        if not audit_ok:
            pass
        elif audit <= baseline_ and baseline_kind is Kind.ASSUMPTION:
            checker.add("audit", f"認証審査日（{_on(audit).ja}）はベースラインアセスメントより後の日付にしてください。"
                        f"計画ではベースラインをキックオフの{_t('kickoff-to-baseline').ja}後（{_on(baseline_).ja}）と"
                        "仮定しています。日程が決まっていれば、その日付を入力してください。",
                        f"The audit date ({_on(audit).en}) must come after the baseline assessment, which the plan "
                        f"assumes {_t('kickoff-to-baseline').en} after the kickoff ({_on(baseline_).en}). Enter the "
                        "baseline's date if it is booked.")
        elif _check_later(checker, "audit", audit, _AUDIT, baseline_, _BASELINE) \
                and audit > add_months(start, 12 * YEARS_AHEAD):
            checker.add("audit", f"認証審査日が開始日より{YEARS_AHEAD}年以上後です。年を確認してください。",
                        f"The audit is more than {YEARS_AHEAD} years after the start. Check the year.")
        steps.append(Text(f"認証審査: {_on(audit).ja}（入力）。", f"Audit: {_on(audit).en} (entered)."))
    certified_ = _check_certified(certified, audit_, checker) if audit_ok else audit_
    checker.raise_if_any()
    return _finish(Direction.FORWARD, path_, block_, start_is_,
                   _Anchors(kickoff, Kind.GIVEN, baseline_, baseline_kind, audit_, audit_kind, certified_),
                   renewal, years, contingencies, today, label, steps, audit_given=audit is not None)


def plan_back(audit: date, *, path: PlanPath | str = PlanPath.FULL, block: str | Block | None = None,
              certified: date | None = None, renewal: RenewalCheck | None = None, years: int = DEFAULT_YEARS,
              contingencies: bool = True, today: date | None = None, label: str = "") -> Plan:
    """The plan back from a target audit: the latest kickoff and baseline that still reach it at
    the path's pace, the earliest baseline the 18-month limit allows, and every later step."""
    checker = Checker()
    path_, block_ = _common(path, block, years, label, checker)
    if _in_bounds("audit", _AUDIT, audit, today, checker) and path_ is not None \
            and latest_start(audit, months_after(pace_months(path_))) < EARLIEST:
        checker.add("audit", f"この審査日からさかのぼると、キックオフが{EARLIEST.year}年より前になります。",
                    f"Planned back from this audit, the kickoff would fall before {EARLIEST.year}.")
    checker.raise_if_any()
    assert path_ is not None
    pace, gap = pace_months(path_), _gap()
    kickoff = latest_start(audit, months_after(pace))
    baseline = latest_start(audit, months_after(pace - gap))
    certified_ = _check_certified(certified, audit, checker)
    checker.raise_if_any()
    steps = [
        Text(f"経路: {PATH_NAMES[path_].ja}。審査日 {_on(audit).ja} から{pace}か月さかのぼります。",
             f"Path: {PATH_NAMES[path_].en}; {pace} months back from the audit on {_on(audit).en}."),
        Text(f"最も遅いキックオフ: {_on(kickoff).ja}。最も遅いベースライン: {_on(baseline).ja}"
             f"（キックオフの{_t('kickoff-to-baseline').ja}後と仮定）。",
             f"Latest kickoff: {_on(kickoff).en}. Latest baseline: {_on(baseline).en} (assumed "
             f"{_t('kickoff-to-baseline').en} after the kickoff)."),
    ]
    return _finish(Direction.BACKWARD, path_, block_, StartIs.KICKOFF,
                   _Anchors(kickoff, Kind.TYPICAL, baseline, Kind.TYPICAL, audit, Kind.GIVEN, certified_),
                   renewal, years, contingencies, today, label, steps, audit_given=False)


def _finish(direction: Direction, path: PlanPath, block: Block | None, start_is: StartIs, a: _Anchors,
            renewal: RenewalCheck | None, years: int, contingencies: bool, today: date | None, label: str,
            steps: list[Text], *, audit_given: bool) -> Plan:
    interval, interval_step = _interval(path, renewal)
    backward = direction is Direction.BACKWARD
    entries = _entries(path, block, a, backward=backward, interval=interval, years=years, contingencies=contingencies)
    review = next(e for e in entries if e.id == "step-8")
    deadline = next(e for e in entries if e.id == "audit-deadline")
    steps += [
        Text(f"Step 8: {_on(review.end).ja}頃。{review.rule.ja}。",
             f"Step 8: around {_on(review.end).en}, {review.rule.en[:1].lower() + review.rule.en[1:]}."),
        Text(f"審査の期限: {_on(deadline.end).ja}。{deadline.rule.ja}。",
             f"Audit deadline: {_on(deadline.end).en}, {deadline.rule.en}."),
        interval_step,
    ]
    if a.certified != a.audit:
        steps.append(Text(f"更新は認証日 {_on(a.certified).ja} から数えます。",
                          f"Renewals count from certification on {_on(a.certified).en}."))
    return Plan(direction, path, block, start_is, a.kickoff, a.baseline, a.audit, a.certified, _pace(path), renewal,
                interval, _ordered(entries), tuple(_notices(path, block, a, audit_given)), tuple(steps), today, label)


# --- The operation: the form's text in, the plan as JSON out --------------------------------------

def _date_field(form: Form, key: str, label: Text, required: bool) -> date | None:
    """The date at `key`, or None (blank and not required); a problem at the field otherwise."""
    value = form.get(key)
    parsed = parse_date(value)
    if isinstance(parsed, date):
        return parsed
    if parsed is DateProblem.BLANK:
        if required:
            form.checker.add(form.field(key), f"{label.ja}を入力してください（YYYY-MM-DD）。",
                             f"Enter the {label.en.lower()} (YYYY-MM-DD).")
        return None
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "…"
    if parsed is DateProblem.IMPOSSIBLE:
        form.checker.add(form.field(key), f"{label.ja}の {shown} という日はありません"
                         "（月は1〜12、日はその月の日数まで）。",
                         f"There is no such day as {shown} for the {label.en.lower()} (months run 1-12, days to the "
                         "month's last).")
    else:
        form.checker.add(form.field(key), f"{label.ja}は YYYY-MM-DD の形で入力してください"
                         f"（例: 2027-03-01、入力値: {shown}）。",
                         f"Enter the {label.en.lower()} as YYYY-MM-DD (e.g. 2027-03-01; got {shown}).")
    return None


def _renewal_field(form: Form) -> RenewalCheck | None:
    """The five conditions (the "renewal" operation's input) at "renewal", or None when absent or
    when its counts are all blank (a form that never opened that section)."""
    raw = form.get("renewal")
    if raw is None:
        return None
    section = form.obj("renewal", ("更新の条件", "renewal conditions"))
    if section is None:
        return None
    if all(blank(section.get(key)) for key in ("pst_at_target", "pst_at_target_or_improving", "pst_total")):
        return None
    flags = {key: section.boolean(key, False) for key in
             ("no_major_nonconformity", "no_internal_audit_nonconformity", "category_4_level_met")}
    counts = {key: whole_number(section.get(key)) for key in
              ("pst_at_target", "pst_at_target_or_improving", "pst_total")}
    if form.checker.problems:
        return None
    try:
        return renewal_interval(**flags, **counts)
    except InputError as error:
        form.checker.problems.extend(Problem(section.field(p.field), p.ja, p.en) for p in error.problems)
        return None


def read_form(data: Mapping[str, Any]) -> Plan:
    """The plan a form asks for ("timeline" operation); every problem at its field, all at once."""
    form = Form(data, Checker())
    direction = _choice(Direction, form.text("direction", Direction.FORWARD.value), "direction", DIRECTION_NAMES,
                        form.checker)
    backward = direction is Direction.BACKWARD
    start_is = form.text("start_is", StartIs.KICKOFF.value)
    start_label = START_NAMES[StartIs.BASELINE if start_is == StartIs.BASELINE else StartIs.KICKOFF]
    start = None if backward else _date_field(form, "start", start_label, required=True)
    baseline = None if backward or start_is == StartIs.BASELINE else _date_field(form, "baseline", _BASELINE, False)
    audit = _date_field(form, "audit", _AUDIT, required=backward)
    certified = _date_field(form, "certified", _CERTIFIED, False)
    today = _date_field(form, "today", Text("今日の日付", "Today's date"), False)
    path, block = form.text("path", PlanPath.FULL.value), form.text("block") or None
    years_raw = form.get("years")
    years = DEFAULT_YEARS if years_raw in (None, "") else whole_number(years_raw)
    contingencies = form.boolean("contingencies", True)
    label = form.text("label")
    renewal = _renewal_field(form)
    _common(path, block, years, label, form.checker)  # so that every problem is answered at once
    if not backward:
        _choice(StartIs, start_is, "start_is", START_NAMES, form.checker)
    form.checker.raise_if_any()
    if backward:
        assert audit is not None
        return plan_back(audit, path=path, block=block, certified=certified, renewal=renewal, years=years,
                         contingencies=contingencies, today=today, label=label)
    assert start is not None
    return plan(start, start_is=start_is, path=path, block=block, baseline=baseline, audit=audit, certified=certified,
                renewal=renewal, years=years, contingencies=contingencies, today=today, label=label)


def read_nested(data: Any, place: str = "timeline") -> Plan | None:
    """The plan kept under `place` of an assessment file or a report request (the "timeline"
    operation's input), None when absent; InputError with every problem at `place.<field>`."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise InputError([Problem(place, "timeline は日程の計画の入力（{\"start\": \"2027-03-01\", …}）です。",
                                  "timeline holds the timeline's input ({\"start\": \"2027-03-01\", …}).")])
    try:
        return read_form(data)
    except InputError as error:
        raise InputError([Problem(f"{place}.{p.field}", p.ja, p.en) for p in error.problems]) from None


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def entry_json(entry: Entry) -> dict[str, Any]:
    return {"id": entry.id, "step": entry.step, "title": entry.title.as_dict(), "start": entry.start.isoformat(),
            "end": entry.end.isoformat(), "shape": entry.shape.value, "kind": entry.kind.value,
            "phase": entry.phase.value, "rule": entry.rule.as_dict(), "note": entry.note.as_dict(),
            "reference": entry.reference, "approximate": entry.approximate, "optional": entry.optional,
            "condition": None if entry.condition is None else entry.condition.as_dict()}


def plan_json(plan_: Plan) -> dict[str, Any]:
    renewal = plan_.renewal
    return {
        "direction": plan_.direction.value, "path": plan_.path.value, "path_name": PATH_NAMES[plan_.path].as_dict(),
        "block": None if plan_.block is None else {"id": plan_.block.id, "name": plan_.block.name.as_dict(),
                                                   "items": list(plan_.block.items)},
        "start_is": plan_.start_is.value, "kickoff": _iso(plan_.kickoff), "baseline": _iso(plan_.baseline),
        "audit": _iso(plan_.audit), "certified": _iso(plan_.certified),
        "pace": {"months": pace_months(plan_.path), "figure": span_text(plan_.pace).as_dict(),
                 "reference": plan_.pace.reference},
        "renewal": {"interval_years": plan_.renewal_interval_years, "checked": renewal is not None,
                    "conditions": [] if renewal is None else [
                        {"id": c.id, "text": c.text.as_dict(), "met": met} for c, met in renewal.conditions]},
        "entries": [entry_json(e) for e in plan_.entries],
        "notices": [n.as_dict() for n in plan_.notices],
        "today": _iso(plan_.today), "label": plan_.label,
    }


def catalog_json() -> dict[str, Any]:
    """What the timeline form needs before the engine has started (part of the catalog)."""
    return {
        "paths": [{"id": p.value, "name": PATH_NAMES[p].as_dict(), "months": pace_months(p),
                   "figure": span_text(_pace(p)).as_dict(), "reference": _pace(p).reference} for p in PlanPath],
        "start_is": [{"id": s.value, "name": START_NAMES[s].as_dict()} for s in StartIs],
        "directions": [{"id": d.value, "name": DIRECTION_NAMES[d].as_dict()} for d in Direction],
        "kinds": [{"id": k.value, "name": KIND_NAMES[k].as_dict()} for k in Kind],
        "shapes": [{"id": s.value, "name": SHAPE_NAMES[s].as_dict()} for s in Shape],
        "phases": [{"id": p.value, "name": PHASE_NAMES[p].as_dict()} for p in Phase],
        "bounds": {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat(), "years_back": YEARS_BACK,
                   "years_ahead": YEARS_AHEAD, "max_years": MAX_YEARS, "default_years": DEFAULT_YEARS},
        "spans": [{"id": s.id, "figure": span_text(s).as_dict(), "basis": s.basis.value, "what": s.what.as_dict(),
                   "reference": s.reference, "vague": None if s.vague is None else s.vague.as_dict()}
                  for s in TIMELINE.values()],
    }
