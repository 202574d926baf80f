// @ts-check
// The metrics table: one row per metric (its item, level, target, direction and monthly results),
// from which the core derives every count of category 4.0, the renewal shares and, for a block of
// process certification, the level rule per unit. The whole table goes to the core on each change
// (it reads again only the rows whose text changed); only the status cells whose status changed are
// redrawn, so typing in a cell never rebuilds the table.

import { compute } from "../client.mjs";
import { pick } from "../i18n.mjs";
import {
  CATALOG, Calculator, EDITIONS, blockNamed, blocksFor, calculatorNamed, editionOptions, h, scrollingTable, itemsOf, joinNotes,
  metricTypes, oneOf, record, setOptions, shown, stat, stats, str, subheading, topicNotes, verdict,
} from "../kit.mjs";
import { looksLikeWorkbook, toBase64 } from "../kit/file-data.mjs";
import { MAX_FILE_BYTES, MAX_WORKBOOK_BYTES } from "../kit/files.mjs";
import { shareLink } from "../kit/links.mjs";
import {
  MAX_MONTHS, MAX_ROWS, ROW_KEYS, appendTable, attachedInput, attachedTable, emptyRow, nextMonth, pageAddress, readRow, readTable,
  rowIsEmpty, statusKey, withoutMonth,
} from "./metrics-table-model.mjs";
import ProcessCertification from "./process-certification.mjs";
import SelfAssessment from "./self-assessment.mjs";
import STRINGS from "./metrics-table.strings.mjs";

/**
 * @typedef {import("../kit/calculator.mjs").State} State
 * @typedef {import("./metrics-table-model.mjs").Row} Row
 * @typedef {import("./metrics-table-model.mjs").Table} Table
 * @typedef {HTMLInputElement | HTMLSelectElement} Control
 * @typedef {{tr: HTMLTableRowElement, cells: Record<string, Control>, results: HTMLInputElement[],
 *            status: HTMLElement, shown: string}} RowView
 */

// the site's root: this module is served from <root>/assets/calculators/widgets/
const SITE_ROOT = new URL("../../../", import.meta.url).href;
const TABLE = CATALOG.metrics_table;
const IMPROVEMENT = TABLE.improvement.map((i) => i.id);
const READINGS = TABLE.level_readings.map((r) => r.id);
const STATUS_MARKS = /** @type {Record<string, string>} */ ({
  "at-target": "✓", improving: "↗", "below-target": "✗", "fails-cui": "⚠", "no-result": "–", unfilled: "…",
});
// the errata page holds every interpretation under its id
const ERRATA_PAGE = "errata.md";
// the longest hand-over address that carries the table (browsers take about 2 MB; a register of a few
// hundred metrics over two years needs some 100 kB)
const MAX_LINK = 1_500_000;

export default class MetricsTable extends Calculator {
  /**
   * @param {HTMLElement} root
   * @param {string} lang
   */
  constructor(root, lang) {
    super(root, { name: "metrics-table", lang, strings: [STRINGS], delay: 250 });
    /** @type {RowView[]} */
    this.views = [];
    /** @type {HTMLInputElement[]} */
    this.monthInputs = [];
    this.structure = "";
    this.thead = h("thead");
    this.tbody = h("tbody");
    this.blockMetrics = h("datalist", { id: this.id("block-metrics") });
    /** @type {Record<string, HTMLSelectElement>} */
    this.settings = {};
    this.previewEl = h("div", { class: "copc-mt-preview", role: "region", "aria-live": "polite" });
    this.pasteText = h("textarea", { class: "copc-mt-paste__text", rows: "6", spellcheck: "false",
                                     id: this.id("paste"), on: { input: (/** @type {Event} */ e) => e.stopPropagation() } });
    this.programsInput = h("input", { type: "text", class: "copc-input copc-input--name", id: this.id("programs"),
                                      on: { input: (/** @type {Event} */ e) => e.stopPropagation() } });
    this.clientsInput = h("input", { type: "text", class: "copc-input copc-input--name", id: this.id("clients"),
                                     on: { input: (/** @type {Event} */ e) => e.stopPropagation() } });
    this.tableMessage = h("p", { class: "copc-mt-message", role: "status" });
    /** @type {any} the last preview of pasted text */
    this.preview = null;
  }

  // --- state ---

  /**
   * @returns {State}
   * @override
   */
  defaults() {
    return { edition: EDITIONS[0], improvement: IMPROVEMENT[0], level_reading: READINGS[0], block: "",
             months: [nextMonth("")], rows: [emptyRow(1)] };
  }

  /**
   * @param {Record<string, any>} raw
   * @returns {State}
   * @override
   */
  sanitize(raw) {
    const edition = oneOf(raw.edition, EDITIONS, EDITIONS[0]);
    const blocks = blocksFor(edition).map((b) => b.id);
    const table = readTable(raw.months, raw.rows);
    return { edition, improvement: oneOf(raw.improvement, IMPROVEMENT, IMPROVEMENT[0]),
             level_reading: oneOf(raw.level_reading, READINGS, READINGS[0]),
             block: oneOf(raw.block, ["", ...blocks], ""), months: table.months, rows: table.rows };
  }

  /**
   * @param {Record<string, any>} input
   * @returns {State}
   * @override
   */
  stateFromInput(input) {
    return this.sanitize({ ...input, block: str(input.block) });
  }

  /**
   * The whole table, every cell as typed (the core reads them all again only where the text changed).
   * @param {State} state
   * @returns {Record<string, any>}
   * @override
   */
  input(state) {
    /** @type {Record<string, any>} */
    const input = { edition: state.edition, months: state.months, rows: state.rows,
                    improvement: state.improvement, level_reading: state.level_reading };
    if (state.block) input.block = state.block;
    return input;
  }

