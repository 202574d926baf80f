// The timeline chart's geometry (calculators/widgets/timeline-chart.mjs): days on the calendar
// without time zones, each entry's bar from its first day to the end of its last, rows grouped by
// phase in the order asked, ticks on the axis, today's line, and labels cut to the chart's width.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load } from "./calculators-copy.mjs";

const { anchorAt, chartLayout, dayNumber, fit, fmtDay, fmtSpan, textEms, WIDTH } = await load("widgets/timeline-chart.mjs");

/**
 * @param {string} id
 * @param {string} start
 * @param {string} end
 * @param {string} [phase]
 * @param {string} [shape]
 */
function entry(id, start, end, phase = "preparation", shape = start === end ? "date" : "period") {
  return { id, title: { ja: `予定 ${id}`, en: `Entry ${id}` }, start, end, shape, kind: "fixed", phase,
           approximate: false, optional: false, condition: null };
}

test("days count on the calendar, leap days included, whatever the time zone", () => {
  assert.equal(dayNumber("1970-01-01"), 0);
  assert.equal(dayNumber("2028-03-01") - dayNumber("2028-02-28"), 2); // 2028 is a leap year
  assert.equal(dayNumber("2027-03-01") - dayNumber("2027-02-28"), 1);
  assert.equal(fmtDay("2027-03-01", "ja"), "2027年3月1日");
  assert.equal(fmtDay("2027-03-01", "en"), "1 Mar 2027");
  assert.equal(fmtSpan({ start: "2027-11-01", end: "2028-01-30" }, "en"), "1 Nov 2027 – 30 Jan 2028");
  assert.equal(fmtSpan({ start: "2027-11-01", end: "2027-11-01" }, "ja"), "2027年11月1日");
});

test("a period's bar runs from its first day to the end of its last; the axis spans every entry", () => {
  const layout = chartLayout([entry("a", "2027-01-01", "2027-01-01"), entry("b", "2027-01-01", "2027-12-31")],
                             { lang: "en" });
  assert.equal(layout.width, WIDTH);
  assert.equal(layout.from, "2027-01-01");
  assert.equal(layout.to, "2027-12-31");
  const [a, b] = layout.rows;
  assert.equal(b.x1, 0);
  assert.equal(b.x2, WIDTH);
  assert.ok(a.x2 - a.x1 > 0 && a.x2 - a.x1 < 1.1); // a day of a year is a sliver
  assert.ok(b.y > a.y);
  assert.equal(b.full, "Entry b: 1 Jan 2027 – 31 Dec 2027");
});

test("rows are grouped by phase in the order asked, each band before its rows", () => {
  const entries = [entry("p1", "2027-01-01", "2027-02-01"), entry("r1", "2028-01-01", "2028-02-01", "renewal"),
                   entry("a1", "2027-06-01", "2027-06-01", "audit"), entry("p2", "2027-03-01", "2027-03-01")];
  const layout = chartLayout(entries, { lang: "ja", phases: ["preparation", "audit", "after-audit", "renewal"] });
  assert.deepEqual(layout.bands.map((/** @type {any} */ b) => b.phase), ["preparation", "audit", "renewal"]);
  assert.deepEqual(layout.rows.map((/** @type {any} */ r) => r.id), ["p1", "p2", "a1", "r1"]);
  for (const band of layout.bands) {
    const first = layout.rows.find((/** @type {any} */ r) => r.phase === band.phase);
    assert.ok(first.y > band.y);
  }
  assert.ok(layout.height > layout.rows.at(-1).y);
});

test("the axis ticks are far enough apart for their labels: years over a long plan, months over a short one", () => {
  const long = chartLayout([entry("a", "2027-03-01", "2031-03-01")], { lang: "en" });
  assert.deepEqual(long.ticks.map((/** @type {any} */ t) => t.label), ["2028", "2029", "2030", "2031"]);
  const short = chartLayout([entry("a", "2027-03-01", "2027-11-01")], { lang: "ja" });
  assert.deepEqual(short.ticks.map((/** @type {any} */ t) => t.label), ["4月", "7月", "10月"]);
  const middle = chartLayout([entry("a", "2026-12-05", "2028-10-01")], { lang: "en" });
  assert.deepEqual(middle.ticks.map((/** @type {any} */ t) => t.label), ["2027", "Jul", "2028", "Jul"]);
  for (const layout of [long, short, middle]) {
    const xs = layout.ticks.map((/** @type {any} */ t) => t.x);
    xs.slice(1).forEach((x, i) => assert.ok(x - xs[i] >= 55, `${x} too close to ${xs[i]}`));
    for (const x of xs) assert.ok(x >= 0 && x <= WIDTH);
  }
  // a label at an edge is anchored inside the chart
  assert.equal(anchorAt(2, 20), "start");
  assert.equal(anchorAt(WIDTH - 2, 20), "end");
  assert.equal(anchorAt(WIDTH / 2, 20), "middle");
});

test("today is marked when near the plan, widening the axis; a plan years away keeps its own scale", () => {
  const entries = [entry("a", "2027-03-01", "2027-11-01")];
  const near = chartLayout(entries, { lang: "en", today: "2026-12-05" });
  assert.equal(near.from, "2026-12-05");
  assert.equal(near.today, 0);
  const inside = chartLayout(entries, { lang: "en", today: "2027-07-01" });
  assert.ok(inside.today > 0 && inside.today < WIDTH);
  const far = chartLayout(entries, { lang: "en", today: "2020-01-01" });
  assert.equal(far.today, null);
  assert.equal(far.from, "2027-03-01");
});

test("labels are cut with an ellipsis to the chart's width, Japanese counted a full em a character", () => {
  assert.equal(textEms("ab"), 1.12);
  assert.equal(textEms("認証"), 2);
  assert.equal(fit("short", WIDTH), "short");
  const cut = fit("認".repeat(40), WIDTH);
  assert.ok(cut.endsWith("…"));
  assert.ok(textEms(cut) * 15 <= WIDTH);
  const long = chartLayout([{ ...entry("a", "2027-01-01", "2027-02-01"), title: { ja: "", en: "x".repeat(200) } }],
                           { lang: "en" });
  assert.ok(long.rows[0].label.length < 200);
  assert.ok(long.rows[0].full.startsWith("x".repeat(200)));
});
