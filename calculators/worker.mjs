// The calculation engine: a module worker that runs the scoring core (copc_cx) on Pyodide.
//
// It runs as a dedicated worker of one page, or, where the browser can keep a shared worker alive
// after its last page has gone (SharedWorker's `extendedLifetime`, Chromium 148 and later), as a
// shared worker that every calculator page of the site connects to: the next page, a reload or
// another tab then finds the engine running and answers at once instead of starting Pyodide
// again. The page (boot.js, client.mjs) chooses; this module serves either.
//
// Messages to the page (a shared engine sends the boot's messages to every page connected, and
// catches up a page that connects later):
//   {type: "progress", stage: "runtime" | "package"}   boot progress
//   {type: "ready", ms, start}                          the core is imported; ms since the worker started
//                                                       (or since the page connected); start: "stored"
//                                                       (this browser's memory snapshot), "shipped" (the
//                                                       site's snapshot), "full", or "running" (a shared
//                                                       engine that an earlier page had started)
//   {type: "boot-failed", message}                      Pyodide or the core could not be loaded
//   {type: "response", id, response}                    the parsed JSON of copc_cx.web.handle()
//   {type: "snapshot-saved"}                            the next visit can start from a memory snapshot
//   {type: "crashed", message}                          the interpreter may be broken: start a new worker
//   {type: "ended"}                                     a shared engine was stopped (the reader erased
//                                                       what the calculators keep): start a new one
// Messages from the page: {id, op, input}. Requests that arrive during the boot wait for it.
// A shared engine also takes {type: "bye"} (the page is going) and {type: "end"} (stop now).
// A Python exception during a calculation becomes an error response
// ({ok: false, errors: [], failure: "exception"}); the worker stays usable. Any other exception
// answers {failure: "crashed"} and asks for a new worker.

import { CORE_PACKAGE, CORE_SNAPSHOT, PYODIDE_PATH } from "./generated/config.mjs";

const started = performance.now();
const base = new URL(PYODIDE_PATH, import.meta.url);
let handle = null;
let pyodide = null;

const SHARED = typeof SharedWorkerGlobalScope === "function" && self instanceof SharedWorkerGlobalScope;
const ports = new Set(); // a shared engine's pages
// what a page that connects to a shared engine later has missed: the boot's last word
let bootNews = { type: "progress", stage: "runtime" };
let snapshotNews = null;

/** A message about the engine: to the page, or to every page of a shared engine. */
function post(message) {
  if (message.type === "snapshot-saved") snapshotNews = message;
  else if (message.type !== "crashed") bootNews = message;
  if (!SHARED) {
    self.postMessage(message);
    return;
  }
  for (const port of ports) port.postMessage(message);
}

/** An answer to one page. */
function reply(port, message) {
  (port || self).postMessage(message);
}

/** A shared engine that must not be reused (broken, failed or ended) stops: the next page starts a new one. */
function endShared() {
  if (!SHARED) return;
  ports.clear();
  self.close();
}

// Pyodide 314 only logs some boot failures (the WebAssembly module or the standard library
// cannot be fetched or instantiated) and then waits forever, or goes on to a Python start-up that
// never returns: turn those logs into a failure at once (synchronously: the page then terminates
// this worker, whatever it is doing).
const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];

function watchBootLogs() {
  let reject;
  const failed = new Promise((_, no) => {
    reject = no;
  });
  const original = { warn: console.warn, error: console.error };
  for (const level of ["warn", "error"]) {
    console[level] = (...args) => {
      const first = typeof args[0] === "string" ? args[0] : "";
      if (FATAL_LOGS.some((text) => first.includes(text))) {
        bootFailed(first);
        reject(new Error(first));
      }
      original[level].apply(console, args);
    };
  }
  const restore = () => Object.assign(console, original);
  return { failed, restore };
}

// A memory snapshot of the interpreter with the core already imported makes a later visit start
// in a fraction of a full boot (measured: about 0.35 s instead of 2 s). It is kept once, after the
// first answers: the site's snapshot if the visit started from it, else one taken of this
// interpreter as the full boot left it, before its first request (an image taken later would hold
// what the reader typed, in memory Python has freed but not cleared). It goes into the origin
// private file system (OPFS) under a name made of Pyodide's folder and the core wheel's sha256, so
// a rebuilt core or another Pyodide never restores a stale one. OPFS rather than Cache Storage:
// this worker reads the 31 MB file itself, synchronously, instead of streaming it through the
// browser process, which is busy loading the page (measured on 2 cores: about 0.05 s instead of
// 0.4-0.6 s). Pyodide's snapshots are a private API and do not survive loadPackage(), so the
// wheel the site-local lock registers is unpacked instead; any failure falls back to the full
// boot and forgets the snapshot.
const SNAPSHOT_FOLDER = "copc-snapshots";
const SNAPSHOT_DELAY_MS = 1500; // after the last request: never compete with the user's first results
const CHECK_REQUEST = JSON.stringify({ op: "rule-50-75", input: { at_target: 48, at_target_or_improving: 69, total: 100 } });

