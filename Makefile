# make run   set up, load the demo on SQLite and serve it at http://127.0.0.1:8000 with its worker (make run PORT=8080)
# make test  set up and run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)
# make lint  ruff check, format check and mypy (types)
# make ci    what CI runs: tests on SQLite and PostgreSQL, then lint
# make boundaries SHARED_BOUNDARIES=path  rebuild data/boundaries/ from the full GeoJSON files (maintainers)
# make plotly  rebuild static/vendor/plotly/plotly-ucj.min.js, plotly.js with only our traces (maintainers)

PYTHON ?= python3
PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install install-dev run test lint format messages ci

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

install: $(VENV)/.runtime

install-dev: $(VENV)/.dev

# Links in reports and emails point at the port the server runs on.
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	# DEBUG on: the development server, static files from the source tree, no HTTPS redirect.
	DEBUG=true $(BIN)/python manage.py demo
	# The worker (imports, undo, ANALYZE) beside the server, stopped with it (Ctrl+C stops both).
	DEBUG=true $(BIN)/python manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DEBUG=true $(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (msgfmt); the compiled .mo files are committed so nobody else does.
messages: install-dev
	DEBUG=true $(BIN)/python manage.py makemessages -l id --no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	DEBUG=true $(BIN)/python manage.py compilemessages -l id --ignore '.venv/*'

ci:
	bash .ci/run

# Maintainers only: the tool's own virtualenv (shapely), never the app's.
TOOLS_VENV ?= $(or $(TMPDIR),/tmp)/ucj-data-tools

.PHONY: boundaries
boundaries:
	@test -n "$(SHARED_BOUNDARIES)" || { echo "usage: make boundaries SHARED_BOUNDARIES=path/to/boundaries"; exit 2; }
	test -x $(TOOLS_VENV)/bin/python || $(PYTHON) -m venv $(TOOLS_VENV)
	$(TOOLS_VENV)/bin/pip install -q -r data/tools/requirements.txt
	$(TOOLS_VENV)/bin/python data/tools/simplify_boundaries.py $(SHARED_BOUNDARIES)

# Maintainers only: needs node and npm; see static/vendor/plotly/VERSION.
.PHONY: plotly
plotly:
	bash tools/plotly/build.sh
