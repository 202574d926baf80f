// Reading a calculator's state from untrusted places (calculators/kit/state.mjs).
import assert from "node:assert/strict";
import { test } from "node:test";

import { blank, bool, filled, MAX_TEXT, oneOf, record, str, strList, texts } from "../../calculators/kit/state.mjs";

test("form text: strings (cut to a field's length) and finite numbers; anything else is the fallback", () => {
  assert.equal(str("12"), "12");
  assert.equal(str(12), "12");
  assert.equal(str(1.5), "1.5");
  assert.equal(str("x".repeat(MAX_TEXT + 50)).length, MAX_TEXT);
  for (const value of [NaN, Infinity, null, undefined, {}, [], true]) assert.equal(str(value), "");
  assert.equal(str(null, "CSP"), "CSP");
});

test("booleans, lists, choices and objects", () => {
  assert.equal(bool(true, false), true);
  assert.equal(bool("true", false), false); // text is not a boolean
  assert.deepEqual(strList(["2.6", 4, null, "4.4"]), ["2.6", "4.4"]);
  assert.deepEqual(strList("2.6"), []);
  assert.equal(oneOf("OSP", ["CSP", "OSP"], "CSP"), "OSP");
  assert.equal(oneOf("XSP", ["CSP", "OSP"], "CSP"), "CSP");
  assert.deepEqual(record([1]), {});
  assert.deepEqual(record(null), {});
  assert.deepEqual(record({ a: 1 }), { a: 1 });
  assert.deepEqual(texts(["1", 2], 3), ["1", "2", ""]);
  assert.deepEqual(texts("1", 2), ["", ""]);
});

test("blank means nothing typed, at any depth; a row is blank, complete or partial", () => {
  assert.equal(blank(""), true);
  assert.equal(blank("  "), true);
  assert.equal(blank("0"), false);
  assert.equal(blank(["", ["", " "]]), true);
  assert.equal(blank({ service: ["", ""], quality: ["", "1"] }), false);
  assert.equal(filled(["", "", ""]), "blank");
  assert.equal(filled(["2", "2", "3", "3"]), "complete");
  assert.equal(filled(["2", "", "3", "3"]), "partial");
  assert.equal(filled(["0", " ", "3"]), "partial");
});
