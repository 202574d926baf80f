// The metrics table's state without the page (calculators/widgets/metrics-table-model.mjs): rows read
// from untrusted JSON, months added in calendar order, a pasted table appended under its own months,
// and the pages a hand-over opens, and the table an assessment carries (its file's "metrics").
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  appendTable, attachedInput, attachedTable, emptyRow, nextMonth, pageAddress, readRow, readTable, statusKey, withoutMonth,
} from "../../calculators/widgets/metrics-table-model.mjs";

test("a row from untrusted JSON has every cell as text and one result per month", () => {
  const row = readRow({ name: "Service level", target: 80, improving: true, results: ["79", 81, null, "x"], extra: 1 }, 3);
  assert.equal(row.name, "Service level");
  assert.equal(row.target, "80");
  assert.equal(row.improving, "yes");
  assert.deepEqual(row.results, ["79", "81", ""]);
  assert.ok(!("extra" in row));
  assert.deepEqual(readTable("no", [null]).rows, [emptyRow(0)]);
});

test("the month after the last one, across a year's end", () => {
  assert.equal(nextMonth("2024-12"), "2025-01");
  assert.equal(nextMonth("2025-03"), "2025-04");
  assert.equal(nextMonth("", new Date(2026, 0, 15)), "2025-12"); // the last complete month
  assert.equal(nextMonth("March", new Date(2026, 5, 1)), "2026-05");
});

test("appended rows keep their results under their own months; empty rows of the form go", () => {
  const table = { months: ["2024-11", "2024-12"], rows: [{ ...emptyRow(2), name: "A", results: ["1", "2"] }, emptyRow(2)] };
  const added = { months: ["2024-12", "2025-01"], rows: [{ ...emptyRow(2), name: "B", results: ["3", "4"] }] };
  const merged = appendTable(table, added);
  assert.deepEqual(merged.months, ["2024-11", "2024-12", "2025-01"]);
  assert.deepEqual(merged.rows.map((r) => [r.name, r.results]), [["A", ["1", "2", ""]], ["B", ["", "3", "4"]]]);
  assert.deepEqual(withoutMonth(merged, 0).rows.map((r) => r.results), [["2", ""], ["3", "4"]]);
});

test("a hand-over opens the calculator's page in the reader's language", () => {
  const root = "https://example.org/copc/";
  assert.equal(pageAddress(root, "ja", "certification/outcomes.md"), "https://example.org/copc/certification/outcomes/");
  assert.equal(pageAddress(root, "en", "process/blocks.md"), "https://example.org/copc/en/process/blocks/");
});

test("a status cell is redrawn only when its status or months change", () => {
  const metric = { status: "at-target", months_at_target: 3, months_measured: 4 };
  assert.equal(statusKey(metric, false), statusKey({ ...metric }, false));
  assert.notEqual(statusKey(metric, false), statusKey({ ...metric, months_at_target: 2 }, false));
  assert.equal(statusKey(undefined, true), "unfilled");
});

test("the table an assessment carries keeps its rows with something typed, and no table without one", () => {
  const raw = { months: ["2025-01", 202502], rows: [{ name: "Service level", target: 80, results: ["79", 81] }, {}, "x"],
                improvement: "last-three-better", level_reading: 7, block: "x".repeat(100), extra: true };
  const table = attachedTable(raw);
  assert.ok(table);
  assert.deepEqual(table.months, ["2025-01", "202502"]);
  assert.deepEqual(table.rows.map((r) => [r.name, r.target, r.results]), [["Service level", "80", ["79", "81"]]]);
  assert.equal(table.improvement, "last-three-better");
  assert.equal(table.level_reading, "7");
  assert.equal(table.block.length, 40);
  assert.deepEqual(Object.keys(attachedInput({ ...table, level_reading: "", block: "" })), ["months", "rows", "improvement"]);
  for (const none of [null, [], "table", { months: ["2025-01"], rows: [{}, { name: " " }] }]) assert.equal(attachedTable(none), null);
});
