# Kleve Partnership: `make run` starts the demo, `make test` runs the whole test suite.
# Both set up .venv from the lock file first; nothing else needs installing but Python 3.12+ and make.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run test test-fast lint format migrate seed messages lock bench clean

help:
	@echo "make run    set up, migrate, seed the demo and serve it on http://$(HOST):$(PORT)/"
	@echo "make test   set up and run the whole test suite (browser tests need Debian's chromium)"
	@echo "make lint   ruff check and format check"
	@echo "make bench  load benchmark of the guest and public pages against static twins (benchmarks/results.json)"
	@echo "make soak   64 connections for 60 s (SOAK_SECONDS) at each guest and public page; any error fails (benchmarks/soak.json)"
	@echo "make bench-servers  gunicorn sync, gunicorn gthread and granian side by side (benchmarks/servers.json)"
	@echo "make fault  stop PostgreSQL for 10 s under load: 503s, recovery, no lost writes (benchmarks/fault.json)"
	@echo "make bench-conflicts  time the conflict check of a 500-item visit, written to benchmarks/conflicts.json"
	@echo "make lighthouse  Lighthouse on the public home, visit, event page and a guest link (benchmarks/lighthouse.json)"

$(STAMP): requirements.lock
	@PYTHON_BIN=$$(bin/find-python) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
		echo "Creating $(VENV) with $$PYTHON_BIN"; rm -rf $(VENV); "$$PYTHON_BIN" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $(STAMP)

setup: $(STAMP)

migrate: setup
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --noinput

seed: migrate
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://$(HOST):$(PORT)} $(PY) manage.py seed_demo

# The web server and one task worker (release notices) together; Ctrl-C stops both. Links in notices, PDFs and
# QR codes follow HOST and PORT unless DJANGO_SITE_URL names another address.
run: seed
	@echo
	@echo "Kleve Partnership runs at http://$(HOST):$(PORT)/  (staff: http://$(HOST):$(PORT)/admin/), with a task worker"
	@echo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} DJANGO_SITE_URL=$${DJANGO_SITE_URL:-http://$(HOST):$(PORT)} \
		bin/serve-with-worker $(PY) $(HOST):$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not browser" -x $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: setup
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --no-obsolete -l uk -l en --ignore=.venv --ignore=tests --ignore=benchmarks --ignore=staticfiles --ignore=media --ignore=private-media
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv

# Regenerate the lock file after changing pyproject.toml (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --group dev --generate-hashes --universal --python-version 3.12 -q -o requirements.lock

# Load benchmark (not part of `make test`): seeds its own database (kleve_bench beside DATABASE_URL's
# PostgreSQL, else benchmarks/bench.sqlite3; the server gets REDIS_URL when set), runs gunicorn on 127.0.0.1
# and drives each page and its static twin in three interleaved rounds with wrk; about four minutes. The
# server is stopped at the end, also on Ctrl-C. Without wrk it tries apt-get, then falls back to a Python
# load driver (slower: compare ratios, not rates).
WRK_OR_FALLBACK = command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null 2>&1; } || \
	echo "wrk is not installed: using the Python load driver"

bench: setup
	@$(WRK_OR_FALLBACK)
	$(PY) benchmarks/run_bench.py

# Soak (not part of `make test`): the same database and server as bench, 64 connections at each of the five
# guest and public URLs at once for SOAK_SECONDS (60); fails on any error, timeout or refused connection.
.PHONY: soak
soak: setup
	@$(WRK_OR_FALLBACK)
	$(PY) benchmarks/soak.py

# The application servers side by side on the same pages (same ratio method as bench); about nine minutes.
.PHONY: bench-servers
bench-servers: setup
	@$(WRK_OR_FALLBACK)
	$(PY) benchmarks/servers.py

# Fault test (never part of `make test`): stops this machine's PostgreSQL cluster for ten seconds under load.
.PHONY: fault
fault: setup
	$(PY) benchmarks/fault.py

# The conflict check of a visit with 500 items, in its own in-memory database (not part of `make test`).
.PHONY: bench-conflicts
bench-conflicts: setup
	$(PY) benchmarks/conflicts.py

# Lighthouse 12 (npx, Node 20) in Debian's Chromium on the demo served with production settings (not part of
# `make test`); fails on text compression, caching, console errors, DevTools issues or any accessibility audit.
.PHONY: lighthouse
lighthouse: setup
	$(PY) benchmarks/lighthouse.py

clean:
	rm -rf $(VENV) staticfiles media private-media db.sqlite3
