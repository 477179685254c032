# The two commands from a fresh clone: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app registry
PORT ?= 5000
# pytest-xdist workers for `make test` (each with its own databases); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= 2
export FLASK_APP := registry

.PHONY: run serve test install install-production assets bytecode setup demo demo-code lint bench lighthouse pa11y clean

$(VENV)/.installed: pyproject.toml
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv venv --quiet --allow-existing --python python3.11 $(VENV)
	VIRTUAL_ENV=$(VENV) uv pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

# Production: the package and its runtime dependencies only (no test tools).
$(VENV)/.installed-production: pyproject.toml
	@command -v uv >/dev/null || python3 -m pip install --quiet uv
	uv venv --quiet --allow-existing --python python3.11 $(VENV)
	VIRTUAL_ENV=$(VENV) uv pip install --quiet -e .
	@touch $@

install-production: $(VENV)/.installed-production

# Puppeteer (pa11y's) never downloads a browser of its own: pa11y and Lighthouse use the system Chromium.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: node_modules/.installed
	@test -x $(PY) || $(MAKE) install-production
	$(PY) -m registry.assets
	$(PY) -m registry.reference_data  # registry/data/postcodes.bin from the ONS Postcode Directory; skipped when current

# Bytecode compiled ahead, as a production image would have it: a gunicorn worker then starts in
# 1.4 s instead of 3.8 s (create_app at 100,000 mediators), and a server whose environment sets
# PYTHONDONTWRITEBYTECODE (as containers often do) never compiles every module at each start.
# Only changed files are compiled again (about 1.5 s when nothing changed).
bytecode:
	@test -x $(PY) || $(MAKE) install-production
	$(PY) -m compileall -q -j 0 registry $$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') >/dev/null

setup: install assets
	$(FLASK) setup

# Production (docs/deploy.md): upgrade the database, import standards and reference data (never
# demo data), then serve under gunicorn (gunicorn.conf.py), which refuses unsafe settings.
serve: install-production assets bytecode
	$(FLASK) setup
	$(VENV)/bin/gunicorn -c gunicorn.conf.py

demo: setup
	$(FLASK) demo-data

run: demo
	@$(FLASK) demo-data --print-sign-ins
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

# The demo staff sign-ins' second-factor code right now (what their authenticator app would show).
demo-code: install
	@$(FLASK) demo-data --print-code

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

test: install assets lint
	$(VENV)/bin/pytest -n $(TEST_WORKERS)

# The benchmark at scale, not part of `make test` (bench/run.py: builds and caches the data under /tmp,
# serves it under gunicorn, measures against a bare-driver ceiling, writes bench/results.md).
# BENCH_ARGS=--quick for a smoke run; BENCH_ARGS='--only verify-api --engines sqlite' and so on.
bench: install assets bytecode
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && { apt-get install -y -qq wrk || { apt-get update -qq && apt-get install -y -qq wrk; }; }; } \
		|| { echo "wrk is missing and only root can install it: apt-get install -y wrk" >&2; exit 1; }
	$(PY) -m bench.run $(BENCH_ARGS)

# Page quality against the demo served under gunicorn (scripts/served_demo.py), not part of `make test`:
# Lighthouse's mobile performance and layout shift on home, find, a profile and check; pa11y
# (HTML_CodeSniffer, WCAG2AA) over the public pages and each role's workspace. Both need /usr/bin/chromium.
lighthouse: install assets
	$(PY) scripts/lighthouse.py $(LIGHTHOUSE_ARGS)

pa11y: install assets
	$(PY) scripts/pa11y.py $(PA11Y_ARGS)

clean:
	rm -rf $(VENV) node_modules registry/static/govuk registry/data/postcodes.bin instance/register.sqlite3*
