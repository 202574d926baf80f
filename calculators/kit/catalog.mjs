// @ts-check
// Look-ups in the core's catalog (generated/catalog.mjs, written at build time from the core's
// "catalog" operation): the forms are drawn from it before the engine has started. Items, labels,
// notes, examples and the calculators themselves all come from here; no widget keeps its own copy.

import { CATALOG } from "../generated/catalog.mjs";
import { pick } from "../i18n.mjs";

export { CATALOG };

/**
 * @typedef {import("../generated/catalog.mjs").Item} Item
 * @typedef {import("../generated/catalog.mjs").InputField} InputField
 * @typedef {import("../generated/catalog.mjs").Block} Block
 * @typedef {import("../generated/catalog.mjs").BlockMetric} BlockMetric
 * @typedef {import("../generated/catalog.mjs").Scoring} Scoring
 * @typedef {import("../generated/catalog.mjs").WorkedExample} WorkedExample
 * @typedef {import("../generated/catalog.mjs").CalculatorEntry} CalculatorEntry
 * @typedef {import("../generated/catalog.mjs").NoteRef} NoteRef
 */

export const EDITIONS = Object.keys(CATALOG.editions);

/**
 * The items of an edition (the first edition's for an unknown one), of one kind of scoring if given.
 * @param {string} edition
 * @param {Scoring} [scoring]
 * @returns {Item[]}
 */
export function itemsOf(edition, scoring) {
  const items = (CATALOG.editions[edition] || CATALOG.editions[EDITIONS[0]]).items;
  return scoring ? items.filter((i) => i.scoring === scoring) : items;
}

/**
 * @param {string} edition
 * @param {string} number
 * @returns {Item | undefined}
 */
export function findItem(edition, number) {
  return itemsOf(edition).find((i) => i.number === number);
}

/**
 * "2.15 COPC CX規格のレビュー（40点）" / "2.15 COPC CX Standard review (40 points)".
 * @param {Item} item
 * @param {string} lang
 * @returns {string}
 */
export function itemLabel(item, lang) {
  const name = pick(item.name, lang);
  return lang === "ja" ? `${item.number} ${name}（${item.points}点）` : `${item.number} ${name} (${item.points} points)`;
}

/** @returns {{value: string, label: string}[]} the editions as a select's options */
export function editionOptions() {
  return EDITIONS.map((e) => ({ value: e, label: e }));
}

/**
 * The inputs of one kind of scoring (names, labels, short labels for column heads, hints).
 * @param {Scoring} scoring
 * @returns {InputField[]}
 */
export function scoringFields(scoring) {
  return CATALOG.scorings[scoring].fields;
}

/**
 * The inputs of a form that is not an item's: "level" (months at target / measured) or "renewal".
 * @param {"level" | "renewal"} form
 * @returns {InputField[]}
 */
export function formFields(form) {
  return CATALOG.forms[form];
}

/**
 * The input named `name` among `fields`.
 * @param {InputField[]} fields
 * @param {string} name
 * @returns {InputField}
 */
export function fieldNamed(fields, name) {
  const found = fields.find((f) => f.name === name);
  if (!found) throw new Error(`the catalog names no input ${name}`);
  return found;
}

/**
 * The calculator `name` of the core's registry.
 * @param {string} name
 * @returns {CalculatorEntry}
 */
export function calculatorNamed(name) {
  const found = CATALOG.calculators.find((c) => c.name === name);
  if (!found) throw new Error(`no calculator ${name} in the core's registry`);
  return found;
}

/** @returns {string[]} every registered calculator's name */
export function calculatorNames() {
  return CATALOG.calculators.map((c) => c.name);
}

/**
 * The worked examples that calculator `name` loads, in the catalog's order.
 * @param {string} name
 * @returns {WorkedExample[]}
 */
export function examplesOf(name) {
  return CATALOG.examples.filter((e) => e.calculator === name);
}

/**
 * @param {string} id
 * @returns {WorkedExample | undefined}
 */
export function exampleNamed(id) {
  return CATALOG.examples.find((e) => e.id === id);
}

/** @returns {import("../generated/catalog.mjs").MetricType[]} */
export function metricTypes() {
  return CATALOG.metric_types;
}

/**
 * The blocks of process certification open to an edition.
 * @param {string} edition
 * @returns {Block[]}
 */
export function blocksFor(edition) {
  return CATALOG.blocks.filter((b) => b.editions.includes(edition));
}

/**
 * @param {string} id
 * @returns {Block | undefined}
 */
export function blockNamed(id) {
  return CATALOG.blocks.find((b) => b.id === id);
}

// --- which errata and interpretations concern what -------------------------------------------

/**
 * The notes of one item in one edition (an erratum may concern an item in one edition only).
 * @param {string} edition
 * @param {string} number
 * @returns {NoteRef[]}
 */
export function itemNotes(edition, number) {
  const item = findItem(edition, number);
  return item ? item.notes : [];
}

/**
 * @param {Scoring} scoring
 * @returns {NoteRef[]}
 */
export function scoringNotes(scoring) {
  return CATALOG.scorings[scoring].notes;
}

/**
 * @param {string} id
 * @returns {NoteRef[]}
 */
export function blockNotes(id) {
  const block = blockNamed(id);
  return block ? block.notes : [];
}

/**
 * The notes of a topic ("decision", "renewal", "applicable-points", "level-rule", ...).
 * @param {string} topic
 * @returns {NoteRef[]}
 */
export function topicNotes(topic) {
  return CATALOG.topics[topic] || [];
}

/**
 * Several lists of notes as one, each note once, in the order first met.
 * @param {...NoteRef[]} lists
 * @returns {NoteRef[]}
 */
export function joinNotes(...lists) {
  return [...new Set(lists.flat())];
}
