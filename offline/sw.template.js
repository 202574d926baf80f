// @ts-check
/* The site's service worker: every page and the calculators work offline after one visit.
 *
 * scripts/build_site.py writes this file into site/sw.js (the site root, so its scope covers
 * / and /en/) and puts the build's manifest in place of the MANIFEST placeholder:
 *   {build: build id of site/assets/build-info.json,
 *    site: [every page and asset of the site except Pyodide, as URLs relative to sw.js],
 *    pyodide: {URL relative to sw.js: revision (sha256 of the file, 16 hex digits)},
 *    pyodide_set: a digest of those revisions}
 *
 * Caches
 *   copc-site-<build>  the pages and assets of one build, precached on install: any page works
 *                      offline after one visit to any page. A rebuild makes a new sw.js (its
 *                      build id changes), hence a new cache; activate deletes the old ones.
 *   copc-pyodide-<set> the Pyodide runtime, stdlib, lock and core wheel (~13 MB) of one set of
 *                      revisions, each checked against its revision's hash before it is stored,
 *                      and the set itself (under REVISIONS_KEY). Named after the set, so a page
 *                      never mixes files of two builds: a new build with a new core has a new
 *                      cache. The responses are stored as they came (one rebuilt here would lose
 *                      the compiled code Chromium keeps with it, and the engine would start
 *                      later). Not precached on install (readers who never open a calculator
 *                      never download them): cached on the page's request ({type:
 *                      "cache-pyodide"}, sent by copc-offline.js once the calculators' engine has
 *                      booted: the engine fetched them from the network on a first visit, before
 *                      this worker was in control, or past it on a miss of the static route),
 *                      and where there are no static routes when the engine fetches them through
 *                      this worker. When the reader already had Pyodide offline, a new
 *                      build's install copies the unchanged files from the old cache and fetches
 *                      the changed ones.
 *
 * Strategy: cache first for everything of the build (one consistent snapshot: pages never mix
 * with assets of another build); network on a miss (cached if it belongs to the site). A rebuild
 * is picked up by the browser's update check on the next navigation: the new worker installs,
 * skips waiting, claims the pages, and copc-offline.js reloads them once. `.wasm` responses are
 * served as application/wasm (streaming compilation). Only same-origin GET requests are handled.
 *
 * Static routes (Chromium 123 and later): the browser answers the requests for the site's assets
 * and Pyodide's files from these caches itself, without this worker's fetch handler (each request
 * it handles costs its thread time, on the cores that boot the calculators). A miss goes
 * to the network. Pages still come through the fetch handler (shared links carry a query; the
 * 404 page offline), and so does the site's memory snapshot of the core (cached as an asset on
 * its first fetch). Browsers without static routes use the fetch handler for everything.
 */
"use strict";

const MANIFEST = __COPC_MANIFEST__;
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

const PREFIX = "copc-";
const SITE_CACHE = `${PREFIX}site-${MANIFEST.build}`;
const PYODIDE_PREFIX = `${PREFIX}pyodide`; // also the name of the one cache earlier builds shared
const PYODIDE_CACHE = `${PYODIDE_PREFIX}-${MANIFEST.pyodide_set}`;

/** @param {string} path */
const url = (path) => new URL(path, self.location.href).href;
const SITE_URLS = MANIFEST.site.map(url);
const SITE_SET = new Set(SITE_URLS);
const PYODIDE = new Map(Object.entries(MANIFEST.pyodide).map(([path, rev]) => [url(path), rev]));
const NOT_FOUND_PAGE = url("404.html");
// in each cache of Pyodide's files: the set of revisions ({URL: revision}) its files belong to
const REVISIONS_KEY = url("copc-pyodide-revisions.json");

// --- install and activate -------------------------------------------------------------------

/**
 * A URLPattern for one path of this origin, or (`prefix`) for everything under it.
 * @param {string} href
 */
function pattern(href, prefix = false) {
  const target = new URL(href);
  const path = target.pathname.replace(/[:*?+(){}\\]/g, "\\$&"); // literal, not pattern syntax
  return new URLPattern({
    protocol: target.protocol.slice(0, -1), hostname: target.hostname, port: target.port,
    pathname: prefix ? `${path}*` : path,
  });
}

/** @returns {RouterRule[]} */
function routes() {
  return [
    { condition: { or: [...PYODIDE.keys()].map((href) => ({ urlPattern: pattern(href) })) },
      source: { cacheName: PYODIDE_CACHE } },
    { condition: { urlPattern: pattern(url("assets/pyodide/"), true) }, source: "fetch-event" },
    { condition: { urlPattern: pattern(url("assets/"), true) }, source: { cacheName: SITE_CACHE } },
  ];
}

sw.addEventListener("install", (installing) => {
  const event = /** @type {InstallEvent} */ (installing);
  if (typeof event.addRoutes === "function") {
    // refused (an older Chromium without `or`): the fetch handler serves everything, as elsewhere
    event.waitUntil(event.addRoutes(routes()).catch((error) => console.info("copc offline: no static routes:", error)));
  }
  event.waitUntil((async () => {
    const cache = await caches.open(SITE_CACHE);
    // no-cache: revalidate with the server, never take an HTTP-cached copy of another build
    await cache.addAll(SITE_URLS.map((href) => new Request(href, { cache: "no-cache" })));
    if (await hasPyodide()) {
      // the reader uses the calculators offline: keep them working across the update
      await cachePyodide().catch(() => {});
    }
    await sw.skipWaiting();
  })());
});

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== SITE_CACHE && name !== PYODIDE_CACHE) await caches.delete(name);
    }
    await sw.clients.claim();
  })());
});

// --- Pyodide ----------------------------------------------------------------------------------

