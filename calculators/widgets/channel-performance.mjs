// @ts-check
// Channel performance, 4.3 and 4.4: each metric type (service, quality, sales, efficiency) is
// scored like 4.1 and gets an equal share of the item's points. The types, which of them are
// optional, and the counts' labels come from the catalog.

import { pick } from "../i18n.mjs";
import {
  Calculator, EDITIONS, editionOptions, fmt, h, scrollingTable, itemLabel, itemNotes, itemsOf, late, metricTypes, oneOf, pct, record,
  scoringFields, setOptions, shown, stat, stats, texts,
} from "../kit.mjs";
import STRINGS from "./channel-performance.strings.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").State} State
 * @typedef {Record<string, string[]>} Types the counts typed per metric type, in COUNTS' order
 */

const SCORING = "channel-performance";
/** the counts of one metric type, as the core names them */
export const COUNTS = scoringFields(SCORING).map((f) => f.name);

/**
 * The typed counts of every metric type, from untrusted state.
 * @param {unknown} raw
 * @returns {Types}
 */
export function sanitizeTypes(raw) {
  const given = record(raw);
  /** @type {Types} */
  const types = {};
  for (const type of metricTypes()) types[type.id] = texts(given[type.id], COUNTS.length);
  return types;
}

/**
 * The operation's "types": {service: {achieved, improving, total}, ...}.
 * @param {Types} types
 * @returns {Record<string, Record<string, string>>}
 */
export function typesInput(types) {
  /** @type {Record<string, Record<string, string>>} */
  const out = {};
  for (const [type, counts] of Object.entries(types)) {
    out[type] = Object.fromEntries(COUNTS.map((key, i) => [key, counts[i] ?? ""]));
  }
  return out;
}

/**
 * typesInput's inverse (a type the input leaves out stays blank).
 * @param {unknown} input
 * @returns {Types}
 */
export function typesFromInput(input) {
  const given = record(input);
  /** @type {Record<string, unknown[]>} */
  const lists = {};
  for (const [type, counts] of Object.entries(given)) lists[type] = COUNTS.map((key) => record(counts)[key]);
  return sanitizeTypes(lists);
}

export default class ChannelPerformance extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "channel-performance", lang, strings: [STRINGS] });
    /** @type {{wrap: HTMLElement, input: HTMLSelectElement}} */
    this.edition = late();
    /** @type {{wrap: HTMLElement, input: HTMLSelectElement}} */
    this.item = late();
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return { edition: EDITIONS[0], item: itemsOf(EDITIONS[0], SCORING)[0].number, types: sanitizeTypes({}) };
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    const edition = oneOf(raw.edition, EDITIONS, EDITIONS[0]);
    const items = itemsOf(edition, SCORING).map((i) => i.number);
    return { edition, item: oneOf(raw.item, items, items[0]), types: sanitizeTypes(raw.types) };
  }

  /**
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return this.sanitize({ edition: input.edition, item: input.item, types: typesFromInput(input.types) });
  }

  /**
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    return { edition: state.edition, item: state.item, types: typesInput(state.types) };
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t, lang } = this;
    this.edition = this.fields.select({ path: "edition", label: t("field.edition"), hint: t("field.edition.hint"),
                                        options: editionOptions(), value: EDITIONS[0] });
    this.item = this.fields.select({ path: "item", label: t("field.item"), options: [], value: "" });
    const tbody = h("tbody");
    for (const type of metricTypes()) {
      const slot = this.fields.errorSlot();
      const name = pick(type.name, lang);
      const cells = scoringFields(SCORING).map((field) => h("td", {}, this.fields.cellInput({
        path: `${type.id}.${field.name}`, label: `${name}: ${pick(field.short, lang)}`, slot: slot.id, prefix: name,
      })));
      tbody.append(
        h("tr", { dataset: { groupPath: type.id, slot: slot.id, touchScope: "", errorPrefix: name } },
          h("th", { scope: "row" }, name,
            type.optional ? h("span", { class: "copc-optional", text: ` ${t("cp.optional")}` }) : null),
          ...cells),
        h("tr", { class: "copc-error-row" }, h("td", { colspan: String(COUNTS.length + 1) }, slot)));
    }
    form.append(
      h("div", { class: "copc-row" }, this.edition.wrap, this.item.wrap),
      h("div", { class: "copc-table-wrap" },
        h("table", { class: "copc-table" },
          h("caption", { text: t("cp.typesCaption") }),
          h("thead", {}, h("tr", {},
            h("th", { scope: "col", text: t("cp.type") }),
            ...scoringFields(SCORING).map((field) => h("th", { scope: "col", text: pick(field.short, lang) })))),
          tbody)));
  }

  /**
   * @param {string} path
   * @returns {HTMLInputElement | null}
   */
  cell(path) {
    return this.form.querySelector(`input[data-path="${CSS.escape(path)}"]`);
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    this.edition.input.value = state.edition;
    const options = itemsOf(state.edition, SCORING).map((i) => ({ value: i.number, label: itemLabel(i, this.lang) }));
    setOptions(this.item.input, options, state.item);
    for (const [type, counts] of Object.entries(/** @type {Types} */ (state.types))) {
      COUNTS.forEach((key, index) => {
        const el = this.cell(`${type}.${key}`);
        if (el && el.value !== counts[index]) el.value = counts[index];
      });
    }
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    /** @type {Types} */
    const types = {};
    for (const type of metricTypes()) {
      types[type.id] = COUNTS.map((key) => {
        const el = this.cell(`${type.id}.${key}`);
        return el ? el.value : "";
      });
    }
    return { edition: this.edition.input.value, item: this.item.input.value, types };
  }

  /**
   * @param {State} state
   * @returns {string[]}
   * @override
   */
  notes(state) {
    return itemNotes(state.edition, state.item);
  }

  /**
   * @param {import("../kit/calculator.mjs").Computed} response
   * @param {State} state
   * @param {HTMLElement} body
   * @override
   */
  render(response, state, body) {
    const { t, lang } = this;
    const r = response.result;
    const names = new Map(metricTypes().map((m) => [m.id, pick(m.name, lang)]));
    const rows = Object.entries(/** @type {Record<string, any>} */ (r.by_type)).map(([type, s]) => h("tr", { dataset: { type } },
      h("th", { scope: "row", text: names.get(type) || type }),
      h("td", { class: "copc-num", text: shown(lang, s, "achieved_share", { percent: true }) }),
      h("td", { class: "copc-num", text: pct(lang, s.improving_share) }),
      h("td", { class: "copc-num copc-strong", text: pct(lang, s.percent) }),
      h("td", { class: "copc-num", text: fmt(lang, s.points) })));
    body.append(
      h("p", { class: "copc-calc__result-title", text: `${r.item} ${pick(r.name, lang)}` }),
      stats(
        stat(t("cp.itemPercent"), shown(lang, r, "percent", { percent: true }), { big: true }),
        stat(t("points.label"), t("pointsOf", { n: shown(lang, r, "points"), of: fmt(lang, r.available) }), { big: true }),
        stat(t("cp.weight"), pct(lang, r.weight * 100)),
      ),
      h("div", scrollingTable(t("cp.typesCaption")), h("table", { class: "copc-table copc-table--result" },
        h("thead", {}, h("tr", {},
          h("th", { scope: "col", text: t("cp.type") }),
          h("th", { scope: "col", text: "A" }),
          h("th", { scope: "col", text: "I" }),
          h("th", { scope: "col", text: t("cp.percent") }),
          h("th", { scope: "col", text: t("points.label") }))),
        h("tbody", {}, rows))),
      this.steps(response.steps),
    );
  }
}
