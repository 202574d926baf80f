// Assessments as files, the pure part (calculators/kit/file-data.mjs): bytes through base64 and
// back, a workbook told by its first bytes, and the metadata and notes a form's state keeps.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  fileFields, fileStateFrom, fromBase64, looksLikeWorkbook, MAX_DETAIL, sanitizeFileState, toBase64,
} from "../../calculators/kit/file-data.mjs";

test("bytes go to base64 and come back unchanged, also past one slice", () => {
  const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
  const text = toBase64(bytes);
  assert.equal(text, Buffer.from(bytes).toString("base64"));
  assert.deepEqual(fromBase64(text), bytes);
  assert.equal(toBase64(new Uint8Array()), "");
});

test("a workbook is a zip archive, whatever the file is called", () => {
  assert.equal(looksLikeWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04])), true);
  assert.equal(looksLikeWorkbook(new TextEncoder().encode("{\"f")), false);
  assert.equal(looksLikeWorkbook(new Uint8Array([0x50, 0x4b])), false);
});

test("metadata and notes from untrusted state: texts only, cut to their length, blank notes dropped", () => {
  const state = sanitizeFileState({
    details: { organisation: "x".repeat(MAX_DETAIL + 9), site: 3, assessor: "佐藤", date: "2026-12-05", extra: "y" },
    notes: { "2.15": "根拠", "2.16": "  ", "4.6": 7, "1.1": "z".repeat(20) },
  }, 10);
  assert.deepEqual(state.details, { organisation: "x".repeat(MAX_DETAIL), site: "", assessor: "佐藤", date: "2026-12-05" });
  assert.deepEqual(state.notes, { "2.15": "根拠", "1.1": "z".repeat(10) });
  assert.deepEqual(sanitizeFileState({ notes: ["a"] }, 10), {
    details: { organisation: "", site: "", assessor: "", date: "" }, notes: {} });
});

test("a file's fields: metadata at the top, notes of the items asked for; an opened file's back", () => {
  const state = sanitizeFileState({ details: { organisation: "A" }, notes: { "2.15": "n", "9.9": "gone" } }, 100);
  assert.deepEqual(fileFields(state, ["2.15"]), { organisation: "A", site: "", assessor: "", date: "", notes: { "2.15": "n" } });
  const opened = fileStateFrom({ organisation: "A", site: "", assessor: "", date: "", edition: "CSP", notes: { "2.15": "n" } }, 100);
  assert.deepEqual(opened, { details: { organisation: "A", site: "", assessor: "", date: "" }, notes: { "2.15": "n" } });
});
