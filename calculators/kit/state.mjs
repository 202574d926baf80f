// @ts-check
// Reading a calculator's state from untrusted places (localStorage, a shared link, a kept record)
// into form text. State is language-neutral JSON of strings and booleans: the same link works on
// the Japanese and the English page. Nothing here knows a rule: what the text means is the core's
// business.

/** The longest text kept per field: the forms' fields hold counts and short names. */
export const MAX_TEXT = 200;
/** The most entries kept per list. */
export const MAX_LIST = 200;

/**
 * A value from untrusted state as form text (a finite number becomes its text).
 * @param {unknown} value
 * @param {string} [fallback]
 * @returns {string}
 */
export function str(value, fallback = "") {
  if (typeof value === "string") return value.slice(0, MAX_TEXT);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return fallback;
}

/**
 * @param {unknown} value
 * @param {boolean} fallback
 * @returns {boolean}
 */
export function bool(value, fallback) {
  return typeof value === "boolean" ? value : fallback;
}

/**
 * A list of texts (anything else in it is dropped).
 * @param {unknown} value
 * @returns {string[]}
 */
export function strList(value) {
  return Array.isArray(value)
    ? value.filter((v) => typeof v === "string").slice(0, MAX_LIST).map((v) => v.slice(0, MAX_TEXT)) : [];
}

/**
 * `value` if it is one of `allowed`, else `fallback`.
 * @template {string} T
 * @param {unknown} value
 * @param {readonly T[]} allowed
 * @param {T} fallback
 * @returns {T}
 */
export function oneOf(value, allowed, fallback) {
  return allowed.includes(/** @type {T} */ (value)) ? /** @type {T} */ (value) : fallback;
}

/**
 * A plain object (not an array, not null), or an empty one.
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
export function record(value) {
  return value && typeof value === "object" && !Array.isArray(value) ? /** @type {Record<string, unknown>} */ (value) : {};
}

/**
 * `n` texts from a list (missing ones blank).
 * @param {unknown} value
 * @param {number} n
 * @returns {string[]}
 */
export function texts(value, n) {
  const list = Array.isArray(value) ? value : [];
  return Array.from({ length: n }, (_, i) => str(list[i]));
}

/**
 * Whether a form value (text, or a list or object of them) holds nothing typed.
 * @param {unknown} value
 * @returns {boolean}
 */
export function blank(value) {
  if (Array.isArray(value)) return value.every(blank);
  if (value && typeof value === "object") return Object.values(value).every(blank);
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/**
 * How far a row of counts is filled in: "blank" (nothing typed), "complete" (every cell) or
 * "partial". A partial row waits: it is neither sent to the core nor flagged until the reader
 * leaves it.
 * @param {unknown[]} cells
 * @returns {"blank" | "complete" | "partial"}
 */
export function filled(cells) {
  const typed = cells.filter((cell) => !blank(cell)).length;
  return typed === 0 ? "blank" : typed === cells.length ? "complete" : "partial";
}
