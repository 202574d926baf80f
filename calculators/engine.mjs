// @ts-check
// The calculation engine: the scoring core (copc_cx) on Pyodide. It boots (from this browser's
// memory snapshot, the site's, or in full), answers requests (the JSON text of {op, input} in, the
// core's answer out) and keeps a memory snapshot for the next visit. Who hears its news and sends
// it requests (one page, or every page of a shared engine) is worker.mjs's business.
//
// An operation that needs an optional package (OPTIONAL_OPERATIONS, from copc_cx.optional: the
// Excel workbook's openpyxl, the calendar file's icalendar) is answered by its own module's
// handle(), once its packages are loaded from the site: on its first request only, once per engine
// (concurrent requests wait for the same load; other operations never wait for it). Their wheels
// (OPTIONAL_PACKAGES: the site-local lock's entries) are fetched, checked against their sha256 and
// unpacked, however the engine started: after a memory snapshot's restore Pyodide's loadPackage()
// cannot be used, and after a full boot it would hold every load behind one lock (a stalled
// download of openpyxl would keep the calendar file waiting) and cannot be given up. A load that
// fails answers the request "package" (protocol.mjs's packageFailure()), and the next request for
// it tries again.

import { CORE_PACKAGE, CORE_SNAPSHOT, OPTIONAL_OPERATIONS, OPTIONAL_PACKAGES, PYODIDE_PATH } from "./generated/config.mjs";
import { TO_PAGE, describe, failure, packageFailure, requestOp } from "./protocol.mjs";
import { downloadShipped, openSnapshots, readSnapshot, snapshotName, writeSnapshot } from "./snapshots.mjs";

/**
 * @typedef {import("pyodide").PyodideAPI} PyodideAPI
 * @typedef {import("./protocol.mjs").ToPage} ToPage
 * @typedef {import("./protocol.mjs").Response} Response
 * @typedef {import("./protocol.mjs").EngineStart} EngineStart
 * @typedef {(text: string) => string} Handle copc_cx.web.handle: JSON text in, JSON text out
 */

// Pyodide 314 only logs some boot failures (the WebAssembly module or the standard library
// cannot be fetched or instantiated) and then waits forever, or goes on to a Python start-up that
// never returns: those logs are turned into a failure at once (synchronously: the page then
// terminates this worker, whatever it is doing).
const FATAL_LOGS = ["wasm instantiation failed", "Error occurred while installing the standard library"];

// The snapshot kept for the next visit is written once the pages have been quiet for a moment
// after the last request: never in the way of the reader's first results.
const SNAPSHOT_DELAY_MS = 1500;
// a restored core must answer this before it is used (a snapshot of another build would not);
// figures of no worked example, which live in the core's examples only
const CHECK_REQUEST = JSON.stringify({ op: "rule-50-75", input: { at_target: 3, at_target_or_improving: 4, total: 5 } });

// An interpreter restored from a snapshot has skipped Python's start-up, so V8 has not optimised
// its hot WebAssembly functions yet and the reader's first recomputes are slower. So once a
// restored engine has answered and is idle, it repeats the last request a few times in the
// background, one per task: a reader's request never waits behind more than one of them.
const WARM_UP_CALLS = 24;
const WARM_UP_DELAY_MS = 300;

// How long a request waits for its optional packages before it is answered "package" (the load
// goes on: the same request tried again waits for it). Within client.mjs's time for such a
// request, so that a slow network gets this answer rather than a restarted engine.
export const PACKAGE_TIMEOUT_MS = 90_000;
// the modules that answer the optional operations: imported at boot, so that a snapshot holds them
const HANDLER_MODULES = [...new Set(Object.values(OPTIONAL_OPERATIONS).map((operation) => operation.module))];

export class Engine {
  /** @param {(message: ToPage) => void} announce hears the engine's news (all but the answers) */
  constructor(announce) {
    this.announce = announce;
    this.started = performance.now();
    /** the sha256 of the core wheel this engine runs: a page checks it is its own */
    this.core = CORE_PACKAGE.sha256;
    this.base = new URL(PYODIDE_PATH, import.meta.url);
    /** @type {PyodideAPI | null} */
    this.pyodide = null;
    /** @type {Handle | null} */
    this.handle = null;
    /** @type {Map<string, Handle>} each optional operation's module -> its handle() */
    this.handlers = new Map();
    /** @type {Map<string, Promise<void>>} each optional package's load, once per engine */
    this.packages = new Map();
    this.failureReported = false;
    /** @type {string | null} why the interpreter cannot be used any more */
    this.broken = null;
    this.isReady = false;
    /** runs after every answer: schedules the snapshot kept for the next visit */
    this.afterRequest = () => {};
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.snapshotTimer = undefined;
    this.snapshotTaken = false;
    this.warmUpLeft = 0;
    this.warmUpRequest = "";
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.warmUpTimer = undefined;
    // fetched at once, while the engine looks for a snapshot
    /** @type {Promise<typeof import("pyodide")>} */
    this.pyodideModule = import(new URL("pyodide.mjs", this.base).href);
    this.booted = this.boot();
    this.booted.then(() => {
      this.isReady = true;
    }, (error) => this.bootFailed(describe(error)));
  }

