// Compiles the core wheel's modules to bytecode with the Python that the browser runs: Pyodide's
// own, under Node. No Python 3.14 is installed here, and bytecode is only valid for the exact
// interpreter version, so Pyodide itself is the one compiler that fits. The calculators then
// import the core without compiling it (about a third of its import in Pyodide).
//
//   node scripts/compile_core.mjs <pyodide folder> <wheel>
//
// Prints JSON: {"<path inside the wheel>": "<base64 of the .pyc>"}, one entry per module, at the
// path the interpreter looks for it (__pycache__/<module>.<cache tag>.pyc). The .pyc files are
// "unchecked-hash" (PEP 552): valid whatever the files' dates, never checked against the source,
// which ships beside them for tracebacks. scripts/build_site.py puts them into the wheel.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [folder, wheel] = process.argv.slice(2);
if (!folder || !wheel) {
  process.stderr.write("usage: node scripts/compile_core.mjs <pyodide folder> <wheel>\n");
  process.exit(2);
}
const base = folder.endsWith("/") ? folder : `${folder}/`;
const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
const pyodide = await loadPyodide({ indexURL: base, stdout: () => {}, stderr: (line) => process.stderr.write(`${line}\n`) });
const root = "/tmp/copc-core";
pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: root });
const compiled = pyodide.runPython(`
import base64, importlib.util, json, pathlib, py_compile

root = pathlib.Path(${JSON.stringify(root)})
compiled = {}
for source in sorted(root.rglob("*.py")):
    target = pathlib.Path(importlib.util.cache_from_source(str(source)))
    py_compile.compile(str(source), cfile=str(target), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    compiled[target.relative_to(root).as_posix()] = base64.b64encode(target.read_bytes()).decode()
json.dumps(compiled)
`);
process.stdout.write(compiled);
