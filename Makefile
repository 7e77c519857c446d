# newsflow — every target is listed by `make help` (the default goal).
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
# make eval writes its results under .newsflow/results (git-ignored); UPDATE=1 writes the tracked bench/results
RESULTS := $(if $(UPDATE),bench/results,.newsflow/results)

.PHONY: help venv run status test lint typecheck check demo bench bench-quick soak bench-stages eval eval-extraction eval-dedup eval-events eval-events-holdout eval-clustering train-clusterer feedparser-corpus schemas compose-check clean web-assets browser

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

status: $(INSTALLED) ## feeds, lag per stage, dead letters, last event, broker memory of the running pipeline (ARGS=--json)
	$(BIN)/newsflow status $(ARGS)

test: $(INSTALLED) feedparser-corpus browser ## run the whole test suite (embedded broker, local Postgres, fresh database, feedparser corpus)
	$(BIN)/pytest -q -p no:cacheprovider -n 2 --dist loadfile $(ARGS)

lint: $(INSTALLED) ## ruff
	$(BIN)/ruff check .

typecheck: $(INSTALLED) ## mypy on services/ and schemas/
	$(BIN)/mypy

check: lint typecheck compose-check test eval ## everything CI runs (.ci/run)

demo: $(INSTALLED) ## serve the bundled fictional corpus on loopback, run the pipeline once, print the events, then serve the web view (its URL last)
	$(BIN)/newsflow demo --web $(ARGS) || test $$? -eq 130  # Ctrl-C ends the web view: not a failure

bench: $(INSTALLED) ## the full benchmark harness (docs/benchmarks.md); writes bench/results.json and BENCHMARKS.md
	$(BIN)/newsflow-bench $(ARGS)

bench-quick: $(INSTALLED) ## the benchmark harness at small sizes (under 3 minutes)
	$(BIN)/newsflow-bench --quick $(ARGS)

soak: $(INSTALLED) ## 50,000 generated articles through the default newsflow run (hours); broker and worker RSS and CPU per article over time in bench/results/soak.json
	$(BIN)/python -m services.bench.soak $(ARGS)

bench-stages: $(INSTALLED) ## time normalise and extract on the demo corpus; writes .newsflow/results/stages.json (UPDATE=1: bench/results/)
	$(BIN)/newsflow-bench-stages --repeat 5 --out $(RESULTS)/stages.json

eval: eval-extraction eval-pages eval-dedup eval-events eval-events-holdout eval-clustering eval-plover eval-geo ## every quality gate (results in .newsflow/results, git-ignored; UPDATE=1 rewrites the tracked bench/results): extraction F1, page dates and bodies, near-duplicate P/R, event extraction and clustering (tuning and held-out sets), clustering on real news (ECB+), event types and actors on real sentences (PLOVER), places on real news (GeoWebNews)

eval-extraction: $(INSTALLED) ## score main-text extraction on ../shared/eval/article_extraction_benchmark; fails below bench/floors.json
	$(BIN)/newsflow-eval-extraction --out $(RESULTS)/eval_extraction.json $(ARGS)

eval-pages: $(INSTALLED) ## publication days and body completeness on real pages (../shared/eval/htmldate_dev), beside htmldate; writes .newsflow/results/eval_pages.json (UPDATE=1: bench/results/), fails past bench/floors.json
	$(BIN)/newsflow-eval-pages --out $(RESULTS)/eval_pages.json $(ARGS)

eval-plover: $(INSTALLED) ## event types and actors on real sentences (PLOVER gold standard, ../shared/eval/plover_gsr_dev); writes .newsflow/results/eval_plover.json (UPDATE=1: bench/results/), fails past bench/floors.json
	$(BIN)/newsflow-eval-plover --out $(RESULTS)/eval_plover.json $(ARGS)

eval-geo: $(INSTALLED) ## places on real news (GeoWebNews, ../shared/eval/geowebnews): gazetteer on gold spans, event places end to end; writes .newsflow/results/eval_geo.json (UPDATE=1: bench/results/), fails past bench/floors.json
	$(BIN)/newsflow-eval-geo --out $(RESULTS)/eval_geo.json $(ARGS)

eval-dedup: $(INSTALLED) ## near-duplicate precision/recall and state bytes per article; writes .newsflow/results/eval_neardup.json (UPDATE=1: bench/results/), fails below bench/floors.json
	$(BIN)/newsflow-eval-dedup --out $(RESULTS)/eval_neardup.json $(ARGS)

eval-events: $(INSTALLED) ## score event extraction and clustering on eval/events; writes .newsflow/results/eval_events.json (UPDATE=1: bench/results/), fails below bench/floors.json
	$(BIN)/newsflow-eval-events --out $(RESULTS)/eval_events.json $(ARGS)

eval-clustering: $(INSTALLED) ## document-level event clustering on real news (ECB+ topics 1-35 in ../shared/eval/ecbplus_dev) through normalise, extract and cluster; writes .newsflow/results/eval_clustering.json (UPDATE=1: bench/results/), fails below bench/floors.json
	$(BIN)/newsflow-eval-clustering --out $(RESULTS)/eval_clustering.json $(ARGS)

train-clusterer: $(INSTALLED) ## refit the clusterer's scorer (services/clusterer/data/scorer.json) on ECB+ topics 1-35 and eval/events, with cross-validation by topic
	$(BIN)/newsflow-train-clusterer $(ARGS)

eval-events-holdout: $(INSTALLED) ## the same figures on the held-out set eval/events-holdout; writes .newsflow/results/eval_events_holdout.json (UPDATE=1: bench/results/), fails below its holdout_events_ floors
	$(BIN)/newsflow-eval-events --corpus eval/events-holdout --floor-prefix holdout_events_ --out $(RESULTS)/eval_events_holdout.json $(ARGS)

schemas: $(INSTALLED) ## export JSON Schema files for every topic record into schemas/json
	$(BIN)/newsflow schemas --out schemas/json

compose-check: $(INSTALLED) ## validate docker-compose.yml statically (no Docker engine needed)
	$(BIN)/python tools/check_compose.py docker-compose.yml

WEB_LIB := services/web/static/lib
WEB_NPM := web/node_modules

web-assets: ## rebuild the web view's bundled libraries and basemap (services/web/static/lib) from the pinned npm packages in web/
	cd web && npm ci --no-audit --no-fund
	mkdir -p $(WEB_LIB)
	cp $(WEB_NPM)/leaflet/dist/leaflet.js $(WEB_NPM)/leaflet/dist/leaflet.css $(WEB_LIB)/
	cp $(WEB_NPM)/leaflet.markercluster/dist/leaflet.markercluster.js $(WEB_LIB)/
	cp $(WEB_NPM)/leaflet.markercluster/dist/MarkerCluster.css $(WEB_NPM)/leaflet.markercluster/dist/MarkerCluster.Default.css $(WEB_LIB)/
	cp $(WEB_NPM)/topojson-client/dist/topojson-client.min.js $(WEB_LIB)/
	cp $(WEB_NPM)/world-atlas/countries-110m.json $(WEB_LIB)/
	cd $(WEB_LIB) && sha256sum *.js *.css *.json > SHA256SUMS

browser: ## headless Chromium and its WebDriver for the web view's browser tests (Debian packages; installs them as root when missing)
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then echo "chromium and chromedriver are installed"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null && echo "installed chromium and chromium-driver"; \
	else echo "the browser tests need Debian's chromium and chromium-driver: sudo apt-get install -y chromium chromium-driver" >&2; exit 1; fi

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