/** The caches of Pyodide's files other than this build's (an earlier build's). */
async function earlierPyodideCaches() {
  const names = (await caches.keys()).filter((name) => name.startsWith(PYODIDE_PREFIX) && name !== PYODIDE_CACHE);
  return Promise.all(names.map((name) => caches.open(name)));
}

/** Whether the reader keeps Pyodide offline (from this build or an earlier one). */
async function hasPyodide() {
  for (const cache of [await caches.open(PYODIDE_CACHE), ...(await earlierPyodideCaches())]) {
    if ((await cache.keys()).length > 0) return true;
  }
  return false;
}

/**
 * An earlier build's copy of a file whose revision has not changed, or null.
 * @param {string} href
 */
async function keptPyodide(href) {
  for (const cache of await earlierPyodideCaches()) {
    const revisions = await cache.match(REVISIONS_KEY);
    if (!revisions) continue; // a cache of builds that did not record them: fetch again
    const kept = await cache.match(href);
    if (kept && (await revisions.json())[href] === PYODIDE.get(href)) return kept;
  }
  return null;
}

/**
 * Put a file of this build's set into its cache, with the set's record ({URL: revision}).
 * @param {Cache} cache
 * @param {string} href
 * @param {Response} response
 */
async function putPyodide(cache, href, response) {
  const revisions = JSON.stringify(Object.fromEntries(PYODIDE));
  await cache.put(REVISIONS_KEY, new Response(revisions, { headers: { "content-type": "application/json" } }));
  await cache.put(href, response);
}

/** @param {Response} response */
async function sha256(response) {
  const digest = await crypto.subtle.digest("SHA-256", await response.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Store a Pyodide file if it is the one this build lists (a newer deploy's is not).
 * @param {Cache} cache
 * @param {string} href
 * @param {Response} response
 */
async function storePyodide(cache, href, response) {
  if (response.status !== 200 || response.type !== "basic") return false;
  const rev = PYODIDE.get(href);
  if (rev === undefined || !(await sha256(response.clone())).startsWith(rev)) return false;
  // as the static route will serve it (a .wasm as application/wasm: rebuilt only if it was not)
  await putPyodide(cache, href, asWasm(href, response));
  return true;
}

/** @type {Promise<boolean> | null} */
let caching = null;

/**
 * Fetch the Pyodide files not cached yet, one at a time and at low priority.
 * @returns {Promise<boolean>} whether all of them are cached now
 */
function cachePyodide() {
  caching ||= (async () => {
    const cache = await caches.open(PYODIDE_CACHE);
    let complete = true;
    for (const href of PYODIDE.keys()) {
      if (await cache.match(href)) continue;
      const kept = await keptPyodide(href);
      if (kept) {
        await putPyodide(cache, href, kept);
        continue;
      }
      const response = await fetch(href, { priority: "low" });
      if (!(await storePyodide(cache, href, response))) complete = false;
    }
    return complete;
  })().finally(() => {
    caching = null;
  });
  return caching;
}

sw.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-pyodide") return;
  event.waitUntil((async () => {
    let complete = false;
    try {
      complete = await cachePyodide();
    } catch {
      complete = false;
    }
    if (event.source) event.source.postMessage({ type: "pyodide-cached", complete });
  })());
});

// --- fetch ------------------------------------------------------------------------------------

/**
 * @param {string} href
 * @param {Response} response
 */
function asWasm(href, response) {
  const type = response.headers.get("content-type") || "";
  if (!href.endsWith(".wasm") || type.split(";")[0].trim() === "application/wasm") return response;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/wasm");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * @param {FetchEvent} event
 * @param {string} href
 */
async function pyodideFile(event, href) {
  const cache = await caches.open(PYODIDE_CACHE);
  const cached = await cache.match(href);
  if (cached) return asWasm(href, cached);
  const response = await fetch(event.request);
  event.waitUntil(storePyodide(cache, href, response.clone()).catch(() => false));
  return asWasm(href, response);
}

/**
 * The cache key of a page: the URL without query, `x/index.html` as `x/`.
 * @param {string} href
 */
function pageKey(href) {
  const key = new URL(href);
  key.search = "";
  key.hash = "";
  if (key.pathname.endsWith("/index.html")) key.pathname = key.pathname.slice(0, -"index.html".length);
  return key.href;
}

/** @param {FetchEvent} event */
async function page(event) {
  const cache = await caches.open(SITE_CACHE);
  const key = pageKey(event.request.url);
  const cached = await cache.match(key);
  if (cached) return cached;
  if (SITE_SET.has(`${key}/`)) return Response.redirect(`${key}/${new URL(event.request.url).search}`, 301);
  try {
    return await fetch(event.request);
  } catch (error) {
    const missing = await cache.match(NOT_FOUND_PAGE);
    if (!missing) throw error;
    return new Response(missing.body, { status: 404, statusText: "Not Found", headers: missing.headers });
  }
}

/**
 * @param {FetchEvent} event
 * @param {string} href
 */
async function asset(event, href) {
  const cache = await caches.open(SITE_CACHE);
  const cached = await cache.match(event.request);
  if (cached) return asWasm(href, cached);
  const response = await fetch(event.request);
  if (response.status === 200 && response.type === "basic" && !response.redirected) {
    event.waitUntil(cache.put(event.request, response.clone()).catch(() => {}));
  }
  return asWasm(href, response);
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || request.headers.has("range")) return;
  const target = new URL(request.url);
  // the CSP allows only this origin; anything else is left to the browser
  if (target.origin !== self.location.origin) return;
  target.hash = "";
  const href = target.href;
  if (PYODIDE.has(href)) event.respondWith(pyodideFile(event, href));
  else if (request.mode === "navigate") event.respondWith(page(event));
  else event.respondWith(asset(event, href));
});