  /**
   * @param {State} state
   * @returns {string[]}
   * @override
   */
  notes(state) {
    return joinNotes(topicNotes("metrics-table"), topicNotes("continuous-improvement"));
  }

  // --- the form ---

  /**
   * @param {HTMLFormElement} form
   * @override
   */
  build(form) {
    const { t, lang } = this;
    const setting = (/** @type {string} */ path, /** @type {string} */ label, /** @type {{value: string, label: string}[]} */ options,
                     /** @type {string | null} */ hint = null) => {
      const field = this.fields.select({ path, label, options, value: options[0].value, hint });
      this.settings[path] = field.input;
      return field.wrap;
    };
    const interpretation = (/** @type {string} */ id, /** @type {string} */ text) =>
      h("a", { href: `${pageAddress(SITE_ROOT, lang, ERRATA_PAGE)}#${id}`, class: "copc-mt-rule-link", text });
    form.append(
      h("fieldset", { class: "copc-group" }, h("legend", { text: t("mt.settings") }),
        h("div", { class: "copc-row" },
          setting("edition", t("mt.edition"), editionOptions()),
          setting("block", t("mt.block"), [{ value: "", label: t("mt.block.none") }]),
        ),
        h("div", { class: "copc-row" },
          h("div", { class: "copc-mt-switch" },
            setting("improvement", t("mt.improvement"), TABLE.improvement.map((i) => ({ value: i.id, label: pick(i.name, lang) }))),
            interpretation("continuous-improvement", t("mt.improvement.link"))),
          h("div", { class: "copc-mt-switch" },
            setting("level_reading", t("mt.reading"), TABLE.level_readings.map((r) => ({ value: r.id, label: pick(r.name, lang) }))),
            interpretation("level-rule-reading", t("mt.reading.link"))))),
      h("fieldset", { class: "copc-group copc-group--plain" }, h("legend", { text: t("mt.table") }),
        h("p", { class: "copc-field__hint", text: t("mt.table.hint") }),
        this.templateControls(),
        h("div", { class: "copc-table-wrap copc-mt-wrap" },
          h("table", { class: "copc-table copc-table--compact copc-mt-table" }, this.thead, this.tbody)),
        h("div", { class: "copc-mt-actions" },
          h("button", { type: "button", class: "md-button copc-mt-add-row", text: t("mt.addRow"),
                        on: { click: () => this.addRow() } }),
          h("button", { type: "button", class: "md-button copc-mt-add-month", text: t("mt.addMonth"),
                        on: { click: () => this.addMonth() } }),
          h("button", { type: "button", class: "md-button copc-mt-export", dataset: { format: "tsv" },
                        text: t("mt.exportTsv"), on: { click: () => this.exportTable("tsv") } }),
          h("button", { type: "button", class: "md-button copc-mt-export", dataset: { format: "csv" },
                        text: t("mt.exportCsv"), on: { click: () => this.exportTable("csv") } })),
        this.tableMessage, this.blockMetrics),
      this.pasteSection(),
    );
  }

  /** @returns {HTMLElement} the guide's list, offered as rows to fill */
  templateControls() {
    const { t } = this;
    return h("details", { class: "copc-mt-template" },
      h("summary", { text: t("mt.template") }),
      h("p", { class: "copc-field__hint", text: t("mt.template.hint") }),
      h("div", { class: "copc-row copc-row--tight" },
        h("div", { class: "copc-field" }, h("label", { for: this.programsInput.id, text: t("mt.template.programs") }),
          this.programsInput),
        h("div", { class: "copc-field" }, h("label", { for: this.clientsInput.id, text: t("mt.template.clients") }),
          this.clientsInput)),
      h("button", { type: "button", class: "md-button copc-mt-template-add", text: t("mt.template.add"),
                    on: { click: () => this.addTemplate() } }));
  }

  /** @returns {HTMLElement} pasting from a spreadsheet, or importing a CSV file, with a preview first */
  pasteSection() {
    const { t } = this;
    const file = h("input", { type: "file",
                              accept: ".csv,.tsv,.txt,.json,.xlsx,text/csv,text/tab-separated-values,text/plain,application/json,"
                                      + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              id: this.id("file"), class: "copc-mt-file",
                              on: { change: (/** @type {Event} */ e) => { e.stopPropagation(); this.importFile(file); },
                                    input: (/** @type {Event} */ e) => e.stopPropagation() } });
    return h("details", { class: "copc-mt-paste" },
      h("summary", { text: t("mt.paste") }),
      h("p", { class: "copc-field__hint", text: t("mt.paste.hint") }),
      h("label", { for: this.pasteText.id, text: t("mt.paste.label") }), this.pasteText,
      h("div", { class: "copc-mt-actions" },
        h("button", { type: "button", class: "md-button copc-mt-preview-button", text: t("mt.paste.preview"),
                      on: { click: () => this.previewPaste(this.pasteText.value) } }),
        h("label", { for: file.id, class: "copc-mt-file-label", text: t("mt.import") }), file),
      this.previewEl);
  }

