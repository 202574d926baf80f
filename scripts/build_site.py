"""Build the whole site into site/: core wheel, MkDocs, self-hosted Pyodide, calculators.

Run with the project's venv (``make build`` does):

    .venv/bin/python scripts/build_site.py               # everything
    .venv/bin/python scripts/build_site.py --assets-only # only the steps after `mkdocs build`

Steps:
  1. the core wheel into build/wheel/ (flit_core, no isolation, reproducible timestamps), with its
     modules' bytecode for Pyodide's Python added (scripts/compile_core.mjs, run by Node);
  2. ``mkdocs build --strict`` into site/, then Material's search worker named in copc-search.js
     and a sitemap.xml in every page's folder (for Material's language links);
  3. Pyodide's runtime files from node_modules/pyodide into site/assets/pyodide/<version>/,
     with the wheel beside them and a site-local pyodide-lock.json that lists it, and a memory
     snapshot of Pyodide with the core and its optional operations' modules imported
     (scripts/snapshot_core.mjs, run by Node); the optional packages' pure-Python wheels (openpyxl,
     icalendar and their dependencies: build/pyodide-wheels/, kept by scripts/setup.sh from
     requirements/pyodide-wheels.txt) beside them and in the lock, loaded only when a reader asks
     for an operation that needs them (copc_cx.optional);
  4. calculators/ (if present) into site/assets/calculators/, with generated/config.mjs (the
     Pyodide folder, the core's and the optional packages' lock entries, the optional operations),
     generated/catalog.mjs (the core's catalog op) and generated/widgets.mjs (the widget of each
     calculator of the core's registry);
  5. site/assets/build-info.json: Pyodide version, wheel file name, and a build id (a hash of
     every other file of the site but the snapshot) for the service worker's cache name;
  6. site/sw.js, the service worker, from offline/sw.template.js with the build's manifest
     (build id, every page and asset to precache, Pyodide's files with their revisions);
  7. site/_headers, the site's headers for Netlify and Cloudflare Pages (scripts/site_headers.py),
     and precompressed copies (.br, .gz) of the files that compress well (scripts/precompress.py),
     which nginx sends as they are.

The site's address is mkdocs.yml's site_url, http://127.0.0.1:8000/ unless the environment's
COPC_SITE_URL (or --site-url) says otherwise: a site published under a sub-path is built for it
(https://example.org/copc/). COPC_SITE_DIR builds into another folder than site/.
"""

from __future__ import annotations

import argparse
import base64
import functools
import gzip
import hashlib
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as a script: the repository's own modules must be importable
    sys.path.insert(0, str(ROOT))
from scripts import precompress, site_headers  # noqa: E402

SITE = Path(os.environ.get("COPC_SITE_DIR") or ROOT / "site").resolve()
WHEEL_DIR = ROOT / "build" / "wheel"
PYODIDE_NPM = ROOT / "node_modules" / "pyodide"
CALCULATORS = ROOT / "calculators"
# the optional packages' wheels (scripts/setup.sh downloads those the list pins, checked against their hashes)
OPTIONAL_WHEELS_DIR = ROOT / "build" / "pyodide-wheels"
OPTIONAL_WHEELS_LIST = ROOT / "requirements" / "pyodide-wheels.txt"
BIN = Path(sys.executable).parent

# What loadPyodide() fetches at run time (checked in headless Chromium); the .d.ts, .map,
# console*.html and the CommonJS pyodide.js of the npm package are not needed.
PYODIDE_RUNTIME = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)
# Zip timestamps of the wheel: a fixed date keeps the wheel (and its sha256 in the lock) stable.
SOURCE_DATE_EPOCH = "1700000000"


def log(message: str) -> None:
    print(f"build: {message}", flush=True)


