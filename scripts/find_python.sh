# Sourced by the scripts: sets PY312 to a working Python 3.12 interpreter or exits.
# Looks at `python3.12` on PATH first (a pyenv shim there may not work, so it is run),
# then at pyenv's own versions.
PY312=""
for candidate in "$(command -v python3.12 || true)" "$HOME"/.pyenv/versions/3.12*/bin/python3.12; do
    if [ -n "$candidate" ] && [ -x "$candidate" ] \
        && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' >/dev/null 2>&1; then
        PY312="$candidate"
        break
    fi
done
if [ -z "$PY312" ]; then
    echo "error: Python 3.12 not found (tried python3.12 on PATH and ~/.pyenv/versions/3.12*/bin)" >&2
    exit 1
fi