  /**
   * The options of a choice cell: the catalog's choices, and what was typed if it is none of them
   * (kept as typed, so that nothing pasted is lost; the core says at the cell what is wrong with it).
   * @param {string} key
   * @param {string} edition
   * @returns {{value: string, label: string}[]}
   */
  choices(key, edition) {
    const { t, lang } = this;
    const yesNo = (/** @type {string} */ blank) => [{ value: "", label: t(blank) }, { value: "yes", label: t("mt.yes") },
                                                   { value: "no", label: t("mt.no") }];
    switch (key) {
      case "item": {
        const numbers = new Set(itemsOf(edition).map((i) => i.number));
        return [{ value: "", label: t("mt.item.none") },
                ...TABLE.items.filter((n) => numbers.has(n)).map((n) => ({ value: n, label: n }))];
      }
      case "type":
        return [{ value: "", label: "—" }, ...metricTypes().map((m) => ({ value: m.id, label: pick(m.name, lang) }))];
      case "level":
        return [{ value: "", label: "—" }, ...Object.entries(CATALOG.levels).map(([id, name]) => ({ value: id, label: pick(name, lang) }))];
      case "direction":
        return [{ value: "", label: "—" }, ...TABLE.directions.map((d) => ({ value: d.id, label: pick(d.name, lang) }))];
      case "cui":
      case "in_4_6":
        return yesNo("mt.blankYes");
      case "improving":
        return yesNo("mt.blankNo");
      default:
        return [];
    }
  }

  /**
   * Show `value` in a choice cell (an unknown value becomes an option of its own).
   * @param {HTMLSelectElement} select
   * @param {{value: string, label: string}[]} options
   * @param {string} value
   */
  setChoice(select, options, value) {
    const known = options.some((o) => o.value === value);
    setOptions(select, known ? options : [...options, { value, label: value }], value);
  }

  /**
   * Draw the table for `state` (its months and rows); the values are set by fill().
   * @param {State} state
   */
  drawTable(state) {
    const { t, lang } = this;
    const columns = new Map(TABLE.columns.map((c) => [c.key, pick(c.label, lang)]));
    const monthErrors = this.fields.errorSlot();
    this.monthInputs = state.months.map((/** @type {string} */ month, /** @type {number} */ j) => h("input", {
      type: "text", class: "copc-input copc-mt-month", value: month, spellcheck: "false", autocomplete: "off",
      "aria-label": t("mt.month", { n: j + 1 }), dataset: { path: `months.${j}`, slot: monthErrors.id, hint: "" },
    }));
    this.thead.replaceChildren(
      h("tr", {},
        h("th", { scope: "col", text: "#" }),
        h("th", { scope: "col", text: t("mt.status") }),
        ROW_KEYS.slice(0, 8).map((k) => h("th", { scope: "col", text: columns.get(k) || k })),
        this.monthInputs.map((input, j) => h("th", { scope: "col", class: "copc-mt-month-head" }, input,
          h("button", { type: "button", class: "copc-remove copc-mt-remove-month", "aria-label": t("mt.removeMonth", { month: input.value }),
                        text: "×", on: { click: () => this.removeMonth(j) } }))),
        ROW_KEYS.slice(8).map((k) => h("th", { scope: "col", text: columns.get(k) || k })),
        h("th", { scope: "col" }, h("span", { class: "copc-sr-only", text: t("mt.remove") }))),
      h("tr", { class: "copc-error-row" }, h("td", { colspan: String(ROW_KEYS.length + state.months.length + 3) }, monthErrors)));
    this.views = [];
    const bodies = state.rows.map((/** @type {Row} */ _row, /** @type {number} */ i) => this.drawRow(i, state));
    this.tbody.replaceChildren(...bodies.flat());
  }

  /**
   * One row of the table and the row under it that holds its messages.
   * @param {number} i
   * @param {State} state
   * @returns {HTMLTableRowElement[]}
   */
  drawRow(i, state) {
    const { t, lang } = this;
    const slot = this.fields.errorSlot();
    const columns = new Map(TABLE.columns.map((c) => [c.key, pick(c.label, lang)]));
    /** @type {Record<string, Control>} */
    const cells = {};
    const label = (/** @type {string} */ what) => t("mt.cell", { row: i + 1, column: what });
    for (const key of ROW_KEYS) {
      const options = this.choices(key, state.edition);
      const path = `rows.${i}.${key}`;
      if (options.length) {
        const select = h("select", { class: "copc-select copc-mt-choice", "aria-label": label(columns.get(key) || key),
                                     dataset: { path, slot: slot.id, hint: "", key } });
        setOptions(select, options, "");
        cells[key] = select;
      } else {
        cells[key] = h("input", {
          type: "text", class: `copc-input copc-mt-${key === "name" ? "name" : key === "target" ? "number" : "text"}`,
          inputmode: key === "target" ? "decimal" : undefined, spellcheck: "false", autocomplete: "off",
          "aria-label": label(columns.get(key) || key), list: key === "block_metric" ? this.blockMetrics.id : undefined,
          dataset: { path, slot: slot.id, hint: "", key },
        });
      }
    }
    /** @type {HTMLInputElement[]} */
    const results = state.months.map((/** @type {string} */ month, /** @type {number} */ j) => h("input", {
      type: "text", inputmode: "decimal", class: "copc-input copc-mt-number", spellcheck: "false", autocomplete: "off",
      "aria-label": label(month || t("mt.month", { n: j + 1 })), dataset: { path: `rows.${i}.results.${j}`, slot: slot.id, hint: "" },
    }));
    const status = h("td", { class: "copc-mt-status" });
    const td = (/** @type {Control} */ c) => h("td", {}, c);
    const tr = h("tr", { class: "copc-mt-row", dataset: { row: String(i), touchScope: "", groupPath: `rows.${i}`, slot: slot.id } },
      h("th", { scope: "row", class: "copc-num", text: String(i + 1) }),
      status,
      ROW_KEYS.slice(0, 8).map((k) => td(cells[k])),
      results.map((input) => h("td", {}, input)),
      ROW_KEYS.slice(8).map((k) => td(cells[k])),
      h("td", {}, h("button", { type: "button", class: "copc-remove copc-mt-remove-row", text: "×",
                               "aria-label": t("mt.removeRow", { n: i + 1 }), on: { click: () => this.removeRow(i) } })));
    this.views.push({ tr, cells, results, status, shown: "" });
    return [tr, h("tr", { class: "copc-error-row" }, h("td", { colspan: String(ROW_KEYS.length + state.months.length + 3) }, slot))];
  }

