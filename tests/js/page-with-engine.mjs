// A page's side of the engine under Node, for the unit tests of calculators/client.mjs: a fresh
// copy of the page's modules as the build lays them out (with a generated config of the test's own)
// and fake engines in place of the workers boot.js starts, which the test makes speak.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { TO_PAGE } from "../../calculators/protocol.mjs";

const CALCULATORS = new URL("../../calculators/", import.meta.url);
/** the core wheel's sha256 the page's generated config names */
export const CORE = "c0".repeat(32);
export const OTHER_CORE = "0d".repeat(32);

/** A worker boot.js would have started (or a connection to a shared one), played by the test. */
export class FakeEngine {
  /**
   * @param {boolean} shared
   * @param {string | undefined} fresh what boot.js's create() was asked for
   */
  constructor(shared, fresh) {
    this.shared = shared;
    this.fresh = fresh;
    /** @type {any[]} every message the page sent */
    this.sent = [];
    this.terminated = false;
    this.closed = false;
    const sent = this.sent;
    const endpoint = new EventTarget();
    Object.assign(endpoint, {
      postMessage: (/** @type {unknown} */ message) => { sent.push(message); },
      close: () => { this.closed = true; },
      start: () => {},
    });
    this.endpoint = endpoint;
    this.worker = shared ? new EventTarget() : endpoint;
    if (!shared) Object.assign(endpoint, { terminate: () => { this.terminated = true; } });
  }

  /** @param {any} message the engine says `message` to the page */
  say(message) {
    this.endpoint.dispatchEvent(new MessageEvent("message", { data: message }));
  }

  /** @param {string} [core] the engine is ready, running the core with this sha256 */
  ready(core = CORE) {
    this.say({ type: TO_PAGE.READY, ms: 5, start: "stored", core });
  }

  /** The requests the page sent, as {id, op, input}. */
  requests() {
    return this.sent.filter((m) => m.type === "request").map((m) => ({ id: m.id, ...JSON.parse(m.text) }));
  }

  /**
   * The engine answers the request with `id` (by default the core's answer to any request).
   * @param {number} id
   * @param {any} [response]
   */
  answer(id, response = { ok: true, result: { id }, steps: [] }) {
    this.say({ type: TO_PAGE.RESPONSE, id, response });
  }
}

let copies = 0;

/**
 * A fresh client.mjs on a page where boot.js has run: `engines` lists every engine it starts.
 * @param {{shared?: boolean, fetch?: (url: URL | string, init?: RequestInit) => Promise<Response>,
 *   optional?: Record<string, {module: string, packages: string[]}>}} [options] optional: the
 *   generated config's OPTIONAL_OPERATIONS
 */
export async function pageWithEngine({ shared = false, fetch, optional = {} } = {}) {
  const folder = mkdtempSync(join(tmpdir(), "copc-client-"));
  for (const module of ["client.mjs", "protocol.mjs"]) cpSync(new URL(module, CALCULATORS), join(folder, module));
  mkdirSync(join(folder, "generated"));
  writeFileSync(join(folder, "generated", "config.mjs"),
    `export const PYODIDE_PATH = "../pyodide/0/";\n`
    + `export const CORE_PACKAGE = ${JSON.stringify({ file_name: "copc_cx-0-py3-none-any.whl", sha256: CORE })};\n`
    + "export const CORE_SNAPSHOT = null;\n"
    + `export const OPTIONAL_OPERATIONS = ${JSON.stringify(optional)};\nexport const OPTIONAL_PACKAGES = {};\n`);
  /** @type {FakeEngine[]} */
  const engines = [];
  /** @type {{url: string, cache: string | undefined}[]} */
  const fetched = [];
  const page = new EventTarget();
  Object.assign(page, {
    __copcEngine: {
      create: (/** @type {string | undefined} */ fresh) => {
        engines.push(new FakeEngine(shared, fresh));
        return engines.at(-1);
      },
      early: null,
    },
  });
  Object.assign(globalThis, {
    window: page,
    Worker: class {},
    fetch: fetch || (async (/** @type {URL | string} */ url, /** @type {RequestInit} */ init = {}) => {
      fetched.push({ url: String(url), cache: init.cache });
      return new Response("");
    }),
  });
  copies += 1;
  const client = await import(`${pathToFileURL(join(folder, "client.mjs")).href}?copy=${copies}`);
  /** @type {any[]} */
  const statuses = [];
  client.subscribe((/** @type {any} */ status) => statuses.push(status));
  const base = pathToFileURL(join(folder, "/")).href;
  return { client, engines, statuses, fetched, base, stages: () => statuses.map((s) => s.stage) };
}

/**
 * The promise's value if it has settled by now (after pending callbacks have run), else "pending".
 * @param {Promise<unknown>} promise
 */
export function settled(promise) {
  return Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve("pending")))]);
}