  /** Milliseconds since the engine started. */
  elapsed() {
    return Math.round(performance.now() - this.started);
  }

  /** @param {string} message */
  bootFailed(message) {
    if (this.failureReported) return;
    this.failureReported = true;
    this.announce({ type: TO_PAGE.BOOT_FAILED, message });
  }

  /** @returns {{failed: Promise<never>, restore: () => void}} */
  watchBootLogs() {
    /** @type {(error: Error) => void} */
    let reject = () => {};
    /** @type {Promise<never>} */
    const failed = new Promise((_, no) => {
      reject = no;
    });
    const original = { warn: console.warn, error: console.error };
    for (const level of /** @type {const} */ (["warn", "error"])) {
      console[level] = (...args) => {
        const first = typeof args[0] === "string" ? args[0] : "";
        if (FATAL_LOGS.some((text) => first.includes(text))) {
          this.bootFailed(first);
          reject(new Error(first));
        }
        original[level].apply(console, args);
      };
    }
    const restore = () => {
      Object.assign(console, original);
    };
    return { failed, restore };
  }

  /**
   * Pyodide's runtime.
   * @param {import("pyodide").PyodideConfig} options
   */
  async loadRuntime(options) {
    const { loadPyodide } = await this.pyodideModule;
    const logs = this.watchBootLogs();
    try {
      return await Promise.race([
        loadPyodide({
          indexURL: this.base.href, lockFileURL: new URL("pyodide-lock.json", this.base).href,
          stdout: () => {}, stderr: () => {}, ...options,
        }),
        logs.failed,
      ]);
    } finally {
      logs.restore();
    }
  }

  /**
   * Start from a memory snapshot (its bytes, or a promise of them); false if that fails.
   * @param {Uint8Array | Promise<Uint8Array>} image
   * @param {string} origin whose snapshot, for the console
   */
  async restore(image, origin) {
    try {
      this.pyodide = await this.loadRuntime({ _loadSnapshot: image });
      this.handle = this.pyodide.pyimport("copc_cx.web").handle;
      if (!JSON.parse(/** @type {Handle} */ (this.handle)(CHECK_REQUEST)).ok) throw new Error("the restored core gave a wrong answer");
      this.importHandlers(this.pyodide);
      return true;
    } catch (error) {
      console.info(`copc calculators: ${origin} memory snapshot not used:`, describe(error));
      this.pyodide = this.handle = null;
      this.handlers.clear();
      return false;
    }
  }

  /**
   * The optional operations' modules (none of their packages): after a restore they must be in the
   * snapshot already, since the core's files are gone.
   * @param {PyodideAPI} pyodide
   */
  importHandlers(pyodide) {
    for (const module of HANDLER_MODULES) this.handlers.set(module, pyodide.pyimport(module).handle);
  }

  /**
   * A full boot. Pyodide's snapshots are a private API and do not survive loadPackage(), so the core
   * wheel the site-local lock registers is unpacked instead.
   * @param {boolean} keepable the runtime must be able to make a snapshot later (it records what that needs)
   */
  async fullBoot(keepable) {
    const [runtime, wheel] = await Promise.all([
      this.loadRuntime({ _makeSnapshot: keepable }),
      fetchCore(new URL(CORE_PACKAGE.file_name, this.base)),
    ]);
    this.announce({ type: TO_PAGE.PROGRESS, stage: "package" });
    this.pyodide = runtime;
    runtime.unpackArchive(wheel, "wheel");
    this.handle = runtime.pyimport("copc_cx.web").handle;
    this.importHandlers(runtime); // before the snapshot kept for the next visit is taken
  }

