# clubs_exchange: `make run` and `make test` do all the set-up on a fresh machine with Python 3.11.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app clubs_exchange
HTMX_VERSION := $(shell sed -n 's/^HTMX_VERSION = "\(.*\)"/\1/p' clubs_exchange/config.py)

.PHONY: run test install install-dev migrate seed reset-demo vendor-htmx lint bench bench-growth soak soak-faults clean translations compile-translations

$(BIN)/activate: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.dev: $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/activate compile-translations

install-dev: $(VENV)/.dev compile-translations

# The catalogues: clubs_exchange/translations/<lang>/LC_MESSAGES/messages.po are kept in git; the compiled .mo
# files are made here (and by the wheel's build step, setup.py) and never committed.
TRANSLATIONS := clubs_exchange/translations
PYBABEL := $(BIN)/pybabel
compile-translations: $(BIN)/activate
	@$(PYBABEL) compile -d $(TRANSLATIONS) >/dev/null 2>&1 || $(PYBABEL) compile -d $(TRANSLATIONS)

# Extract every message of the code, page and mail templates (babel.cfg) and merge it into each catalogue;
# then translate what `msgfmt --statistics` counts as untranslated or fuzzy (tests/test_translations.py fails on it).
translations: $(BIN)/activate
	@$(PYBABEL) -q extract -F babel.cfg -k _l -k lazy_gettext -k pgettext:1c,2 -k npgettext:1c,2,3 \
	  -k lazy_pgettext:1c,2 -k N_ --add-location=file --sort-by-file \
	  --project clubs_exchange --copyright-holder "clubs_exchange" -o $(TRANSLATIONS)/messages.pot .
	@$(PYBABEL) -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching --ignore-obsolete
	@for po in $(TRANSLATIONS)/*/LC_MESSAGES/messages.po; do printf '%s: ' $$po; msgfmt --statistics -o /dev/null $$po 2>&1; done

migrate: install
	$(FLASK) db upgrade

seed: migrate
	$(FLASK) seed-demo

# Fresh demo data: only the embedded SQLite database is ever deleted, never one that DATABASE_URL names.
reset-demo: install
	@if [ -n "$$DATABASE_URL" ]; then echo "reset-demo deletes only instance/clubs_exchange.db; DATABASE_URL is set: refusing." >&2; exit 1; fi
	rm -f instance/clubs_exchange.db
	$(FLASK) db upgrade
	$(FLASK) seed-demo

run: seed
	@echo "Serving on http://127.0.0.1:5000  (Ctrl-C stops)"
	$(FLASK) run --host 127.0.0.1 --port 5000

# The test assets (htmx from npm, for the browser tests' CDN route) come from package.json when npm is there.
node_modules/.installed: package.json
	@if command -v npm >/dev/null 2>&1; then npm install --silent --no-audit --no-fund && touch $@; \
	else echo "npm not found: browser tests will be skipped"; fi

# The suite is spread over TEST_WORKERS processes (pytest-xdist; each has its own database): `make test
# TEST_WORKERS=0` runs it in one. PYTEST_ARGS adds to pytest's arguments (e.g. -m "not slow").
TEST_WORKERS ?= 2
PYTEST_ARGS ?=
test: install-dev
	@$(MAKE) --no-print-directory node_modules/.installed || true
	$(BIN)/pytest -q -rs -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .

vendor-htmx:
	@mkdir -p static/vendor
	cd static/vendor && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null && \
	  tar -xzf htmx.org-$(HTMX_VERSION).tgz package/dist/htmx.min.js && \
	  mv package/dist/htmx.min.js htmx.min.js && rm -rf package htmx.org-$(HTMX_VERSION).tgz
	@echo "static/vendor/htmx.min.js is htmx $(HTMX_VERSION); set CLUBS_EXCHANGE_HTMX_SELF_HOSTED=true to use it."

clean:
	rm -rf $(VENV) node_modules

# Load test of the key pages on the scale data set (README, "Performance"). wrk is Debian's C load generator:
# low overhead, so the client leaves the machine's 2 cores to the server.
bench: install
	@command -v wrk >/dev/null 2>&1 || (apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null))
	$(BIN)/python bench/run.py

# Issue 14's growth check: each key page rendered at factor 1 and at factor 5 (BENCH_GROWTH_FACTOR), not part of
# `make bench` (seeding 500,000 proposals takes minutes); PostgreSQL too where DATABASE_URL points to it.
bench-growth: install
	$(BIN)/python bench/growth.py

# An office day on two app hosts behind nginx, then every write reconciled (README, "Soak and faults").
# SOAK_SECONDS (600) and SOAK_CONNECTIONS (64); its own PostgreSQL cluster, Redis and SMTP server, removed after.
# Needs root (pg_createcluster, apt-get for nginx-light if missing); the client (httpx) is a dev dependency.
soak: install-dev
	$(BIN)/python bench/soak.py
soak-faults: install-dev
	$(BIN)/python bench/soak.py --faults
