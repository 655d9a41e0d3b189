# Two commands on a fresh machine: `make run` serves the app, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install install-production run test lint audit bench screenshots test-tools

# Development: the app plus the test, browser and lint tools (requirements-dev.lock).
$(BIN)/.installed: requirements-dev.lock requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(BIN)/.installed

# Production: the app alone, from requirements.lock; no pytest, Playwright, hypothesis, ruff or
# mypy (docs/operator.md).
install-production:
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock

# Test-only tools from the npm registry, pinned in package-lock.json: axe-core for the browser
# tests and the Nu HTML Checker (vnu-jar). --ignore-scripts: vnu-jar's install script would
# fetch a Java of its own; Debian's is used.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test-tools: node_modules/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py runserver $(HOST)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python tools/mypy_baseline.py
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Known vulnerabilities in the production lock. It needs PyPI's or OSV's vulnerability service,
# so it is not part of `make lint`; --strict fails when a package could not be checked at all.
audit: install
	$(BIN)/pip-audit --strict --no-deps --disable-pip -r requirements.lock

# With STANDING_TEST_POSTGRES_URL (and optionally STANDING_TEST_REDIS_URL) set, the database and
# cache tests run a second time against the production stack: PostgreSQL via psycopg 3 and Redis.
test: lint test-tools
	$(BIN)/python -m pytest --durations=20
	@if [ -n "$$STANDING_TEST_POSTGRES_URL" ]; then \
	  echo "Again on PostgreSQL and Redis:"; \
	  DATABASE_URL="$$STANDING_TEST_POSTGRES_URL" CACHE_URL="$$STANDING_TEST_REDIS_URL" \
	    $(BIN)/python -m pytest --durations=20 -m "not browser and not html"; \
	fi

bench: install
	$(BIN)/python bench/letters.py

# Every main page at phone widths (320 and 390 px) and on a desktop, signed out and signed in,
# and each step of the main journeys on a phone (390x844) and a desktop, as full-page PNGs for
# reviewers.
screenshots: install test-tools
	STANDING_SCREENSHOTS=var/screenshots $(BIN)/python -m pytest -q tests/browser/test_phone_layout.py \
	  tests/browser/test_journeys_by_size.py tests/browser/test_keep_without_account.py