const lockURL = new URL("pyodide-lock.json", base);

function snapshotName(entry) {
  const pyodideFolder = base.pathname.split("/").filter(Boolean).pop();
  return `pyodide-${pyodideFolder}-copc-cx-${entry.sha256}.bin`;
}

// Shared workers have no synchronous files: a shared engine reads the whole file as a blob and
// writes it through a writable stream (measured: about 0.1 s to read the 31 MB file on a quiet
// machine), which it needs only when no page has kept it running.
const SYNC_FILES = typeof FileSystemFileHandle === "function" && "createSyncAccessHandle" in FileSystemFileHandle.prototype;

/** The folder of snapshots, or null where OPFS (or a way to write its files) is missing: just boot. */
async function openSnapshots() {
  try {
    if (typeof FileSystemFileHandle !== "function"
        || !(SYNC_FILES || "createWritable" in FileSystemFileHandle.prototype)) {
      return null;
    }
    const root = await navigator.storage.getDirectory();
    return await root.getDirectoryHandle(SNAPSHOT_FOLDER, { create: true });
  } catch {
    return null; // storage unavailable (private mode, an insecure origin, no quota)
  }
}

/** The stored snapshot's bytes, or null (none, or another tab is writing it). */
async function readSnapshot(snapshots, name) {
  let access = null;
  try {
    const file = await snapshots.getFileHandle(name);
    if (!SYNC_FILES) {
      const bytes = new Uint8Array(await (await file.getFile()).arrayBuffer());
      return bytes.byteLength ? bytes : null;
    }
    access = await file.createSyncAccessHandle();
    const size = access.getSize();
    if (!size) return null; // a write that never finished
    const bytes = new Uint8Array(size);
    access.read(bytes, { at: 0 });
    return bytes;
  } catch {
    return null;
  } finally {
    if (access) access.close();
  }
}

async function writeSnapshot(snapshots, name, image) {
  for await (const old of snapshots.keys()) if (old !== name) await snapshots.removeEntry(old);
  const file = await snapshots.getFileHandle(name, { create: true });
  if (!SYNC_FILES) {
    // written to a swap file and moved into place on close: a reader never sees half an image
    const writable = await file.createWritable();
    try {
      await writable.write(image);
      await writable.close();
    } catch (error) {
      await writable.abort().catch(() => {});
      throw error;
    }
    return;
  }
  const access = await file.createSyncAccessHandle();
  try {
    access.truncate(0);
    access.write(image, { at: 0 });
    access.flush();
  } finally {
    access.close();
  }
}

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// fetched at once, while the worker looks for a snapshot
const pyodideModule = import(new URL("pyodide.mjs", base).href);

async function loadRuntime(options) {
  const { loadPyodide } = await pyodideModule;
  const logs = watchBootLogs();
  try {
    return await Promise.race([
      loadPyodide({ indexURL: base.href, lockFileURL: lockURL.href, stdout: () => {}, stderr: () => {}, ...options }),
      logs.failed,
    ]);
  } finally {
    logs.restore();
  }
}

// The site ships a snapshot too (scripts/snapshot_core.mjs), for a first visit: restoring it
// spares Python's start-up and the core's import (measured here: first result after 2.1 s instead
// of 5.4 s), for about 6 MB more to download. That pays only on a fast network, so the worker
// watches the download's first SHIPPED_PROBE_MS and gives up if at that pace the whole file would
// take longer than SHIPPED_BUDGET_MS: about what the snapshot saves on a fast laptop (0.8-1 s).
// It also gives up if no answer has come by then. Then the full boot runs: the runtime's own files
// have been loading meanwhile, so a first visit on a slow network loses at most that wait.
const SHIPPED_PROBE_MS = 250;
const SHIPPED_BUDGET_MS = 1000;

/** The shipped snapshot's image; rejects if there is none, it comes too slowly or cannot be gunzipped here.
 * `keep()` is called once the download will not be given up (its probe passed, or it is done). */
