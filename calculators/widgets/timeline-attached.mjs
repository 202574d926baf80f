// @ts-check
// The certification timeline as the self-assessment carries it (its state's `timeline`, the
// assessment file's and the workbook's): the "timeline" operation's input, without the reader's
// "today". The timeline calculator hands its plan over in this shape, and opens one again from it.
// Pure (the unit tests run it under Node); what a plan means is the core's business
// (copc_cx.timeline), which checks it whenever a file is written or a report made.

/** The fields of the timeline operation's input an assessment keeps, in the calculator's order. */
export const PLAN_KEYS = /** @type {const} */ ([
  "direction", "start_is", "start", "baseline", "audit", "certified", "path", "block", "years", "contingencies", "label",
]);
/** The fields of its `renewal` section. */
export const RENEWAL_KEYS = /** @type {const} */ ([
  "no_major_nonconformity", "no_internal_audit_nonconformity", "category_4_level_met",
  "pst_at_target", "pst_at_target_or_improving", "pst_total",
]);
// the longest text kept in a field (the core's MAX_NAME: what its forms read as a text)
const MAX_VALUE = 200;

/**
 * @typedef {string | number | boolean} Value a field as the file holds it: text, a number, true/false
 * @typedef {Record<string, Value | Record<string, Value>>} Plan the timeline's input (`renewal`: its section)
 */

/**
 * A field's value from untrusted JSON, or undefined for anything a field cannot hold.
 * @param {unknown} value
 * @returns {Value | undefined}
 */
function value(value) {
  if (typeof value === "string") return value.slice(0, MAX_VALUE);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "boolean") return value;
  return undefined;
}

/**
 * The fields of `keys` in `raw` that hold a value (blank ones too, when `blanks`).
 * @param {Record<string, unknown>} raw
 * @param {readonly string[]} keys
 * @param {boolean} blanks
 * @returns {Record<string, Value>}
 */
function fields(raw, keys, blanks) {
  /** @type {Record<string, Value>} */
  const out = {};
  for (const key of keys) {
    const kept = value(raw[key]);
    if (kept !== undefined && (blanks || typeof kept !== "string" || kept.trim())) out[key] = kept;
  }
  return out;
}

/**
 * @param {unknown} raw
 * @returns {raw is Record<string, unknown>}
 */
function isObject(raw) {
  return Boolean(raw) && typeof raw === "object" && !Array.isArray(raw);
}

/**
 * The timeline an assessment carries, from untrusted JSON (storage, a link, an opened file): its
 * known fields with their values as they are (text, numbers, true/false), or null for none.
 * @param {unknown} raw
 * @param {boolean} [blanks] false: blank texts are left out (they say nothing to the timeline)
 * @returns {Plan | null}
 */
export function attachedTimeline(raw, blanks = true) {
  if (!isObject(raw)) return null;
  /** @type {Plan} */
  const plan = fields(raw, PLAN_KEYS, blanks);
  if (isObject(raw.renewal)) {
    const renewal = fields(raw.renewal, RENEWAL_KEYS, blanks);
    if (Object.keys(renewal).length) plan.renewal = renewal;
  }
  return Object.keys(plan).length ? plan : null;
}

/**
 * The timeline calculator's state for a plan (its own sanitising fills in the rest): the renewal
 * section's fields beside the others, the years as text, contingencies on unless said otherwise.
 * @param {Record<string, any>} input the timeline operation's input
 * @returns {Record<string, any>}
 */
export function timelineState(input) {
  const renewal = isObject(input.renewal) ? input.renewal : {};
  return {
    ...input, ...renewal,
    start: input.start ?? (input.direction === "backward" ? "" : undefined),
    years: input.years === undefined ? "" : String(input.years),
    contingencies: input.contingencies ?? true,
  };
}
