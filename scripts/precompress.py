"""Precompressed copies of the built site's files: ``X.br`` (brotli) and ``X.gz`` (gzip) beside
``X``, which nginx sends as they are to a browser that accepts them (brotli_static, gzip_static in
deploy/nginx/copc-site.conf), so that no server compresses anything on the fly and each file is
compressed once, at the strongest settings.

A file gets copies if its kind is text or WebAssembly (or a zip or wheel, where it is measured),
it is at least MIN_SIZE bytes, and a copy saves at least MIN_SAVING of it: each copy is kept only
if it does. Files already compressed (the snapshot's gzip, images) are left alone. The copies
are derived from their file, so they count neither in the build id nor in the service worker's
manifest (``is_copy``).

Brotli at quality 11 takes about 40 s for Pyodide's 9.6 MB wasm on one core, and seconds for the
pages: the copies are kept in build/precompressed/ by the sha256 of their content, and a rebuild
takes those of the files it did not change from there.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli  # type: ignore[import-untyped]  # (no type information in the package)

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "precompressed"
CACHE_KEEP_DAYS = 14  # entries unused for longer are deleted

COPY_SUFFIXES = (".br", ".gz")
# text and WebAssembly compress well; zips and wheels are deflated already, but measured all the same
CANDIDATES = (".html", ".css", ".js", ".mjs", ".json", ".map", ".xml", ".svg", ".txt", ".webmanifest",
              ".wasm", ".zip", ".whl")
MIN_SIZE = 1024  # a smaller file fits in a packet or two whatever its encoding
MIN_SAVING = 0.10  # a copy must be at least this much smaller than its file


def is_copy(path: Path) -> bool:
    """Whether ``path`` is a precompressed copy of a file beside it (the site's snapshot, a gzip
    file of its own, is not)."""
    return path.suffix in COPY_SUFFIXES and path.with_suffix("").is_file()


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def _brotli(data: bytes) -> bytes:
    return bytes(brotli.compress(data, quality=11))


ENCODERS = {".gz": _gzip, ".br": _brotli}


def _compressed(data: bytes, suffix: str) -> bytes:
    """``data`` compressed, from the cache if it was compressed before."""
    kept = CACHE / f"{hashlib.sha256(data).hexdigest()}{suffix}"
    if kept.is_file():
        os.utime(kept)  # used: kept for CACHE_KEEP_DAYS more
        return kept.read_bytes()
    copy = ENCODERS[suffix](data)
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}.tmp")
    partial.write_bytes(copy)
    partial.replace(kept)  # whole or not at all: a build stopped midway leaves no half entry
    return copy


@dataclass
class Outcome:
    """One file: its size and the size of each copy written (None: not worth keeping)."""

    path: Path
    size: int
    copies: dict[str, int | None]


def precompress_file(path: Path) -> Outcome:
    data = path.read_bytes()
    copies: dict[str, int | None] = {}
    # gzip first: it is fast, and a file that gzip cannot shrink (a zip of deflated files) is not
    # worth brotli's long try
    for suffix in (".gz", ".br"):
        target = path.with_name(path.name + suffix)
        copy = _compressed(data, suffix) if suffix == ".gz" or copies[".gz"] is not None else None
        if copy is not None and len(copy) <= (1 - MIN_SAVING) * len(data):
            target.write_bytes(copy)
            copies[suffix] = len(copy)
        else:
            target.unlink(missing_ok=True)
            copies[suffix] = None
    return Outcome(path, len(data), copies)


def candidates(site: Path) -> list[Path]:
    """The files of ``site`` worth a try, largest first (so that the long ones start first)."""
    found = [p for p in site.rglob("*") if p.is_file() and p.suffix in CANDIDATES and not p.is_symlink()
             and p.stat().st_size >= MIN_SIZE]
    return sorted(found, key=lambda p: p.stat().st_size, reverse=True)


def remove_copies(site: Path) -> int:
    """Delete every precompressed copy in ``site`` (a file changed after them would be shadowed)."""
    copies = [p for p in site.rglob("*") if p.is_file() and is_copy(p)]
    for copy in copies:
        copy.unlink()
    return len(copies)


def precompress(site: Path, workers: int = 2) -> list[Outcome]:
    """Copies of every file of ``site`` worth it; stale copies of files that no longer get one are
    removed. Brotli and zlib release the GIL: threads use both cores."""
    stale = {p for p in site.rglob("*") if p.is_file() and is_copy(p)}
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(precompress_file, candidates(site)))
    kept = {o.path.with_name(o.path.name + s) for o in outcomes for s, size in o.copies.items() if size is not None}
    for copy in stale - kept:
        copy.unlink(missing_ok=True)
    _prune_cache()
    return outcomes


def _prune_cache() -> None:
    if not CACHE.is_dir():
        return
    oldest = time.time() - CACHE_KEEP_DAYS * 86400
    for entry in CACHE.iterdir():
        if entry.stat().st_mtime < oldest:
            entry.unlink(missing_ok=True)


def summary(outcomes: Iterable[Outcome]) -> list[str]:
    """One line per kind of file: how many, their size, and each copy's size as a share of it."""
    kinds: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        kinds.setdefault(outcome.path.suffix, []).append(outcome)
    lines = []
    for suffix, group in sorted(kinds.items(), key=lambda item: -sum(o.size for o in item[1])):
        size = sum(o.size for o in group)
        parts = []
        for copy in (".br", ".gz"):
            done = [o for o in group if o.copies.get(copy) is not None]
            if done:
                covered = sum(o.size for o in done)
                parts.append(f"{copy[1:]} {sum(o.copies[copy] or 0 for o in done) / covered:.0%}"
                             + ("" if len(done) == len(group) else f" of {len(done)}"))
        lines.append(f"{suffix[1:]:>5}: {len(group):3} files, {size / 1e6:6.2f} MB -> "
                     + (", ".join(parts) if parts else "left as they are (a copy would save under "
                        f"{MIN_SAVING:.0%})"))
    return lines
