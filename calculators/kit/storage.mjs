// @ts-check
// What the calculators keep in this browser's localStorage, and erasing it. Every key starts with
// STORAGE_PREFIX: a form's state, the inputs an example, "clear" or a link replaced, and the last
// result. Storage can be turned off or full: every function here then does nothing, and the
// calculators still work. Once erased, this page writes nothing again (a calculator's pending save
// would otherwise bring some back before the page reloads).

export const STORAGE_PREFIX = "copc-calc:";

let erased = false;

/**
 * The key of a calculator's form state; its other records add a suffix (stateKey(name, "result")).
 * @param {string} name the calculator's name
 * @param {string} [what] "result", "replaced", or nothing for the form's state
 * @returns {string}
 */
export function stateKey(name, what = "") {
  return `${STORAGE_PREFIX}v1:${name}${what ? `:${what}` : ""}`;
}

/**
 * The JSON kept at `key`, parsed; null when there is none or it cannot be read.
 * @param {string} key
 * @returns {unknown}
 */
export function readJson(key) {
  try {
    const text = localStorage.getItem(key);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Whether anything is kept at `key`.
 * @param {string} key
 * @returns {boolean}
 */
export function isKept(key) {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

/**
 * Keep `value` as JSON at `key` (unless this page's data was erased).
 * @param {string} key
 * @param {unknown} value
 */
export function writeJson(key, value) {
  writeText(key, JSON.stringify(value));
}

/**
 * Keep `text` at `key` (unless this page's data was erased).
 * @param {string} key
 * @param {string} text
 */
export function writeText(key, text) {
  if (erased) return;
  try {
    localStorage.setItem(key, text);
  } catch {
    // storage disabled or full: nothing kept, the calculator still works
  }
}

/** @param {string} key */
export function remove(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // storage disabled: nothing to remove
  }
}

/**
 * Whether the calculators can keep anything in this browser (storage can be turned off).
 * @returns {boolean}
 */
export function storageUsable() {
  try {
    return typeof localStorage.length === "number";
  } catch {
    return false;
  }
}

/** Erase everything the calculators keep in this browser; this page writes nothing more. */
export function eraseStoredData() {
  erased = true;
  /** @type {string[]} */
  const keys = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (key && key.startsWith(STORAGE_PREFIX)) keys.push(key);
  }
  for (const key of keys) localStorage.removeItem(key);
}