  async boot() {
    this.announce({ type: TO_PAGE.PROGRESS, stage: "runtime" });
    // CORE_PACKAGE: the copc-cx entry of the site-local lock (`pyodide lockfile add-wheels`), copied
    // into the generated config at build time so that the boot need not wait for the lock
    const snapshots = await openSnapshots();
    const name = snapshotName(this.base, CORE_PACKAGE);
    const stored = snapshots && (await readSnapshot(snapshots, name));
    /** @type {EngineStart} */
    let start = "stored";
    if (!stored || !(await this.restore(stored, "this browser's"))) {
      if (snapshots && stored) await snapshots.removeEntry(name).catch(() => {});
      // The restore starts (and fetches the runtime's files) only once the snapshot will not be given
      // up: started at once, it fetched them, and the full boot after the snapshot was given up fetched
      // them all again (two downloads of one file at the same time are not shared), 5 MB more on the
      // slow networks that give it up. The probe also sees the whole line's pace, not a share of it.
      /** @type {(sure: boolean) => void} */
      let kept = () => {};
      /** @type {Promise<boolean>} */
      const keeping = new Promise((resolve) => { kept = resolve; });
      const shipped = CORE_SNAPSHOT
        ? downloadShipped(new URL(CORE_SNAPSHOT.file_name, this.base), () => kept(true))
        : Promise.reject(new Error("no shipped snapshot here"));
      shipped.catch(() => kept(false)); // its failure is handled where restore() awaits it
      const sure = await keeping;
      if (!sure) {
        await shipped.catch((error) => {
          console.info("copc calculators: the site's memory snapshot not used:", describe(error));
        });
      }
      /** @type {Uint8Array | null} */
      let image;
      if (sure && (await this.restore(shipped, "the site's"))) {
        start = "shipped";
        image = await shipped;
      } else {
        start = "full";
        await this.fullBoot(snapshots !== null);
        // An image taken after the answers would hold what the reader typed, in memory Python has
        // freed but not cleared: this one is taken before any request.
        image = snapshots && /** @type {PyodideAPI} */ (this.pyodide).makeMemorySnapshot();
      }
      this.afterRequest = () => this.scheduleSnapshot(snapshots, name, image);
      this.afterRequest();
    }
    if (start !== "full") this.warmUpLeft = WARM_UP_CALLS;
    this.announce({ type: TO_PAGE.READY, ms: this.elapsed(), start, core: this.core });
  }

  /**
   * Keep `image` (a snapshot's bytes) for the next visit once the pages have been quiet for a moment.
   * @param {FileSystemDirectoryHandle | null} snapshots
   * @param {string} name
   * @param {Uint8Array | null} image
   */
  scheduleSnapshot(snapshots, name, image) {
    if (!snapshots || !image || this.snapshotTaken) return;
    clearTimeout(this.snapshotTimer);
    this.snapshotTimer = setTimeout(async () => {
      this.snapshotTaken = true;
      this.afterRequest = () => {}; // and lets the image go once written
      try {
        await writeSnapshot(snapshots, name, image);
        this.announce({ type: TO_PAGE.SNAPSHOT_SAVED });
      } catch (error) {
        console.warn("copc calculators: could not keep a memory snapshot:", error);
      }
    }, SNAPSHOT_DELAY_MS);
  }

  /** @param {string} request */
  warmUpLater(request) {
    if (this.warmUpLeft <= 0) return;
    this.warmUpRequest = request;
    clearTimeout(this.warmUpTimer);
    const warmUp = () => {
      try {
        /** @type {Handle} */ (this.handle)(this.warmUpRequest);
      } catch {
        this.warmUpLeft = 0; // the reader's own requests report any failure
        return;
      }
      if (--this.warmUpLeft > 0) this.warmUpTimer = setTimeout(warmUp, 0);
    };
    this.warmUpTimer = setTimeout(warmUp, WARM_UP_DELAY_MS);
  }

  /**
   * Whether `error` is a Python exception, after which the interpreter is fine. After a fatal
   * Pyodide error every property of its API throws, pyodide.ffi included: that is no Python
   * exception either.
   * @param {unknown} error
   */
  isPythonError(error) {
    try {
      return error instanceof /** @type {PyodideAPI} */ (this.pyodide).ffi.PythonError;
    } catch {
      return false;
    }
  }