async function downloadShipped(keep = () => {}) {
  if (!CORE_SNAPSHOT || typeof DecompressionStream !== "function") throw new Error("no shipped snapshot here");
  const url = new URL(CORE_SNAPSHOT.file_name, base);
  const abort = new AbortController();
  let givenUp = null; // why the download was stopped (browsers reject with an error of their own)
  const giveUp = (why) => {
    givenUp = new Error(`${url.pathname} ${why}`);
    abort.abort(givenUp);
  };
  let received = 0;
  let probe = setTimeout(() => giveUp(`did not start coming within ${SHIPPED_BUDGET_MS} ms`), SHIPPED_BUDGET_MS);
  try {
    const response = await fetch(url, { signal: abort.signal });
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    clearTimeout(probe);
    // the gzipped file's size (not in the generated config, which must not change from build to build)
    const size = Number(response.headers.get("Content-Length"));
    if (!size) {
      abort.abort();
      throw new Error(`${url.pathname} has no Content-Length: how long it would take cannot be judged`);
    }
    probe = setTimeout(() => {
      const projected = (SHIPPED_PROBE_MS * size) / Math.max(received, 1);
      if (projected > SHIPPED_BUDGET_MS) giveUp(`would take about ${Math.round(projected)} ms to download`);
      else keep();
    }, SHIPPED_PROBE_MS);
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, controller) {
        received += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }));
    // gunzipped while it downloads
    const image = await new Response(counted.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    keep();
    return new Uint8Array(image);
  } catch (error) {
    throw givenUp || error;
  } finally {
    clearTimeout(probe);
  }
}

/** Start from a memory snapshot (its bytes, or a promise of them); false if that fails. */
async function restore(image, origin) {
  try {
    pyodide = await loadRuntime({ _loadSnapshot: image });
    handle = pyodide.pyimport("copc_cx.web").handle;
    if (!JSON.parse(handle(CHECK_REQUEST)).ok) throw new Error("the restored core gave a wrong answer");
    return true;
  } catch (error) {
    console.info(`copc calculators: ${origin} memory snapshot not used:`, String((error && error.message) || error));
    pyodide = handle = null;
    return false;
  }
}

/** A full boot; `keepable`: the runtime must be able to make a snapshot later (it records what that needs). */
async function fullBoot(entry, keepable) {
  const wheelURL = new URL(entry.file_name, base);
  const [runtime, wheel] = await Promise.all([
    loadRuntime({ _makeSnapshot: keepable }),
    fetch(wheelURL).then((response) => {
      if (!response.ok) throw new Error(`${wheelURL.pathname}: HTTP ${response.status}`);
      return response.arrayBuffer();
    }),
  ]);
  post({ type: "progress", stage: "package" });
  if ((await sha256(wheel)) !== entry.sha256) throw new Error(`${entry.file_name} does not match its sha256 in the lock`);
  pyodide = runtime;
  pyodide.unpackArchive(wheel, "wheel");
  handle = pyodide.pyimport("copc_cx.web").handle;
}

let snapshotTimer = null;
let snapshotTaken = false;

/** Keep `image` (a snapshot's bytes) for the next visit once the page has been quiet for a moment. */
function scheduleSnapshot(snapshots, name, image) {
  if (!snapshots || snapshotTaken) return;
  clearTimeout(snapshotTimer);
  snapshotTimer = setTimeout(async () => {
    snapshotTaken = true;
    afterRequest = () => {}; // and lets the 31 MB image go once written
    try {
      await writeSnapshot(snapshots, name, image);
      post({ type: "snapshot-saved" });
    } catch (error) {
      console.warn("copc calculators: could not keep a memory snapshot:", error);
    }
  }, SNAPSHOT_DELAY_MS);
}

let afterRequest = () => {};

async function boot() {
  post({ type: "progress", stage: "runtime" });
  // CORE_PACKAGE: the copc-cx entry of the site-local lock (`pyodide lockfile add-wheels`), copied
  // into the generated config at build time so that the boot need not wait for the lock
  const snapshots = await openSnapshots();
  const name = snapshotName(CORE_PACKAGE);
  const stored = snapshots && (await readSnapshot(snapshots, name));
  let start = "stored";
  if (!stored || !(await restore(stored, "this browser's"))) {
    if (stored) await snapshots.removeEntry(name).catch(() => {});
    // The restore starts (and fetches the runtime's files) only once the snapshot will not be given
    // up: started at once, it fetched them, and the full boot after the snapshot was given up fetched
    // them all again (two downloads of one file at the same time are not shared), 5 MB more on the
    // slow networks that give it up. The probe also sees the whole line's pace, not a share of it.
    /** @type {(sure: boolean) => void} */
    let kept = () => {};
    const keeping = new Promise((resolve) => { kept = resolve; });
    const shipped = downloadShipped(() => kept(true));
    shipped.catch(() => kept(false)); // its failure is handled where restore() awaits it
    const sure = await keeping;
    if (!sure) {
      await shipped.catch((error) => {
        console.info("copc calculators: the site's memory snapshot not used:", String((error && error.message) || error));
      });
    }
    let image;
    if (sure && (await restore(shipped, "the site's"))) {
      start = "shipped";
      image = await shipped;
    } else {
      start = "full";
      await fullBoot(CORE_PACKAGE, snapshots !== null);
      // before any request (see above); it costs the first result about 0.03 s here
      image = snapshots && pyodide.makeMemorySnapshot();
    }
    afterRequest = () => scheduleSnapshot(snapshots, name, image);
    afterRequest();
  }
  if (start !== "full") warmUpLeft = WARM_UP_CALLS;
  post({ type: "ready", ms: Math.round(performance.now() - started), start });
}

