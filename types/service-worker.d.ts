// What offline/sw.template.js needs beyond lib webworker.

/** The build's manifest, which scripts/build_site.py writes in place of this name. */
declare const __COPC_MANIFEST__: {
  /** the build id (site/assets/build-info.json) */
  build: string;
  /** every page and asset but Pyodide's files, as URLs relative to sw.js */
  site: string[];
  /** Pyodide's files: URL relative to sw.js -> revision (16 hex digits of its sha256) */
  pyodide: Record<string, string>;
  /** a digest of those revisions */
  pyodide_set: string;
};

/** A static route of the service worker (Chromium 123 and later): which requests, from where. */
interface RouterRule {
  condition: { urlPattern?: URLPattern; or?: { urlPattern: URLPattern }[] };
  source: "fetch-event" | "network" | "cache" | { cacheName: string };
}

interface InstallEvent extends ExtendableEvent {
  addRoutes?(rules: RouterRule | RouterRule[]): Promise<void>;
}
