// @ts-check
// Self-assessment: every applicable item in one form, totals by category with a bar chart, the
// share of applicable points, what is missing, and the certification decision.
//
// A row the reader has started but not finished waits: it is left out of the request (so the
// decision for the complete rows still shows, with the waiting ones listed as unscored) and it is
// flagged only once the reader leaves it.
//
// The metrics table's hand-over brings the table along (state.metrics): it is shown above the items,
// saved in the assessment file and the workbook's metrics sheet, and an opened file's table comes
// back with it; the core counts 4.1-4.6 from it when it writes or reads the file.
//
// The certification timeline comes the same way (state.timeline: the timeline calculator's hand-over,
// an opened file's): shown above the items, saved in the file and the workbook's timeline sheet, and
// given to the report, which lists its dates.

import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, calculatorNamed, filled, fmt, h, scrollingTable, itemNotes, itemsOf, joinNotes, metricTypes, record,
  scoringFields, shown, stat, stats, str, subheading, svg, topicNotes, verdict,
} from "../kit.mjs";
import { fileFields, fileStateFrom, sanitizeFileState } from "../kit/file-data.mjs";
import { FileTools, MAX_FILE_BYTES, MAX_NOTE, MAX_WORKBOOK_BYTES } from "../kit/files.mjs";
import { shareLink } from "../kit/links.mjs";
import { attachedInput, attachedTable, pageAddress } from "./metrics-table-model.mjs";
import { COUNTS, sanitizeTypes, typesFromInput, typesInput } from "./channel-performance.mjs";
import { attachedTimeline, timelineState } from "./timeline-attached.mjs";
import { fmtDay } from "./timeline-chart.mjs";
import { SCOPE_STRINGS, ScopeSection, excludedItems, sanitizeScope, scopeDefaults, scopeFromInput, scopeInput } from "./scope.mjs";
import FILE_STRINGS from "./files.strings.mjs";
import { selfAssessmentPlanAndReport } from "./self-assessment-plan.mjs";
import STRINGS from "./self-assessment.strings.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").State} State
 * @typedef {import("../kit/catalog.mjs").Item} Item
 * @typedef {import("../kit/catalog.mjs").Scoring} Scoring
 * @typedef {string[] | Record<string, string[]>} ItemValue an item's typed counts: a list, or one per metric type
 */

/**
 * The inputs of each kind of item, in the order of the form's cells (the core's field names).
 * @param {Scoring} scoring
 * @returns {string[]}
 */
function fieldsOf(scoring) {
  return scoringFields(scoring).map((f) => f.name);
}

/**
 * How far an item's row is filled in. An item scored by metric type (4.3, 4.4) is complete when
 * every type it needs is, and an optional type is either complete or left blank.
 * @param {ItemValue} value
 * @param {Set<string>} optionalTypes
 * @returns {"blank" | "complete" | "partial"}
 */
export function itemFilled(value, optionalTypes) {
  if (Array.isArray(value)) return filled(value);
  const rows = Object.entries(value).map(([type, counts]) => ({ type, state: filled(counts) }));
  if (rows.every((r) => r.state === "blank")) return "blank";
  const complete = rows.every((r) => r.state === "complete" || (r.state === "blank" && optionalTypes.has(r.type)));
  return complete ? "complete" : "partial";
}

const OPTIONAL_TYPES = new Set(metricTypes().filter((t) => t.optional).map((t) => t.id));
// the site's root: this module is served from <root>/assets/calculators/widgets/
const SITE_ROOT = new URL("../../../", import.meta.url).href;