// An interpreter restored from a snapshot has skipped Python's start-up, so V8 has not optimised
// its hot WebAssembly functions yet: the reader's first twenty or so recomputes took about twice
// as long (measured after the site's snapshot: 20-28 ms on average instead of 10-13). So, once a
// restored engine has answered and is idle, the worker repeats the last request a few times in
// the background, one per task: a reader's request never waits behind more than one of them.
// Measured on a page left idle after its first result (4 visits each): the first twenty
// recomputes averaged 14.6 ms with it and 18.3 ms without; changes that follow each other
// without a pause keep postponing it, and gain nothing.
const WARM_UP_CALLS = 24;
const WARM_UP_DELAY_MS = 300;
let warmUpLeft = 0; // set by boot() for a restored engine
let warmUpRequest = null;
let warmUpTimer = null;

function warmUpLater(request) {
  if (warmUpLeft <= 0) return;
  warmUpRequest = request;
  clearTimeout(warmUpTimer);
  warmUpTimer = setTimeout(function warmUp() {
    try {
      handle(warmUpRequest);
    } catch {
      warmUpLeft = 0; // the reader's own requests report any failure
      return;
    }
    if (--warmUpLeft > 0) warmUpTimer = setTimeout(warmUp, 0);
  }, WARM_UP_DELAY_MS);
}

let failureReported = false;

function bootFailed(message) {
  if (failureReported) return;
  failureReported = true;
  post({ type: "boot-failed", message });
  endShared(); // a later page tries again (the network may be back)
}

let isReady = false;
const booted = boot();
booted.then(() => {
  isReady = true;
}, (error) => bootFailed(String((error && error.message) || error)));

async function onRequest(event, port) {
  const { id, op, input } = event.data || {};
  let response;
  try {
    await booted;
  } catch {
    reply(port, { type: "response", id, response: { ok: false, errors: [], failure: "unavailable" } });
    return;
  }
  const request = JSON.stringify({ op, input: input ?? {} });
  try {
    response = JSON.parse(handle(request));
  } catch (error) {
    const detail = String((error && error.message) || error);
    if (error instanceof pyodide.ffi.PythonError) {
      // a Python exception: the interpreter is fine, this request failed
      response = { ok: false, errors: [], failure: "exception", detail };
    } else {
      // anything else (a WebAssembly trap, a fatal Pyodide error) may leave the interpreter
      // unusable: answer, then ask the page(s) for a fresh worker
      reply(port, { type: "response", id, response: { ok: false, errors: [], failure: "crashed", detail } });
      post({ type: "crashed", message: detail });
      endShared();
      return;
    }
  }
  reply(port, { type: "response", id, response });
  afterRequest();
  warmUpLater(request);
}

if (SHARED) {
  // a shared worker's uncaught error reaches none of its pages: treat it as a crash
  self.addEventListener("error", (event) => {
    post({ type: "crashed", message: String(event.message || "uncaught error") });
    endShared();
  });
  let connections = 0;
  self.addEventListener("connect", (event) => {
    const port = event.ports[0];
    const connected = performance.now();
    connections += 1;
    ports.add(port);
    port.addEventListener("message", (message) => {
      const type = message.data && message.data.type;
      if (type === "bye") ports.delete(port);
      else if (type === "end") {
        // the reader erased what the calculators keep: nothing typed stays in a running engine
        for (const other of ports) if (other !== port) other.postMessage({ type: "ended" });
        endShared();
      } else onRequest(message, port);
    });
    port.start();
    // catch the page up: the engine may have been running since an earlier page. The page that
    // started the engine can connect after the boot (the connect event waits behind the boot's
    // long tasks): it is told how the boot went, not that the engine was already running.
    if (isReady && connections > 1) {
      port.postMessage({ type: "ready", ms: Math.round(performance.now() - connected), start: "running" });
    } else port.postMessage(bootNews);
    if (snapshotNews) port.postMessage(snapshotNews);
  });
} else {
  self.addEventListener("message", (event) => onRequest(event, null));
}
