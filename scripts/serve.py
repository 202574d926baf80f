"""Serve the built site locally (stdlib only): http://127.0.0.1:8000/ by default.

    .venv/bin/python scripts/serve.py [--port 8000] [--dir site]

Right MIME types for Pyodide (``.wasm`` as application/wasm for streaming compilation, ``.mjs``
as JavaScript), the site's Content-Security-Policy on every response, and ``/404.html`` with
status 404 for missing paths. ``serving()`` runs this script in a process of its own for the
tests and the benchmark.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as a script (make serve): the repository's own modules must be importable
    sys.path.insert(0, str(ROOT))
from scripts import site_headers  # noqa: E402

# The headers, types and cache policy are defined once, in scripts/site_headers.py (nginx's
# configuration and the static hosts' _headers file come from the same definitions).
CONTENT_SECURITY_POLICY = site_headers.CONTENT_SECURITY_POLICY


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files of the built site with the site's headers; quiet unless ``verbose``."""

    protocol_version = "HTTP/1.1"  # keep-alive: a page's dozen requests share connections
    verbose = False
    request_log: Path | None = None  # every request's line and Referer, one JSON object a line

    def send_response(self, code: int, message: str | None = None) -> None:
        self.status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        # an error is the 404 page's response, whatever the kind of file asked for
        path = urlsplit(self.path).path if getattr(self, "status", 200) < 400 else "/404.html"
        for name, value in site_headers.response_headers(unquote(path)).items():
            self.send_header(name, value)
        super().end_headers()

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if parsed and self.request_log is not None:
            # what reached the server, as its log would keep it (a test checks that no scenario does)
            entry = {"request": self.requestline, "referer": self.headers.get("Referer", "")}
            with self.request_log.open("a", encoding="utf-8") as log:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
        return parsed

    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return site_headers.content_type(os.fspath(path))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file() or self.command not in ("GET", "HEAD"):
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        # no directory listings: a folder without index.html is a missing page
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: Any) -> None:
        if self.verbose:
            super().log_message(format, *args)


def make_server(
    directory: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = False,
    request_log: Path | None = None,
) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` (not started); port 0 picks a free port."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    SiteHandler.verbose = verbose
    SiteHandler.request_log = request_log
    server = http.server.ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


@contextmanager
def serving(directory: Path, request_log: Path | None = None) -> Iterator[str]:
    """This script serving ``directory`` on a free loopback port, in a process of its own; yields
    the base URL (``http://127.0.0.1:<port>/``). A process, not a thread of the caller: a thread
    answers only when the caller's Python lets it, and an answer too slow makes the calculators'
    worker give the site's snapshot up and boot in full. With ``request_log``, every request is
    appended to that file."""
    log = ["--request-log", str(request_log)] if request_log is not None else []
    process = subprocess.Popen(
        [sys.executable, __file__, "--dir", str(directory), "--port", "0", "--quiet", *log],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,  # a tab closed mid-download is no news
    )
    try:
        assert process.stdout is not None
        started = re.search(r" at (http://\S+/) ", process.stdout.readline())
        if started is None:
            raise RuntimeError(f"scripts/serve.py did not start serving {directory}")
        yield started.group(1)
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve the built site on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--dir", type=Path, default=ROOT / "site", help="folder to serve (default: site)")
    parser.add_argument("--quiet", action="store_true", help="do not log requests")
    parser.add_argument("--request-log", type=Path, help="append every request (line and Referer) to this file")
    args = parser.parse_args()
    directory = args.dir.resolve()
    if not (directory / "index.html").is_file():
        print(f"serve: {directory} has no index.html: run `make build` first", file=sys.stderr)
        return 1
    server = make_server(directory, port=args.port, verbose=not args.quiet, request_log=args.request_log)
    host, port = server.server_address[:2]
    print(f"Serving {directory} at http://{host!s}:{port}/ (Ctrl-C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
