#!/usr/bin/env bash
# Set up everything the build and the tests need; idempotent, and about a second when done.
#   .venv            Python 3.12 venv with requirements/dev.lock and the core (editable)
#   node_modules     npm ci from package-lock.json (the self-hosted Pyodide runtime, TypeScript)
#   build/pyodide-wheels  the optional packages' wheels for the site's Pyodide (requirements/pyodide-wheels.txt:
#                    openpyxl, icalendar and their dependencies)
#   chromium         Debian's, for Playwright (Playwright cannot download browsers here)
#   soffice          Debian's LibreOffice Calc without a GUI, for the test that opens a workbook in it
#   nginx            Debian's, with its brotli_static module: the reference production server, which
#                    the tests and the bench run on a loopback port (scripts/nginx.py)
# A stamp per part records the hash of the inputs it was made from.
#   --build-only     only what the build needs (Python, npm, wheels): no browser, office or server
set -euo pipefail
cd "$(dirname "$0")/.."
build_only=false
if [ "${1:-}" = "--build-only" ]; then build_only=true; fi

hash_of() { cat "$@" | sha256sum | cut -c1-16; }

# --- Python -----------------------------------------------------------------
py_inputs=(requirements/dev.lock pyproject.toml scripts/setup.sh)
py_stamp=".venv/.setup-stamp"
py_hash="$(hash_of "${py_inputs[@]}")"
if [ ! -x .venv/bin/python ] || [ "$(cat "$py_stamp" 2>/dev/null)" != "$py_hash" ] \
    || ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
    source scripts/find_python.sh
    if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then
        echo "setup: creating .venv with $PY312"
        rm -rf .venv
        "$PY312" -m venv .venv
    fi
    echo "setup: installing requirements/dev.lock"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements/dev.lock
    # the core, editable; flit_core comes from the lock, so no build isolation (no network needed)
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
    echo "$py_hash" > "$py_stamp"
fi

# --- npm (Pyodide runtime, TypeScript) ---------------------------------------
npm_stamp="node_modules/.setup-stamp"
npm_hash="$(hash_of package.json package-lock.json)"
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_hash" ]; then
    echo "setup: npm ci"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$npm_hash" > "$npm_stamp"
fi

# --- Wheels for the site's Pyodide (the optional packages: openpyxl, icalendar, their dependencies) ---
# Downloaded here, checked against their hashes, so that the build never downloads anything.
wheels_dir="build/pyodide-wheels"
wheels_stamp="$wheels_dir/.setup-stamp"
wheels_hash="$(hash_of requirements/pyodide-wheels.txt)"
if [ "$(cat "$wheels_stamp" 2>/dev/null)" != "$wheels_hash" ]; then
    echo "setup: wheels for the site's Pyodide (requirements/pyodide-wheels.txt)"
    rm -rf "$wheels_dir"
    .venv/bin/python -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --require-hashes -r requirements/pyodide-wheels.txt -d "$wheels_dir" 2> >(grep -v "^WARNING: Location" >&2)
    echo "$wheels_hash" > "$wheels_stamp"
fi

if $build_only; then exit 0; fi

# --- Chromium (Debian) for Playwright -----------------------------------------
if ! command -v chromium >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq chromium >/dev/null
fi

# --- poppler-utils (Debian): pdftotext reads the reports the e2e tests print to PDF ----------------
if ! command -v pdftotext >/dev/null 2>&1; then
    echo "setup: installing Debian's poppler-utils"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq poppler-utils >/dev/null
fi

# --- LibreOffice Calc (Debian, no GUI): a test opens a workbook the core wrote in it ----------------
if ! command -v soffice >/dev/null 2>&1; then
    echo "setup: installing Debian's libreoffice-calc-nogui"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null
fi

# --- nginx (Debian) and its brotli module: the site as it is published (deploy/nginx/) -----------
if [ ! -x /usr/sbin/nginx ] || [ ! -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]; then
    echo "setup: installing Debian's nginx and libnginx-mod-http-brotli-static"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null
    # the package starts a server of its own on port 80 where systemd runs; the tests and the bench
    # start theirs on a free loopback port, so that one is stopped and left disabled
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
        echo "setup: stopping and disabling the nginx service the package started (the tests run their own)"
        $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
    fi
fi
