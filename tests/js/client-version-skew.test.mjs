// Version skew: the engine says which core it runs (the core wheel's sha256); an engine whose core
// is not the one the page's generated config names is stopped and started again from the current
// build, its files fetched past the HTTP cache, while the page's requests wait for it
// (calculators/client.mjs).
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, mock, test } from "node:test";

import { CORE, OTHER_CORE, pageWithEngine, settled } from "./page-with-engine.mjs";

// any request will do: the engines here are played by the test
const RULE = { at_target: "3", at_target_or_improving: "4", total: "5" };
const ENGINE_FILES = ["worker.mjs", "engine.mjs", "snapshots.mjs", "protocol.mjs", "generated/config.mjs"];

const pause = () => new Promise((resolve) => setImmediate(resolve));

describe("an engine that runs another core than the page's", () => {
  // the page's timers (the boot's time limit) are the test's: none is left running after it
  beforeEach(() => mock.timers.enable({ apis: ["setTimeout"] }));
  afterEach(() => mock.timers.reset());

  test("is stopped; its files are fetched again past the HTTP cache, and a fresh engine answers the waiting requests", async () => {
    const { client, engines, stages, fetched, base } = await pageWithEngine();
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready(OTHER_CORE);
    assert.equal(stages().at(-1), "outdated");
    assert.ok(engines[0].terminated);
    const later = client.compute("rule-50-75", { ...RULE, total: "6" });
    await pause();
    assert.deepEqual(fetched.map(({ url, cache }) => [url.replace(base, ""), cache]).sort(),
      ENGINE_FILES.map((file) => [file, "reload"]).sort());
    // the fresh engine, at a URL of its own, gets both requests, in order
    assert.equal(engines.length, 2);
    assert.equal(typeof engines[1].fresh, "string");
    assert.equal(stages().at(-1), "outdated", "outdated until the fresh engine is ready");
    assert.equal(await settled(asked), "pending");
    engines[1].ready(CORE);
    assert.equal(stages().at(-1), "ready");
    const requests = engines[1].requests();
    assert.deepEqual(requests.map((r) => r.input.total), ["5", "6"]);
    for (const { id } of requests) engines[1].answer(id);
    assert.deepEqual(await settled(asked), { ok: true, result: { id: requests[0].id }, steps: [] });
    assert.deepEqual(await settled(later), { ok: true, result: { id: requests[1].id }, steps: [] });
  });

  test("an engine that names no core (one from before the check) is outdated too", async () => {
    const { client, engines, stages } = await pageWithEngine();
    client.compute("rule-50-75", RULE);
    engines[0].say({ type: "ready", ms: 5, start: "stored" });
    assert.equal(stages().at(-1), "outdated");
    await pause();
    assert.equal(engines.length, 2);
  });

  test("a shared engine of another core is ended for every page that would join it", async () => {
    const { client, engines } = await pageWithEngine({ shared: true });
    client.compute("rule-50-75", RULE);
    engines[0].ready(OTHER_CORE);
    assert.ok(engines[0].sent.some((m) => m.type === "end"));
    await pause();
    assert.equal(engines.length, 2);
    assert.equal(typeof engines[1].fresh, "string");
  });

  test("if the fresh engine's core differs too, the page is the older one: its requests resolve \"outdated\"", async () => {
    const { client, engines, stages } = await pageWithEngine();
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready(OTHER_CORE);
    await pause();
    engines[1].ready(OTHER_CORE);
    const answer = await settled(asked);
    assert.equal(/** @type {any} */ (answer).failure, "outdated");
    assert.equal(stages().at(-1), "outdated");
    assert.ok(engines[1].terminated);
    const later = await settled(client.compute("rule-50-75", RULE));
    assert.equal(/** @type {any} */ (later).failure, "outdated");
    assert.equal(engines.length, 2, "no third engine: reloading the page is the way out");
  });

  test("files of the current build that never come leave no request waiting: the boot's time limit holds", async () => {
    const never = () => new Promise(() => {});
    const { client, engines, stages } = await pageWithEngine({ fetch: never });
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready(OTHER_CORE);
    await pause();
    assert.equal(engines.length, 1, "no engine until its files have come");
    mock.timers.tick(119_999);
    assert.equal(await settled(asked), "pending");
    mock.timers.tick(1);
    assert.deepEqual(await settled(asked), { ok: false, errors: [], failure: "unavailable" });
    assert.equal(stages().at(-1), "failed");
  });

  test("a fresh engine that stops before it is ready leaves the next request free to start another", async () => {
    const { client, engines } = await pageWithEngine({ shared: true });
    const asked = client.compute("rule-50-75", RULE);
    engines[0].ready(OTHER_CORE);
    await pause();
    engines[1].say({ type: "crashed", message: "uncaught error" });
    assert.equal(/** @type {any} */ (await settled(asked)).failure, "crashed");
    const next = client.compute("rule-50-75", RULE);
    assert.equal(engines.length, 3);
    engines[2].ready(CORE);
    for (const { id } of engines[2].requests()) engines[2].answer(id);
    assert.equal(/** @type {any} */ (await settled(next)).ok, true);
  });
});
