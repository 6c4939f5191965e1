# Pioneer: `make run` to try it, `make test` to check it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
SASS := node_modules/.bin/sass
CSS := build/static/css/pioneer.css
PYTHON ?= python3

.PHONY: help setup run test lint fmt worker serve bench check-python

help:
	@echo "make run     set up, load the demo and serve on http://127.0.0.1:$(PORT)"
	@echo "make test    set up and run migrations check, lint and the whole test suite"
	@echo "make lint    ruff check and format check;  make fmt  format and fix"
	@echo "make worker  a Celery worker with beat, against REDIS_URL"
	@echo "make bench   seed national-scale data into PostgreSQL and time the key pages (bench/README.md)"

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
		echo "Pioneer needs Python 3.12 or newer, but '$(PYTHON)' is $$($(PYTHON) --version 2>&1)."; \
		echo "Install it (with pyenv: 'pyenv install 3.12'; .python-version then selects it),"; \
		echo "or run: make PYTHON=/path/to/python3.12 $(MAKECMDGOALS)"; \
		exit 1; }

$(VENV)/.installed: requirements.txt requirements-dev.txt .python-version
	@$(MAKE) --no-print-directory check-python
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then \
		echo "Replacing $(VENV), which was made with an older Python"; rm -rf $(VENV); fi
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(CSS): static/scss/pioneer.scss node_modules/.installed
	@mkdir -p $(dir $(CSS))
	$(SASS) --no-source-map --style=compressed --load-path=node_modules --quiet-deps $< $@

setup: $(VENV)/.installed node_modules/.installed $(CSS)

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo "Pioneer is at http://127.0.0.1:$(PORT) (demo password: pioneer-demo)"
	VENV=$(VENV) PORT=$(PORT) bin/run

# The suite runs in parallel, a process per core (TEST_WORKERS=0: in this process). With
# loadgroup each test is sent on its own, in collection order, so every process runs the
# tests that empty the database (transactional, browser) after the others; a module
# marked xdist_group stays in one process, so its data is seeded once. pytest-randomly
# shuffles the order and prints the seed: --randomly-seed=N repeats a run.
TEST_WORKERS ?= auto
test: setup
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: setup
	$(VENV)/bin/celery -A fellowship worker --beat --loglevel=info

# Scale 1.0 is the national-scale data set of PRODUCT.md; SCALE=0.1 for a quick look.
SCALE ?= 1.0
BENCH_ARGS ?=
bench: setup
	$(PY) bench/run.py --scale $(SCALE) $(BENCH_ARGS)

serve: setup
	$(PY) manage.py collectstatic --noinput
	$(VENV)/bin/gunicorn fellowship.wsgi --bind 127.0.0.1:$(PORT)
