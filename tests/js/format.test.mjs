// Numbers for display (calculators/kit/format.mjs): never rounded across a verdict's threshold.
import assert from "node:assert/strict";
import { test } from "node:test";

import { fmt, pct, shown } from "../../calculators/kit/format.mjs";

test("numbers are grouped and rounded to two decimals for display only", () => {
  assert.equal(fmt("ja", 3840), "3,840");
  assert.equal(fmt("en", 3840), "3,840");
  assert.equal(fmt("en", 73.33333), "73.33");
  assert.equal(fmt("en", 3391.5, 4), "3,391.5");
  assert.equal(pct("ja", 66.666667), "66.67%");
});

test("a figure beside a verdict is the core's display text, never re-rounded here", () => {
  // 3,799.99625 of 4,000: rounded here it would read 3,800, the very threshold it misses
  const result = { earned: 3799.99625, display: { earned: "3,799.996" }, percent: 95, points: 20 };
  assert.equal(fmt("en", result.earned), "3,800");
  assert.equal(shown("en", result, "earned"), "3,799.996");
  assert.equal(shown("ja", { share: 65.0004, display: { share: "65.0004" } }, "share", { percent: true }), "65.0004%");
});

test("without display text the number is formatted; without a number, a dash", () => {
  assert.equal(shown("en", { percent: 91.66667 }, "percent", { percent: true }), "91.67%");
  assert.equal(shown("en", { required: 3391.5 }, "required", { digits: 4 }), "3,391.5");
  assert.equal(shown("en", { display: { points: "" }, points: 2 }, "points"), "2");
  assert.equal(shown("en", {}, "points"), "—");
  assert.equal(shown("en", { points: null }, "points"), "—");
});
