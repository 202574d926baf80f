// @ts-check
// The metrics table's state without the page: rows as typed, months, merging a pasted table into
// the one on the form, and the addresses of the pages a hand-over opens. Pure (the unit tests run it
// under Node); no rule lives here: what a cell means is the core's business (copc_cx.metrics).

import { str } from "../kit/state.mjs";

/** The cells of a row besides its monthly results, in the order of the form's columns. */
export const ROW_KEYS = /** @type {const} */ ([
  "name", "item", "type", "level", "unit", "cui", "target", "direction", "improving", "in_4_6",
  "block_metric", "site",
]);

/** The most rows and months the core reads (its limits; the catalog says them too). */
export const MAX_ROWS = 5000;
export const MAX_MONTHS = 120;

/**
 * @typedef {{name: string, item: string, type: string, level: string, unit: string, cui: string,
 *   target: string, direction: string, improving: string, in_4_6: string, block_metric: string,
 *   site: string, results: string[]}} Row
 * @typedef {{months: string[], rows: Row[]}} Table
 */

/**
 * A cell from untrusted JSON as form text: JSON booleans as the words a sheet would hold.
 * @param {unknown} value
 * @returns {string}
 */
export function cell(value) {
  if (typeof value === "boolean") return value ? "yes" : "no";
  return str(value);
}

/**
 * An empty row with `months` result cells.
 * @param {number} months
 * @returns {Row}
 */
export function emptyRow(months) {
  return /** @type {Row} */ ({ ...Object.fromEntries(ROW_KEYS.map((k) => [k, ""])), results: Array(months).fill("") });
}

/**
 * A row from untrusted JSON (storage, a link, a paste's table), with exactly `months` results.
 * @param {unknown} raw
 * @param {number} months
 * @returns {Row}
 */
export function readRow(raw, months) {
  const given = raw && typeof raw === "object" && !Array.isArray(raw) ? /** @type {Record<string, unknown>} */ (raw) : {};
  const results = Array.isArray(given.results) ? given.results : [];
  return /** @type {Row} */ ({
    ...Object.fromEntries(ROW_KEYS.map((k) => [k, cell(given[k])])),
    results: Array.from({ length: months }, (_, j) => cell(results[j])),
  });
}

/**
 * A table from untrusted JSON: months as text, every row with one result per month.
 * @param {unknown} rawMonths
 * @param {unknown} rawRows
 * @returns {Table}
 */
export function readTable(rawMonths, rawRows) {
  const months = (Array.isArray(rawMonths) ? rawMonths : []).slice(0, MAX_MONTHS).map(cell);
  const rows = (Array.isArray(rawRows) ? rawRows : []).slice(0, MAX_ROWS).map((r) => readRow(r, months.length));
  return { months, rows };
}

/**
 * Whether nothing is typed in a row.
 * @param {Row} row
 * @returns {boolean}
 */
export function rowIsEmpty(row) {
  return ROW_KEYS.every((k) => row[k].trim() === "") && row.results.every((r) => r.trim() === "");
}

const MONTH = /^(\d{4})-(\d{2})$/;

/**
 * The month after `month` ("2024-12" -> "2025-01"); after a heading that is not a month, or none,
 * the month after `today`'s previous one (the latest month with results).
 * @param {string | undefined} month
 * @param {Date} [today]
 * @returns {string}
 */
export function nextMonth(month, today = new Date()) {
  const found = MONTH.exec((month || "").trim());
  let year = found ? Number(found[1]) : today.getFullYear();
  let index = found ? Number(found[2]) : today.getMonth(); // getMonth(): 0-based, so the month before
  if (found) index += 1;
  if (index > 12) {
    year += 1;
    index = 1;
  } else if (index < 1) {
    year -= 1;
    index = 12;
  }
  return `${year}-${String(index).padStart(2, "0")}`;
}

/**
 * `table` with `added` appended: the months of both (a new month goes into calendar order when all
 * headings are months, else after the others), each row's results under its own months.
 * @param {Table} table
 * @param {Table} added
 * @returns {Table}
 */
export function appendTable(table, added) {
  const months = [...table.months];
  for (const m of added.months) if (!months.includes(m)) months.push(m);
  if (months.every((m) => MONTH.test(m))) months.sort();
  /**
   * @param {Row} row
   * @param {string[]} from the months of the row's table
   * @returns {Row}
   */
  const move = (row, from) => ({ ...row, results: months.map((m) => {
    const j = from.indexOf(m);
    return j < 0 ? "" : row.results[j] ?? "";
  }) });
  const kept = table.rows.filter((r) => !rowIsEmpty(r)).map((r) => move(r, table.months));
  return { months, rows: [...kept, ...added.rows.map((r) => move(r, added.months))].slice(0, MAX_ROWS) };
}

/**
 * `table` without month `j` (its results go with it).
 * @param {Table} table
 * @param {number} j
 * @returns {Table}
 */
export function withoutMonth(table, j) {
  return { months: table.months.filter((_, k) => k !== j),
           rows: table.rows.map((r) => ({ ...r, results: r.results.filter((_, k) => k !== j) })) };
}

/**
 * The address of a page of the guide (`page` as the registry names it: "certification/outcomes.md")
 * in `lang`, from the site's root: Japanese at the root, English under /en/.
 * @param {string} root the site's root address, ending in "/"
 * @param {string} lang
 * @param {string} page
 * @returns {string}
 */
export function pageAddress(root, lang, page) {
  const path = page.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/");
  return new URL(`${lang === "en" ? "en/" : ""}${path}`, root).href;
}

/**
 * What a row's status cell shows, as one text to compare: the cell is redrawn only when it changes.
 * @param {{status: string, months_at_target: number, months_measured: number} | undefined} metric
 * @param {boolean} unfilled
 * @returns {string}
 */
export function statusKey(metric, unfilled) {
  if (metric) return `${metric.status}|${metric.months_at_target}|${metric.months_measured}`;
  return unfilled ? "unfilled" : "";
}

/**
 * @typedef {{months: string[], rows: Row[], improvement: string, level_reading: string, block: string}} Attached
 *   the metrics table as an assessment file keeps it (its "metrics": the table's input without the edition)
 */

/** The longest setting kept from untrusted JSON (the core says what a wrong one means). */
const MAX_SETTING = 40;

/**
 * The metrics table an assessment carries, from untrusted JSON (storage, a link, an opened file's
 * "metrics"); null when it has no row with anything typed.
 * @param {unknown} raw
 * @returns {Attached | null}
 */
export function attachedTable(raw) {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return null;
  const given = /** @type {Record<string, unknown>} */ (raw);
  const table = readTable(given.months, given.rows);
  const rows = table.rows.filter((r) => !rowIsEmpty(r));
  if (!rows.length) return null;
  const setting = (/** @type {string} */ key) => cell(given[key]).slice(0, MAX_SETTING);
  return { months: table.months, rows, improvement: setting("improvement"), level_reading: setting("level_reading"),
           block: setting("block") };
}

/**
 * What an assessment file keeps of the table: only the settings given (the core writes the defaults).
 * @param {Attached} table
 * @returns {Record<string, any>}
 */
export function attachedInput(table) {
  /** @type {Record<string, any>} */
  const input = { months: table.months, rows: table.rows };
  for (const key of /** @type {const} */ (["improvement", "level_reading", "block"])) if (table[key]) input[key] = table[key];
  return input;
}
