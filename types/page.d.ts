// What calculators/boot.js leaves on the page for client.mjs (window.__copcEngine): the engine it
// started while the page loaded, and a way to start another.

/** A dedicated worker of the page, or a connection to the site's shared one. */
type EngineConnection =
  | { worker: Worker; endpoint: Worker; shared: false }
  | { worker: SharedWorker; endpoint: MessagePort; shared: true };

/** The engine boot.js started, with the events it sent before client.mjs took it over. */
interface EarlyEngine {
  engine: EngineConnection;
  events: Event[] | null;
}

interface EngineStarter {
  /** A new engine (or a connection to the shared one), at a URL of its own if `fresh` is given (a
   * token): null where module workers are missing. */
  create(fresh?: string): EngineConnection | null;
  early: EarlyEngine | null;
}

interface Window {
  __copcEngine?: EngineStarter;
}

/** SharedWorker's option to outlive its last page (Chromium 148 and later). */
interface WorkerOptions {
  extendedLifetime?: boolean;
}
