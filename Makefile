# Due Regard: `make run` serves the demo, `make test` runs the whole suite.
# Everything else here is a step those two call; each step is skipped when already done.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench lint format migrate seed setup clean

setup: $(VENV)/.installed node_modules/.installed build/static/app.css

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Due Regard needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/app.css: node_modules/.installed $(wildcard static_src/*.scss)
	@mkdir -p build/static
	npm run --silent build

migrate: setup
	$(PY) manage.py migrate --noinput

run: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py seed_demo --print-logins
	@# The task worker (the email outbox, the register's files) runs beside the server and
	@# stops with it. Links in emails point at this server unless DUE_REGARD_SITE_URL says.
	export DUE_REGARD_SITE_URL=$${DUE_REGARD_SITE_URL:-http://$(HOST):$(PORT)}; \
	$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_ALLOWED_HOSTS=$(HOST),localhost $(PY) manage.py runserver $(HOST):$(PORT)

# Every core: the layers run in parallel, each worker with its own test database.
test: setup
	$(PY) -m pytest -n auto

bench: setup
	$(PY) -m pip install --quiet -e ".[bench]" || echo "WeasyPrint did not install here: the benchmark skips its PDF comparison"
	$(PY) -m benchmarks

lint: setup
	$(VENV)/bin/lint-imports
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) node_modules build
