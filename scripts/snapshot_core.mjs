// Makes the memory snapshot the site ships: Pyodide booted, with the core wheel unpacked and
// copc_cx.web imported, and the modules that answer the optional operations (copc_cx.optional's
// handler modules, named by the build; none of their libraries), under Node at build time. A
// first visit restores it instead of starting Python and importing the core (a large part of a
// full boot), if the network brings it fast enough (calculators/snapshots.mjs decides).
//
//   node scripts/snapshot_core.mjs <site's Pyodide folder> <wheel> <output file> [module ...]
//
// The folder must be the site's own (its pyodide.asm.wasm and its lock, which lists the core):
// a snapshot is valid only for the exact WebAssembly module that made it. The snapshot holds the
// interpreter's memory, not its files: the wheel's files are gone after a restore, so the core
// must import everything it needs when copc_cx.web is imported (the worker's check request and
// tests/e2e check that a restored core answers). Writes the raw image; build_site.py gzips it.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, wheel, output, ...modules] = process.argv.slice(2);
if (!folder || !wheel || !output) {
  process.stderr.write("usage: node scripts/snapshot_core.mjs <pyodide folder> <wheel> <output file> [module ...]\n");
  process.exit(2);
}
const base = folder.endsWith("/") ? folder : `${folder}/`;
const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
const pyodide = await loadPyodide({
  indexURL: base,
  _makeSnapshot: true,
  stdout: () => {},
  stderr: (line) => process.stderr.write(`${line}\n`),
});
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel");
pyodide.pyimport("copc_cx.web");
for (const module of modules) pyodide.pyimport(module);
writeFileSync(output, pyodide.makeMemorySnapshot());
