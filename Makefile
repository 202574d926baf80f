# make serve | make test | make build | make bench | make setup | make clean | make build-subpath
# Everything runs from the project's .venv (Python 3.12), node_modules (Pyodide, TypeScript) and
# Debian's chromium, all installed by scripts/setup.sh (about a second when already done).

PY          := .venv/bin/python
PORT        ?= 8000
PYTEST_ARGS ?=
TYPED_DIRS  := src tests hooks scripts bench
# the JavaScript: the page's (lib dom) and the workers' (lib webworker) cannot share one program
TSCONFIGS   := tsconfig.json tsconfig.workers.json
JS_TESTS    := tests/js/*.test.mjs
export NO_MKDOCS_2_WARNING := 1

# the site built for a sub-path, as published under /copc/ (tests/e2e/test_sub_path.py serves it with nginx)
SUBPATH_SITE := build/site-copc
SUBPATH_URL  := http://127.0.0.1:8000/copc/

.PHONY: serve test build build-subpath bench setup lint clean

setup:
	@bash scripts/setup.sh

build: setup
	@$(PY) scripts/build_site.py

build-subpath: build  # after it: both builds write build/wheel/
	@COPC_SITE_DIR=$(SUBPATH_SITE) $(PY) scripts/build_site.py --site-url $(SUBPATH_URL)

serve: build
	@$(PY) scripts/serve.py --port $(PORT)

# ruff, mypy, tsc, node --test and pytest all run; the target fails if any of them failed
test: build build-subpath
	@status=0; \
	echo "== ruff check"; .venv/bin/ruff check || status=1; \
	dirs=$$(for d in $(TYPED_DIRS); do [ -n "$$(find $$d -name '*.py' -print -quit 2>/dev/null)" ] && echo $$d; done); \
	echo "== mypy --strict" $$dirs; .venv/bin/mypy --strict $$dirs || status=1; \
	for c in $(TSCONFIGS); do echo "== tsc -p $$c"; node_modules/.bin/tsc --noEmit -p $$c || status=1; done; \
	echo "== node --test"; node --test $(JS_TESTS) || status=1; \
	echo "== pytest"; $(PY) -m pytest $(PYTEST_ARGS) || status=1; \
	exit $$status

# benchmarks (print numbers, not tests): the core in CPython, the copc-cx command, then the site in headless Chromium
BENCH_ARGS  ?=
bench: build
	@$(PY) bench/bench_core.py
	@$(PY) bench/bench_metrics.py
	@$(PY) bench/bench_metrics_browser.py
	@$(PY) bench/bench_cli.py
	@$(PY) bench/bench_browser.py $(BENCH_ARGS)
	@$(PY) bench/bench_files.py

lint: setup
	.venv/bin/ruff check
	.venv/bin/mypy --strict $(TYPED_DIRS)
	for c in $(TSCONFIGS); do node_modules/.bin/tsc --noEmit -p $$c || exit 1; done

clean:
	rm -rf .venv node_modules site build dist test-results .pytest_cache .mypy_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name '*.egg-info' -prune -exec rm -rf {} +