def run(*args: str | Path, env: dict[str, str] | None = None, quiet: bool = False) -> None:
    """Run a command in the repository; with ``quiet``, show its output only if it fails."""
    result = subprocess.run(
        [str(a) for a in args], cwd=ROOT, env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT if quiet else None, text=True,
    )
    if result.returncode != 0:
        if quiet:
            print(result.stdout, end="", file=sys.stderr)
        raise subprocess.CalledProcessError(result.returncode, result.args)


def build_wheel() -> Path:
    if not (ROOT / "src" / "copc_cx" / "__init__.py").is_file():
        raise SystemExit("build: src/copc_cx/__init__.py is missing: the core package cannot be built")
    shutil.rmtree(WHEEL_DIR, ignore_errors=True)
    run(
        sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", WHEEL_DIR, ".",
        env={"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH}, quiet=True,
    )
    wheel = the_wheel()
    add_bytecode(wheel)
    return wheel


def add_bytecode(wheel: Path) -> None:
    """Put the core's bytecode for Pyodide's Python into the wheel, with a RECORD that lists it.

    The browser would otherwise compile every module at each full boot of the calculators.
    """
    node = shutil.which("node")
    if node is None:
        raise SystemExit("build: node is missing: it compiles the core for Pyodide (see README.md)")
    done = subprocess.run([node, str(ROOT / "scripts" / "compile_core.mjs"), str(PYODIDE_NPM), str(wheel)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stderr, end="", file=sys.stderr)
        raise SystemExit("build: scripts/compile_core.mjs failed")
    bytecode = {path: base64.b64decode(data) for path, data in json.loads(done.stdout).items()}
    with zipfile.ZipFile(wheel) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    record = next(info.filename for info, _ in entries if info.filename.endswith(".dist-info/RECORD"))
    stamp = time.gmtime(int(SOURCE_DATE_EPOCH))[:6]
    files = [(info.filename, data) for info, data in entries if info.filename != record]
    files += sorted(bytecode.items())
    lines = [f"{name},sha256={_record_digest(data)},{len(data)}" for name, data in files]
    files.append((record, ("\n".join([*lines, f"{record},,"]) + "\n").encode()))
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)


def _record_digest(data: bytes) -> str:
    """A wheel RECORD's hash: urlsafe base64 of the sha256, without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip("=")


def the_wheel() -> Path:
    wheels = sorted(WHEEL_DIR.glob("copc_cx-*.whl"))
    if len(wheels) != 1:
        raise SystemExit(f"build: expected one copc_cx wheel in {WHEEL_DIR}, found {len(wheels)}")
    return wheels[0]


def build_mkdocs() -> None:
    # --quiet: warnings and errors only (--strict turns warnings into a failure)
    run(BIN / "mkdocs", "build", "--strict", "--quiet", "--site-dir", SITE, env={"NO_MKDOCS_2_WARNING": "1"})


SEARCH_WORKERS = SITE / "assets" / "javascripts" / "workers"
# the line of copc-search.js that names Material's worker (a placeholder in the source)
SEARCH_WORKER_NAME = re.compile(r'var MATERIAL_WORKER = "[^"]*";')


def name_material_search_worker() -> str:
    """Write Material's search worker (search.<hash>.min.js) into copc-search.js, which loads it.

    The URL's fragment names it too, but a worker served by the service worker loses it.
    Idempotent: a file named by an earlier run is named again.
    """
    workers = sorted(p.name for p in SEARCH_WORKERS.glob("search.*.min.js"))
    if len(workers) != 1:
        raise SystemExit(f"build: expected one Material search worker in {SEARCH_WORKERS}, found {workers}")
    wrapper = SEARCH_WORKERS / "copc-search.js"
    text = wrapper.read_text(encoding="utf-8")
    named, count = SEARCH_WORKER_NAME.subn(f'var MATERIAL_WORKER = "{workers[0]}";', text)
    if count != 1:
        raise SystemExit(f"build: {wrapper} has no line `var MATERIAL_WORKER = \"...\";` to name the worker in")
    wrapper.write_text(named, encoding="utf-8")
    return workers[0]


SITEMAP_NS = {"": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def write_folder_sitemaps(site: Path = SITE) -> int:
    """A sitemap.xml in every page's folder, listing the pages of that folder and below.

    Material fetches sitemap.xml at the language's root and next to each of a page's
    <link rel="alternate" hreflang> links, which the i18n plugin points at the page itself: without
    these files every page asked for two or three sitemaps that did not exist (404s in the console,
    each answered with the 21 kB 404 page). They change nothing else: the language switcher's
    links already lead to the same page. Each lists only URLs under its own folder, as the sitemap
    protocol wants. Idempotent.
    """
    for prefix, uri in SITEMAP_NS.items():
        ElementTree.register_namespace(prefix, uri)
    root = ElementTree.parse(site / "sitemap.xml").getroot()
    ns = "{" + SITEMAP_NS[""] + "}"
    entries = [(urlsplit(url.findtext(f"{ns}loc", "")).path, url) for url in root.findall(f"{ns}url")]
    if not entries:
        raise SystemExit(f"build: {site / 'sitemap.xml'} lists no page")
    base = min((path for path, _ in entries), key=len)  # the home page: site_url's own path
    written = 0
    for index in sorted(site.rglob("index.html")):
        folder = index.parent
        relative = folder.relative_to(site).as_posix()
        if relative == "." or relative.split("/")[0] in ("assets", "search"):
            continue
        under = f"{base}{relative}/"
        urlset = ElementTree.Element(root.tag, root.attrib)
        urlset.extend(url for url_path, url in entries if url_path.startswith(under))
        if not len(urlset):
            raise SystemExit(f"build: the sitemap has no page under {under}")
        ElementTree.ElementTree(urlset).write(folder / "sitemap.xml", encoding="UTF-8", xml_declaration=True)
        written += 1
    return written


def pyodide_version() -> str:
    package = json.loads((PYODIDE_NPM / "package.json").read_text(encoding="utf-8"))
    version = package["version"]
    assert isinstance(version, str)
    return version


def pyodide_folder() -> Path:
    """The site's self-hosted Pyodide: its runtime, the core wheel, the lock and the snapshot."""
    return SITE / "assets" / "pyodide" / pyodide_version()


def add_pyodide(wheel: Path) -> Path:
    if not PYODIDE_NPM.is_dir():
        raise SystemExit("build: node_modules/pyodide is missing: run `make setup` (npm ci)")
    target = pyodide_folder()
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for name in PYODIDE_RUNTIME:
        shutil.copyfile(PYODIDE_NPM / name, target / name)
    shutil.copyfile(wheel, target / wheel.name)
    extra = optional_wheels()
    for path in extra:
        shutil.copyfile(path, target / path.name)
    # the site-local lock: Pyodide's own plus the core wheel and the optional ones (file_name relative to the lock)
    run(
        BIN / "pyodide", "lockfile", "add-wheels",
        "--input", PYODIDE_NPM / "pyodide-lock.json",
        "--output", target / "pyodide-lock.json",
        "--base-path", target,
        target / wheel.name, *(target / path.name for path in extra),
        quiet=True,
    )
    return target


@functools.cache
def optional_wheel_names() -> frozenset[str]:
    """The distributions requirements/pyodide-wheels.txt pins, as their wheels' file names begin
    (python_dateutil, et_xmlfile)."""
    text = OPTIONAL_WHEELS_LIST.read_text(encoding="utf-8")
    return frozenset(re.sub(r"[-_.]+", "_", m[1]).lower() for m in re.finditer(r"^([A-Za-z0-9][\w.-]*)==", text, re.M))


def optional_wheels() -> list[Path]:
    """One wheel of each distribution of requirements/pyodide-wheels.txt (kept by scripts/setup.sh)."""
    found = []
    for name in sorted(optional_wheel_names()):
        wheels = sorted(OPTIONAL_WHEELS_DIR.glob(f"{name}-*-none-any.whl"))
        if len(wheels) != 1:
            raise SystemExit(f"build: expected one {name} wheel in {OPTIONAL_WHEELS_DIR}, found {len(wheels)}: "
                             "run `make setup`")
        found.append(wheels[0])
    return found


def is_optional_wheel(name: str) -> bool:
    """Whether a file of the Pyodide folder is an optional package's wheel (fetched on first use only)."""
    return name.endswith(".whl") and name.split("-", 1)[0].lower() in optional_wheel_names()


def optional_lock_entries(operations: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The site-local lock's entries of every package the optional operations name and of their
    dependencies: {name: {file_name, sha256, depends}}, what the engine needs to load them after a
    memory snapshot's restore. Each must be one of the wheels the site ships for them: a dependency
    the lock found elsewhere (Pyodide's own packages, whose files the site does not carry) fails the build."""
    lock = json.loads((pyodide_folder() / "pyodide-lock.json").read_text("utf-8"))["packages"]
    entries: dict[str, dict[str, Any]] = {}
    todo = [name for operation in operations.values() for name in operation["packages"]]
    while todo:
        name = todo.pop()
        if name in entries:
            continue
        entry = lock.get(name)
        if entry is None or not is_optional_wheel(entry["file_name"]) \
                or not (pyodide_folder() / entry["file_name"]).is_file():
            raise SystemExit(f"build: the optional package {name!r} is not one of the wheels of "
                             f"{OPTIONAL_WHEELS_LIST.relative_to(ROOT)} in the site-local lock")
        entries[name] = {"file_name": entry["file_name"], "sha256": entry["sha256"], "depends": list(entry["depends"])}
        todo.extend(entry["depends"])
    return dict(sorted(entries.items()))


# The memory snapshot the site ships (scripts/snapshot_core.mjs), gzipped: about 6 MB instead of
# 31. Named after the wheel it holds. Its bytes differ from build to build (the interpreter's
# random state, start-up times) although it is a function of Pyodide's files and the wheel, which
# the build id covers: so the build id leaves it out, and a rebuild of the same sources keeps it.
SNAPSHOT_SUFFIX = ".snapshot.gz"


def core_lock_entry() -> dict[str, str]:
    """The core's entry in the site-local lock (`pyodide lockfile add-wheels`): file_name, sha256."""
    lock = json.loads((pyodide_folder() / "pyodide-lock.json").read_text("utf-8"))
    return {key: lock["packages"]["copc-cx"][key] for key in ("file_name", "sha256")}


def core_snapshot_name(core: dict[str, str]) -> str:
    return f"copc-core-{core['sha256'][:16]}{SNAPSHOT_SUFFIX}"


def add_core_snapshot(pyodide_folder: Path, wheel: Path) -> Path:
    node = shutil.which("node")
    if node is None:
        raise SystemExit("build: node is missing: it makes the core's memory snapshot (see README.md)")
    raw = ROOT / "build" / "core.snapshot"
    # the optional operations' registry and modules too (the catalog operation imports the registry
    # lazily): after a restore the core's files are gone, only what was imported stays
    run(node, ROOT / "scripts" / "snapshot_core.mjs", pyodide_folder, pyodide_folder / wheel.name, raw,
        "copc_cx.optional", *core_module("optional").handler_modules(), quiet=True)
    target = pyodide_folder / core_snapshot_name(core_lock_entry())
    target.write_bytes(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
    raw.unlink()
    return target


def add_calculators() -> bool:
    if not CALCULATORS.is_dir() or not any(CALCULATORS.iterdir()):
        return False
    target = SITE / "assets" / "calculators"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(CALCULATORS, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    write_calculator_modules(target)
    name_engine(target)
    return True


def core_module(name: str) -> ModuleType:
    """A module of the core, from src/ (the sources the wheel was built from)."""
    if str(ROOT / "src") not in sys.path:
        sys.path.insert(0, str(ROOT / "src"))
    return importlib.import_module(f"copc_cx.{name}")


def write_calculator_modules(target: Path) -> None:
    """Three generated ES modules: the engine's config (the Pyodide folder, the core's lock entry and
    snapshot, and the optional operations with the lock entries of their packages: no extra fetch),
    the core's catalog, so the forms are drawn before Pyodide has booted (the data still comes from
    copc_cx), and the widget map: a static import of the widget of each calculator of the core's
    registry (hooks/calculator_preload.py's widget_map_source(), which also preloads them); and the
    report's stylesheet, the core's report.CSS (the site's CSP refuses the inline style the CLI's file
    uses), which the report view loads when it opens."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from calculator_preload import widget_map_source

    catalog = core_module("web").call({"op": "catalog", "input": {}})["result"]
    generated = target / "generated"
    generated.mkdir(exist_ok=True)
    header = "// Generated by scripts/build_site.py: do not edit.\n"
    folder = f"../pyodide/{pyodide_version()}/"
    # The core's entry in the site-local lock: the worker keys its memory snapshot on the wheel's
    # sha256 without fetching the 130 kB lock before it starts booting.
    core = core_lock_entry()
    # The shipped snapshot's name only: its size differs from build to build like its bytes, and
    # this file counts in the build id (the worker takes the size from the response's Content-Length).
    shipped = pyodide_folder() / core_snapshot_name(core)
    snapshot = {"file_name": shipped.name} if shipped.is_file() else None
    # The operations that need an optional package (copc_cx.optional) and those packages' lock
    # entries with their dependencies: the engine loads them on first use without the lock.
    operations = catalog["optional_operations"]
    packages = optional_lock_entries(operations)
    (generated / "config.mjs").write_text(
        f"{header}export const PYODIDE_PATH = {json.dumps(folder)};\n"
        f"export const CORE_PACKAGE = {json.dumps(core)};\n"
        f"export const CORE_SNAPSHOT = {json.dumps(snapshot)};\n"
        f"/** @type {{Record<string, {{module: string, packages: string[]}}>}} */\n"
        f"export const OPTIONAL_OPERATIONS = {json.dumps(operations)};\n"
        f"/** @type {{Record<string, {{file_name: string, sha256: string, depends: string[]}}>}} */\n"
        f"export const OPTIONAL_PACKAGES = {json.dumps(packages)};\n",
        encoding="utf-8")
    data = json.dumps(catalog, ensure_ascii=False, separators=(",", ":"))
    (generated / "catalog.mjs").write_text(f"{header}export const CATALOG = {data};\n", encoding="utf-8")
    (generated / "widgets.mjs").write_text(widget_map_source(), encoding="utf-8")
    (generated / "report.css").write_text(
        "/* Generated by scripts/build_site.py from copc_cx.report.CSS: do not edit. */\n" + core_module("report").CSS,
        encoding="utf-8")


# boot.js's line that names the engine; the build appends the engine's version to the name
ENGINE_NAME_LINE = 'var ENGINE_NAME = "copc-calculators";'


def engine_name(calculators: Path) -> str:
    """The engine's name: a hash of the calculators' files (the generated config included: the core
    and Pyodide they run). A shared engine keeps running after its pages have gone, so a page of a
    rebuilt site must never connect to one of the old build."""
    digest = hashlib.sha256()
    for path in sorted(p for p in calculators.rglob("*") if p.is_file()):
        digest.update(path.relative_to(calculators).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"copc-calculators-{digest.hexdigest()[:16]}"


def name_engine(calculators: Path) -> None:
    """The engine's name into boot.js, which starts every engine of a page (client.mjs calls it)."""
    boot = calculators / "boot.js"
    text = boot.read_text(encoding="utf-8")
    if ENGINE_NAME_LINE not in text:
        raise SystemExit(f"build: {boot} lacks the line {ENGINE_NAME_LINE!r}")
    name = engine_name(calculators)
    boot.write_text(text.replace(ENGINE_NAME_LINE, f"var ENGINE_NAME = {json.dumps(name)};"), encoding="utf-8")


def derived(site: Path, path: Path) -> bool:
    """Whether a file of the site is derived from the others at the end of the build: the headers
    file and precompressed copies (neither counts in the build id nor is precached)."""
    return path == site / HEADERS_FILE or precompress.is_copy(path)


def build_id(site: Path, skip: Path) -> str:
    digest = hashlib.sha256()
    files = (p for p in site.rglob("*") if p.is_file() and p != skip and not p.name.endswith(SNAPSHOT_SUFFIX)
             and not derived(site, p))
    for path in sorted(files):
        digest.update(path.relative_to(site).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def write_build_info(wheel: Path) -> dict[str, str]:
    info_path = SITE / "assets" / "build-info.json"
    info = {
        "pyodide_version": pyodide_version(),
        "wheel": wheel.name,
        "build_id": build_id(SITE, info_path),
    }
    info_path.write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


# --- the service worker: offline/sw.template.js -> site/sw.js ---------------------------------

SW_TEMPLATE = ROOT / "offline" / "sw.template.js"
SW_MANIFEST_MARK = "__COPC_MANIFEST__"
# never precached: source maps and the compressed sitemap (nothing loads them), and the core's
# memory snapshot (only a first visit on a fast network loads it; cached then, like any asset)
SW_SKIP_SUFFIXES = (".map", ".gz")


def lunr_scripts_used(site: Path) -> set[str]:
    """The files under assets/javascripts/lunr/ that Material's search worker loads for the
    search languages of the built index (the same rule as the worker's)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return set()
    languages = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    used = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    used |= {"tinyseg.js"} if "ja" in languages else set()
    used |= {"wordcut.js"} if {"hi", "th"} & set(languages) else set()
    used |= {"min/lunr.multi.min.js"} if len(languages) > 1 else set()
    return (used | {"min/lunr.stemmer.support.min.js"}) if used else set()


def service_worker_manifest(site: Path, build: str) -> dict[str, object]:
    """What the service worker caches: URLs relative to the site root (where sw.js is)."""
    pyodide_dir = site / "assets" / "pyodide"
    lunr_dir = site / "assets" / "javascripts" / "lunr"
    lunr_used = lunr_scripts_used(site)
    urls: list[str] = []
    pyodide: dict[str, str] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative == "sw.js" or relative.endswith(SW_SKIP_SUFFIXES) or derived(site, path):
            continue
        if path.is_relative_to(pyodide_dir) and is_optional_wheel(path.name):
            # neither precached nor cached with Pyodide's set after the engine's boot: a calculator page
            # loads no byte of them; the first operation that needs one fetches it (cached then, as an asset)
            continue
        if path.is_relative_to(pyodide_dir):
            pyodide[relative] = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        elif path.is_relative_to(lunr_dir) and path.relative_to(lunr_dir).as_posix() not in lunr_used:
            continue
        elif relative == "index.html":
            urls.append("./")
        elif relative.endswith("/index.html"):
            urls.append(relative.removesuffix("index.html"))
        else:
            urls.append(relative)
    # names the service worker's cache of these files: a set of files is never mixed with another
    pyodide_set = hashlib.sha256(json.dumps(pyodide, sort_keys=True).encode()).hexdigest()[:16]
    return {"build": build, "site": urls, "pyodide": pyodide, "pyodide_set": pyodide_set}


def write_service_worker(build: str, site: Path = SITE) -> Path:
    """site/sw.js for the files in ``site`` (the tests rebuild it for a changed copy of the site)."""
    template = SW_TEMPLATE.read_text(encoding="utf-8")
    if template.count(SW_MANIFEST_MARK) != 1:
        raise SystemExit(f"build: {SW_TEMPLATE} must contain {SW_MANIFEST_MARK} exactly once")
    manifest = json.dumps(service_worker_manifest(site, build), indent=1, ensure_ascii=False)
    header = "// Generated by scripts/build_site.py from offline/sw.template.js: do not edit.\n"
    target = site / "sw.js"
    target.write_text(header + template.replace(SW_MANIFEST_MARK, manifest), encoding="utf-8")
    return target


# --- publishing: the static hosts' headers file, precompressed copies ------------------------

HEADERS_FILE = "_headers"


def site_base_path(site: Path = SITE) -> str:
    """The URL path the site was built for (site_url's path: "/", "/copc/"): its home page's path
    in the sitemap MkDocs wrote."""
    ns = "{" + SITEMAP_NS[""] + "}"
    sitemap = ElementTree.parse(site / "sitemap.xml")
    paths = [urlsplit(url.findtext(f"{ns}loc", "")).path for url in sitemap.iter(f"{ns}url")]
    if not paths:
        raise SystemExit(f"build: {site / 'sitemap.xml'} lists no page")
    return min(paths, key=len)


def write_headers_file(base: str, site: Path = SITE) -> Path:
    """site/_headers (Netlify, Cloudflare Pages) for the files built, published at URL path ``base``."""
    files = [p.relative_to(site).as_posix() for p in sorted(site.rglob("*")) if p.is_file() and not derived(site, p)]
    target = site / HEADERS_FILE
    target.write_text(site_headers.headers_file(files, base), encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the site into site/ (COPC_SITE_DIR: another folder).")
    parser.add_argument(
        "--assets-only", action="store_true",
        help="skip the wheel and mkdocs; only add Pyodide, the calculators and build-info.json",
    )
    parser.add_argument(
        "--site-url", help="the address the site is published at, e.g. https://example.org/copc/ "
        "(default: COPC_SITE_URL, else mkdocs.yml's)",
    )
    parser.add_argument(
        "--no-precompress", action="store_true",
        help="write no .br/.gz copies (for a host that compresses by itself, e.g. GitHub Pages)",
    )
    args = parser.parse_args()
    if args.site_url:
        os.environ["COPC_SITE_URL"] = args.site_url  # read by mkdocs.yml (!ENV)
    start = time.monotonic()
    if args.assets_only:
        if not (SITE / "index.html").is_file():
            raise SystemExit("build: site/ is not built: run `mkdocs build` first")
        # copies of the files about to change would be sent in their place
        precompress.remove_copies(SITE)
        wheel = the_wheel()
    else:
        log("core wheel")
        wheel = build_wheel()
        log("mkdocs build --strict")
        build_mkdocs()
    log(f"search worker {name_material_search_worker()} -> copc-search.js")
    log(f"sitemaps for Material's language links -> {write_folder_sitemaps()} page folders")
    target = add_pyodide(wheel)
    log(f"Pyodide runtime and {wheel.name} -> {target.relative_to(ROOT)}/")
    snapshot = add_core_snapshot(target, wheel)
    log(f"the core's memory snapshot -> {snapshot.name} ({snapshot.stat().st_size / 1e6:.1f} MB)")
    if add_calculators():
        log("calculators -> site/assets/calculators/")
    else:
        log("no calculators/ yet: nothing copied")
    (SITE / "sw.js").unlink(missing_ok=True)  # derived from the build id, so not part of it
    info = write_build_info(wheel)
    log(f"service worker -> {write_service_worker(info['build_id']).relative_to(ROOT)}")
    base = site_base_path()
    log(f"headers for static hosts, the site at {base} -> {write_headers_file(base).relative_to(ROOT)}")
    if args.no_precompress:
        precompress.remove_copies(SITE)
    else:
        log("precompressed copies (brotli, gzip) of the files that gain from it:")
        for line in precompress.summary(precompress.precompress(SITE)):
            log(f"  {line}")
    log(f"done in {time.monotonic() - start:.1f} s, build id {info['build_id']}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except subprocess.CalledProcessError as error:
        print(f"build: failed: {' '.join(map(str, error.cmd))} (exit {error.returncode})", file=sys.stderr)
        sys.exit(1)
