#!/usr/bin/env bash
# Set up everything the build and the tests need; idempotent, and about a second when done.
#   .venv            Python 3.12 venv with requirements/dev.lock and the core (editable)
#   node_modules     npm ci from package-lock.json (the self-hosted Pyodide runtime, TypeScript)
#   build/pyodide-wheels  openpyxl and et-xmlfile wheels for the site's Pyodide (requirements/pyodide-wheels.txt)
#   chromium         Debian's, for Playwright (Playwright cannot download browsers here)
#   soffice          Debian's LibreOffice Calc without a GUI, for the test that opens a workbook in it
# A stamp per part records the hash of the inputs it was made from.
set -euo pipefail
cd "$(dirname "$0")/.."

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

# --- Wheels for the site's Pyodide (the workbook's openpyxl and et-xmlfile) --------------------
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
