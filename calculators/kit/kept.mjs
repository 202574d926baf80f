// @ts-check
// The engine's last answer, kept in localStorage next to the form's state (this browser only, like
// the state). While the engine starts, a later visit shows it at once if the request and the core
// are the same: the core is a pure function of the request, so that is the answer the engine is
// about to give. The engine still computes it, and its answer replaces the kept one if it ever
// differs. A kept answer that cannot be shown (damaged in storage, or from a widget of another
// build) is discarded and the engine asked: it never stands in the way of a result.

import { CORE_PACKAGE, PYODIDE_PATH } from "../generated/config.mjs";
import { isKept, readJson, remove, stateKey, writeJson } from "./storage.mjs";

// the core that computed a kept result: its wheel's sha256 and the Pyodide it ran on
const CORE_ID = `${PYODIDE_PATH}${CORE_PACKAGE.sha256}`;

/**
 * Whether calculator `name` has a result kept from an earlier visit (for any request).
 * @param {string} name
 * @returns {boolean}
 */
export function hasKeptResult(name) {
  return isKept(stateKey(name, "result"));
}

/** One calculator's kept answer. */
export class KeptResult {
  /**
   * @param {string} name the calculator's name
   * @param {string} op the operation it calls
   */
  constructor(name, op) {
    this.key = stateKey(name, "result");
    this.op = op;
    /** @type {number | null} */
    this.timer = null;
  }

  /**
   * The answer kept for `request` (the JSON of the operation's input) by this core, or null.
   * @param {string} request
   * @returns {{ok: true, result: Record<string, any>, steps: any[]} | null}
   */
  get(request) {
    const kept = /** @type {any} */ (readJson(this.key));
    if (!kept || kept.core !== CORE_ID || kept.op !== this.op || kept.request !== request) return null;
    const response = kept.response;
    const whole = response && response.ok === true && response.result && typeof response.result === "object"
      && Array.isArray(response.steps);
    return whole ? response : null;
  }

  /**
   * Keep `response` as the answer to `request`, when the page is idle: never in the way of the
   * next answer while the reader types.
   * @param {string} request
   * @param {unknown} response
   */
  keep(request, response) {
    const record = { core: CORE_ID, op: this.op, request, response };
    const keep = () => {
      this.timer = null;
      writeJson(this.key, record);
    };
    if (typeof requestIdleCallback === "function") {
      if (this.timer !== null) cancelIdleCallback(this.timer);
      this.timer = requestIdleCallback(keep, { timeout: 2000 });
    } else {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = setTimeout(keep, 200);
    }
  }

  /** Forget the kept answer (it could not be shown). */
  discard() {
    remove(this.key);
  }
}