  /**
   * @param {State} state
   * @override
   */
  apply(state) {
    const { t, lang } = this;
    for (const key of ["edition", "improvement", "level_reading"]) this.settings[key].value = state[key];
    setOptions(this.settings.block, [{ value: "", label: t("mt.block.none") },
      ...blocksFor(state.edition).map((b) => ({ value: b.id, label: pick(b.name, lang) }))], state.block);
    const block = blockNamed(state.block);
    this.blockMetrics.replaceChildren(...(block ? block.metrics : []).map((m) => h("option", { value: m.id, label: pick(m.name, lang) })));
    const structure = `${state.edition}|${state.months.length}|${state.rows.length}`;
    if (structure !== this.structure) {
      this.structure = structure;
      this.drawTable(state);
    }
    state.months.forEach((/** @type {string} */ m, /** @type {number} */ j) => {
      if (this.monthInputs[j].value !== m) this.monthInputs[j].value = m;
    });
    state.rows.forEach((/** @type {Row} */ row, /** @type {number} */ i) => {
      const view = this.views[i];
      for (const key of ROW_KEYS) {
        const el = view.cells[key];
        if (el instanceof HTMLSelectElement) {
          if (el.value !== row[key] || !el.options.length) this.setChoice(el, this.choices(key, state.edition), row[key]);
        } else if (el.value !== row[key]) el.value = row[key];
      }
      row.results.forEach((value, j) => {
        if (view.results[j].value !== value) view.results[j].value = value;
      });
    });
  }

  /**
   * @returns {State}
   * @override
   */
  collect() {
    return {
      edition: this.settings.edition.value, improvement: this.settings.improvement.value,
      level_reading: this.settings.level_reading.value, block: this.settings.block.value,
      months: this.monthInputs.map((m) => m.value),
      rows: this.views.map((v) => /** @type {Row} */ ({
        ...Object.fromEntries(ROW_KEYS.map((k) => [k, v.cells[k].value])), results: v.results.map((r) => r.value) })),
    };
  }

  // --- changing the table's shape (each keeps every cell typed) ---

  /**
   * Show `table` in the form, with the settings as they are, and compute.
   * @param {Table} table
   * @param {"clear" | null} [reason] "clear": the table shown before is kept for a restore
   */
  loadTable(table, reason = null) {
    const state = this.collect();
    this.load({ ...state, months: table.months, rows: table.rows.length ? table.rows : [emptyRow(table.months.length)] }, reason);
  }

  addRow() {
    const state = this.collect();
    if (state.rows.length >= MAX_ROWS) return;
    this.loadTable({ months: state.months, rows: [...state.rows, emptyRow(state.months.length)] });
    this.views[this.views.length - 1].cells.name.focus();
  }

  /** @param {number} i */
  removeRow(i) {
    const state = this.collect();
    this.loadTable({ months: state.months, rows: state.rows.filter((/** @type {Row} */ _r, /** @type {number} */ k) => k !== i) });
  }

  addMonth() {
    const state = this.collect();
    if (state.months.length >= MAX_MONTHS) return;
    const months = [...state.months, nextMonth(state.months[state.months.length - 1])];
    this.loadTable({ months, rows: state.rows.map((/** @type {Row} */ r) => ({ ...r, results: [...r.results, ""] })) });
  }

  /** @param {number} j */
  removeMonth(j) {
    const state = this.collect();
    this.loadTable(withoutMonth({ months: state.months, rows: state.rows }, j));
  }

  /** The guide's list of scored metrics, added as rows to fill (the reader's rows stay). */
  async addTemplate() {
    const { t, lang } = this;
    const state = this.collect();
    const list = (/** @type {string} */ text) => text.split(/[,、，\n]/).map((s) => s.trim()).filter(Boolean);
    const response = await compute("metrics-template", { edition: state.edition, lang,
      programs: list(this.programsInput.value), clients: list(this.clientsInput.value) });
    if (!response.ok) {
      this.tableMessage.textContent = response.errors.map((e) => pick(e, lang)).join(" ") || t("mt.failed");
      return;
    }
    const rows = response.result.rows.map((/** @type {unknown} */ r) => readRow(r, state.months.length));
    this.loadTable(appendTable({ months: state.months, rows: state.rows }, { months: state.months, rows }));
    this.tableMessage.textContent = t("mt.template.added", { n: rows.length });
  }

  // --- paste, import, export ---

  /**
   * Ask the core how it reads `text`, and show that before anything changes.
   * @param {string} text
   */
  async previewPaste(text) {
    const { t, lang } = this;
    this.previewEl.replaceChildren(h("p", { text: t("mt.paste.reading") }));
    const response = await compute("metrics-paste", { edition: this.settings.edition.value, text });
    if (!response.ok) {
      this.preview = null;
      this.previewEl.replaceChildren(h("p", { class: "copc-error", text: response.errors.map((e) => pick(e, lang)).join(" ") || t("mt.failed") }));
      return;
    }
    this.preview = response.result;
    this.previewEl.replaceChildren(...this.drawPreview(response.result, response.steps).filter((el) => el !== null));
  }

