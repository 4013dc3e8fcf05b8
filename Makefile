# make run   set up, load the demo on SQLite and serve it at http://127.0.0.1:8000
# make test  set up and run the whole test suite (DATABASE_URL=postgres://... for PostgreSQL)
# make lint  ruff check and format check
# make ci    what CI runs: tests on SQLite and PostgreSQL, then lint

PYTHON ?= python3
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

run: install
	# DEBUG on: the development server, static files from the source tree, no HTTPS redirect.
	DEBUG=true $(BIN)/python manage.py demo
	DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install-dev
	$(BIN)/pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Needs GNU gettext (msgfmt); the compiled .mo files are committed so nobody else does.
messages: install-dev
	DEBUG=true $(BIN)/python manage.py makemessages -l id --no-obsolete --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	DEBUG=true $(BIN)/python manage.py compilemessages -l id --ignore '.venv/*'

ci:
	bash .ci/run
