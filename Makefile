# Sức Trẻ — everyday commands.
#
#   make run          fresh machine → demo at http://127.0.0.1:8000 (SQLite, no Redis needed)
#   make test         the test suite that needs nothing but Python (PostgreSQL/worker tests: .ci/run)
#   make lint         ruff check + ruff format --check
#   make fmt          sort imports and format with ruff
#   make constraints  regenerate requirements/constraints.txt from .venv
#   make clean        remove caches and build output (keeps .venv and db.sqlite3)

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.suctre-installed
CONSTRAINTS := requirements/constraints.txt
LDCONFIG := $(shell command -v ldconfig 2>/dev/null || echo /sbin/ldconfig)
PYTEST_MARKERS := not postgres and not celery_worker

# Shared object WeasyPrint loads → the Debian package that ships it.
SYSTEM_LIBS := libpango-1.0.so.0:libpango-1.0-0 \
               libpangoft2-1.0.so.0:libpangoft2-1.0-0 \
               libharfbuzz-subset.so.0:libharfbuzz-subset0

.PHONY: help run test lint fmt constraints clean install check-python check-system-libs

help:
	@sed -n '3,9p' Makefile | sed 's/^# \{0,1\}//'

check-python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	  echo "Sức Trẻ needs Python 3.11, but '$(PYTHON)' was not found on PATH."; \
	  echo "Install it (Debian/Ubuntu: apt-get install python3.11 python3.11-venv)"; \
	  echo "or point the Makefile at it: make PYTHON=/path/to/python3.11 ..."; \
	  exit 1; }

check-system-libs:
	@missing=""; \
	for entry in $(SYSTEM_LIBS); do \
	  lib=$${entry%%:*}; pkg=$${entry##*:}; \
	  $(LDCONFIG) -p 2>/dev/null | grep -qF "$$lib" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "WeasyPrint (PDF certificates) needs system libraries that are missing:$$missing"; \
	  echo "Install them with:"; \
	  echo "  sudo apt-get install$$missing"; \
	  exit 1; \
	fi

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's dependencies or the pins change.
$(STAMP): pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install -c $(CONSTRAINTS) -e '.[dev]'
	@touch $@

install: check-python check-system-libs $(STAMP)

run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	@status=0; \
	DJANGO_SETTINGS_MODULE=lms.settings.test $(BIN)/pytest -m "$(PYTEST_MARKERS)" $(PYTEST_ARGS) || status=$$?; \
	echo; \
	echo "Not run here: tests marked postgres and celery_worker (they need PostgreSQL and a Celery worker on Redis; .ci/run runs them)"; \
	if [ ! -x /usr/bin/chromium ]; then \
	  echo "Browser tests (marker browser) skipped themselves: /usr/bin/chromium is missing (apt-get install chromium)."; \
	fi; \
	exit $$status

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: install
	$(BIN)/ruff check --select I --fix .
	$(BIN)/ruff format .

# After changing dependencies in pyproject.toml: install what is new, then pin everything.
constraints: check-python | $(BIN)/python
	$(BIN)/python -m pip install -e '.[dev]'
	$(BIN)/python -m pip freeze --exclude-editable > $(CONSTRAINTS)
	@touch $(STAMP)
	@echo "Wrote $(CONSTRAINTS); review the diff and commit it."

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -print -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache staticfiles test-results build *.egg-info
