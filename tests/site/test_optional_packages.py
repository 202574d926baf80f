"""The optional packages (copc_cx.optional: the workbook's openpyxl with et-xmlfile, the calendar
file's icalendar with python-dateutil and tzdata) reach the site's Pyodide, and no calculator page
loads them: they are registered in the site-local lock beside the core, from the wheels pinned by
hash (requirements/pyodide-wheels.txt, the versions of requirements/dev.lock), named with the
operations that need them in the engine's generated config, and left out of everything the service
worker fetches by itself. Their absence from a calculator page's requests in the browser, and their
loading on first use, are checked in tests/e2e/test_optional_packages.py."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from copc_cx import optional
from tests.conftest import service_worker_manifest

# each package of the site-local lock the optional operations need, and how its wheel's name begins
PACKAGES = {"openpyxl": "openpyxl-", "et-xmlfile": "et_xmlfile-", "icalendar": "icalendar-",
            "python-dateutil": "python_dateutil-", "tzdata": "tzdata-"}
CONFIG_LINE = re.compile(r"^export const (OPTIONAL_OPERATIONS|OPTIONAL_PACKAGES) = (.*);$", re.M)


def pinned(repo_root: Path) -> dict[str, tuple[str, str]]:
    """{name: (version, sha256)} of requirements/pyodide-wheels.txt."""
    text = (repo_root / "requirements" / "pyodide-wheels.txt").read_text(encoding="utf-8")
    return {m[1]: (m[2], m[3]) for m in re.finditer(r"^([\w-]+)==(\S+) --hash=sha256:([0-9a-f]{64})$", text, re.M)}


def test_the_wheels_for_pyodide_are_the_versions_of_the_dev_lock(repo_root: Path) -> None:
    lock = (repo_root / "requirements" / "dev.lock").read_text(encoding="utf-8")
    locked = {m[1].lower().replace("_", "-"): m[2] for m in re.finditer(r"^([\w.-]+)==(\S+)$", lock, re.M)}
    wheels = pinned(repo_root)
    assert set(wheels) == set(PACKAGES)
    assert {name: version for name, (version, _) in wheels.items()} == {name: locked[name] for name in PACKAGES}


def test_the_sites_lock_registers_the_pinned_wheels_beside_the_core(site_dir: Path, repo_root: Path) -> None:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    folder = site_dir / "assets" / "pyodide" / info["pyodide_version"]
    packages = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    for name, (version, sha256) in pinned(repo_root).items():
        entry = packages[name]
        assert entry["version"] == version and entry["sha256"] == sha256
        assert hashlib.sha256((folder / entry["file_name"]).read_bytes()).hexdigest() == sha256
        assert entry["file_name"].endswith("-none-any.whl")  # pure Python: the same wheel as CPython's
    assert packages["openpyxl"]["depends"] == ["et-xmlfile"]
    # icalendar's typing-extensions is for Python below 3.13 only; python-dateutil 4 needs no six
    assert sorted(packages["icalendar"]["depends"]) == ["python-dateutil", "tzdata"]
    assert packages["python-dateutil"]["depends"] == ["tzdata"]
    assert packages["copc-cx"]["depends"] == []  # the core needs none of them


def test_the_engine_is_told_every_optional_operation_and_the_lock_entries_of_its_packages(site_dir: Path) -> None:
    """generated/config.mjs: the core's registry as the engine reads it, and what it needs to fetch and
    check each package (with its dependencies) without the lock."""
    config = (site_dir / "assets" / "calculators" / "generated" / "config.mjs").read_text(encoding="utf-8")
    found = {m[1]: json.loads(m[2]) for m in CONFIG_LINE.finditer(config)}
    assert found["OPTIONAL_OPERATIONS"] == optional.catalog_json()
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    lock = json.loads((site_dir / "assets" / "pyodide" / info["pyodide_version"] / "pyodide-lock.json")
                      .read_text(encoding="utf-8"))["packages"]
    assert set(found["OPTIONAL_PACKAGES"]) == set(PACKAGES)  # the named packages and their dependencies
    for name, entry in found["OPTIONAL_PACKAGES"].items():
        assert entry == {key: lock[name][key] for key in ("file_name", "sha256", "depends")}


def test_the_service_worker_never_fetches_the_optional_packages_by_itself(site_dir: Path) -> None:
    manifest = service_worker_manifest(site_dir)
    listed = [*manifest["site"], *manifest["pyodide"]]
    assert not [url for url in listed if any(f"/{wheel}" in url for wheel in PACKAGES.values())]
    worker = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert not [wheel for wheel in PACKAGES.values() if wheel in worker]
