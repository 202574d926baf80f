"""The site's HTTP headers, defined once: the Content-Security-Policy and the other security
headers, the content types, and how long a browser may keep each kind of file.

Three outputs read these definitions:

- ``scripts/serve.py`` sends them on every response (``response_headers``, ``content_type``);
- ``deploy/nginx/copc-site.conf``, the reference production server's configuration, and
  ``deploy/nginx/example.conf``, a server block that includes it, are generated from them
  (``python -m scripts.site_headers --write``; tests/site/test_publishing.py fails while the
  committed files differ);
- the build writes ``site/_headers`` (the format Netlify and Cloudflare Pages read) for the files
  it built (``headers_file``).

overrides/main.html carries the policy as a <meta> element too, for hosts that cannot send
headers, less frame-ancestors (a meta element cannot carry it): tests/site/test_csp.py checks it
against ``META_CONTENT_SECURITY_POLICY``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_DIR = ROOT / "deploy" / "nginx"
NGINX_INCLUDE = NGINX_DIR / "copc-site.conf"
NGINX_EXAMPLE = NGINX_DIR / "example.conf"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval'; "
    "worker-src 'self'; "
    "connect-src 'self'; "
    "img-src 'self' data:; "
    "style-src 'self'; "
    "font-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'; "
    "frame-ancestors 'none'"
)
# what a <meta> element can carry of it (browsers ignore frame-ancestors there)
META_CONTENT_SECURITY_POLICY = "; ".join(
    d for d in CONTENT_SECURITY_POLICY.split("; ") if not d.startswith("frame-ancestors")
)

# Sent with every response, pages and files alike (a worker's script gets its own policy from
# its response). HSTS is left to the server that terminates TLS: it means nothing over HTTP.
SECURITY_HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # a file is only what its Content-Type says (no script sniffed out of a JSON file)
    "X-Content-Type-Options": "nosniff",
    # the page never tells another site which page a reader came from
    "Referrer-Policy": "no-referrer",
    # frame-ancestors for browsers that predate it
    "X-Frame-Options": "DENY",
    # a page of another site that opened this one gets no handle on it, and the reverse
    "Cross-Origin-Opener-Policy": "same-origin",
    # other sites cannot load the site's files (Pyodide, the snapshot) into their pages
    "Cross-Origin-Resource-Policy": "same-origin",
}

# Content types by file extension: every kind of file the site has (tests/site/test_publishing.py
# checks that none is left to a server's defaults). Pyodide needs .wasm as application/wasm for
# streaming compilation, and module scripts and workers (.mjs) need a JavaScript type.
CONTENT_TYPES: dict[str, str] = {
    "html": "text/html",
    "css": "text/css",
    "js": "text/javascript",
    "mjs": "text/javascript",
    "json": "application/json",
    "map": "application/json",
    "webmanifest": "application/manifest+json",
    "xml": "application/xml",
    "txt": "text/plain",
    "svg": "image/svg+xml",
    "png": "image/png",
    "ico": "image/x-icon",
    "wasm": "application/wasm",
    "zip": "application/zip",
    "whl": "application/zip",
    "gz": "application/gzip",
}
DEFAULT_CONTENT_TYPE = "application/octet-stream"
# types whose text is UTF-8 and said so (a page read as Latin-1 would garble every Japanese word)
TEXT_TYPES = frozenset(t for t in CONTENT_TYPES.values() if t.startswith("text/")) | {
    "application/json", "application/manifest+json", "application/xml", "image/svg+xml",
}


def content_type(name: str) -> str:
    """The Content-Type header of a file named ``name``."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    media_type = CONTENT_TYPES.get(extension, DEFAULT_CONTENT_TYPE)
    return f"{media_type}; charset=utf-8" if media_type in TEXT_TYPES else media_type


@dataclass(frozen=True)
class CacheKind:
    """A kind of file as a browser's cache should treat it.

    ``patterns`` are regular expressions (the syntax Python and nginx's PCRE share) searched in a
    URL's path: anchored at the end, not at the start, so that they hold under any sub-path.
    """

    name: str
    cache_control: str
    patterns: tuple[str, ...]
    why: str


