// The certification timeline an assessment carries (calculators/widgets/timeline-attached.mjs): read
// from untrusted JSON with its values as they are, kept by the self-assessment's state and files, and
// handed over by the timeline calculator with the self-assessment's kept inputs.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load } from "./calculators-copy.mjs";

const { attachedTimeline, timelineState } = await load("widgets/timeline-attached.mjs");
const { WIDGETS } = await load("generated/widgets.mjs");
const { decodeState, fragmentParams } = await load("kit/links.mjs");
const { stateKey } = await load("kit/storage.mjs");

const PLAN = { start: "2027-03-01", path: "fastest", audit: "2027-12-06", years: 4, contingencies: false,
               renewal: { no_major_nonconformity: true, pst_at_target: "14", pst_total: 20 } };

/** @param {string} name */
function widget(name, lang = "ja") {
  return new WIDGETS[name](/** @type {any} */ (document.createElement("div")), lang);
}

test("a timeline from untrusted JSON keeps its known fields with their values as they are", () => {
  assert.deepEqual(attachedTimeline({ ...PLAN, today: "2026-12-05", extra: 1, label: { x: 1 },
                                      renewal: { ...PLAN.renewal, other: true, pst_total: [20] } }),
                   { ...PLAN, renewal: { no_major_nonconformity: true, pst_at_target: "14" } });
  for (const raw of [null, "2027-03-01", [PLAN], {}, { today: "2026-12-05" }]) assert.equal(attachedTimeline(raw), null);
  assert.equal(attachedTimeline({ start: "x".repeat(500) })?.start.length, 200);
  // blank texts are kept as typed, or left out when asked
  assert.deepEqual(attachedTimeline({ start: "2027-03-01", label: "", renewal: { pst_total: " " } }),
                   { start: "2027-03-01", label: "", renewal: { pst_total: " " } });
  assert.deepEqual(attachedTimeline({ start: "2027-03-01", label: "", renewal: { pst_total: " " } }, false),
                   { start: "2027-03-01" });
});

test("a kept plan opens the timeline calculator with the same inputs", () => {
  const timeline = widget("timeline");
  const state = timeline.sanitize(timelineState(PLAN));
  assert.equal(state.start, "2027-03-01");
  assert.equal(state.path, "fastest");
  assert.equal(state.years, "4");
  assert.equal(state.contingencies, false);
  assert.equal(state.pst_at_target, "14");
  const input = timeline.input(state);
  assert.deepEqual(attachedTimeline(input, false),
                   { ...PLAN, direction: "forward", start_is: "kickoff", years: "4",
                     renewal: { no_major_nonconformity: true, no_internal_audit_nonconformity: false,
                                category_4_level_met: false, pst_at_target: "14", pst_total: "20" } });
});

test("the self-assessment keeps the timeline in its state, its links and its files", () => {
  const assessment = widget("self-assessment");
  const state = assessment.sanitize({ edition: "CSP", timeline: { ...PLAN, today: "2026-12-05" } });
  assert.deepEqual(state.timeline, PLAN);
  assert.equal(assessment.defaults().timeline, null);
  assert.deepEqual(assessment.sanitize(JSON.parse(JSON.stringify(state))), state);
  assert.deepEqual(assessment.stateFromInput({ edition: "CSP", items: {}, timeline: PLAN }).timeline, PLAN);
  // the file's fields carry it; a file the core has read brings it back
  assert.deepEqual(assessment.files.options.fields(state).timeline, PLAN);
  assert.ok(!("timeline" in assessment.files.options.fields(assessment.defaults())));
  const opened = assessment.files.options.state({ input: { edition: "CSP", items: {} },
                                                  assessment: { edition: "CSP", notes: {}, timeline: PLAN } });
  assert.deepEqual(opened.timeline, PLAN);
  // the operation's input leaves it out (the report view adds it)
  assert.ok(!("timeline" in assessment.input(state)));
});

test("the timeline's hand-over opens the self-assessment with its kept inputs and the plan", () => {
  const kept = { edition: "OSP", items: { "1.1": ["11", "12", "6", "7"] }, details: { organisation: "Example" },
                 notes: { "1.1": "board minutes" } };
  localStorage.setItem(stateKey("self-assessment"), JSON.stringify(kept));
  const timeline = widget("timeline", "en");
  const link = new URL(timeline.selfAssessmentLink(timeline.sanitize({ ...timeline.defaults(), start: "2027-03-01",
                                                                        path: "fastest", label: "" })));
  assert.match(link.pathname, /\/en\/certification\/outcomes\/$/);
  const handed = decodeState(fragmentParams(link.hash).get("self-assessment") || "");
  assert.ok(handed);
  const assessment = widget("self-assessment", "en");
  const state = assessment.sanitize(handed);
  assert.deepEqual(state.timeline, { direction: "forward", start_is: "kickoff", start: "2027-03-01", path: "fastest" });
  assert.equal(state.edition, "OSP");
  assert.deepEqual(state.items["1.1"], kept.items["1.1"]);
  assert.equal(state.details.organisation, "Example");
  assert.equal(state.notes["1.1"], "board minutes");
  localStorage.removeItem(stateKey("self-assessment"));
});

test("the metrics table's hand-over leaves the timeline an assessment carries where it is", () => {
  localStorage.setItem(stateKey("self-assessment"), JSON.stringify({ edition: "CSP", timeline: PLAN }));
  const metrics = widget("metrics-table");
  const link = new URL(metrics.selfAssessmentLink({ edition: "CSP", self_assessment_items: {} }, { rows: [] }, false));
  const handed = decodeState(fragmentParams(link.hash).get("self-assessment") || "");
  assert.deepEqual(widget("self-assessment").sanitize(handed || {}).timeline, PLAN);
  localStorage.removeItem(stateKey("self-assessment"));
});
