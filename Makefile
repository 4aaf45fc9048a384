# Two commands do everything: `make run` (demo) and `make test` (whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/lms

.PHONY: run test smoke screenshots lint format bench worker clean lock

# Installs come from the hashed lock files only (pip, setuptools included): pip refuses any
# file whose sha256 is not in the lock, so CI tests exactly what production installs.
# requirements*.txt hold the direct pins; `make lock` turns them into requirements*.lock.
PIP_INSTALL := $(PY) -m pip install --quiet --require-hashes --no-deps

$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.lock | $(PY)
	$(PIP_INSTALL) -r requirements.lock
	touch $@

$(VENV)/.installed-dev: requirements.lock requirements-dev.lock | $(PY)
	$(PIP_INSTALL) -r requirements-dev.lock
	touch $@ $(VENV)/.installed

## Regenerate the hashed lock files after changing a pin in requirements*.txt.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet \
	--generate-hashes --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.installed-dev
	$(PIP_COMPILE) --output-file requirements.lock requirements.txt
	$(PIP_COMPILE) --output-file requirements-dev.lock requirements-dev.txt

## Demo: SQLite and in-process tasks unless DATABASE_URL / CELERY_BROKER_URL are set.
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## Whole suite against PostgreSQL (and Redis where Celery is tested).
test: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/bandit -q -r lms courses certificates -x "*/migrations/*" --severity-level medium
	.ci/audit
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) .ci/check_services.py
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(VENV)/bin/pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory smoke

## The demo as `make run` serves it (SQLite, seed_demo data, in-process tasks): every page for
## every demo person, and key pages in Chromium at a phone's width.
smoke: $(VENV)/.installed-dev
	$(VENV)/bin/pytest --ds=lms.settings.smoke tests/smoke $(SMOKE_ARGS)

## The README's screenshots (docs/screenshots/), taken from the demo by the browser checks.
screenshots: $(VENV)/.installed-dev
	DOCS_SCREENSHOTS=1 $(VENV)/bin/pytest --ds=lms.settings.smoke tests/smoke -m e2e

## Benchmarks (not part of the test command): PostgreSQL database lms_bench, tables in bench/results/.
$(VENV)/.installed-bench: requirements-bench.txt requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(VENV)/.installed-dev $(VENV)/.installed-bench
	$(PY) bench/seed_scale.py
	$(PY) bench/bench_certificates.py
	$(PY) bench/bench_hr.py
	$(PY) bench/bench_supervisor.py
	$(PY) bench/bench_analytics.py
	$(PY) bench/bench_status_list.py
	$(PY) bench/bench_audit_packet.py
	$(PY) bench/load.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A lms worker -B --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
