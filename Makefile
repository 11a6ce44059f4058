# Mitt stöd — the two commands a fresh machine needs:
#   make run    set up, migrate, load demo data, serve on http://127.0.0.1:5000
#   make test   set up with test tools (Chromium, Playwright, axe), run every test
#               on SQLite and on PostgreSQL (127.0.0.1:5432, database "test")
# Both are safe to run again: each step skips what is already done.

SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
FLASK := $(VENV)/bin/flask --app wsgi.py
HOST ?= 127.0.0.1
PORT ?= 5000
# Pango and fonts for WeasyPrint's PDFs; Chromium and poppler for the tests.
RUN_APT := fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0
TEST_APT := $(RUN_APT) chromium poppler-utils
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test setup setup-test assets translations system-packages db demo \
        test-sqlite test-postgresql lint serve

run: setup db demo serve

test: setup-test lint test-sqlite test-postgresql

# -- setup ------------------------------------------------------------------

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[test]"
	touch $@

setup: system-packages $(VENV)/.installed assets translations

setup-test: APT_PACKAGES = $(TEST_APT)
setup-test: setup

assets: portal/static/vendor/htmx.min.js

# htmx for the pages; oidc-provider (a dev dependency) for the interoperability tests.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

portal/static/vendor/htmx.min.js: node_modules/.package-lock.json
	mkdir -p portal/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@

translations: $(VENV)/.installed
	$(PY) -m babel.messages.frontend compile -d translations --statistics 2>&1 | tail -n 1

# Debian packages (needs root; skipped when present).
APT_PACKAGES ?= $(RUN_APT)
system-packages:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

# -- run --------------------------------------------------------------------

# The app defaults to production and refuses to start without its secrets;
# the run command is development, on this machine's own address.
db demo serve: export PORTAL_ENV ?= development
db demo serve: export PORTAL_PUBLIC_URL ?= http://$(HOST):$(PORT)

db: setup
	$(FLASK) db upgrade

demo: setup
	$(FLASK) demo seed

serve:
	@echo ""
	@echo "  Mitt stöd runs at http://$(HOST):$(PORT)/  (simulated BankID at /dev-idp)"
	@echo "  Stop with Ctrl+C."
	@echo ""
	$(VENV)/bin/gunicorn --bind $(HOST):$(PORT) --workers 2 --threads 8 \
	  --access-logfile - --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(L)ss' wsgi:app

# -- test -------------------------------------------------------------------

lint: setup
	$(VENV)/bin/ruff check portal tests wsgi.py

test-sqlite: setup
	PORTAL_TEST_DATABASE=sqlite $(PY) -m pytest -p no:cacheprovider -q

test-postgresql: setup
	@pg_isready -h 127.0.0.1 -p 5432 -q || { \
	  echo "PostgreSQL is not answering at 127.0.0.1:5432; trying to start it"; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; sleep 2; }
	PORTAL_TEST_DATABASE=postgresql $(PY) -m pytest -p no:cacheprovider -q
