// @ts-check
// The pure part of assessments as files (files.mjs draws the buttons): a file's bytes as base64
// and back (the workbook operations carry them so), whether dropped bytes are a workbook, and the
// form's metadata and per-item notes as the state keeps them. What a file may hold is the core's
// business (copc_cx.files): nothing here checks more than the form keeps.

/** The metadata fields of an assessment file, in the order the form shows them. */
export const DETAILS = /** @type {const} */ (["organisation", "site", "assessor", "date"]);
/** The longest metadata text the form keeps (the core's MAX_NAME). */
export const MAX_DETAIL = 200;
/** The most notes the form keeps (one per item of an edition at most). */
const MAX_NOTES = 100;

/**
 * @typedef {{organisation: string, site: string, assessor: string, date: string}} Details
 * @typedef {{details: Details, notes: Record<string, string>}} FileState the part of a form's state files add
 */

/**
 * Bytes as base64 (in slices: a spread of a whole workbook would overflow the call stack).
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toBase64(bytes) {
  let binary = "";
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/**
 * @param {string} text base64
 * @returns {Uint8Array}
 */
export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Whether a file's first bytes are a zip archive's (an .xlsx is one), whatever its name says.
 * @param {Uint8Array} head
 * @returns {boolean}
 */
export function looksLikeWorkbook(head) {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

/**
 * @param {unknown} value
 * @param {number} limit
 * @returns {string}
 */
function text(value, limit) {
  return typeof value === "string" ? value.slice(0, limit) : "";
}

/**
 * The metadata and notes of untrusted state (storage, a link), every value checked.
 * @param {Record<string, any>} raw a form's state
 * @param {number} maxNote the longest note (the catalog's assessment_file.max_note)
 * @returns {FileState}
 */
export function sanitizeFileState(raw, maxNote) {
  const given = raw && typeof raw.details === "object" && raw.details !== null ? raw.details : {};
  const details = /** @type {Details} */ (Object.fromEntries(DETAILS.map((key) => [key, text(given[key], MAX_DETAIL)])));
  /** @type {Record<string, string>} */
  const notes = {};
  const rawNotes = raw && typeof raw.notes === "object" && raw.notes !== null && !Array.isArray(raw.notes) ? raw.notes : {};
  for (const [number, note] of Object.entries(rawNotes).slice(0, MAX_NOTES)) {
    const kept = text(note, maxNote);
    if (kept.trim()) notes[number.slice(0, 20)] = kept;
  }
  return { details, notes };
}

/**
 * The metadata and notes of a file the core has read (its normalised `assessment`).
 * @param {Record<string, any>} assessment
 * @param {number} maxNote
 * @returns {FileState}
 */
export function fileStateFrom(assessment, maxNote) {
  return sanitizeFileState({ details: assessment, notes: assessment.notes }, maxNote);
}

/**
 * The file's fields the form adds to its operation's input: metadata at the top level, notes
 * under "notes" (only those of `numbers`, when given: items the form no longer shows are dropped).
 * @param {Record<string, any>} state a form's state (its sanitised metadata and notes)
 * @param {Iterable<string> | null} [numbers]
 * @returns {Record<string, any>}
 */
export function fileFields(state, numbers = null) {
  const keep = numbers ? new Set(numbers) : null;
  const notes = Object.fromEntries(Object.entries(/** @type {Record<string, string>} */ (state.notes || {}))
    .filter(([number, note]) => note.trim() && (!keep || keep.has(number))));
  return { ...state.details, notes };
}