# The first kind whose pattern matches a path decides; REVALIDATE takes the rest.
NEVER = CacheKind(
    "never", "no-store", (r"/sw\.js$",),
    "the service worker's script: the browser must see each new build's at once (it names the build's caches)",
)
IMMUTABLE = CacheKind(
    "immutable", "public, max-age=31536000, immutable", (
        # Material's bundles, stylesheets and search worker carry a hash of their content
        r"/assets/(?:javascripts|stylesheets)/(?:[^/]+/)*[^/]+\.[0-9a-f]{8}\.min\.(?:js|css)$",
        # Pyodide's runtime, in a folder named after its version
        r"/assets/pyodide/[^/]+/(?:pyodide\.mjs|pyodide\.asm\.mjs|pyodide\.asm\.wasm|python_stdlib\.zip)$",
        # the core's memory snapshot, named after the core wheel's sha256
        r"/assets/pyodide/[^/]+/copc-core-[0-9a-f]{16}\.snapshot\.gz$",
        # the workbook's wheels, named after their pinned versions
        r"/assets/pyodide/[^/]+/(?:openpyxl|et_xmlfile)-[^/]+\.whl$",
    ),
    "named after their content or version: a new one has a new name",
)
REVALIDATE = CacheKind(
    "revalidate", "no-cache", (),
    "the same name for new content (pages, the calculators' modules, the core wheel and its lock, the "
    "search index): kept, but checked with the server before each use (an unchanged file costs a 304)",
)
CACHE_KINDS = (NEVER, IMMUTABLE, REVALIDATE)


def cache_kind(path: str) -> CacheKind:
    """The kind of the file at URL path ``path`` (``/assets/...`` or ``/copc/assets/...``)."""
    for kind in (NEVER, IMMUTABLE):
        if any(re.search(pattern, path) for pattern in kind.patterns):
            return kind
    return REVALIDATE


def response_headers(path: str) -> dict[str, str]:
    """Every header this definition gives the response for URL path ``path``, but its type."""
    return {**SECURITY_HEADERS, "Cache-Control": cache_kind(path).cache_control}


# --- nginx ----------------------------------------------------------------------------------

GENERATED = "# Generated by scripts/site_headers.py (python -m scripts.site_headers --write): do not edit.\n"


def _nginx_headers(kind: CacheKind, indent: str) -> list[str]:
    # `always`: the 404 page carries them too
    headers = {**SECURITY_HEADERS, "Cache-Control": kind.cache_control}
    return [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]


def nginx_include() -> str:
    """deploy/nginx/copc-site.conf: to include in the ``location`` that serves the site (see
    ``nginx_server``). No path in it names the site's sub-path."""
    types: dict[str, list[str]] = {}
    for extension, media_type in CONTENT_TYPES.items():
        types.setdefault(media_type, []).append(extension)
    lines = [
        GENERATED.rstrip("\n"),
        "#",
        "# The site's headers, types and cache policy, for the `location` that serves the built site:",
        "#     location /copc/ {",
        "#         include /etc/nginx/snippets/copc-site.conf;",
        "#         error_page 403 404 =404 /copc/404.html;",
        "#     }",
        "# (deploy/nginx/example.conf is a whole server block.) Needs Debian's",
        "# libnginx-mod-http-brotli-static for brotli_static; gzip_static is built into Debian's nginx.",
        "",
        "# the types the site relies on, and no others (a file of another kind is a download)",
        "types {",
        *(f"    {media_type} {' '.join(extensions)};" for media_type, extensions in types.items()),
        "}",
        f"default_type {DEFAULT_CONTENT_TYPE};",
        "charset utf-8;",
        f"charset_types {' '.join(sorted(TEXT_TYPES))};",
        "",
        "index index.html;",
        "# a folder's address without its slash is redirected by a relative Location (right behind a proxy)",
        "absolute_redirect off;",
        "",
        "# the build's precompressed copies (X.br, X.gz beside X), sent as they are to a browser that",
        "# accepts them; nothing is compressed on the fly",
        "brotli_static on;",
        "gzip_static on;",
        "gzip_vary on;",
        "",
        "# add_header in a location replaces every add_header of the level around it: each location",
        "# below repeats them all",
    ]
    for kind in (NEVER, IMMUTABLE):
        lines += ["", f"# {kind.name}: {kind.why}"]
        for pattern in kind.patterns:
            lines += [f'location ~ "{pattern}" {{', *_nginx_headers(kind, "    "), "}"]
    lines += [
        "",
        "# the build's header file for static hosts is no page",
        'location ~ "/_headers$" {',
        "    return 404;",
        "}",
        "",
        f"# {REVALIDATE.name}: {REVALIDATE.why}",
        *_nginx_headers(REVALIDATE, ""),
    ]
    return "\n".join(lines) + "\n"


