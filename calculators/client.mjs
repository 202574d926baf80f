// The one API widgets use: compute(op, input) -> Promise<response>.
//
// One engine per tab, or one shared by the site's pages where the browser keeps a shared worker
// alive (boot.js's createEngine(), which started it when the page began to load). Requests go to
// the engine at once, even while it boots: it keeps them until it is ready and answers
// them then, without a round trip through this page (whose main thread is busiest exactly then:
// the ready message could wait there for a tenth of a second). If the engine crashes
// after it was ready, the requests in flight get {ok: false, failure: "crashed"} and the next
// request starts a new one. If the engine cannot load at all (no WebAssembly, no module
// workers, a missing file), the status becomes "failed" and every request gets
// {ok: false, failure: "unavailable"}.
//
// Status (subscribe(fn)): {stage, bootMs?, start?, snapshotSaved?, error?}, stage one of
// "idle", "starting", "runtime", "package", "ready", "crashed", "ended", "restarting", "failed".

const BOOT_TIMEOUT_MS = 120_000;

let engine = null; // {worker, endpoint, shared} (boot.js's createEngine())
let ready = false;
let failed = false;
let everStarted = false;
let bootTimer = null;
let nextId = 1;
let status = { stage: "idle" };
const listeners = new Set();
const queue = []; // requests not yet posted (a worker is being started): {id, op, input, resolve}
const inFlight = new Map(); // id -> {resolve, message}

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

/** Current status; subscribe(fn) calls fn now and on every change, and returns an unsubscribe function. */
export function getStatus() {
  return status;
}

export function subscribe(listener) {
  listeners.add(listener);
  listener(status);
  return () => listeners.delete(listener);
}

function settleAll(response) {
  for (const { resolve } of inFlight.values()) resolve(response);
  inFlight.clear();
  for (const request of queue.splice(0)) request.resolve(response);
}

/** Let the engine go: a dedicated worker stops; a shared one is left to its other pages. */
function release() {
  if (!engine) return;
  const { worker, endpoint, shared } = engine;
  engine = null;
  if (!shared) {
    worker.terminate();
    return;
  }
  try {
    endpoint.postMessage({ type: "bye" });
  } catch {
    // already gone
  }
  endpoint.close();
}

/** Stop a shared engine for every page (nothing typed stays in it); a dedicated one just stops. */
export function endEngine() {
  ready = false;
  if (engine && engine.shared) {
    // the engine closes itself (and this port): closing it here could drop the message
    engine.endpoint.postMessage({ type: "end" });
    engine = null;
    return;
  }
  release();
}

function fail(reason, error) {
  failed = true;
  ready = false;
  clearTimeout(bootTimer);
  release();
  if (error) console.error("copc calculators:", reason, error);
  setStatus({ stage: "failed", error: reason });
  settleAll({ ok: false, errors: [], failure: "unavailable" });
}

function supportsModuleWorkers() {
  return typeof Worker === "function" && typeof WebAssembly === "object" && WebAssembly !== null;
}

function onMessage(event) {
  const message = event.data || {};
  switch (message.type) {
    case "progress":
      setStatus({ stage: message.stage });
      break;
    case "ready":
      ready = true;
      clearTimeout(bootTimer);
      setStatus({ stage: "ready", bootMs: message.ms, start: message.start });
      flush();
      break;
    case "snapshot-saved":
      setStatus({ ...status, snapshotSaved: true });
      break;
    case "boot-failed":
      fail("boot", message.message);
      break;
    case "crashed":
      crashed(message.message);
      break;
    case "ended":
      // another tab erased what the calculators keep, and stopped the shared engine
      dropped("ended");
      break;
    case "response": {
      const entry = inFlight.get(message.id);
      if (entry) {
        inFlight.delete(message.id);
        entry.resolve(message.response);
      }
      break;
    }
    default:
      break;
  }
}

function onError(event) {
  if (event && typeof event.preventDefault === "function") event.preventDefault();
  if (!ready) {
    // the worker could not even boot: a missing file, a syntax the browser lacks, ...
    fail("worker", event && (event.message || event.type));
    return;
  }
  crashed(event && (event.message || event.type));
}

/** A crash after the boot: drop this engine; the next request starts a new one. */
function crashed(detail) {
  if (detail) console.error("copc calculators: the engine stopped:", detail);
  dropped("crashed");
}

function dropped(stage) {
  ready = false;
  release();
  for (const { resolve } of inFlight.values()) resolve({ ok: false, errors: [], failure: "crashed" });
  inFlight.clear();
  setStatus({ stage });
}

/** Start the engine (idempotent). Called on module load when the page has a calculator. */
export function start() {
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
    const events = early.events;
    early.events = null;
    for (const event of events) (event.type === "message" ? onMessage : onError)(event);
    return;
  }
  let started;
  try {
    started = boot.create();
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

function adopt(started) {
  engine = started;
  engine.endpoint.addEventListener("message", onMessage);
  engine.endpoint.addEventListener("messageerror", onError);
  engine.worker.addEventListener("error", onError);
  setStatus({ stage: everStarted ? "restarting" : "starting" });
  everStarted = true;
  clearTimeout(bootTimer);
  bootTimer = setTimeout(() => {
    if (!ready) fail("timeout");
  }, BOOT_TIMEOUT_MS);
}

function flush() {
  while (engine && queue.length) {
    const { id, op, input, resolve } = queue.shift();
    inFlight.set(id, { resolve });
    try {
      engine.endpoint.postMessage({ id, op, input });
    } catch (error) {
      // input the browser cannot pass to a worker (too deep, not cloneable)
      inFlight.delete(id);
      resolve({ ok: false, errors: [], failure: "exception", detail: String(error && error.message) });
    }
  }
}

/** Run one operation of copc_cx.web on the worker: resolves with its response, never rejects. */
export function compute(op, input = {}) {
  return new Promise((resolve) => {
    if (failed) {
      resolve({ ok: false, errors: [], failure: "unavailable" });
      return;
    }
    queue.push({ id: nextId++, op, input, resolve });
    if (!engine) start();
    flush();
  });
}

/** Whether the engine can be used at all (false once it failed to load). */
export function isAvailable() {
  return !failed;
}

if (typeof document !== "undefined" && document.querySelector(".copc-calc")) start();
// a shared engine stops writing to this page's port (it would keep it until the engine ends)
if (typeof window === "object") window.addEventListener("pagehide", () => {
  if (engine && engine.shared) engine.endpoint.postMessage({ type: "bye" });
});
