"""Debian's nginx serving a built site with the repository's configuration
(deploy/nginx/copc-site.conf), on a free loopback port, for the tests and the benchmark.

    .venv/bin/python scripts/nginx.py [--dir site] [--base /] [--port 8080]

``serving()`` runs nginx in the foreground, in a process of its own, with a configuration of its
own in a temporary folder: the server block of ``site_headers.nginx_server`` (as an
administrator writes it) around the committed include file, so that what is tested is what is
published. Under a sub-path (``base="/copc/"``) the site's folder is linked as ``copc`` into the
server's root, as an administrator copies it there.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not __package__:  # run as a script: the repository's own modules must be importable
    sys.path.insert(0, str(ROOT))
from scripts import site_headers  # noqa: E402

# Debian's packages (scripts/setup.sh installs both)
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
START_TIMEOUT_S = 10.0


class NginxMissing(RuntimeError):
    """nginx or its brotli module is not installed."""


def find_nginx() -> str:
    """The path of Debian's nginx; NginxMissing with what to do when it or the brotli module is missing."""
    nginx = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx",) if os.access(p, os.X_OK)), None)
    if nginx is None:
        raise NginxMissing("nginx is not installed (Debian's nginx): run `make setup`")
    if not BROTLI_MODULE.is_file():
        raise NginxMissing(f"nginx's brotli module is missing ({BROTLI_MODULE}, Debian's "
                           "libnginx-mod-http-brotli-static): run `make setup`")
    return nginx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def configuration(folder: Path, root: Path, base: str, port: int) -> str:
    """nginx.conf for one site: the main and http blocks a test needs (files in ``folder``) around
    the server block an administrator writes."""
    # as root, nginx's workers would run as nobody, who may not read a test's temporary folders
    user = "user root root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {name}_temp_path {folder / name};" for name in ("client_body", "proxy", "fastcgi",
                                                                           "uwsgi", "scgi"))
    server = site_headers.nginx_server(listen=f"127.0.0.1:{port}", server_name="localhost", root=str(root),
                                       base=base, include=str(site_headers.NGINX_INCLUDE))
    return (
        f"load_module {BROTLI_MODULE};\n"
        f"{user}"
        "daemon off;\n"
        "worker_processes 1;\n"
        f"pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events { worker_connections 512; }\n"
        "http {\n"
        "    access_log off;\n"
        "    sendfile on;\n"
        "    keepalive_timeout 65;\n"
        f"{temp}\n"
        + "".join(f"    {line}\n" for line in server.splitlines())
        + "}\n"
    )


@contextmanager
def serving(directory: Path, base: str = "/", port: int = 0) -> Iterator[str]:
    """nginx serving ``directory`` at URL path ``base`` on a loopback port (``port`` 0: a free one);
    yields the site's URL (``http://127.0.0.1:<port>/copc/``). Raises NginxMissing if nginx is not
    installed, RuntimeError if it does not start."""
    nginx = find_nginx()
    with tempfile.TemporaryDirectory(prefix="copc-nginx-") as tmp:
        folder = Path(tmp)
        if base == "/":
            root = directory.resolve()
        else:
            root = folder / "www"
            (root / base.strip("/")).parent.mkdir(parents=True, exist_ok=True)
            (root / base.strip("/")).symlink_to(directory.resolve(), target_is_directory=True)
        port = port or free_port()
        config = folder / "nginx.conf"
        config.write_text(configuration(folder, root, base, port), encoding="utf-8")
        process = subprocess.Popen([nginx, "-p", str(folder), "-c", str(config), "-e", str(folder / "error.log")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            _wait_listening(process, port, folder / "error.log")
            yield f"http://127.0.0.1:{port}{base}"
        finally:
            process.send_signal(signal.SIGQUIT)  # graceful: lets the last responses finish
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def _wait_listening(process: subprocess.Popen[str], port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            assert process.stderr is not None
            problems = process.stderr.read() + (log.read_text(encoding="utf-8") if log.is_file() else "")
            raise RuntimeError(f"nginx did not start (exit {process.returncode}):\n{problems}")
        with socket.socket() as probe:
            probe.settimeout(0.2)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"nginx did not listen on port {port} within {START_TIMEOUT_S:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve the built site with nginx and the repository's configuration.")
    parser.add_argument("--dir", type=Path, default=ROOT / "site", help="folder to serve (default: site)")
    parser.add_argument("--base", default="/", help="the URL path the site was built for (default: /)")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    if not (args.dir / "index.html").is_file():
        print(f"nginx: {args.dir} has no index.html: run `make build` first", file=sys.stderr)
        return 1
    try:
        with serving(args.dir, args.base, args.port) as url:
            print(f"Serving {args.dir.resolve()} with nginx at {url} (Ctrl-C to stop)", flush=True)
            while True:
                time.sleep(3600)
    except NginxMissing as missing:
        print(f"nginx: {missing}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