def nginx_server(*, listen: str, server_name: str, root: str, base: str, include: str) -> str:
    """A server block serving the site at URL path ``base`` from ``root`` + ``base`` on disk."""
    if not (base.startswith("/") and base.endswith("/")):
        raise ValueError(f"the site's path must start and end with a slash: {base!r}")
    return (
        "server {\n"
        f"    listen {listen};\n"
        f"    server_name {server_name};\n"
        f"    root {root};\n"
        f"    location {base} {{\n"
        f"        include {include};\n"
        "        # the bilingual 404 page, also for a folder without a page\n"
        f"        error_page 403 404 =404 {base}404.html;\n"
        "    }\n"
        "}\n"
    )


def nginx_example() -> str:
    """deploy/nginx/example.conf: a server block for Debian's nginx, the site under /copc/."""
    return (
        GENERATED
        + "#\n"
        "# The site under https://guide.example.org/copc/, built with\n"
        "#     COPC_SITE_URL=https://guide.example.org/copc/ make build\n"
        "# and its site/ folder copied to /srv/www/copc/ (the folder's name is the sub-path: for the\n"
        "# site at the host's root, copy site/ to /srv/www/ itself and write `location /`, `/404.html`).\n"
        "# deploy/nginx/copc-site.conf goes to /etc/nginx/snippets/. TLS (certificates, HSTS) as your\n"
        "# other servers have it: on plain HTTP a browser runs no service worker but on localhost.\n"
        "\n"
        + nginx_server(listen="80", server_name="guide.example.org", root="/srv/www", base="/copc/",
                       include="/etc/nginx/snippets/copc-site.conf")
    )


# --- static hosts: _headers (Netlify, Cloudflare Pages) --------------------------------------

def headers_file(paths: Iterable[str], base: str = "/") -> str:
    """site/_headers for the site's files ``paths`` (relative to the site's folder), published at
    URL path ``base``.

    The security headers go to every path. Cache-Control goes only to the files that must not
    get a host's default (``public, max-age=0, must-revalidate`` on both hosts, which is
    REVALIDATE): each is named, as a rule of its own, so that no path matches two Cache-Control
    rules (Cloudflare Pages would join their values).
    """
    lines = ["# Generated by scripts/build_site.py from scripts/site_headers.py: do not edit.",
             "# The format of Netlify and Cloudflare Pages; other hosts ignore it.",
             f"{base}*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    for path in sorted(paths):
        url = base + path
        kind = cache_kind(url)
        if kind is not REVALIDATE:
            lines += [url, f"  Cache-Control: {kind.cache_control}"]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="The site's headers for nginx (deploy/nginx/).")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="write deploy/nginx/copc-site.conf and example.conf")
    action.add_argument("--check", action="store_true", help="exit 1 if the committed files differ")
    args = parser.parse_args()
    wanted = {NGINX_INCLUDE: nginx_include(), NGINX_EXAMPLE: nginx_example()}
    if args.write:
        NGINX_DIR.mkdir(parents=True, exist_ok=True)
        for path, text in wanted.items():
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT)}")
        return 0
    if args.check:
        stale = [str(p.relative_to(ROOT)) for p, t in wanted.items() if not p.is_file() or p.read_text("utf-8") != t]
        for name in stale:
            print(f"{name} differs from scripts/site_headers.py: run `python -m scripts.site_headers --write`")
        return 1 if stale else 0
    sys.stdout.write(wanted[NGINX_INCLUDE])
    return 0


if __name__ == "__main__":
    sys.exit(main())
