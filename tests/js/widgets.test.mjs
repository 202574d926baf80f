// The widgets' state, without drawing anything: each worked example of the catalog becomes a form
// state (stateFromInput) whose input() is the example's input again, sanitising a state keeps it
// as it is, and the self-assessment holds back the rows still being filled in.
import assert from "node:assert/strict";
import { test } from "node:test";

import { load } from "./calculators-copy.mjs";

const { CATALOG } = await load("generated/catalog.mjs");
const { WIDGETS } = await load("generated/widgets.mjs");
const { translator } = await load("i18n.mjs");
const { itemFilled } = await load("widgets/self-assessment.mjs");

/**
 * Whether `actual` holds everything `expected` holds (more keys are fine: the form also sends its
 * blank optional fields and the scope's defaults).
 * @param {unknown} expected
 * @param {unknown} actual
 * @param {string} where
 */
function assertHolds(expected, actual, where) {
  if (expected && typeof expected === "object" && !Array.isArray(expected)) {
    assert.ok(actual && typeof actual === "object", `${where}: not an object`);
    for (const [key, value] of Object.entries(expected)) assertHolds(value, /** @type {any} */ (actual)[key], `${where}.${key}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: not a list`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((value, i) => assertHolds(value, actual[i], `${where}[${i}]`));
  } else {
    assert.equal(actual, expected, where);
  }
}

/** @param {string} name */
function widget(name, lang = "ja") {
  const Widget = WIDGETS[name];
  assert.ok(Widget, `no widget for ${name}`);
  return new Widget(/** @type {any} */ (document.createElement("div")), lang);
}

test("every worked example becomes a form state whose input is the example's input", () => {
  const tried = new Set();
  for (const example of CATALOG.examples) {
    if (!WIDGETS[example.calculator]) continue; // a calculator whose widget is still to come
    const calculator = widget(example.calculator);
    const state = calculator.stateFromInput(example.input);
    assertHolds(example.input, calculator.input(state), example.id);
    // a state read back from storage or a link is the same state
    assert.deepEqual(calculator.sanitize(JSON.parse(JSON.stringify(state))), state, example.id);
    tried.add(example.calculator);
  }
  assert.deepEqual([...tried].sort(), Object.keys(WIDGETS).sort());
});

test("the example buttons are the catalog's examples, titled in the page's language", () => {
  for (const lang of ["ja", "en"]) {
    const calculator = widget("performance", lang);
    const examples = CATALOG.examples.filter((/** @type {any} */ e) => e.calculator === "performance");
    assert.deepEqual(calculator.examples().map((/** @type {any} */ e) => [e.id, e.label]),
                     examples.map((/** @type {any} */ e) => [e.id, e.title[lang]]));
  }
});

test("untrusted state is read field by field, never trusted as it is", () => {
  const calculator = widget("item-score");
  const state = calculator.sanitize({ edition: "XSP", item: "9.9", met: 2, applicable: { x: 1 }, extra: "z" });
  assert.deepEqual(state, { ...calculator.defaults(), met: "2" });
  const process = widget("process-certification");
  const sites = process.sanitize({ sites: [{ name: "A", m: { "workforce.backlog": ["9", 12, 5] } }, null, 3] }).sites;
  assert.deepEqual(sites, [{ name: "A", m: { "workforce.backlog": ["9", "12"] } }]);
});

test("the self-assessment holds back a row being filled in, and lists it", () => {
  const example = CATALOG.examples.find((/** @type {any} */ e) => e.calculator === "self-assessment");
  const calculator = widget("self-assessment");
  const state = calculator.stateFromInput(example.input);
  state.items["2.8"][1] = ""; // one cell of 2.8 emptied
  assert.deepEqual(calculator.waitingItems(state), ["2.8"]);
  assert.ok(!("2.8" in calculator.requestInput(state).items));
  assert.ok("2.8" in calculator.input(state).items); // what was typed is kept, sent once complete
  assert.ok("2.9" in calculator.requestInput(state).items);
  const [notice] = calculator.notices(state);
  assert.equal(notice.field, "items.2.8.applicable");
});

test("an item by metric type is complete when every type it needs is, an optional one blank or whole", () => {
  const optional = new Set(["sales"]);
  const whole = { service: ["1", "0", "2"], quality: ["1", "0", "2"], sales: ["", "", ""], efficiency: ["1", "1", "3"] };
  assert.equal(itemFilled(whole, optional), "complete");
  assert.equal(itemFilled({ ...whole, sales: ["1", "", ""] }, optional), "partial");
  assert.equal(itemFilled({ ...whole, quality: ["", "", ""] }, optional), "partial");
  assert.equal(itemFilled({ service: ["", "", ""], sales: ["", "", ""] }, optional), "blank");
  assert.equal(itemFilled(["2", "2", "", ""], optional), "partial");
});

test("a widget's strings come before the shared ones; English falls back to Japanese; placeholders fill", () => {
  const widgetStrings = { ja: { "x.only": "{n} 件", "x.both": "日本語だけ" }, en: { "x.only": "{n} items" } };
  const en = translator("en", widgetStrings);
  assert.equal(en("x.only", { n: 3 }), "3 items");
  assert.equal(en("x.both"), "日本語だけ");
  assert.equal(en("btn.clear"), "Clear inputs");
  assert.equal(translator("ja")("pointsOf", { n: "20", of: "40" }), "20 / 40 点");
  assert.equal(en("no.such.key"), "no.such.key");
});
