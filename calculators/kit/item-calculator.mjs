// @ts-check
// A calculator for one item of the items scored one way (item-score, performance): edition and
// item pickers plus the item's inputs, labelled as the catalog labels them.

import { pick } from "../i18n.mjs";
import { Calculator, late } from "./calculator.mjs";
import { EDITIONS, editionOptions, itemLabel, itemNotes, itemsOf, scoringFields } from "./catalog.mjs";
import { h } from "./dom.mjs";
import { fmt, shown } from "./format.mjs";
import { setOptions } from "./fields.mjs";
import { stat, stats } from "./render.mjs";
import { oneOf, str } from "./state.mjs";

/**
 * @typedef {import("./catalog.mjs").Scoring} Scoring
 * @typedef {import("./calculator.mjs").State} State
 * @typedef {{wrap: HTMLElement, input: HTMLInputElement}} TextField
 * @typedef {{wrap: HTMLElement, input: HTMLSelectElement}} SelectField
 */

export class ItemCalculator extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {{scoring: Scoring, name: string, lang: string, strings?: import("../i18n.mjs").StringTable[]}} options
   */
  constructor(root, { scoring, ...options }) {
    super(root, options);
    this.scoring = scoring;
    /** the item's inputs, as the core names them */
    this.fieldNames = scoringFields(scoring).map((f) => f.name);
    /** @type {SelectField} */
    this.edition = late();
    /** @type {SelectField} */
    this.item = late();
    /** @type {Record<string, TextField>} */
    this.inputs = {};
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    /** @type {State} */
    const state = { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], this.scoring)[0].number };
    for (const key of this.fieldNames) state[key] = "";
    return state;
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    const state = this.defaults();
    state.edition = oneOf(raw.edition, EDITIONS, EDITIONS[0]);
    const items = itemsOf(state.edition, this.scoring).map((i) => i.number);
    state.item = oneOf(raw.item, items, items[0]);
    for (const key of this.fieldNames) state[key] = str(raw[key]);
    return state;
  }

  /**
   * The operation's input is the state's own shape: {edition, item, <the item's inputs>}.
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return this.sanitize(input);
  }

  /**
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    return { ...state };
  }

  /** The edition and item pickers (this.edition, this.item). */
  buildPickers() {
    const { t } = this;
    this.edition = this.fields.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                        options: editionOptions(), value: EDITIONS[0] });
    this.item = this.fields.select({ path: "item", label: t("field.item"), options: [], value: "" });
  }

  /** The item's inputs (this.inputs), labelled from the catalog. */
  buildInputs() {
    for (const f of scoringFields(this.scoring)) {
      this.inputs[f.name] = this.fields.field({ path: f.name, label: pick(f.label, this.lang),
                                                hint: f.hint ? pick(f.hint, this.lang) : null });
    }
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    this.edition.input.value = state.edition;
    const options = itemsOf(state.edition, this.scoring).map((i) => ({ value: i.number, label: itemLabel(i, this.lang) }));
    setOptions(this.item.input, options, state.item);
    for (const key of this.fieldNames) {
      if (this.inputs[key].input.value !== state[key]) this.inputs[key].input.value = state[key];
    }
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    /** @type {State} */
    const state = { edition: this.edition.input.value, item: this.item.input.value };
    for (const key of this.fieldNames) state[key] = this.inputs[key].input.value;
    return state;
  }

  /**
   * The item's own notes in that edition (an erratum may concern it in one edition only).
   * @param {State} state
   * @returns {string[]}
   * @override
   */
  notes(state) {
    return itemNotes(state.edition, state.item);
  }

  /**
   * The item's name, its percent (labelled by `percentKey`) and its points, large.
   * @param {Record<string, any>} result
   * @param {string} percentKey
   * @returns {HTMLElement[]}
   */
  headline(result, percentKey) {
    const { t, lang } = this;
    return [
      h("p", { class: "copc-calc__result-title", text: `${result.item} ${pick(result.name, lang)}` }),
      stats(
        stat(t(percentKey), shown(lang, result, "percent", { percent: true }), { big: true }),
        stat(t("points.label"), t("pointsOf", { n: shown(lang, result, "points"), of: fmt(lang, result.available) }),
             { big: true }),
      ),
    ];
  }
}