  /**
   * The answer to one request (never rejects): the core's, or a failure. A Python exception fails
   * only this request; any other error (a WebAssembly trap, a fatal Pyodide error) may have left the
   * interpreter unusable: the answer says "crashed", and the caller must let this engine go.
   * @param {string} text the JSON of {op, input}
   * @returns {Promise<Response>}
   */
  async answer(text) {
    try {
      await this.booted;
    } catch {
      return failure("unavailable");
    }
    if (this.broken !== null) return failure("crashed", this.broken);
    const op = requestOp(text);
    const optional = op !== null && Object.hasOwn(OPTIONAL_OPERATIONS, op) ? OPTIONAL_OPERATIONS[op] : null;
    let handle = /** @type {Handle} */ (this.handle);
    if (optional) {
      const missing = await this.loadPackages(optional.packages);
      if (missing) return missing;
      if (this.broken !== null) return failure("crashed", this.broken);
      const handler = this.handlers.get(optional.module);
      if (!handler) return failure("exception", `${optional.module} was not imported`);
      handle = handler;
    }
    /** @type {Response} */
    let response;
    try {
      response = JSON.parse(handle(text));
    } catch (error) {
      const detail = describe(error);
      if (this.isPythonError(error)) return failure("exception", detail);
      this.broken = detail;
      return failure("crashed", detail);
    }
    this.afterRequest();
    // an optional operation is no warm-up: a workbook written 24 times over would be in the way
    if (!optional) this.warmUpLater(text);
    return response;
  }

  /**
   * Load `names` and their dependencies; null once they are there, or the failure to answer.
   * @param {string[]} names
   * @returns {Promise<import("./protocol.mjs").PackageFailure | null>}
   */
  async loadPackages(names) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    /** @type {Promise<Error>} */
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve(new Error(`not loaded within ${PACKAGE_TIMEOUT_MS} ms`)), PACKAGE_TIMEOUT_MS);
    });
    try {
      const loads = Promise.all(withDependencies(names).map((name) => this.loadPackage(name)));
      const problem = await Promise.race([loads.then(() => null, (error) => error), late]);
      if (problem === null) return null;
      console.warn(`copc calculators: ${names.join(", ")} could not be loaded:`, describe(problem));
      return packageFailure(names, describe(problem));
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One package (not its dependencies), loaded once per engine: a failed load is forgotten, so
   * that the next request tries again.
   * @param {string} name
   */
  loadPackage(name) {
    let load = this.packages.get(name);
    if (!load) {
      load = unpackFromSite(/** @type {PyodideAPI} */ (this.pyodide), this.base, name);
      const started = load;
      this.packages.set(name, started);
      started.catch(() => {
        if (this.packages.get(name) === started) this.packages.delete(name);
      });
    }
    return load;
  }
}

/**
 * `names` and every package they depend on, dependencies first (OPTIONAL_PACKAGES: the lock's).
 * @param {string[]} names
 */
export function withDependencies(names) {
  /** @type {string[]} */
  const ordered = [];
  /** @param {string} name */
  const visit = (name) => {
    if (ordered.includes(name)) return;
    for (const dependency of Object.hasOwn(OPTIONAL_PACKAGES, name) ? OPTIONAL_PACKAGES[name].depends : []) visit(dependency);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

/**
 * One package's wheel from the site, checked against its sha256 in the lock, unpacked into
 * site-packages (as the full boot unpacks the core's).
 * @param {PyodideAPI} pyodide
 * @param {URL} base the Pyodide folder
 * @param {string} name
 */
async function unpackFromSite(pyodide, base, name) {
  if (!Object.hasOwn(OPTIONAL_PACKAGES, name)) throw new Error(`${name} is not in the site's lock`);
  const entry = OPTIONAL_PACKAGES[name];
  const url = new URL(entry.file_name, base);
  const response = await fetch(url, { signal: AbortSignal.timeout(PACKAGE_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const wheel = await response.arrayBuffer();
  if ((await sha256(wheel)) !== entry.sha256) throw new Error(`${entry.file_name} does not match its sha256 in the lock`);
  pyodide.unpackArchive(wheel, "wheel");
  // the import system may have listed site-packages before: it must see the new files
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

/**
 * The core wheel, checked against its sha256 in the lock. Its name carries no hash, so a cache that
 * keeps files without asking the server may hold another build's: that copy is fetched again past
 * the HTTP cache (which then keeps the right one) before the boot gives up.
 * @param {URL} url
 */
async function fetchCore(url) {
  for (const cache of /** @type {const} */ (["default", "reload"])) {
    const response = await fetch(url, { cache });
    if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
    const wheel = await response.arrayBuffer();
    if ((await sha256(wheel)) === CORE_PACKAGE.sha256) return wheel;
  }
  throw new Error(`${CORE_PACKAGE.file_name} does not match its sha256 in the lock`);
}

/** @param {ArrayBuffer} buffer */
async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
