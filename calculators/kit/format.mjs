// @ts-check
// Numbers for display, in the page's language. Rounding happens only here, never in a computation
// (the core computes); and a figure that stands beside a verdict is taken from the core's
// `display` text, which is never rounded across the threshold the verdict is about (3,799.996
// points against 3,800 stays 3,799.996, not 3,800).

/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * A number rounded to at most `digits` decimals, grouped as the language writes it.
 * @param {string} lang "ja" or "en"
 * @param {number} value
 * @param {number} [digits]
 * @returns {string}
 */
export function fmt(lang, value, digits = 2) {
  const key = `${lang}:${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits: digits });
    formats.set(key, format);
  }
  return format.format(value);
}

/**
 * A percentage: fmt() and a percent sign.
 * @param {string} lang
 * @param {number} value
 * @returns {string}
 */
export function pct(lang, value) {
  return `${fmt(lang, value)}%`;
}

/**
 * The text of figure `key` of a core result: its `display` text when the result carries one (the
 * core's, on the right side of the verdict's threshold), else the number formatted here.
 * @param {string} lang
 * @param {{display?: Record<string, unknown>, [key: string]: unknown}} result
 * @param {string} key
 * @param {{percent?: boolean, digits?: number}} [options] percent: add a percent sign
 * @returns {string}
 */
export function shown(lang, result, key, { percent = false, digits = 2 } = {}) {
  const display = result.display && result.display[key];
  const value = result[key];
  let text;
  if (typeof display === "string" && display !== "") text = display;
  else if (typeof value === "number" && Number.isFinite(value)) text = fmt(lang, value, digits);
  else return "—";
  return percent ? `${text}%` : text;
}
