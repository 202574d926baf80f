// The one API widgets use: compute(op, input) -> Promise<response>.
//
// One worker per tab, started when this module loads on a page with a calculator. Requests go to
// the worker at once, even while it boots: it keeps them until its engine is ready and answers
// them then, without a round trip through this page (whose main thread is busiest exactly then:
// the ready message could wait there for a tenth of a second). If the worker crashes
// after it was ready, the requests in flight get {ok: false, failure: "crashed"} and the next
// request starts a new worker. If the engine cannot load at all (no WebAssembly, no module
// workers, a missing file), the status becomes "failed" and every request gets
// {ok: false, failure: "unavailable"}.
//
// Status (subscribe(fn)): {stage, bootMs?, start?, snapshotSaved?, error?}, stage one of
// "idle", "starting", "runtime", "package", "ready", "crashed", "restarting", "failed".

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
const BOOT_TIMEOUT_MS = 120_000;

let worker = null;
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

function fail(reason, error) {
  failed = true;
  ready = false;
  clearTimeout(bootTimer);
  if (worker) {
    worker.terminate();
    worker = null;
  }
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

/** A crash after the boot: drop this worker; the next request starts a new one. */
function crashed(detail) {
  ready = false;
  if (worker) worker.terminate();
  worker = null;
  if (detail) console.error("copc calculators: the engine stopped:", detail);
  for (const { resolve } of inFlight.values()) resolve({ ok: false, errors: [], failure: "crashed" });
  inFlight.clear();
  setStatus({ stage: "crashed" });
}

/** Start the worker (idempotent). Called on module load when the page has a calculator. */
export function start() {
  if (worker || failed) return;
  if (!supportsModuleWorkers()) {
    fail("unsupported");
    return;
  }
  const early = typeof window === "object" ? window.__copcEarlyWorker : undefined;
  if (early && !everStarted) {
    // started by boot.js while the page loaded: take it over, with what it said meanwhile
    window.__copcEarlyWorker = undefined;
    adopt(early.worker);
    const events = early.events;
    early.events = null;
    for (const event of events) (event.type === "message" ? onMessage : onError)(event);
    return;
  }
  let moduleType = false;
  try {
    // a browser without module workers never reads `type` (and would run the module as a classic script)
    worker = new Worker(WORKER_URL, {
      get type() {
        moduleType = true;
        return "module";
      },
      name: "copc-calculators",
    });
  } catch (error) {
    worker = null;
    fail("unsupported", error);
    return;
  }
  if (!moduleType) {
    fail("unsupported");
    return;
  }
  adopt(worker);
}

function adopt(started) {
  worker = started;
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  worker.addEventListener("messageerror", onError);
  setStatus({ stage: everStarted ? "restarting" : "starting" });
  everStarted = true;
  clearTimeout(bootTimer);
  bootTimer = setTimeout(() => {
    if (!ready) fail("timeout");
  }, BOOT_TIMEOUT_MS);
}

function flush() {
  while (worker && queue.length) {
    const { id, op, input, resolve } = queue.shift();
    inFlight.set(id, { resolve });
    try {
      worker.postMessage({ id, op, input });
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
    if (!worker) start();
    flush();
  });
}

/** Whether the engine can be used at all (false once it failed to load). */
export function isAvailable() {
  return !failed;
}

if (typeof document !== "undefined" && document.querySelector(".copc-calc")) start();
