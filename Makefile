# newsflow — every target is listed by `make help` (the default goal).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: help venv run test lint typecheck check demo bench schemas compose-check clean

help: ## list the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

venv: $(INSTALLED) ## create the virtualenv (if missing) and install newsflow with its pinned dependencies

run: $(INSTALLED) ## run the pipeline continuously on the default feed list (ARGS="--feeds FILE" to change)
	$(BIN)/newsflow run $(ARGS)

test: $(INSTALLED) ## run the whole test suite (embedded broker, local Postgres, fresh database)
	$(BIN)/pytest -q -p no:cacheprovider $(ARGS)

lint: $(INSTALLED) ## ruff
	$(BIN)/ruff check .

typecheck: $(INSTALLED) ## mypy on services/ and schemas/
	$(BIN)/mypy

check: lint typecheck test ## everything CI runs

demo: $(INSTALLED) ## serve the bundled fictional corpus on loopback, run the pipeline once, print the events
	$(BIN)/newsflow demo

bench: $(INSTALLED) ## benchmark the CPU-bound stages on the demo corpus; writes bench/results/stages.json
	$(BIN)/newsflow-bench-stages --repeat 5

schemas: $(INSTALLED) ## export JSON Schema files for every topic record into schemas/json
	$(BIN)/newsflow schemas --out schemas/json

compose-check: ## validate docker-compose.yml statically (no Docker engine needed)
	$(BIN)/python tools/check_compose.py docker-compose.yml

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) .newsflow
