// @ts-check
// The one API widgets use: compute(op, input) -> Promise<response>, which never rejects.
//
// One engine per tab, or one shared by the site's pages where the browser keeps a shared worker
// alive (boot.js's createEngine(), which started it when the page began to load). Requests go to
// the engine at once, as JSON text, even while it boots: it keeps them until it is ready and
// answers them then, without a round trip through this page (whose main thread is busiest exactly
// then). If the engine crashes after it was ready, or the page stops it (endEngine()), the
// requests in flight get {ok: false, failure: "crashed"} and the next request starts a new one. A
// request the ready engine has not answered within REQUEST_TIMEOUT_MS gets {ok: false, failure:
// "timeout"}, with every other request sent to it, and a new engine starts at once (a request for
// an operation that needs an optional package gets OPTIONAL_REQUEST_TIMEOUT_MS: its first use
// downloads the package, and the engine answers "package" itself if that takes too long). An engine
// whose core is not the one this page's generated config names (a cache kept files of another
// build) is stopped, and one of the current build starts (see outdated()); requests wait for it.
// If the engine cannot load at all (no WebAssembly, no module workers, a missing file) or is not
// ready within BOOT_TIMEOUT_MS, the status becomes "failed" and every request gets
// {ok: false, failure: "unavailable"}. The messages and the failure kinds are protocol.mjs's.
//
// Status (subscribe(fn)): {stage, bootMs?, start?, snapshotSaved?, error?}, stage one of
// "idle", "starting", "runtime", "package", "ready", "crashed", "ended", "restarting", "failed",
// "outdated" (error "page": this page is older than the site's engine, and only reloading it helps).

import { CORE_PACKAGE, OPTIONAL_OPERATIONS } from "./generated/config.mjs";
import { TO_ENGINE, TO_PAGE, describe, failure, requestMessage } from "./protocol.mjs";

/**
 * @typedef {import("./protocol.mjs").Response} Response
 * @typedef {import("./protocol.mjs").ToPage} ToPage
 * @typedef {import("./protocol.mjs").RequestMessage} RequestMessage
 * @typedef {import("./protocol.mjs").EngineStart} EngineStart
 * @typedef {"idle" | "starting" | "runtime" | "package" | "ready" | "crashed" | "ended" | "restarting"
 *   | "failed" | "outdated"} Stage
 * @typedef {{stage: Stage, bootMs?: number, start?: EngineStart, snapshotSaved?: boolean, error?: string}} Status
 * @typedef {{id: number, message: RequestMessage, resolve: (response: Response) => void,
 *   timeoutMs: number, timer?: ReturnType<typeof setTimeout>}} Pending
 */

const BOOT_TIMEOUT_MS = 120_000;
// Counted from when the engine is ready (or from the request, if later), so that a cold boot on a
// slow machine is no part of it. The core answers in milliseconds: this leaves room for a busy
// machine and for a shared engine serving other pages in between.
const REQUEST_TIMEOUT_MS = 30_000;
// engine.mjs's PACKAGE_TIMEOUT_MS (90 s) to load the packages, then the request's own time
const OPTIONAL_REQUEST_TIMEOUT_MS = 90_000 + REQUEST_TIMEOUT_MS;

/** @type {EngineConnection | null} */
let engine = null;
let ready = false;
let failed = false;
let everStarted = false;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let bootTimer;
let nextId = 1;
/** @type {Readonly<Status>} */
let status = Object.freeze({ stage: "idle" });
/** @type {Set<(status: Readonly<Status>) => void>} */
const listeners = new Set();
/** @type {Pending[]} requests not yet posted (an engine is being started) */
const queue = [];
/** @type {Map<number, Pending>} */
const inFlight = new Map();

/** @param {Status} next */
function setStatus(next) {
  status = Object.freeze({ ...next });
  for (const listener of listeners) {
    try {
      listener(status);
    } catch (error) {
      console.error(error);
    }
  }
}

/**
 * Calls `listener` with the engine's status now and on every change; returns an unsubscribe function.
 * @param {(status: Readonly<Status>) => void} listener
 */