export default class SelfAssessment extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "self-assessment", lang, strings: [STRINGS, SCOPE_STRINGS, FILE_STRINGS] });
    this.scope = new ScopeSection(this);
    this.files = this.fileTools();
    /** @type {Record<string, ItemValue>} */
    this.values = {};
    /** @type {import("./metrics-table-model.mjs").Attached | null} the metrics table handed over or opened */
    this.metrics = null;
    this.metricsEl = h("div", { class: "copc-sa-metrics", hidden: true });
    /** @type {import("./timeline-attached.mjs").Plan | null} the certification timeline handed over or opened */
    this.timeline = null;
    this.timelineEl = h("div", { class: "copc-sa-timeline", hidden: true });
    this.itemsEl = h("div", { class: "copc-sa-items" });
    /** @type {Map<string, Item>} the items shown in the form */
    this.rowItems = new Map();
    /** @type {Map<string, HTMLElement>} */
    this.resultCells = new Map();
    /** @type {string | null} */
    this.tablesKey = null;
    this.planReport = selfAssessmentPlanAndReport(this);
  }

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return { ...scopeDefaults(), items: {}, ...sanitizeFileState({}, MAX_NOTE), metrics: null, timeline: null };
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    /** @type {Record<string, ItemValue>} */
    const items = {};
    const known = new Map([...itemsOf("CSP"), ...itemsOf("OSP")].map((i) => [i.number, i.scoring]));
    for (const [number, value] of Object.entries(record(raw.items))) {
      const scoring = known.get(number);
      if (!scoring) continue;
      if (scoring === "channel-performance") items[number] = sanitizeTypes(value);
      else items[number] = fieldsOf(scoring).map((_, i) => str(Array.isArray(value) ? value[i] : ""));
    }
    return { ...sanitizeScope(raw), items, ...sanitizeFileState(raw, MAX_NOTE), metrics: attachedTable(raw.metrics),
             timeline: attachedTimeline(raw.timeline) };
  }

  /**
   * Save and open the assessment as a file (copc_cx.files: the JSON assessment file, the workbook).
   * @returns {FileTools}
   */
  fileTools() {
    return new FileTools(this, {
      json: { read: "assessment-file-read", write: "assessment-file-write", maxBytes: MAX_FILE_BYTES },
      workbook: { read: "workbook-read", write: "workbook-write", maxBytes: MAX_WORKBOOK_BYTES },
      fields: (state) => {
        const clean = this.sanitize(state);
        return { ...this.input(clean), ...fileFields(clean, itemsOf(sanitizeScope(clean).edition).map((i) => i.number)),
                 ...(clean.metrics ? { metrics: attachedInput(clean.metrics) } : {}),
                 ...(clean.timeline ? { timeline: clean.timeline } : {}) };
      },
      state: (result) => this.sanitize({ ...this.stateFromInput({ ...result.input, metrics: result.assessment.metrics,
                                                                  timeline: result.assessment.timeline }),
                                         ...fileStateFrom(result.assessment, MAX_NOTE) }),
    });
  }

  /**
   * The state for an operation's input; a metrics table and a timeline beside it (`metrics`,
   * `timeline`: a hand-over's, a file's) come along, though the operation itself reads neither.
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    /** @type {Record<string, ItemValue>} */
    const items = {};
    const scope = scopeFromInput(input);
    for (const [number, value] of Object.entries(record(input.items))) {
      const item = itemsOf(scope.edition).find((i) => i.number === number);
      if (!item) continue;
      const given = record(value);
      items[number] = item.scoring === "channel-performance" ? typesFromInput(given.types)
        : fieldsOf(item.scoring).map((field) => str(given[field]));
    }
    return this.sanitize({ ...scope, items, metrics: input.metrics, timeline: input.timeline });
  }

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t } = this;
    this.files.mount();
    form.append(
      this.files.detailsSection(),
      h("fieldset", { class: "copc-group copc-group--plain" }, h("legend", { text: t("sa.scope") }), this.scope.build()),
      this.metricsEl,
      this.timelineEl,
      h("fieldset", { class: "copc-group copc-group--plain" }, h("legend", { text: t("sa.items") }),
        h("p", { class: "copc-field__hint", text: t("sa.items.hint") }), this.itemsEl));
  }

  // --- the metrics table that came with the assessment ---

  /**
   * Say which metrics table the assessment carries, with a way to open it in the metrics table's
   * calculator and one to take it off (kept for a restore, as a cleared form is).
   * @param {import("./metrics-table-model.mjs").Attached | null} table
   * @param {string} edition
   */
  showMetrics(table, edition) {
    const { t } = this;
    const key = table ? JSON.stringify([edition, table]) : "";
    if (key === this.metricsEl.dataset.key) return;
    this.metricsEl.dataset.key = key;
    this.metricsEl.hidden = !table;
    if (!table) {
      this.metricsEl.replaceChildren();
      delete this.metricsEl.dataset.metrics;
      return;
    }
    this.metricsEl.dataset.metrics = String(table.rows.length);
    const months = table.months.length ? t("sa.metrics.months", { from: table.months[0], to: table.months[table.months.length - 1] }) : "";
    const state = { edition, improvement: table.improvement, level_reading: table.level_reading, block: table.block,
                    months: table.months, rows: table.rows };
    const href = shareLink(pageAddress(SITE_ROOT, this.lang, calculatorNamed("metrics-table").page), "metrics-table", state);
    this.metricsEl.replaceChildren(h("fieldset", { class: "copc-group copc-group--plain" },
      h("legend", { text: t("sa.metrics") }),
      h("p", { class: "copc-sa-metrics__summary", text: t("sa.metrics.summary", { n: table.rows.length, months }) }),
      h("p", { class: "copc-field__hint", text: t("sa.metrics.hint") }),
      h("div", { class: "copc-sa-metrics__actions" },
        h("a", { class: "md-button copc-sa-metrics__open", href, text: t("sa.metrics.open") }),
        h("button", { type: "button", class: "md-button copc-sa-metrics__detach", text: t("sa.metrics.detach"),
                      on: { click: () => this.load({ ...this.collect(), metrics: null }, "detached") } }))));
  }

  // --- the certification timeline that came with the assessment ---

  /**
   * Say which timeline the assessment carries (start, path, target audit), with a way to open it in
   * the timeline calculator and one to take it off (kept for a restore, as a cleared form is).
   * @param {import("./timeline-attached.mjs").Plan | null} plan
   */
  showTimeline(plan) {
    const { t, lang } = this;
    const key = plan ? JSON.stringify(plan) : "";
    if (key === this.timelineEl.dataset.key) return;
    this.timelineEl.dataset.key = key;
    this.timelineEl.hidden = !plan;
    for (const field of ["start", "path", "audit"]) delete this.timelineEl.dataset[field];
    if (!plan) {
      this.timelineEl.replaceChildren();
      return;
    }
    /** @param {unknown} value */
    const day = (value) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())
      ? fmtDay(value.trim(), lang) : String(value));
    /** @param {unknown} value */
    const given = (value) => value !== undefined && String(value).trim() !== "";
    const path = given(plan.path) ? String(plan.path) : "full";
    const pathName = CATALOG.timeline.paths.find((/** @type {any} */ p) => p.id === path);
    const block = path === "process" && given(plan.block)
      ? CATALOG.blocks.find((/** @type {any} */ b) => b.id === plan.block) : null;
    const facts = [];
    if (plan.direction !== "backward" && given(plan.start)) facts.push(t("sa.timeline.start", { date: day(plan.start) }));
    facts.push(t("sa.timeline.path", { path: `${pathName ? pick(pathName.name, lang) : path}${
      block ? ` (${pick(block.name, lang)})` : ""}` }));
    if (given(plan.audit)) facts.push(t("sa.timeline.audit", { date: day(plan.audit) }));
    if (given(plan.start)) this.timelineEl.dataset.start = String(plan.start);
    if (given(plan.audit)) this.timelineEl.dataset.audit = String(plan.audit);
    this.timelineEl.dataset.path = path;
    const href = shareLink(pageAddress(SITE_ROOT, lang, calculatorNamed("timeline").page), "timeline", timelineState(plan));
    this.timelineEl.replaceChildren(h("fieldset", { class: "copc-group copc-group--plain" },
      h("legend", { text: t("sa.timeline") }),
      h("p", { class: "copc-sa-timeline__summary",
               text: t("sa.timeline.summary", { facts: facts.join(lang === "ja" ? "、" : "; ") }) }),
      h("p", { class: "copc-field__hint", text: t("sa.timeline.hint") }),
      h("div", { class: "copc-sa-metrics__actions" },
        h("a", { class: "md-button copc-sa-timeline__open", href, text: t("sa.timeline.open") }),
        h("button", { type: "button", class: "md-button copc-sa-timeline__detach", text: t("sa.timeline.detach"),
                      on: { click: () => this.load({ ...this.collect(), timeline: null }, "detachedTimeline") } }))));
  }

  // --- the item tables ---

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    const scope = sanitizeScope(state);
    this.files.apply(state); // before the tables: their note fields take their text from it
    this.scope.apply(scope);
    this.metrics = state.metrics || null;
    this.showMetrics(this.metrics, scope.edition);
    this.timeline = state.timeline || null;
    this.showTimeline(this.timeline);
    this.values = structuredClone(state.items);
    const excluded = excludedItems(scope);
    const key = `${scope.edition}|${excluded.join(",")}`;
    if (key !== this.tablesKey) {
      this.tablesKey = key;
      this.buildTables(scope.edition, new Set(excluded));
    } else {
      for (const el of this.itemsEl.querySelectorAll("input[data-path]")) {
        const input = /** @type {HTMLInputElement} */ (el);
        const value = this.valueAt(input.dataset.path || "");
        if (input.value !== value) input.value = value;
      }
    }
  }

  /**
   * The typed value for a cell's path: "items.<number>.<field>" or "items.<number>.<type>.<field>".
   * @param {string} path
   * @returns {string}
   */
  valueAt(path) {
    const rest = path.slice("items.".length);
    for (const [number, value] of Object.entries(this.values)) {
      if (!rest.startsWith(`${number}.`)) continue;
      const tail = rest.slice(number.length + 1).split(".");
      if (tail.length === 2 && !Array.isArray(value) && value[tail[0]]) return value[tail[0]][COUNTS.indexOf(tail[1])] ?? "";
      if (tail.length === 1 && Array.isArray(value)) {
        const item = this.rowItems.get(number);
        return item ? value[fieldsOf(item.scoring).indexOf(tail[0])] ?? "" : "";
      }
    }
    return "";
  }

  /**
   * @param {string} edition
   * @param {Set<string>} excluded
   */
  buildTables(edition, excluded) {
    const { t, lang } = this;
    const items = itemsOf(edition).filter((i) => !excluded.has(i.number));
    this.rowItems = new Map(items.map((i) => [i.number, i]));
    this.resultCells = new Map();
    /** @param {Scoring} scoring */
    const heads = (scoring) => [t("sa.item"), ...scoringFields(scoring).map((f) => pick(f.short, lang)), t("sa.result")];
    /** @type {[Scoring, string | null][]} each kind of item's table, in the form's order, and its caption */
    const kinds = [["approach-deployment", null], ["performance", t("sa.cat4.perf")],
                   ["channel-performance", t("sa.cat4.channel")], ["rule-50-75", t("sa.cat4.rule")]];
    const sections = [];
    for (const category of CATALOG.categories) {
      const inCategory = items.filter((i) => i.category === category.number);
      if (!inCategory.length) continue;
      const tables = [];
      for (const [scoring, caption] of kinds) {
        const ofKind = inCategory.filter((i) => i.scoring === scoring);
        if (!ofKind.length) continue;
        const bodies = ofKind.map((item) => (scoring === "channel-performance" ? this.channelRows(item) : this.row(item)));
        tables.push(this.table(heads(scoring), bodies, caption));
      }
      sections.push(h("section", { class: "copc-sa-category", dataset: { category: category.number } },
        subheading(`${category.number} ${pick(category.name, lang)}`), ...tables));
    }
    this.itemsEl.replaceChildren(...sections);
  }

  /**
   * @param {string[]} headers
   * @param {HTMLElement[]} bodies
   * @param {string | null} caption
   * @returns {HTMLElement}
   */
  table(headers, bodies, caption) {
    return h("div", { class: "copc-table-wrap" }, h("table", { class: "copc-table copc-table--compact" },
      caption ? h("caption", { text: caption }) : null,
      h("thead", {}, h("tr", {}, headers.map((text) => h("th", { scope: "col", text })))),
      bodies));
  }

  /**
   * @param {Item} item
   * @returns {HTMLElement}
   */
  itemHeader(item) {
    return h("th", { scope: "row", class: "copc-item-head" },
      h("span", { class: "copc-item-number", text: item.number }), " ",
      h("span", { class: "copc-item-name", text: pick(item.name, this.lang) }), " ",
      h("span", { class: "copc-muted", text: `(${item.points})` }), this.files.noteField(item.number));
  }

  /**
   * The cell that shows an item's result: its %, its points and, for 1.0-3.0, its approach.
   * @param {Item} item
   * @returns {HTMLElement}
   */
  resultTd(item) {
    const cell = h("td", { class: "copc-num copc-out", dataset: { result: item.number } });
    this.resultCells.set(item.number, cell);
    return cell;
  }

  /**
   * One row: an item of categories 1.0-3.0, or 4.1/4.2/4.5/4.6.
   * @param {Item} item
   * @returns {HTMLElement}
   */
  row(item) {
    const { lang } = this;
    const slot = this.fields.errorSlot();
    const label = `${item.number} ${pick(item.name, lang)}`;
    const fields = scoringFields(item.scoring);
    const value = this.values[item.number];
    const values = Array.isArray(value) ? value : [];
    const inputs = fields.map((field, index) => h("td", {}, this.fields.cellInput({
      path: `items.${item.number}.${field.name}`, label: `${label}: ${pick(field.short, lang)}`,
      value: values[index] || "", slot: slot.id, prefix: item.number,
    })));
    return h("tbody", { dataset: { touchScope: "", item: item.number } },
      h("tr", { dataset: { groupPath: `items.${item.number}`, slot: slot.id, errorPrefix: item.number } },
        this.itemHeader(item), ...inputs, this.resultTd(item)),
      h("tr", { class: "copc-error-row" }, h("td", { colspan: String(fields.length + 2) }, slot)));
  }

  /**
   * An item of 4.3/4.4: a head row with its result, then one row per metric type.
   * @param {Item} item
   * @returns {HTMLElement}
   */
  channelRows(item) {
    const { t, lang } = this;
    const itemSlot = this.fields.errorSlot();
    const fields = scoringFields("channel-performance");
    const value = this.values[item.number];
    const values = value && !Array.isArray(value) ? value : {};
    const tbody = h("tbody", { dataset: { touchScope: "", item: item.number } },
      h("tr", { class: "copc-item-row", dataset: { groupPath: `items.${item.number}`, slot: itemSlot.id,
                                                   errorPrefix: item.number } },
        this.itemHeader(item), h("td", { colspan: String(fields.length) }), this.resultTd(item)),
      h("tr", { class: "copc-error-row" }, h("td", { colspan: String(fields.length + 2) }, itemSlot)));
    for (const type of metricTypes()) {
      const slot = this.fields.errorSlot();
      const name = pick(type.name, lang);
      const label = `${item.number} ${name}`;
      const counts = values[type.id] || [];
      tbody.append(
        h("tr", { class: "copc-type-row", dataset: { groupPath: `items.${item.number}.${type.id}`, slot: slot.id,
                                                      errorPrefix: label } },
          h("th", { scope: "row", class: "copc-type-head" }, name,
            type.optional ? h("span", { class: "copc-optional", text: ` ${t("sa.optional")}` }) : null),
          ...fields.map((field, index) => h("td", {}, this.fields.cellInput({
            path: `items.${item.number}.${type.id}.${field.name}`, label: `${label}: ${pick(field.short, lang)}`,
            value: counts[index] || "", slot: slot.id, prefix: label,
          }))),
          h("td")),
        h("tr", { class: "copc-error-row" }, h("td", { colspan: String(fields.length + 2) }, slot)));
    }
    return tbody;
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    /** @type {Record<string, ItemValue>} */
    const items = structuredClone(this.values);
    for (const [number, item] of this.rowItems) {
      if (item.scoring === "channel-performance") {
        /** @type {Record<string, string[]>} */
        const types = {};
        for (const type of metricTypes()) {
          types[type.id] = COUNTS.map((key) => this.inputValue(`items.${number}.${type.id}.${key}`));
        }
        items[number] = types;
      } else {
        items[number] = fieldsOf(item.scoring).map((field) => this.inputValue(`items.${number}.${field}`));
      }
    }
    for (const [number, value] of Object.entries(items)) if (itemFilled(value, new Set()) === "blank") delete items[number];
    this.values = structuredClone(items);
    return { ...this.scope.collect(), items, ...this.files.collect(), metrics: this.metrics, timeline: this.timeline };
  }

  /**
   * @param {string} path
   * @returns {string}
   */
  inputValue(path) {
    const el = /** @type {HTMLInputElement | null} */ (this.itemsEl.querySelector(`[data-path="${CSS.escape(path)}"]`));
    return el ? el.value : "";
  }

  /**
   * Every item typed into the form, as the operation reads it (rows still being filled in too).
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    return this.inputOf(state, () => true);
  }

  /**
   * The request leaves out the rows still being filled in: they wait, unscored.
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  requestInput(state) {
    const waiting = new Set(this.waitingItems(state));
    return this.inputOf(state, (number) => !waiting.has(number));
  }

  /**
   * @param {State} state
   * @param {(number: string) => boolean} include
   * @returns {Record<string, any>}
   */
  inputOf(state, include) {
    /** @type {Record<string, any>} */
    const items = {};
    const scope = sanitizeScope(state);
    const excluded = new Set(excludedItems(scope));
    for (const item of itemsOf(scope.edition)) {
      const value = state.items[item.number];
      if (!value || excluded.has(item.number) || !include(item.number)) continue;
      if (item.scoring === "channel-performance") items[item.number] = { types: typesInput(value) };
      else items[item.number] = Object.fromEntries(fieldsOf(item.scoring).map((field, i) => [field, value[i] ?? ""]));
    }
    return { ...scopeInput(scope), items };
  }

  /**
   * The items in scope whose rows are started but not complete, in the form's order.
   * @param {State} state
   * @returns {string[]}
   */
  waitingItems(state) {
    const scope = sanitizeScope(state);
    const excluded = new Set(excludedItems(scope));
    return itemsOf(scope.edition).filter((item) => !excluded.has(item.number) && state.items[item.number]
      && itemFilled(state.items[item.number], OPTIONAL_TYPES) === "partial").map((item) => item.number);
  }

  /**
   * A row left unfinished says so, at its first blank cell (shown once the reader leaves the row).
   * @param {State} state
   * @returns {import("../kit/calculator.mjs").LocalError[]}
   * @override
   */
  notices(state) {
    const items = new Map(itemsOf(sanitizeScope(state).edition).map((i) => [i.number, i]));
    return this.waitingItems(state).map((number) => {
      const value = state.items[number];
      /** @type {string} */
      let field = `items.${number}`;
      if (Array.isArray(value)) {
        const item = items.get(number);
        const blankAt = value.findIndex((cell) => cell.trim() === "");
        if (item && blankAt >= 0) field = `items.${number}.${fieldsOf(item.scoring)[blankAt]}`;
      } else {
        for (const type of metricTypes()) {
          const counts = /** @type {string[]} */ (value[type.id] || []);
          const row = filled(counts);
          if (row === "partial" || (row === "blank" && !type.optional)) {
            field = `items.${number}.${type.id}.${COUNTS[counts.findIndex((cell) => cell.trim() === "")] || COUNTS[0]}`;
            break;
          }
        }
      }
      return { field, message: this.t("sa.incompleteRow") };
    });
  }

  /**
   * The decision's notes and those of every item in scope.
   * @param {State} state
   * @returns {string[]}
   * @override
   */
  notes(state) {
    const scope = sanitizeScope(state);
    const excluded = new Set(excludedItems(scope));
    const items = itemsOf(scope.edition).filter((i) => !excluded.has(i.number));
    return joinNotes(topicNotes("decision"), ...items.map((i) => itemNotes(scope.edition, i.number)));
  }

  // --- results ---

  /** @override */
  cleared() {
    for (const cell of this.resultCells.values()) cell.replaceChildren();
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
    const scored = new Map(r.items.map((/** @type {any} */ i) => [i.item, i]));
    for (const [number, cell] of this.resultCells) {
      const s = scored.get(number);
      if (!s) {
        cell.replaceChildren(h("span", { class: "copc-muted", text: t("sa.unscored") }));
        continue;
      }
      cell.replaceChildren(
        h("span", { class: "copc-out__percent", text: shown(lang, s, "percent", { percent: true }) }),
        h("span", { class: "copc-out__points", text: `${shown(lang, s, "points")} / ${fmt(lang, s.available)}` }));
      if (s.approach !== null && s.approach !== undefined) {
        cell.append(h("span", { class: "copc-out__approach",
                                text: `${t("sa.approach")} ${shown(lang, s, "approach", { percent: true })}` }));
      }
    }

    const waiting = this.waitingItems(state);
    const decision = h("div", { class: `copc-decision copc-decision--${r.certified ? "ok" : "no"}` },
      subheading(t("sa.decision")),
      verdict(r.certified, t(r.certified ? "sa.certified" : "sa.pending")),
      r.certified ? null : h("p", { class: "copc-muted copc-sa-pending", text: t("sa.pendingNote") }),
      h("ul", { class: "copc-conditions", "aria-label": t("sa.conditions") }, r.conditions.map((/** @type {any} */ c) =>
        h("li", { class: `copc-condition copc-condition--${c.met ? "ok" : "no"}`, dataset: { condition: c.id, met: String(c.met) } },
          h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: c.met ? "✓" : "✗" }),
          h("span", { class: "copc-condition__text" },
            h("strong", { text: `${pick(c.text, lang)}: ${t(c.met ? "met" : "notMet")}` }),
            h("span", { class: "copc-condition__detail", text: pick(c.detail, lang) }))))),
      waiting.length ? h("p", { class: "copc-sa-waiting", dataset: { items: waiting.join(" ") },
                                text: t("sa.incomplete", { list: waiting.join(lang === "ja" ? "、" : ", ") }) }) : null);
    decision.dataset.certified = String(r.certified);

    const totals = stats(
      stat(t("sa.earned"), t("pointsOf", { n: shown(lang, r, "earned"), of: fmt(lang, r.scope.applicable) }), { big: true }),
      stat(t("sa.percent"), shown(lang, r, "percent_of_applicable", { percent: true }), { big: true }),
      stat(t("sa.missing"), r.points_missing > 0 ? t("points", { n: shown(lang, r, "points_missing") }) : t("sa.missingNone"),
           { kind: r.points_missing > 0 ? "warn" : "ok" }),
      stat(t("scope.required"), shown(lang, r, "required", { digits: 4 })),
    );

    const categories = r.categories.filter((/** @type {any} */ c) => c.available > 0);
    const categoryTable = h("div", scrollingTable(t("sa.totals")), h("table", { class: "copc-table copc-table--result" },
      h("caption", { text: t("sa.totals") }),
      h("thead", {}, h("tr", {},
        h("th", { scope: "col", text: t("sa.category") }),
        h("th", { scope: "col", text: t("sa.earned") }),
        h("th", { scope: "col", text: t("sa.available") }))),
      h("tbody", {}, categories.map((/** @type {any} */ c) => h("tr", { dataset: { category: c.number } },
        h("th", { scope: "row", text: `${c.number} ${pick(c.name, lang)}` }),
        h("td", { class: "copc-num", text: shown(lang, c, "earned") }),
        h("td", { class: "copc-num", text: fmt(lang, c.available) })))),
      h("tfoot", {}, h("tr", {},
        h("th", { scope: "row", text: t("sa.total") }),
        h("td", { class: "copc-num copc-strong", text: shown(lang, r, "earned") }),
        h("td", { class: "copc-num", text: fmt(lang, r.scope.applicable) })))));

    const losses = r.biggest_losses.length
      ? h("ol", { class: "copc-list copc-losses" }, r.biggest_losses.map((/** @type {any} */ l) => h("li", { dataset: { item: l.item } },
        h("span", { text: `${l.item} ${pick(l.name, lang)} ` }),
        h("strong", { text: t("sa.lost", { n: fmt(lang, l.lost) }) }))))
      : h("p", { class: "copc-muted", text: t("sa.lossesNone") });

    body.append(
      decision,
      totals,
      h("div", { class: "copc-sa-totals" }, this.chart(categories), categoryTable),
      subheading(t("sa.losses")),
      losses,
      this.planReport.show(this.requestInput(state), r),
    );
  }

  /**
   * Earned against available points by category, as an inline SVG (no chart library). Each
   * category's name and figures sit on a line above its bar, so that the chart stays narrow and its
   * text readable when a phone shrinks it.
   * @param {{number: string, name: {ja: string, en: string}, earned: number, available: number,
   *          display?: Record<string, string>}[]} categories
   * @returns {SVGElement}
   */
  chart(categories) {
    const { t, lang } = this;
    const width = 360;
    const top = 30;
    const rowHeight = 50;
    const height = top + categories.length * rowHeight;
    const max = Math.max(1, ...categories.map((c) => c.available));
    const titleId = this.id("chart-title");
    const rows = categories.map((c, index) => {
      const y = top + index * rowHeight;
      const full = (width * c.available) / max;
      const earned = (width * Math.min(c.earned, c.available)) / max;
      return svg("g", { class: "copc-chart__row", dataset: { category: c.number } },
        svg("text", { x: "0", y: String(y + 15), class: "copc-chart__label" }, `${c.number} ${pick(c.name, lang)}`),
        svg("text", { x: String(width), y: String(y + 15), "text-anchor": "end", class: "copc-chart__value" },
          `${shown(lang, c, "earned")} / ${fmt(lang, c.available)}`),
        svg("rect", { x: "0", y: String(y + 22), width: full.toFixed(1), height: "18", rx: "3",
                      class: "copc-chart__available" }),
        svg("rect", { x: "0", y: String(y + 22), width: earned.toFixed(1), height: "18", rx: "3",
                      class: "copc-chart__earned" }));
    });
    const legend = svg("g", { class: "copc-chart__legend" },
      svg("rect", { x: "0", y: "4", width: "14", height: "14", class: "copc-chart__earned" }),
      svg("text", { x: "20", y: "16", class: "copc-chart__value" }, t("sa.chart.earned")),
      svg("rect", { x: "130", y: "4", width: "14", height: "14", class: "copc-chart__available" }),
      svg("text", { x: "150", y: "16", class: "copc-chart__value" }, t("sa.chart.available")));
    // an image to screen readers: its title names it, its description gives every bar's figures
    const descId = this.id("chart-desc");
    const figures = categories.map((c) => `${c.number} ${pick(c.name, lang)}: ${shown(lang, c, "earned")} / ${fmt(lang, c.available)}`);
    return svg("svg", { class: "copc-chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": titleId,
                        "aria-describedby": descId },
      svg("title", { id: titleId }, t("sa.chart")), svg("desc", { id: descId }, figures.join(lang === "ja" ? "。" : "; ")),
      legend, ...rows);
  }
}