  /**
   * @param {any} preview the metrics-paste operation's result
   * @param {{ja: string, en: string}[]} steps
   * @returns {(HTMLElement | null)[]}
   */
  drawPreview(preview, steps) {
    const { t, lang } = this;
    /** @type {Map<string, any>} problems by "line:column" */
    const problems = new Map(preview.problems.map((/** @type {any} */ p) => [`${p.line}:${p.column}`, p]));
    const columns = h("table", { class: "copc-table copc-table--compact copc-mt-columns" },
      h("thead", {}, h("tr", {}, h("th", { text: t("mt.paste.column") }), h("th", { text: t("mt.paste.heading") }),
        h("th", { text: t("mt.paste.as") }))),
      h("tbody", {}, preview.columns.map((/** @type {any} */ c) => h("tr", { dataset: { column: c.letter, as: c.as || "" } },
        h("td", { text: c.letter }), h("td", { text: c.heading }),
        h("td", { class: c.as ? "" : "copc-muted", text: pick(c.label, lang) })))));
    const rows = h("table", { class: "copc-table copc-table--compact copc-mt-preview-rows" },
      h("thead", {}, h("tr", {}, h("th", { text: t("mt.paste.line") }),
        preview.columns.map((/** @type {any} */ c) => h("th", { text: c.letter })))),
      h("tbody", {}, preview.rows.map((/** @type {any} */ r) => h("tr", { dataset: { line: String(r.line) } },
        h("th", { scope: "row", text: String(r.line) }),
        preview.columns.map((/** @type {any} */ c) => {
          const problem = problems.get(`${r.line}:${c.column}`);
          return h("td", { class: problem ? "copc-mt-bad" : undefined, title: problem ? pick(problem, lang) : undefined,
                           dataset: { cell: `${c.letter}${r.line}` } },
            problem ? h("span", { class: "copc-mt-bad__mark", "aria-hidden": "true", text: "⚠ " }) : null,
            r.cells[c.column] ?? "");
        })))));
    const list = preview.problems.length
      ? h("ul", { class: "copc-mt-problems" }, preview.problems.map((/** @type {any} */ p) =>
        h("li", { dataset: { cell: p.cell } }, h("strong", { text: `${p.cell}: ` }), pick(p, lang))))
      : h("p", { class: "copc-ok", text: t("mt.paste.noProblems") });
    const n = preview.table.rows.length;
    return [
      h("p", { class: "copc-mt-preview__summary", text: steps.map((s) => pick(s, lang)).join(" ") }),
      h("p", { text: t("mt.paste.columns") }), h("div", { class: "copc-table-wrap" }, columns),
      preview.problems.length ? h("p", { text: t("mt.paste.problems", { n: preview.problems.length }) }) : null,
      list,
      h("details", {}, h("summary", { text: t("mt.paste.rows", { n }) }), h("div", { class: "copc-table-wrap" }, rows)),
      h("p", { class: "copc-field__hint", text: t("mt.paste.then") }),
      h("div", { class: "copc-mt-actions" },
        h("button", { type: "button", class: "md-button copc-mt-accept", dataset: { mode: "replace" }, disabled: !n,
                      text: t("mt.paste.replace", { n }), on: { click: () => this.acceptPaste("replace") } }),
        h("button", { type: "button", class: "md-button copc-mt-accept", dataset: { mode: "append" }, disabled: !n,
                      text: t("mt.paste.append", { n }), on: { click: () => this.acceptPaste("append") } })),
    ];
  }

  /**
   * Put the previewed rows into the table: instead of its rows (kept for a restore) or after them.
   * @param {"replace" | "append"} mode
   */
  acceptPaste(mode) {
    if (!this.preview) return;
    const pasted = readTable(this.preview.table.months, this.preview.table.rows);
    const state = this.collect();
    if (mode === "replace") this.loadTable(pasted, "clear");
    else this.loadTable(appendTable({ months: state.months, rows: state.rows }, pasted));
    this.tableMessage.textContent = this.t(mode === "replace" ? "mt.paste.replaced" : "mt.paste.appended",
                                           { n: pasted.rows.length });
    this.preview = null;
    this.previewEl.replaceChildren();
  }