export function subscribe(listener) {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

/**
 * @param {Pending} pending
 * @param {Response} response
 */
function settle(pending, response) {
  clearTimeout(pending.timer);
  pending.resolve(response);
}

/** Every request sent to the engine gets `response`. */
function settleInFlight(/** @type {Response} */ response) {
  const sent = [...inFlight.values()];
  inFlight.clear();
  for (const pending of sent) settle(pending, response);
}

/** @param {Response} response */
function settleAll(response) {
  settleInFlight(response);
  for (const pending of queue.splice(0)) settle(pending, response);
}

/**
 * The request's time starts (once the engine is ready).
 * @param {Pending} pending
 */
function arm(pending) {
  if (pending.timer === undefined) pending.timer = setTimeout(() => timedOut(pending), pending.timeoutMs);
}

/**
 * No answer in time: the engine is hung (or too busy to be of use). Every request sent to it
 * resolves "timeout", and a new engine starts; a shared one is ended for every page, and this page
 * starts one at a URL of its own (the same URL and name would join the hung one again).
 * @param {Pending} pending
 */
function timedOut(pending) {
  if (inFlight.get(pending.id) !== pending || !engine) return;
  console.error(`copc calculators: no answer within ${pending.timeoutMs} ms: the engine is restarted`);
  const shared = engine.shared;
  settleInFlight(failure("timeout"));
  stopEngine();
  start(shared ? freshToken() : undefined);
}

// The engine's modules, worker.mjs and all it imports (tests/site/test_engine_files.py checks the
// list against the modules' imports): an outdated engine's are fetched again past the HTTP cache.
export const ENGINE_FILES = ["worker.mjs", "engine.mjs", "snapshots.mjs", "protocol.mjs", "generated/config.mjs"];

let reloading = false; // an engine of the current build is being started, for an outdated one
let pageOutdated = false; // even that engine's core was not the page's

/**
 * The engine runs another core than this page's (`core`; none from an engine that predates the
 * check). Files the browser keeps without asking the server (a host that sends them with max-age)
 * can mix builds: this page's config and an engine of another. The engine stops (a shared one for
 * every page: its name stands for this build), the engine's files are fetched past the HTTP cache,
 * which keeps the fresh copies, and an engine starts at a URL of its own; the requests sent to the
 * old one wait for it. If its core is not the page's either, the page is the older one: its
 * requests resolve "outdated" from then on.
 * @param {string | undefined} core
 */
function outdated(core) {
  console.warn(`copc calculators: the engine runs core ${core}, this page ${CORE_PACKAGE.sha256}`);
  ready = false;
  const waiting = [...inFlight.values()];
  inFlight.clear();
  for (const pending of waiting) {
    clearTimeout(pending.timer);
    pending.timer = undefined;
  }
  queue.unshift(...waiting);
  stopEngine();
  if (reloading) {
    reloading = false;
    pageOutdated = true;
    setStatus({ stage: "outdated", error: "page" });
    settleAll(failure("outdated", "this page is older than the site's calculators: reload it"));
    return;
  }
  reloading = true;
  setStatus({ stage: "outdated" });
  armBootTimer(); // files that never come must not leave the requests waiting
  const refreshed = ENGINE_FILES.map((file) => fetch(new URL(file, import.meta.url), { cache: "reload" })
    .then((response) => response.arrayBuffer())
    .catch(() => {})); // the engine's own loading reports what is missing
  Promise.all(refreshed).then(() => {
    if (failed || engine) return;
    start(freshToken());
    flush();
  });
}

let restarts = 0;

/** A token for an engine's URL of its own. */
function freshToken() {
  restarts += 1;
  return `${Date.now().toString(36)}-${restarts}`;
}

/** Let the engine go: a dedicated worker stops; a shared one is left to its other pages. */
function release() {
  if (!engine) return;
  const gone = engine;
  engine = null;
  if (!gone.shared) {
    gone.worker.terminate();
    return;
  }
  try {
    gone.endpoint.postMessage({ type: TO_ENGINE.BYE });
  } catch {
    // already gone
  }
  gone.endpoint.close();
}

/**
 * Stop the engine: a shared one for every page (nothing typed stays in it), a dedicated one just
 * stops. The requests sent to it are the caller's to answer or send again.
 */
function stopEngine() {
  ready = false;
  if (!engine) return;
  clearTimeout(bootTimer);
  if (engine.shared) {
    // the engine closes itself (and this port): closing it here could drop the message
    try {
      engine.endpoint.postMessage({ type: TO_ENGINE.END });
    } catch {
      // already gone
    }
    engine = null;
    return;
  }
  release();
}

/**
 * Stop the engine now (the reader erased what the calculators keep): the requests it has not
 * answered resolve "crashed", as when it stops on its own, and the next request starts a new one.
 */
export function endEngine() {
  const stopped = engine !== null;
  stopEngine();
  settleInFlight(failure("crashed", "the engine was stopped"));
  if (stopped) setStatus({ stage: "ended" });
}

/**
 * @param {string} reason
 * @param {unknown} [error]
 */
function fail(reason, error) {
  failed = true;
  ready = false;
  clearTimeout(bootTimer);
  release();
  if (error) console.error("copc calculators:", reason, error);
  setStatus({ stage: "failed", error: reason });
  settleAll(failure("unavailable"));
}

function supportsModuleWorkers() {
  return typeof Worker === "function" && typeof WebAssembly === "object" && WebAssembly !== null;
}

/** @param {MessageEvent<ToPage>} event */
function onMessage(event) {
  const message = event.data;
  if (typeof message !== "object" || message === null) return;
  switch (message.type) {
    case TO_PAGE.PROGRESS:
      if (!reloading) setStatus({ stage: message.stage });
      break;
    case TO_PAGE.READY:
      if (message.core !== CORE_PACKAGE.sha256) {
        outdated(message.core);
        break;
      }
      reloading = false;
      ready = true;
      clearTimeout(bootTimer);
      setStatus({ stage: "ready", bootMs: message.ms, start: message.start });
      for (const pending of inFlight.values()) arm(pending);
      flush();
      break;
    case TO_PAGE.SNAPSHOT_SAVED:
      setStatus({ ...status, snapshotSaved: true });
      break;
    case TO_PAGE.BOOT_FAILED:
      fail("boot", message.message);
      break;
    case TO_PAGE.CRASHED:
      crashed(message.message);
      break;
    case TO_PAGE.ENDED:
      // another tab erased what the calculators keep, and stopped the shared engine
      dropped("ended");
      break;
    case TO_PAGE.RESPONSE: {
      const pending = inFlight.get(message.id);
      if (pending) {
        inFlight.delete(message.id);
        settle(pending, message.response);
      }
      break;
    }
    default:
      break;
  }
}

/** @param {Event} event */
function onError(event) {
  if (event && typeof event.preventDefault === "function") event.preventDefault();
  const detail = /** @type {{message?: string}} */ (event).message || event.type;
  if (!ready) {
    // the worker could not even boot: a missing file, a syntax the browser lacks, ...
    fail("worker", detail);
    return;
  }
  crashed(detail);
}

/**
 * A crash after the boot: drop this engine; the next request starts a new one.
 * @param {string} [detail]
 */
function crashed(detail) {
  if (detail) console.error("copc calculators: the engine stopped:", detail);
  dropped("crashed");
}

/** @param {"crashed" | "ended"} stage */
function dropped(stage) {
  ready = false;
  reloading = false;
  release();
  settleInFlight(failure("crashed"));
  setStatus({ stage });
}

/**
 * Start the engine (idempotent). Called on module load when the page has a calculator.
 * @param {string} [fresh] start it at a URL of its own (see boot.js)
 */
export function start(fresh) {
  if (engine || failed) return;
  const boot = typeof window === "object" ? window.__copcEngine : undefined;
  if (!supportsModuleWorkers() || !boot) {
    // no boot.js: it stopped where the browser lacks workers or WebAssembly
    fail("unsupported");
    return;
  }
  const early = boot.early;
  if (early && !everStarted) {
    // started by boot.js while the page loaded: take it over, with what it said meanwhile
    boot.early = null;
    adopt(early.engine);
    const events = early.events || [];
    early.events = null;
    for (const event of events) {
      if (event.type === "message") onMessage(/** @type {MessageEvent<ToPage>} */ (event));
      else onError(event);
    }
    return;
  }
  let started;
  try {
    started = boot.create(fresh);
  } catch (error) {
    fail("unsupported", error);
    return;
  }
  if (!started) {
    fail("unsupported");
    return;
  }
  adopt(started);
}

/** @param {EngineConnection} started */
function adopt(started) {
  engine = started;
  engine.endpoint.addEventListener("message", /** @type {EventListener} */ (onMessage));
  engine.endpoint.addEventListener("messageerror", onError);
  engine.worker.addEventListener("error", onError);
  setStatus({ stage: reloading ? "outdated" : everStarted ? "restarting" : "starting" });
  everStarted = true;
  armBootTimer();
}

/** The engine must be ready within BOOT_TIMEOUT_MS, or the page gives up ("failed"). */
function armBootTimer() {
  clearTimeout(bootTimer);
  bootTimer = setTimeout(() => {
    if (!ready) fail("timeout");
  }, BOOT_TIMEOUT_MS);
}

function flush() {
  while (engine && queue.length) {
    const pending = /** @type {Pending} */ (queue.shift());
    inFlight.set(pending.id, pending);
    try {
      engine.endpoint.postMessage(pending.message);
    } catch (error) {
      inFlight.delete(pending.id);
      settle(pending, failure("exception", describe(error)));
      continue;
    }
    if (ready) arm(pending);
  }
}

/**
 * Run one operation of copc_cx.web in the engine: resolves with its response, never rejects.
 * @param {string} op
 * @param {unknown} [input]
 * @returns {Promise<Response>}
 */
export function compute(op, input = {}) {
  return new Promise((resolve) => {
    if (failed) {
      resolve(failure("unavailable"));
      return;
    }
    if (pageOutdated) {
      resolve(failure("outdated", "this page is older than the site's calculators: reload it"));
      return;
    }
    const id = nextId++;
    const built = requestMessage(id, op, input);
    if ("failure" in built) {
      resolve(built.failure);
      return;
    }
    const timeoutMs = Object.hasOwn(OPTIONAL_OPERATIONS, op) ? OPTIONAL_REQUEST_TIMEOUT_MS : REQUEST_TIMEOUT_MS;
    queue.push({ id, message: built.message, resolve, timeoutMs });
    if (!engine && !reloading) start();
    flush();
  });
}

if (typeof document !== "undefined" && document.querySelector(".copc-calc")) start();
// a shared engine stops writing to this page's port (it would keep it until the engine ends)
if (typeof window === "object") {
  window.addEventListener("pagehide", () => {
    if (engine && engine.shared) engine.endpoint.postMessage({ type: TO_ENGINE.BYE });
  });
}
