# newsflow — every target is listed by `make help` (the default goal).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: help venv run test lint typecheck check demo bench bench-quick soak bench-stages eval eval-extraction eval-dedup eval-events eval-events-holdout eval-clustering train-clusterer feedparser-corpus schemas compose-check clean

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

test: $(INSTALLED) feedparser-corpus ## run the whole test suite (embedded broker, local Postgres, fresh database, feedparser corpus)
	$(BIN)/pytest -q -p no:cacheprovider $(ARGS)

lint: $(INSTALLED) ## ruff
	$(BIN)/ruff check .

typecheck: $(INSTALLED) ## mypy on services/ and schemas/
	$(BIN)/mypy

check: lint typecheck compose-check test eval ## everything CI runs (.ci/run)

demo: $(INSTALLED) ## serve the bundled fictional corpus on loopback, run the pipeline once, print the events
	$(BIN)/newsflow demo

bench: $(INSTALLED) ## the full benchmark harness (issue 7); writes bench/results.json and BENCHMARKS.md
	$(BIN)/newsflow-bench $(ARGS)

bench-quick: $(INSTALLED) ## the benchmark harness at small sizes (under 3 minutes)
	$(BIN)/newsflow-bench --quick $(ARGS)

soak: $(INSTALLED) ## 50,000 generated articles through the default newsflow run (hours); broker and worker RSS and CPU per article over time in bench/results/soak.json
	$(BIN)/python -m services.bench.soak $(ARGS)

bench-stages: $(INSTALLED) ## time normalise and extract on the demo corpus; writes bench/results/stages.json
	$(BIN)/newsflow-bench-stages --repeat 5

eval: eval-extraction eval-pages eval-dedup eval-events eval-events-holdout eval-clustering eval-plover eval-geo ## every quality gate: extraction F1, page dates and bodies, near-duplicate P/R, event extraction and clustering (tuning and held-out sets), clustering on real news (ECB+), event types and actors on real sentences (PLOVER), places on real news (GeoWebNews)

eval-extraction: $(INSTALLED) ## score main-text extraction on ../shared/eval/article_extraction_benchmark; fails below bench/floors.json
	$(BIN)/newsflow-eval-extraction $(ARGS)

eval-pages: $(INSTALLED) ## publication days and body completeness on real pages (../shared/eval/htmldate_dev), beside htmldate; writes bench/results/eval_pages.json, fails past bench/floors.json
	$(BIN)/newsflow-eval-pages $(ARGS)

eval-plover: $(INSTALLED) ## event types and actors on real sentences (PLOVER gold standard, ../shared/eval/plover_gsr_dev); writes bench/results/eval_plover.json, fails past bench/floors.json
	$(BIN)/newsflow-eval-plover $(ARGS)

eval-geo: $(INSTALLED) ## places on real news (GeoWebNews, ../shared/eval/geowebnews): gazetteer on gold spans, event places end to end; writes bench/results/eval_geo.json, fails past bench/floors.json
	$(BIN)/newsflow-eval-geo $(ARGS)

eval-dedup: $(INSTALLED) ## near-duplicate precision/recall and state bytes per article; writes bench/results/eval_neardup.json, fails below bench/floors.json
	$(BIN)/newsflow-eval-dedup $(ARGS)

eval-events: $(INSTALLED) ## score event extraction and clustering on eval/events; writes bench/results/eval_events.json, fails below bench/floors.json
	$(BIN)/newsflow-eval-events $(ARGS)

eval-clustering: $(INSTALLED) ## document-level event clustering on real news (ECB+ topics 1-35 in ../shared/eval/ecbplus_dev) through normalise, extract and cluster; writes bench/results/eval_clustering.json, fails below bench/floors.json
	$(BIN)/newsflow-eval-clustering $(ARGS)

train-clusterer: $(INSTALLED) ## refit the clusterer's scorer (services/clusterer/data/scorer.json) on ECB+ topics 1-35 and eval/events, with cross-validation by topic
	$(BIN)/newsflow-train-clusterer $(ARGS)

eval-events-holdout: $(INSTALLED) ## the same figures on the held-out set eval/events-holdout; writes bench/results/eval_events_holdout.json, fails below its holdout_events_ floors
	$(BIN)/newsflow-eval-events --corpus eval/events-holdout --floor-prefix holdout_events_ --out bench/results/eval_events_holdout.json $(ARGS)

schemas: $(INSTALLED) ## export JSON Schema files for every topic record into schemas/json
	$(BIN)/newsflow schemas --out schemas/json

compose-check: ## validate docker-compose.yml statically (no Docker engine needed)
	$(BIN)/python tools/check_compose.py docker-compose.yml

FEEDPARSER_VERSION := 6.0.14
FEEDPARSER_CORPUS := vendor/feedparser-corpus

feedparser-corpus: $(INSTALLED) ## download feedparser's test feeds (sdist tests/, ~2,200 files) into vendor/feedparser-corpus
	@if [ -d $(FEEDPARSER_CORPUS)/wellformed ]; then echo "$(FEEDPARSER_CORPUS) is ready"; else \
	  tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(BIN)/python -m pip download --quiet --no-binary :all: --no-deps feedparser==$(FEEDPARSER_VERSION) -d "$$tmp" && \
	  tar xzf "$$tmp/feedparser-$(FEEDPARSER_VERSION).tar.gz" -C "$$tmp" feedparser-$(FEEDPARSER_VERSION)/tests && \
	  test -d "$$tmp/feedparser-$(FEEDPARSER_VERSION)/tests/wellformed" && mkdir -p $(dir $(FEEDPARSER_CORPUS)) && \
	  rm -rf $(FEEDPARSER_CORPUS) && mv "$$tmp/feedparser-$(FEEDPARSER_VERSION)/tests" $(FEEDPARSER_CORPUS) && \
	  echo $(FEEDPARSER_VERSION) > $(FEEDPARSER_CORPUS)/VERSION && \
	  echo "$$(find $(FEEDPARSER_CORPUS) -type f | wc -l) files in $(FEEDPARSER_CORPUS)"; fi

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) .newsflow