  /**
   * A CSV or TSV file, previewed like a paste; or an assessment file (JSON or Excel) whose metrics
   * table replaces the one on the form (kept for a restore, as any opened file).
   * @param {HTMLInputElement} input
   */
  async importFile(input) {
    const file = input.files && input.files[0];
    input.value = ""; // the same file chosen again is read again
    if (!file) return;
    const workbook = looksLikeWorkbook(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
    if (workbook) {
      await this.openAssessment(file, "workbook-read", file.size > MAX_WORKBOOK_BYTES ? { size: file.size }
        : { data: toBase64(new Uint8Array(await file.arrayBuffer())) });
      return;
    }
    if (file.size > 2_000_000) {
      this.previewEl.replaceChildren(h("p", { class: "copc-error", text: this.t("mt.import.tooLarge") }));
      return;
    }
    const text = await file.text();
    if (/^\ufeff?\s*\{/.test(text.slice(0, 100))) {
      await this.openAssessment(file, "assessment-file-read", file.size > MAX_FILE_BYTES ? { size: file.size } : { text });
      return;
    }
    this.pasteText.value = text;
    await this.previewPaste(text);
  }

  /**
   * Ask the core to read an assessment file and show its metrics table in the form; the settings
   * and the edition come with it. A file without a table, or one the core refuses, changes nothing.
   * @param {File} file
   * @param {"workbook-read" | "assessment-file-read"} op
   * @param {Record<string, any>} input
   */
  async openAssessment(file, op, input) {
    const { t, lang } = this;
    this.tableMessage.textContent = t(op === "workbook-read" ? "mt.file.openingExcel" : "mt.file.opening", { name: file.name });
    const response = await compute(op, input);
    if (!response.ok) {
      const why = "failure" in response ? t(`failure.${response.failure}`) : response.errors.map((e) => pick(e, lang)).join(" ");
      this.tableMessage.textContent = `${t("mt.file.failed", { name: file.name })} ${why}`;
      this.root.dataset.file = "error";
      return;
    }
    const assessment = response.result.assessment;
    const table = attachedTable(assessment.metrics);
    if (!table) {
      this.tableMessage.textContent = t("mt.file.noMetrics", { name: file.name });
      this.root.dataset.file = "empty";
      return;
    }
    const state = this.collect();
    this.load({ ...state, edition: assessment.edition, improvement: table.improvement || state.improvement,
                level_reading: table.level_reading || state.level_reading, block: table.block, months: table.months,
                rows: table.rows }, "file");
    this.tableMessage.textContent = t("mt.file.opened", { name: file.name, n: table.rows.length });
    this.root.dataset.file = "opened";
  }

  /** @param {"tsv" | "csv"} format the table as a file to download (the core writes it) */
  async exportTable(format) {
    const { lang } = this;
    const state = this.collect();
    const response = await compute("metrics-export", { edition: state.edition, months: state.months, rows: state.rows,
                                                       format, lang });
    if (!response.ok) {
      this.tableMessage.textContent = response.errors.map((e) => pick(e, lang)).join(" ") || this.t("mt.failed");
      return;
    }
    const type = format === "csv" ? "text/csv" : "text/tab-separated-values";
    // a byte order mark, so that spreadsheet programs read the Japanese text as UTF-8
    const url = URL.createObjectURL(new Blob(["\ufeff", response.result.text], { type: `${type};charset=utf-8` }));
    const link = h("a", { href: url, download: response.result.filename, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // --- hand-over to the self-assessment and to process certification ---

  /**
   * Open calculator `Widget`'s page with its inputs as kept in this browser and the table's counts
   * put in: a share link's fragment, so that its page keeps the reader's own inputs for a restore.
   * @param {typeof SelfAssessment | typeof ProcessCertification} Widget
   * @param {(input: Record<string, any>, kept: State) => Record<string, any>} change its input, with the
   *   counts (`kept`: its state as kept in this browser)
   * @returns {string} the address
   */
  handOverLink(Widget, change) {
    const other = new Widget(h("div"), this.lang);
    const kept = other.fromStorage() ?? other.defaults();
    const input = change(other.input(kept), kept);
    const state = other.sanitize(other.stateFromInput(input));
    return shareLink(pageAddress(SITE_ROOT, this.lang, calculatorNamed(other.name).page), other.name, state);
  }

  /**
   * The table goes along (`metrics`): the self-assessment keeps it with the assessment, in its files
   * too; a certification timeline the assessment carries stays with it.
   * @param {any} result the metrics-table operation's result
   * @param {State} state the table it was computed for
   * @param {boolean} [withTable] false: the counts alone
   * @returns {string}
   */
  selfAssessmentLink(result, state, withTable = true) {
    const table = withTable ? attachedTable({ ...state, rows: state.rows.filter((/** @type {Row} */ r) => !rowIsEmpty(r)) })
      : null;
    return this.handOverLink(SelfAssessment, (input, kept) => ({
      ...input, edition: result.edition, items: { ...record(input.items), ...result.self_assessment_items },
      metrics: table ? attachedInput(table) : null, timeline: kept.timeline }));
  }

  /**
   * Open the self-assessment with the counts and the table. A table too large for an address goes
   * nowhere: said first, and the next click hands over the counts alone.
   * @param {any} result
   * @param {State} state
   * @param {HTMLElement} message where to say it
   */
  handOverToSelfAssessment(result, state, message) {
    const link = this.selfAssessmentLink(result, state, message.dataset.tooLarge === undefined);
    if (link.length > MAX_LINK && message.dataset.tooLarge === undefined) {
      message.dataset.tooLarge = "";
      message.textContent = this.t("mt.handover.tooLarge", { mb: (link.length / 1e6).toFixed(1) });
      return;
    }
    location.assign(link);
  }

  /**
   * The process-certification calculator with the table's block and each unit's months (the core's
   * `level.process`, in that calculator's input shape): the table's entity and sites take the place
   * of the calculator's, which keeps its ticked requirements when the block is the same.
   * @param {any} result the metrics-table operation's result (with a level)
   * @returns {string}
   */
  processLink(result) {
    const level = result.level;
    return this.handOverLink(ProcessCertification, (input) => ({
      ...input, edition: result.edition, block: level.block,
      requirements_met: input.block === level.block ? input.requirements_met : [],
      entity: level.process.entity, sites: level.process.sites }));
  }

  // --- the result ---

  /**
   * A metric as the result names it: "#3 Speed of answer (P01, site A)".
   * @param {State} state
   * @param {number} row
   * @returns {string}
   */
  rowName(state, row) {
    const r = /** @type {Row | undefined} */ (state.rows[row]);
    if (!r) return `#${row + 1}`;
    const where = [r.unit, r.site].filter((s) => s.trim()).join(", ");
    return `#${row + 1} ${r.name || r.block_metric || "—"}${where ? ` (${where})` : ""}`;
  }

  /**
   * The rows behind a count, folded.
   * @param {State} state
   * @param {string} label
   * @param {number[]} rows
   * @param {string} kind
   * @returns {HTMLElement | null}
   */
  rowList(state, label, rows, kind) {
    if (!rows.length) return null;
    // the list is made when first opened: hundreds of rows behind each count, on every answer, were
    // most of the time a recompute took
    const list = h("ul", { class: "copc-list" });
    const details = h("details", { class: "copc-mt-rows", dataset: { rows: kind } },
      h("summary", { text: `${label} (${rows.length})` }), list);
    details.addEventListener("toggle", () => {
      if (!details.open || list.firstChild) return;
      list.append(...rows.map((row) => h("li", {},
        h("button", { type: "button", class: "copc-mt-goto", text: this.rowName(state, row),
                      on: { click: () => this.views[row]?.cells.name.focus() } }))));
    });
    return details;
  }

  /**
   * Redraw the status cells whose status changed (the table itself stays).
   * @param {any} result
   */
  showStatuses(result) {
    const { t } = this;
    /** @type {Map<number, any>} */
    const byRow = new Map(result.metrics.map((/** @type {any} */ m) => [m.row, m]));
    const unfilled = new Set(result.unfilled);
    let redrawn = 0;
    this.views.forEach((view, row) => {
      const metric = byRow.get(row);
      const key = statusKey(metric, unfilled.has(row));
      if (key === view.shown) return;
      view.shown = key;
      redrawn += 1;
      const status = metric ? metric.status : unfilled.has(row) ? "unfilled" : "";
      view.tr.dataset.status = status;
      view.status.dataset.status = status;
      view.status.replaceChildren(...(status ? [/** @type {HTMLElement | null} */
        h("span", { class: "copc-mt-status__mark", "aria-hidden": "true", text: STATUS_MARKS[status] || "" }),
        h("span", { class: "copc-mt-status__word", text: t(`mt.status.${status}`) }),
        metric && metric.months_measured
          ? h("span", { class: "copc-mt-status__months", text: t("mt.monthsAt", { n: metric.months_at_target, of: metric.months_measured }) })
          : null,
      ].filter((el) => el !== null) : []));
    });
    this.root.dataset.statusesRedrawn = String(redrawn);
  }

  /**
   * @override
   */
  cleared() {
    // the statuses shown are those of the last table the core could read: said so, not hidden
    this.tbody.dataset.stale = "";
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
    delete this.tbody.dataset.stale;
    this.showStatuses(r);
    const counted = r.metrics.length;
    const improvement = h("div", { class: "copc-mt-improvement", dataset: { rule: r.improvement.rule } },
      h("p", {}, h("strong", { text: `${t("mt.improvement")}: ` }), pick(r.improvement.name, lang)),
      r.improvement.differ.length
        ? this.rowList(state, t("mt.improvement.differ"), r.improvement.differ, "differ") : null);
    const items = r.items.map((/** @type {any} */ item) => this.itemBlock(item, state));
    const handOverMessage = h("p", { class: "copc-mt-message", role: "status" });
    const handOver = h("div", { class: "copc-mt-actions" },
      h("button", { type: "button", class: "md-button md-button--primary copc-mt-handover", dataset: { to: "self-assessment" },
                    text: t("mt.handover.sa"), disabled: !Object.keys(r.self_assessment_items).length,
                    on: { click: () => this.handOverToSelfAssessment(r, state, handOverMessage) } }));
    body.append(...[
      stats(stat(t("mt.counted"), String(counted), { big: true }),
            stat(t("mt.unfilled"), String(r.unfilled.length))),
      improvement,
      subheading(t("mt.items")),
      h("div", { class: "copc-mt-items" }, items),
      h("p", { class: "copc-field__hint", text: t("mt.handover.hint") }),
      handOver, handOverMessage,
      r.renewal ? this.renewalBlock(r.renewal) : null,
      r.level ? this.levelBlock(r, state) : null,
      r.warnings.length ? h("ul", { class: "copc-mt-warnings" }, r.warnings.map((/** @type {any} */ w) =>
        h("li", { dataset: { field: w.field } }, h("span", { "aria-hidden": "true", text: "⚠ " }), pick(w, lang)))) : null,
      this.steps(response.steps, false),
    ].filter((el) => el !== null));
  }

  /**
   * One item's counts, score and the rows behind each count.
   * @param {any} item
   * @param {State} state
   * @returns {HTMLElement}
   */
  itemBlock(item, state) {
    const { t, lang } = this;
    const c = item.counts;
    const head = `${item.item} ${pick(item.name, lang)}`;
    if (!c.total) {
      return h("p", { class: "copc-mt-item copc-muted", dataset: { item: item.item, total: "0" } },
        `${head}: ${t("mt.noMetrics")}`);
    }
    const figures = [t("mt.counts", { at: c.at_target, improving: c.improving, total: c.total })];
    if (item.percent !== null) figures.push(`${shown(lang, item, "percent", { percent: true })}`);
    if (item.points !== null) figures.push(t("pointsOf", { n: shown(lang, item, "points"), of: String(item.available) }));
    const byType = Object.entries(item.by_type);
    return h("details", { class: "copc-mt-item", dataset: { item: item.item, atTarget: String(c.at_target),
                                                            improving: String(c.improving), total: String(c.total) } },
      h("summary", {}, h("strong", { text: head }), ` — ${figures.join(" · ")}`,
        item.rule_50_75_met === null ? null : h("span", { class: item.rule_50_75_met ? "copc-ok" : "copc-no",
          text: ` ${item.rule_50_75_met ? "✓" : "✗"} ${t(item.rule_50_75_met ? "mt.rule5075.met" : "mt.rule5075.notMet")}` })),
      byType.length ? h("div", scrollingTable(head), h("table", { class: "copc-table copc-table--compact" },
        h("thead", {}, h("tr", {}, [t("mt.type"), t("mt.atTarget"), t("mt.improving"), t("mt.total"), "%"].map((x) => h("th", { text: x })))),
        h("tbody", {}, byType.map(([type, counts]) => {
          const tally = /** @type {any} */ (counts);
          const name = metricTypes().find((m) => m.id === type);
          return h("tr", { dataset: { type } }, h("th", { scope: "row", text: name ? pick(name.name, lang) : type }),
            h("td", { text: String(tally.counts.at_target) }), h("td", { text: String(tally.counts.improving) }),
            h("td", { text: String(tally.counts.total) }),
            h("td", { text: tally.percent === undefined ? "—" : `${shown(lang, tally, "percent")}%` }));
        })))) : null,
      this.rowList(state, t("mt.atTarget"), item.rows.at_target, "at-target"),
      this.rowList(state, t("mt.improving"), item.rows.improving, "improving"),
      this.rowList(state, t("mt.heldBack"), item.rows.other, "other"),
      item.problems.length ? h("ul", {}, item.problems.map((/** @type {any} */ p) => h("li", { class: "copc-error", text: pick(p, lang) }))) : null,
      item.steps.length ? this.steps(item.steps, false) : null);
  }

  /**
   * @param {any} renewal
   * @returns {HTMLElement}
   */
  renewalBlock(renewal) {
    const { t, lang } = this;
    return h("section", { class: "copc-mt-renewal" },
      subheading(t("mt.renewal")),
      stats(stat(t("mt.renewal.atTarget"), shown(lang, renewal, "at_target_share", { percent: true })),
            stat(t("mt.renewal.either"), shown(lang, renewal, "either_share", { percent: true }))),
      h("ul", { class: "copc-conditions" }, renewal.conditions.map((/** @type {any} */ c) =>
        h("li", { class: `copc-condition copc-condition--${c.met ? "ok" : "no"}`, dataset: { condition: c.id, met: String(c.met) } },
          h("span", { class: "copc-verdict__mark", "aria-hidden": "true", text: c.met ? "✓" : "✗" }),
          h("span", { class: "copc-condition__text", text: `${pick(c.text, lang)}: ${t(c.met ? "met" : "notMet")}` })))));
  }

  /**
   * The level rule per unit under both readings, the chosen one first, and where they differ.
   * @param {any} r
   * @param {State} state
   * @returns {HTMLElement}
   */
  levelBlock(r, state) {
    const { t, lang } = this;
    const level = r.level;
    const block = blockNamed(level.block);
    const yes = (/** @type {boolean} */ ok) => `${ok ? "✓" : "✗"} ${t(ok ? "mt.holds" : "mt.fails")}`;
    return h("section", { class: "copc-mt-level", dataset: { block: level.block, holds: String(level.holds) } },
      subheading(`${t("mt.level")}: ${block ? pick(block.name, lang) : level.block}`),
      verdict(level.holds, t(level.holds ? "mt.level.holds" : "mt.level.fails")),
      level.differs.length ? h("p", { class: "copc-mt-differs" }, h("span", { "aria-hidden": "true", text: "⚠ " }),
        t("mt.level.differs", { units: level.differs.map((/** @type {string} */ u) => u === "entity" ? t("mt.entity") : u).join(", ") })) : null,
      h("div", scrollingTable(t("mt.level")), h("table", { class: "copc-table copc-table--compact copc-mt-units" },
        h("thead", {}, h("tr", {}, h("th", { text: t("mt.unit") }), h("th", { text: t("mt.reading.a") }),
          h("th", { text: t("mt.reading.b") }), h("th", { text: t("mt.level.differ") }))),
        h("tbody", {}, level.units.map((/** @type {any} */ u) => h("tr", {
          dataset: { unit: u.unit, holds: String(u.holds), eachMetric: String(u.each_metric.holds),
                     eachMonth: String(u.each_month.holds), differs: String(u.differs) } },
          h("th", { scope: "row", text: u.unit === "entity" ? t("mt.entity") : u.unit }),
          h("td", { text: `${yes(u.each_metric.holds)} (${t("mt.level.share", { share: shown(lang, u.each_metric, "share_meeting") })})` }),
          h("td", { text: `${yes(u.each_month.holds)} (${t("mt.level.months", { n: u.each_month.months_meeting, of: u.each_month.months_needed })})` }),
          h("td", { text: u.differs ? `⚠ ${t("mt.yes")}` : "—" })))))),
      level.problems.length ? h("ul", {}, level.problems.map((/** @type {any} */ p) => h("li", { class: "copc-error", text: pick(p, lang) }))) : null,
      h("p", { class: "copc-field__hint", text: t("mt.handover.pc.hint") }),
      level.process.left_out.length
        ? h("p", { class: "copc-mt-left-out", dataset: { rows: level.process.left_out.join(" ") } },
          h("span", { "aria-hidden": "true", text: "⚠ " }),
          t("mt.handover.pc.leftOut", { rows: level.process.left_out.map((/** @type {number} */ row) => this.rowName(state, row))
            .join(lang === "ja" ? "、" : ", ") }))
        : null,
      h("div", { class: "copc-mt-actions" },
        h("button", { type: "button", class: "md-button copc-mt-handover", dataset: { to: "process-certification" },
                      text: t("mt.handover.pc"), on: { click: () => location.assign(this.processLink(r)) } })));
  }
}
