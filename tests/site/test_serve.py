"""scripts/serve.py: the headers and types Pyodide and the CSP rely on, and the 404 page."""

from __future__ import annotations

import email.parser
import gzip
import json
import urllib.error
import urllib.request
import zipfile
from email.message import Message
from pathlib import Path

import pytest
from scripts import build_site
from scripts.build_site import build_id
from scripts.serve import CONTENT_SECURITY_POLICY


def fetch(url: str) -> tuple[int, Message, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def pyodide_folder(site_dir: Path) -> str:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    return f"assets/pyodide/{info['pyodide_version']}/"


def test_build_info_names_what_was_built(site_dir: Path) -> None:
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    assert set(info) == {"pyodide_version", "wheel", "build_id"}
    folder = site_dir / pyodide_folder(site_dir)
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", info["wheel"]):
        assert (folder / name).is_file(), name
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["copc-cx"]["file_name"] == info["wheel"]


def listed_snapshot(config: str) -> object:
    return json.loads(config.split("export const CORE_SNAPSHOT = ", 1)[1].split(";\n", 1)[0])


def test_the_core_snapshot_is_named_after_its_wheel_and_listed_for_the_worker(site_server: str, site_dir: Path) -> None:
    folder = site_dir / pyodide_folder(site_dir)
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    snapshot = folder / f"copc-core-{lock['packages']['copc-cx']['sha256'][:16]}.snapshot.gz"
    assert gzip.decompress(snapshot.read_bytes())[:4] == b"\0snp"  # Pyodide's snapshot header
    config = (site_dir / "assets" / "calculators" / "generated" / "config.mjs").read_text(encoding="utf-8")
    assert listed_snapshot(config) == {"file_name": snapshot.name}
    # the worker judges the download by the size the server announces
    status, headers, body = fetch(site_server + pyodide_folder(site_dir) + snapshot.name)
    assert status == 200
    assert int(headers["Content-Length"]) == len(body) == snapshot.stat().st_size


def test_the_core_wheel_holds_the_core_only(site_dir: Path) -> None:
    """The wheel's sha256 names this browser's snapshots and kept results: only the core's own files
    may change it (the project README used to ride along as the long description)."""
    info = json.loads((site_dir / "assets" / "build-info.json").read_text(encoding="utf-8"))
    dist_info = "-".join(info["wheel"].split("-")[:2]) + ".dist-info/"  # copc_cx-<version>.dist-info/
    with zipfile.ZipFile(site_dir / pyodide_folder(site_dir) / info["wheel"]) as wheel:
        names = wheel.namelist()
        metadata = email.parser.Parser().parsestr(wheel.read(dist_info + "METADATA").decode())
    assert all(name.startswith(("copc_cx/", dist_info)) for name in names), names
    assert metadata["Name"] == "copc-cx"
    assert metadata.get_payload() in ("", "\n")  # no long description


def test_the_calculators_config_is_the_same_whatever_the_snapshot_weighs(
        site_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """config.mjs counts in the build id, so nothing in it may change with the snapshot's bytes,
    which differ from build to build (its gzipped size did, and every rebuild got a new build id)."""
    built = json.loads((site_dir / pyodide_folder(site_dir) / "pyodide-lock.json").read_text(encoding="utf-8"))
    monkeypatch.setattr(build_site, "SITE", tmp_path / "site")
    folder = build_site.pyodide_folder()
    folder.mkdir(parents=True)
    # the optional packages' entries and files as the build leaves them: config.mjs lists them too
    optional = {name: entry for name, entry in built["packages"].items()
                if build_site.is_optional_wheel(entry["file_name"])}
    for entry in optional.values():
        (folder / entry["file_name"]).write_bytes(b"wheel")
    lock = {"packages": {"copc-cx": {"file_name": "copc_cx-1-py3-none-any.whl", "sha256": "0123456789abcdef" * 4},
                         **optional}}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    snapshot = folder / build_site.core_snapshot_name(build_site.core_lock_entry())
    configs: list[str] = []
    for image in (b"one build", b"another build, a few bytes longer"):
        snapshot.write_bytes(image)
        target = tmp_path / f"calculators-{len(configs)}"
        (target / "generated").mkdir(parents=True)
        build_site.write_calculator_modules(target)
        configs.append((target / "generated" / "config.mjs").read_text(encoding="utf-8"))
    assert configs[0] == configs[1]
    assert listed_snapshot(configs[0]) == {"file_name": snapshot.name}


def test_the_build_id_leaves_out_the_core_snapshot(tmp_path: Path) -> None:
    """The snapshot's bytes differ from build to build; the build id must not (a rebuild of the
    same sources would make every reader's service worker download the site again)."""
    (tmp_path / "index.html").write_text("page", encoding="utf-8")
    snapshot = tmp_path / "copc-core-0123456789abcdef.snapshot.gz"
    snapshot.write_bytes(b"one")
    before = build_id(tmp_path, tmp_path / "build-info.json")
    snapshot.write_bytes(b"two")
    assert build_id(tmp_path, tmp_path / "build-info.json") == before
    (tmp_path / "index.html").write_text("another page", encoding="utf-8")
    assert build_id(tmp_path, tmp_path / "build-info.json") != before


@pytest.mark.parametrize(("path", "content_type"), [
    ("", "text/html"),
    ("pyodide.asm.wasm", "application/wasm"),
    ("pyodide.mjs", "text/javascript"),
    ("pyodide-lock.json", "application/json"),
])
def test_types_and_headers(site_server: str, site_dir: Path, path: str, content_type: str) -> None:
    url = site_server + (pyodide_folder(site_dir) + path if path else "")
    status, headers, _ = fetch(url)
    assert status == 200
    assert headers.get_content_type() == content_type
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", ["no/such/page/", "assets/", "../../etc/passwd"])
def test_missing_paths_get_the_404_page(site_server: str, site_dir: Path, path: str) -> None:
    status, headers, body = fetch(site_server + path)
    assert status == 404
    assert headers.get_content_type() == "text/html"
    assert body == (site_dir / "404.html").read_bytes()
