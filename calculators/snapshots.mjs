// @ts-check
// Where the engine's memory snapshots come from and go (engine.mjs decides when).
//
// This browser's snapshot lives in the origin private file system (OPFS), under a name made of
// Pyodide's folder and the core wheel's sha256, so a rebuilt core or another Pyodide never
// restores a stale one. OPFS rather than Cache Storage: a dedicated worker reads the file itself,
// synchronously, instead of streaming it through the browser process, which is busy loading the
// page just then. A shared worker has no synchronous files: it reads the file as a blob and
// writes it through a writable stream.
//
// The site's snapshot (scripts/snapshot_core.mjs) spares a first visit Python's start-up and the
// core's import, for several megabytes more to download: that pays only on a fast network, so the
// download is watched for its first SHIPPED_PROBE_MS and given up if at that pace the whole file
// would take longer than SHIPPED_BUDGET_MS, about what the snapshot saves on a fast laptop.

const SNAPSHOT_FOLDER = "copc-snapshots";
const SHIPPED_PROBE_MS = 250;
const SHIPPED_BUDGET_MS = 1000;

const SYNC_FILES = typeof FileSystemFileHandle === "function" && "createSyncAccessHandle" in FileSystemFileHandle.prototype;

/**
 * The file name of this browser's snapshot for a Pyodide folder and a core wheel.
 * @param {URL} pyodideBase the Pyodide folder's URL
 * @param {{sha256: string}} core the core's entry in the site-local lock
 */
export function snapshotName(pyodideBase, core) {
  const pyodideFolder = pyodideBase.pathname.split("/").filter(Boolean).pop();
  return `pyodide-${pyodideFolder}-copc-cx-${core.sha256}.bin`;
}

/**
 * The folder of snapshots, or null where OPFS (or a way to write its files) is missing: just boot.
 * @returns {Promise<FileSystemDirectoryHandle | null>}
 */
export async function openSnapshots() {
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

/**
 * The stored snapshot's bytes, or null (none, or another tab is writing it).
 * @param {FileSystemDirectoryHandle} snapshots
 * @param {string} name
 * @returns {Promise<Uint8Array | null>}
 */
export async function readSnapshot(snapshots, name) {
  /** @type {FileSystemSyncAccessHandle | null} */
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

/**
 * Keep `image` as the only snapshot of the folder.
 * @param {FileSystemDirectoryHandle} snapshots
 * @param {string} name
 * @param {Uint8Array} image
 */
export async function writeSnapshot(snapshots, name, image) {
  for await (const old of snapshots.keys()) if (old !== name) await snapshots.removeEntry(old);
  const file = await snapshots.getFileHandle(name, { create: true });
  if (!SYNC_FILES) {
    // written to a swap file and moved into place on close: a reader never sees half an image
    const writable = await file.createWritable();
    try {
      await writable.write(/** @type {Uint8Array<ArrayBuffer>} */ (image));
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

/**
 * The site's snapshot, gunzipped while it downloads; rejects if there is none, it comes too slowly
 * or cannot be gunzipped here. `keep()` is called once the download will not be given up (its
 * probe passed, or it is done).
 * @param {URL} url
 * @param {() => void} [keep]
 * @returns {Promise<Uint8Array>}
 */
export async function downloadShipped(url, keep = () => {}) {
  if (typeof DecompressionStream !== "function") throw new Error("no DecompressionStream here");
  const abort = new AbortController();
  /** @type {Error | null} why the download was stopped (browsers reject with an error of their own) */
  let givenUp = null;
  /** @param {string} why */
  const giveUp = (why) => {
    givenUp = new Error(`${url.pathname} ${why}`);
    abort.abort(givenUp);
  };
  let received = 0;
  let probe = setTimeout(() => giveUp(`did not start coming within ${SHIPPED_BUDGET_MS} ms`), SHIPPED_BUDGET_MS);
  try {
    const response = await fetch(url, { signal: abort.signal });
    if (!response.ok || !response.body) throw new Error(`${url.pathname}: HTTP ${response.status}`);
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
    const image = await new Response(counted.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    keep();
    return new Uint8Array(image);
  } catch (error) {
    throw givenUp || error;
  } finally {
    clearTimeout(probe);
  }
}
